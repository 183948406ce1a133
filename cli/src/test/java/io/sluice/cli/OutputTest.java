package io.sluice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.api.status.HealthCode;
import io.sluice.api.status.SyncCode;
import io.sluice.cli.get.AppRow;
import io.sluice.cli.get.Output;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutputTest {
    private final List<AppRow> rows = List.of(
            new AppRow("web-app", "flux-system", "Kustomization", SyncCode.SYNCED, HealthCode.HEALTHY, "main@sha1:abc123",
                    "Applied revision: main@sha1:abc123"));

    private String print(Output format) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        format.print(rows, AppRow.class, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void tableHasAlignedColumnsUnderUppercaseHeaders() {
        String[] lines = print(Output.TABLE).split("\n");
        assertTrue(lines[0].startsWith("NAME      NAMESPACE     KIND"), lines[0]);
        assertEquals(lines[0].indexOf("SYNC"), lines[1].indexOf("Synced"));
    }

    @Test
    void jsonAndYamlCarryEveryField() {
        assertTrue(print(Output.JSON).contains("\"revision\" : \"main@sha1:abc123\""));
        assertTrue(print(Output.YAML).contains("health: \"Healthy\""));
    }

    @Test
    void unknownFormatIsRefusedByName() {
        var e = assertThrows(IllegalArgumentException.class, () -> Output.parse("xml"));
        assertTrue(e.getMessage().contains("'xml'"));
    }
}
