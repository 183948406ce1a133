package io.sluice.image.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.OptionalDouble;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each text with what Go 1.26's strconv.ParseFloat(text, 64) gives for it (null: an error), as printed by Go
 * itself: the numerical policy must take exactly the tags Flux takes as numbers.
 */
class GoFloatTest {

    static Stream<Arguments> asGoReadsIt() {
        return Stream.of(
                arguments("1_000", 1000.0),
                arguments("1_000.5", 1000.5),
                arguments("0x1p3", 8.0),
                arguments("0x_1p3", 8.0),
                arguments("0x1_0p0", 16.0),
                arguments("1e5", 100000.0),
                arguments("1E+5", 100000.0),
                arguments(".5", 0.5),
                arguments("5.", 5.0),
                arguments("inf", Double.POSITIVE_INFINITY),
                arguments("Inf", Double.POSITIVE_INFINITY),
                arguments("+Inf", Double.POSITIVE_INFINITY),
                arguments("-infinity", Double.NEGATIVE_INFINITY),
                arguments("nan", Double.NaN),
                arguments("NaN", Double.NaN),
                arguments("+nan", null),
                arguments("-nan", null),
                arguments("1e400", null),
                arguments("-1e400", null),
                arguments("1e-400", 0.0),
                arguments("0x1.8p1", 3.0),
                arguments("0x1", null),
                arguments("1d", null),
                arguments("1f", null),
                arguments(" 1", null),
                arguments("1 ", null),
                arguments("", null),
                arguments("-", null),
                arguments("+1", 1.0),
                arguments("0b101", null),
                arguments("0o17", null),
                arguments("1__0", null),
                arguments("_1", null),
                arguments("1_", null),
                arguments("0x1.p1", 2.0),
                arguments("0x.8p1", 1.0),
                arguments("00012", 12.0),
                arguments("1.5e", null),
                arguments("infinityx", null),
                arguments("infi", null),
                arguments("0x1P-2", 0.25),
                arguments("1.e3", 1000.0),
                arguments("1e+", null),
                arguments("0X1p0", 1.0),
                arguments("1e0_1", 10.0),
                arguments("1_e5", null),
                arguments("0x1_p1", null),
                arguments("0_1", 1.0),
                arguments("9007199254740993", 9.007199254740992e+15),
                arguments("1.7976931348623157e308", 1.7976931348623157e+308),
                arguments("1.7976931348623159e308", null),
                arguments("0x1.fffffffffffff8p1023", null),
                arguments("4.9e-324", 5e-324),
                arguments("2e-324", 0.0),
                arguments("-0", -0.0));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @MethodSource
    void asGoReadsIt(String text, Double number) {
        assertEquals(number == null ? OptionalDouble.empty() : OptionalDouble.of(number), GoFloat.parse(text));
    }
}
