package io.sluice.api.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Label selectors decide by the rules of Kubernetes' labels.Requirement.Matches, operator by operator. */
class LabelSelectorTest {
    private static final Map<String, String> LABELS = Map.of("app", "web", "tier", "front");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "app | In           | web,api | true",
        "app | In           | api     | false",
        "env | In           | prod    | false",
        "app | NotIn        | api     | true",
        "app | NotIn        | web     | false",
        "env | NotIn        | prod    | true",
        "app | Exists       |         | true",
        "env | Exists       |         | false",
        "env | DoesNotExist |         | true",
        "app | DoesNotExist |         | false"})
    void aRequirementMatchesAsKubernetesDecides(String key, String operator, String values, boolean matches) {
        List<String> list = values == null ? List.of() : List.of(values.split(","));
        LabelSelector selector = new LabelSelector(Map.of(),
                List.of(new LabelSelector.Requirement(key, operator, list)));
        assertEquals(matches, selector.matches(LABELS));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"web | true", "api | false"})
    void matchLabelsMustAllHoldAndEmptySelectsEverything(String app, boolean matches) {
        assertEquals(matches, new LabelSelector(Map.of("app", app, "tier", "front"), List.of()).matches(LABELS));
        assertEquals(true, new LabelSelector(Map.of(), List.of()).matches(LABELS));
    }
}
