package io.keras4j.callbacks;

import io.keras4j.autodiff.Variable;
import io.keras4j.layers.Layer;
import io.keras4j.models.Sequential;
import io.keras4j.random.Random;
import io.keras4j.tensor.Tensor;
import io.keras4j.trainers.FitOptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

class BackupAndRestoreTest {
    @TempDir Path dir;

    @BeforeEach void reset() { Layer.clearSession(); }

    private static final int EPOCHS = 4;

    /** The same program every time: seed, data, model; fit 4 epochs of 5 batches with extra callbacks. */
    private static Sequential fit(Callback... callbacks) {
        Layer.clearSession();
        Random.setSeed(99);
        Tensor[] d = Fixtures.regression(40, 13);
        Sequential m = Fixtures.mlp();
        m.fit(d[0], d[1], new FitOptions().epochs(EPOCHS).batchSize(8).verbose(0).callbacks(callbacks));
        return m;
    }

    /** Thrown to interrupt a fit the way a crash would: no on_train_end. */
    private static final class Crash extends RuntimeException {}

    private static LambdaCallback crashAt(int epoch, int batch) {
        return new LambdaCallback().onTrainBatchEnd(new LambdaCallback.IndexedHook() {
            int currentEpoch = -1;
            @Override public void accept(int b, java.util.Map<String, Double> l) {
                if (b == 0) currentEpoch++;
                if (currentEpoch == epoch && b == batch) throw new Crash();
            }
        });
    }

    @Test void fitResumedFromAnEpochAndStepInMemoryRepeatsTheUninterruptedRun() {
        // Independent of the file format: the trainer's shuffling and dropout depend on (seed, epoch, step) only.
        List<Tensor> expected = fit().getWeights();
        List<Tensor> weights = new ArrayList<>();
        List<Tensor> optimizerState = new ArrayList<>();
        Sequential[] first = new Sequential[1];
        LambdaCallback stop = new LambdaCallback().onTrainBatchEnd(new LambdaCallback.IndexedHook() {
            int epoch = -1;
            @Override public void accept(int b, java.util.Map<String, Double> l) {
                if (b == 0) epoch++;
                if (epoch == 1 && b == 2) {
                    weights.addAll(first[0].getWeights());
                    for (Variable v : first[0].optimizer().variables()) optimizerState.add(v.numpy());
                    first[0].setStopTraining(true);
                }
            }
        });
        // The model is created inside fit(); take it from the callback's model.
        Callback capture = new Callback() {
            @Override public void onTrainBegin(java.util.Map<String, Double> l) { first[0] = (Sequential) model(); }
        };
        fit(capture, stop);
        assertFalse(weights.isEmpty());

        Callback restore = new Callback() {
            @Override public void onTrainBegin(java.util.Map<String, Double> l) {
                Sequential m = (Sequential) model();
                m.optimizer().build(m.trainableVariables());
                m.setWeights(weights);
                List<Variable> vs = m.optimizer().variables();
                for (int i = 0; i < vs.size(); i++) vs.get(i).assign(optimizerState.get(i));
                m.resumeFrom(1, 3);
            }
        };
        Fixtures.assertSameWeights(expected, fit(restore).getWeights());
        // The resume point matters: one step off gives other weights.
        Callback offByOne = new Callback() {
            @Override public void onTrainBegin(java.util.Map<String, Double> l) {
                restore.setModel(model());
                restore.onTrainBegin(l);
                model().resumeFrom(1, 2);
            }
        };
        assertFalse(java.util.Arrays.equals(expected.get(0).toFloatArray(), fit(offByOne).getWeights().get(0).toFloatArray()));
    }

    @Test void aCrashedFitResumesFromTheLastEpochBackup() {
        List<Tensor> expected = fit().getWeights();
        Path backup = dir.resolve("backup");
        assertThrows(Crash.class, () -> fit(new BackupAndRestore(backup.toString()), crashAt(2, 3)));
        assertTrue(Files.exists(backup.resolve("latest.weights.h5")));
        assertEquals("{\"epoch\":2,\"batch\":0,\"batches_done\":0}", readString(backup.resolve("training_metadata.json")));
        List<Integer> epochsRun = new ArrayList<>();
        Sequential resumed = fit(new BackupAndRestore(backup.toString()), new LambdaCallback().onEpochBegin((e, l) -> epochsRun.add(e)));
        assertEquals(List.of(2, 3), epochsRun);
        Fixtures.assertSameWeights(expected, resumed.getWeights());
        assertFalse(Files.exists(backup), "deleted at the end of training");
    }

