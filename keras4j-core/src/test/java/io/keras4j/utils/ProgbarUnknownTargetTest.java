package io.keras4j.utils;

import io.keras4j.callbacks.ProgbarLogger;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The progress bar of a dataset of unknown length (Keras's {@code Progbar(target=None)}). */
class ProgbarUnknownTargetTest {
    @Test void anUnknownTargetShowsTheCountOverUnknownAndNoBar() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Progbar bar = new Progbar(-1, 1, new PrintStream(buf, true, StandardCharsets.UTF_8), "step", true);
        bar.update(5, Map.of("loss", 0.5), false);
        String s = buf.toString(StandardCharsets.UTF_8);
        // Keras: "%7d/Unknown" then the elapsed time, the time per step and the metrics.
        assertTrue(s.matches("\r      5/Unknown \\d+s \\d+(us|ms|s)/step - loss: 0\\.5000"), s);
        assertFalse(s.contains("━"));
        assertFalse(s.contains("\n"), "an unknown target never finalizes by itself");
    }

    @Test void theLoggerLearnsTheStepCountAtTheEndOfTheFirstEpoch() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        ProgbarLogger logger = new ProgbarLogger(new PrintStream(buf, true, StandardCharsets.UTF_8));
        Map<String, Object> params = new HashMap<>();
        params.put("epochs", 2);
        params.put("steps", null);
        params.put("verbose", 1);
        logger.setParams(params);
        logger.onTrainBegin(Map.of());
        for (int epoch = 0; epoch < 2; epoch++) {
            logger.onEpochBegin(epoch, Map.of());
            for (int b = 0; b < 3; b++) logger.onTrainBatchEnd(b, Map.of("loss", 1.0));
            logger.onEpochEnd(epoch, Map.of("loss", 1.0));
        }
        String s = buf.toString(StandardCharsets.UTF_8);
        // Not a terminal: one final line per epoch, with the step count found by running out.
        String[] lines = s.split("\n");
        assertEquals("Epoch 1/2", lines[0]);
        assertTrue(lines[1].startsWith("3/3 ━"), s);
        assertEquals("Epoch 2/2", lines[2]);
        assertTrue(lines[3].startsWith("3/3 ━"), s);
    }
}
