package io.keras4j.utils;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.*;

class ProgbarTest {
    private static String run(int verbose, boolean dynamic) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
        Progbar bar = new Progbar(47, verbose, out, "step", dynamic);
        Map<String, Double> logs = new TreeMap<>(Map.of("loss", 0.28114, "accuracy", 0.91333));
        for (int i = 1; i <= 47; i++) bar.update(i, logs);
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test void notATerminalPrintsOneFinalLine() {
        String s = run(1, false);
        assertTrue(s.matches("47/47 ━{20} \\d+s \\d+(us|ms|s)/step - accuracy: 0\\.9133 - loss: 0\\.2811\n"), s);
    }

    @Test void terminalRedrawsInPlace() {
        String s = run(1, true);
        assertTrue(s.startsWith("\r"), s);
        assertTrue(s.endsWith("\n"));
        assertEquals(1, s.chars().filter(c -> c == '\n').count());
    }

    @Test void verboseTwoIsOneLinePerEpoch() {
        assertTrue(run(2, false).matches("47/47 - \\d+s - \\d+(us|ms|s)/step - accuracy: 0\\.9133 - loss: 0\\.2811\n"));
    }

    @Test void smallValuesUseScientificNotation() {
        assertEquals(" - loss: 1.2300e-04", Progbar.metrics(Map.of("loss", 1.23e-4)));
    }

    @Test void longCellsWrapInsteadOfBeingCut() {
        assertEquals(java.util.List.of("conv2d[0][0],", "conv2d_1[0][0]"), ModelSummary.wrap("conv2d[0][0], conv2d_1[0][0]", 15));
        assertEquals(java.util.List.of("global_aver", "age_pooling"), ModelSummary.wrap("global_average_pooling", 11));
        assertEquals(java.util.List.of("short"), ModelSummary.wrap("short", 11));
    }

    @Test void sizesReadAsKerasPrintsThem() {
        assertEquals("2.55 MB", ModelSummary.readableSize(669_706 * 4));
        assertEquals("0.00 B", ModelSummary.readableSize(0));
        assertEquals("1.00 KB", ModelSummary.readableSize(1024));
    }
}