    @Test void aCrashedFitResumesFromTheLastBatchBackup() {
        List<Tensor> expected = fit().getWeights();
        Path backup = dir.resolve("backup");
        // 5 batches per epoch, a save every 3 batches: after e0 b2 and e1 b0; the crash is at e1 b2, before the next.
        assertThrows(Crash.class, () -> fit(new BackupAndRestore(backup.toString()).saveFreq(3), crashAt(1, 2)));
        assertEquals("{\"epoch\":1,\"batch\":0,\"batches_done\":1}", readString(backup.resolve("training_metadata.json")));
        List<String> batchesRun = new ArrayList<>();
        LambdaCallback log = new LambdaCallback().onTrainBatchBegin((b, l) -> batchesRun.add("b" + b));
        Sequential resumed = fit(new BackupAndRestore(backup.toString()).saveFreq(3).deleteCheckpoint(false), log);
        assertEquals(List.of("b1", "b2", "b3", "b4"), batchesRun.subList(0, 4));
        assertEquals(4 + 5 * 2, batchesRun.size());
        Fixtures.assertSameWeights(expected, resumed.getWeights());
        assertTrue(Files.exists(backup.resolve("latest.weights.h5")), "kept with delete_checkpoint=False");
    }

    @Test void doubleCheckpointKeepsThePreviousBackupToFallBackOn() throws Exception {
        Path backup = dir.resolve("backup");
        assertThrows(Crash.class, () -> fit(new BackupAndRestore(backup).doubleCheckpoint(true), crashAt(2, 0)));
        assertEquals("{\"epoch\":1,\"batch\":0,\"batches_done\":0}", readString(backup.resolve("training_metadata.json.bkp")));
        // A damaged latest backup: the previous one (end of epoch 1) is used.
        Files.writeString(backup.resolve("latest.weights.h5"), "not hdf5");
        List<Integer> epochsRun = new ArrayList<>();
        fit(new BackupAndRestore(backup).doubleCheckpoint(true), new LambdaCallback().onEpochBegin((e, l) -> epochsRun.add(e)));
        assertEquals(List.of(1, 2, 3), epochsRun);
    }

    @Test void aKerasMetadataFileWithoutBatchesDoneResumesAtItsEpoch() throws Exception {
        Path backup = Files.createDirectories(dir.resolve("backup"));
        Files.writeString(backup.resolve("training_metadata.json"), "{\"epoch\": 3, \"batch\": 0}");
        List<Integer> epochsRun = new ArrayList<>();
        fit(new BackupAndRestore(backup), new LambdaCallback().onEpochBegin((e, l) -> epochsRun.add(e)));
        assertEquals(List.of(3), epochsRun);
    }

    @Test void badArgumentsInKerasWords() {
        assertEquals("Empty `backup_dir` argument passed", assertThrows(IllegalArgumentException.class, () -> new BackupAndRestore("")).getMessage());
        assertEquals("Invalid value for argument `save_freq`. Received: save_freq=often. Expected either 'epoch' or an integer value.",
                assertThrows(IllegalArgumentException.class, () -> new BackupAndRestore("b").saveFreq("often")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new BackupAndRestore("b").saveFreq(0));
    }

    /** A child JVM is killed at a random moment of its fit; rerunning it ends where an uninterrupted run ends. */
    @Test void aKilledProcessResumesToTheSameWeights() throws Exception {
        List<String> uninterrupted = runChild(dir.resolve("b0"), dir.resolve("w0.txt"), "epoch", 0, -1);
        java.util.Random r = new java.util.Random();
        for (String freq : List.of("epoch", "5")) {
            Path backup = dir.resolve("b-" + freq);
            Path out = dir.resolve("w-" + freq + ".txt");
            // Kill after the first backup exists, at a random moment up to ~1.5 s later (the fit is slowed to ~50 ms per batch).
            runChild(backup, out, freq, 50, r.nextInt(1500));
            assertFalse(Files.exists(out), "the first run was killed before it ended");
            assertTrue(Files.exists(backup.resolve("latest.weights.h5")));
            assertEquals(uninterrupted, runChild(backup, out, freq, 0, -1), "save_freq=" + freq);
        }
    }

    /** Runs the child to its end (killAfterMs < 0) or kills it that long after its first backup; returns its weights. */
    private static List<String> runChild(Path backup, Path out, String freq, long sleepMs, long killAfterMs) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                BackupAndRestoreChild.class.getName(), backup.toString(), out.toString(), freq, Long.toString(sleepMs))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        try {
            if (killAfterMs >= 0) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (!Files.exists(backup.resolve("latest.weights.h5")) && p.isAlive() && System.nanoTime() < deadline) Thread.sleep(5);
                Thread.sleep(killAfterMs);
                assertTrue(p.isAlive(), "the child ended before it could be killed");
                p.destroyForcibly();
                p.waitFor(60, TimeUnit.SECONDS);
                return List.of();
            }
            assertTrue(p.waitFor(300, TimeUnit.SECONDS), "child timed out");
            assertEquals(0, p.exitValue(), "child failed");
            return Files.readAllLines(out);
        } finally {
            p.destroyForcibly();
        }
    }

    private static String readString(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
