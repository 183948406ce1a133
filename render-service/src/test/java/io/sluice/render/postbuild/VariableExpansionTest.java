package io.sluice.render.postbuild;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sluice.render.postbuild.VariableExpansion.SubstitutionException;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Flux's post-build substitution syntax, case by case (expected values as Flux's envsubst gives them). */
class VariableExpansionTest {
    private static final Map<String, String> VARS = Map.of(
            "cluster", "prod-eu", "mixed", "abcdEFGH28ij", "upper", "ABCDEFGH28IJ", "empty", "",
            "path", "/home/bozo/ideas/thoughts.for.today", "file", "bash.string.txt", "slashed", "foo/bar/baz",
            "z", "abcABC123ABCabc");

    private static String expand(String text) throws SubstitutionException {
        return VariableExpansion.expand(text, VARS::get);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "name: web-${cluster}                      | name: web-prod-eu",
        "no expressions: $cluster $ {cluster} $    | no expressions: $cluster $ {cluster} $",
        "${missing}                                | \"\"",
        "${missing:=fallback}                      | fallback",
        "${empty:=fallback}                        | fallback",
        "${cluster:=fallback}                      | prod-eu",
        "${missing=x} ${missing:-y} ${missing:?z} ${missing:+w} | x y z w",
        "${missing:=}                              | \"\"",
        "${missing:=${cluster}-suffix}             | prod-eu-suffix",
        "${missing:=pre${cluster}-${missing:=d}}   | preprod-eu-d",
        "$${cluster}                               | ${cluster}",
        "cost: $$5 and $$$$                        | cost: $5 and $$",
        "something $${var=${cluster}}              | something ${var=prod-eu}",
        "$$${cluster}                              | $prod-eu",
        "${#mixed} ${#missing}                     | 12 0",
        "${mixed^} ${mixed^^} ${upper,} ${upper,,} | AbcdEFGH28ij ABCDEFGH28IJ aBCDEFGH28IJ abcdefgh28ij",
        "${path:11}|ideas/thoughts.for.today",
        "${path:99}${path:11:5} ${path:x}          | ideas /home/bozo/ideas/thoughts.for.today",
        "${z/abc/xyz} ${z//abc/xyz} ${z/#abc/XYZ} ${z/%abc/XYZ} | xyzABC123ABCabc xyzABC123ABCxyz XYZABC123ABCabc abcABC123ABCXYZ",
        "${slashed//\\//-} ${file/./}              | foo-bar-baz bashstring.txt",
        "${file#*.} ${file##*.} ${file%.*} ${file%%.*} | string.txt txt bash.string bash",
        "${path##*/} ${path#/*/} ${file%[a-z]xt}   | thoughts.for.today bozo/ideas/thoughts.for.today bash.string.",
    })
    void expandsAsFlux(String text, String expected) throws SubstitutionException {
        assertEquals(expected.strip(), expand(text.strip()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "image: ${}                   | unable to parse variable name in '${}' at line 1",
        "a: 1\\nimage: ${tag-latest}   | missing closing brace in '${tag-latest}' at line 2",
        "image: ${tag:=latest         | unable to parse substitution within function in '${tag:=latest' at line 1",
        "image: ${tag                 | missing closing brace in '${tag' at line 1",
        "image: ${tag/x}              | bad substitution in '${tag/x}' at line 1",
    })
    void refusesWhatFluxCannotParse(String text, String message) {
        SubstitutionException error = assertThrows(SubstitutionException.class,
                () -> expand(text.strip().replace("\\n", "\n")));
        assertEquals(message.strip(), error.getMessage());
    }
}
