package io.keras4j.trainers;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * "A dataset larger than the heap trains with bounded memory", literally: a child JVM with a
 * 64 MiB heap fits a model on a generator pipeline (parallel map, shuffle buffer, batch, prefetch)
 * that produces 4x its heap per epoch, 8x over the fit. Any stage or trainer structure that kept
 * the examples it had seen would end the child with OutOfMemoryError.
 */
class DatasetLargerThanHeapTest {
    private static final int HEAP_MB = 64;
    private static final int FEATURES = 1023; // + 1 target: 4 KiB of float32 per example
    private static final int EXAMPLES = 65_536; // 256 MiB per epoch
    private static final int BATCH = 256;
    private static final int EPOCHS = 2;

    @TempDir Path dir;

    private record Run(boolean ended, int exitValue, String out) {}

    private Run runChild(int shuffleBuffer, int timeoutSeconds) throws Exception {
        String java = System.getProperty("java.home") + "/bin/java";
        // ExitOnOutOfMemoryError: the first OutOfMemoryError anywhere ends the child at once, with
        // status 3. Without it a thread blocked in java.util.concurrent when the heap ran out can hang.
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx" + HEAP_MB + "m", "-XX:+ExitOnOutOfMemoryError", "--add-modules", "jdk.incubator.vector",
                "-cp", System.getProperty("java.class.path"), DatasetLargerThanHeapChild.class.getName(),
                Integer.toString(FEATURES), Integer.toString(EXAMPLES), Integer.toString(BATCH),
                Integer.toString(shuffleBuffer), Integer.toString(EPOCHS))
                .redirectErrorStream(true);
        // To a file, not a pipe: reading a pipe would block past the timeout if the child hung.
        Path log = dir.resolve("child-" + shuffleBuffer + ".log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        boolean ended;
        try {
            ended = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        } finally {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        return new Run(ended, ended ? p.exitValue() : -1, Files.readString(log));
    }

    @Test void aDatasetSeveralTimesTheHeapTrainsInAChildJvmWithBoundedMemory() throws Exception {
        Run run = runChild(1_000, 120); // a modest shuffle buffer: ~4 MiB
        String out = run.out();
        assertTrue(run.ended(), () -> "the child hung:\n" + out);
        assertFalse(out.contains("OutOfMemoryError"), () -> "the child ran out of memory:\n" + out);
        assertEquals(0, run.exitValue(), () -> "child failed:\n" + out);

        Map<String, String> r = new HashMap<>();
        for (String line : out.split("\\R")) {
            int eq = line.indexOf('=');
            if (eq > 0) r.put(line.substring(0, eq), line.substring(eq + 1));
        }
        long maxHeap = Long.parseLong(r.get("max_heap"));
        assertTrue(maxHeap <= (HEAP_MB + 1) * 1024L * 1024L, () -> "-Xmx did not reach the child: " + out);
        long bytes = Long.parseLong(r.get("bytes_produced"));
        assertEquals(4L * (FEATURES + 1) * EXAMPLES * EPOCHS, bytes, out);
        assertTrue(bytes >= 8 * maxHeap, () -> "the data must exceed the heap 8 times over: " + out);
        assertTrue(bytes / EPOCHS >= 4 * maxHeap, () -> "one epoch must exceed the heap 4 times over: " + out);
        // Every example produced was trained on: the pipeline dropped nothing to stay small.
        assertEquals((long) EXAMPLES * EPOCHS, Long.parseLong(r.get("examples_produced")), out);
        assertEquals((long) EXAMPLES * EPOCHS, Long.parseLong(r.get("examples_trained")), out);
        // Bounded, not merely lucky: after a full GC at an epoch end, far less than the heap is live.
        assertTrue(Long.parseLong(r.get("live_after_epoch")) < maxHeap / 2, () -> "too much retained between epochs: " + out);
        double first = Double.parseDouble(r.get("first_loss")), last = Double.parseDouble(r.get("last_loss"));
        assertTrue(Double.isFinite(first) && Double.isFinite(last), out);
        assertTrue(last < first, () -> "the model learned nothing: " + out);
    }

    @Test void theSameProgramHoldingAnEpochInItsShuffleBufferRunsOutOfMemory() throws Exception {
        // The check above can fail: with a shuffle buffer as large as the epoch (256 MiB) the very
        // same child must die of OutOfMemoryError, as it would if any stage or the trainer kept
        // what it had seen.
        Run run = runChild(EXAMPLES, 90);
        assertTrue(run.ended(), () -> "the child hung:\n" + run.out());
        assertEquals(3, run.exitValue(), run.out()); // ExitOnOutOfMemoryError's status
        assertTrue(run.out().contains("OutOfMemoryError"), run.out());
        assertFalse(run.out().contains("examples_trained="), run.out());
    }
}
