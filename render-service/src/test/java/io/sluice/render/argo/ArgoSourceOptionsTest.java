package io.sluice.render.argo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.api.argo.HelmOptions;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pieces of an Application's options that are read as Argo CD reads them, without rendering. */
class ArgoSourceOptionsTest {

    @Test
    void globsMatchAcrossFoldersWithBracesAndClasses() {
        ArgoGlob yaml = ArgoGlob.compile("{*.yaml,*.yml}");
        assertTrue(yaml.matches("a.yaml"));
        assertTrue(yaml.matches("sub/deep/b.yml"), "'*' crosses '/' as in Argo CD");
        assertFalse(yaml.matches("c.json"));
        assertTrue(ArgoGlob.compile("env-[ab]/*").matches("env-a/config.yaml"));
        assertFalse(ArgoGlob.compile("env-[!ab]/*").matches("env-a/config.yaml"));
        assertTrue(ArgoGlob.compile("config?.yaml").matches("config1.yaml"));
        assertFalse(ArgoGlob.compile("config.yaml").matches("configXyaml"), "'.' is literal");
    }

    @Test
    void parametersAreAssignedAsHelmParsesArgosSetArguments() {
        assertEquals(Map.of("hosts", "a,b"), ArgoHelmChart.assignments(parameter("hosts", "a,b")));
        assertEquals(Map.of("path", "C:\\temp"), ArgoHelmChart.assignments(parameter("path", "C:\\\\temp")));
        assertEquals(Map.of("args[0]", "--verbose", "args[1]", "a,b"),
                ArgoHelmChart.assignments(parameter("args", "{--verbose,a\\,b}")));
    }

    private static HelmOptions.Parameter parameter(String name, String value) {
        return new HelmOptions.Parameter(name, value, false);
    }
}
