package io.keras4j.callbacks;

import io.keras4j.layers.Layer;
import io.keras4j.layers.core.Dense;
import io.keras4j.layers.core.Input;
import io.keras4j.layers.KerasTensor;
import io.keras4j.models.Model;
import io.keras4j.models.Models;
import io.keras4j.random.Random;
import io.keras4j.tensor.Tensor;
import io.keras4j.trainers.FitOptions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

class ModelCheckpointTest {
    @TempDir Path dir;

    @BeforeEach void reset() { Layer.clearSession(); Random.setSeed(6); }

    /** A model that records what it was asked to save instead of writing it. */
    static final class Recording extends Model {
        final List<String> saved = new ArrayList<>();

        Recording(KerasTensor in, KerasTensor out) { super(in, out); }

        @Override public void save(Path path) { saved.add("model " + path.getFileName()); }

        @Override public void saveWeights(Path path) { saved.add("weights " + path.getFileName()); }
    }

    private static Recording recording() {
        KerasTensor in = Input.of(3);
        Recording m = new Recording(in, new Dense(1).apply(new Dense(4, "relu").apply(in)));
        m.compile("sgd", "mse");
        return m;
    }

    /** A callback that puts a scripted "score" in each epoch's logs, before the checkpoint sees them. */
    private static LambdaCallback score(double... values) {
        return new LambdaCallback().onEpochEnd((e, l) -> l.put("score", values[e]));
    }

    @Test void fileNamesFollowThePythonTemplate() {
        Tensor[] d = Fixtures.regression(16, 1);
        Recording m = recording();
        m.fit(d[0], d[1], new FitOptions().epochs(3).batchSize(8).verbose(0)
                .callbacks(score(0.5, 0.123, 2.0), new ModelCheckpoint(dir.resolve("model-{epoch:02d}-{score:.2f}.keras").toString())));
        assertEquals(List.of("model model-01-0.50.keras", "model model-02-0.12.keras", "model model-03-2.00.keras"), m.saved);
    }

    @Test void saveBestOnlyWritesOnlyOnImprovement() {
        Tensor[] d = Fixtures.regression(16, 1);
        Recording m = recording();
        ModelCheckpoint c = new ModelCheckpoint(dir.resolve("best-{epoch}.weights.h5")).monitor("score").mode("min").saveBestOnly(true).saveWeightsOnly(true);
        m.fit(d[0], d[1], new FitOptions().epochs(6).batchSize(8).verbose(0).callbacks(score(3, 2, 2, 2.5, 1, 1.5), c));
        // improvements at epochs 1, 2 and 5 (1-based): 3 (first), 2, then 1; 2 again is not better.
        assertEquals(List.of("weights best-1.weights.h5", "weights best-2.weights.h5", "weights best-5.weights.h5"), m.saved);
        assertEquals(1.0, c.best());
    }

    @Test void initialValueThresholdMustBeBeatenFirst() {
        Tensor[] d = Fixtures.regression(16, 1);
        Recording m = recording();
        m.fit(d[0], d[1], new FitOptions().epochs(4).batchSize(8).verbose(0).callbacks(score(0.5, 0.9, 0.95, 0.7),
                new ModelCheckpoint(dir.resolve("m{epoch}.keras").toString()).monitor("score").mode("max").saveBestOnly(true).initialValueThreshold(0.8)));
        assertEquals(List.of("model m2.keras", "model m3.keras"), m.saved);
    }

    @Test void saveFreqInBatchesCountsAcrossEpochs() {
        Tensor[] d = Fixtures.regression(24, 1); // 3 batches of 8 per epoch
        Recording m = recording();
        m.fit(d[0], d[1], new FitOptions().epochs(2).batchSize(8).verbose(0)
                .callbacks(new ModelCheckpoint(dir.resolve("e{epoch}-b{batch}.keras").toString()).saveFreq(2)));
        // Batches seen: 2 (epoch 1, batch 2), 4 (epoch 2, batch 1), 6 (epoch 2, batch 3).
        assertEquals(List.of("model e1-b2.keras", "model e2-b1.keras", "model e2-b3.keras"), m.saved);
    }

    @Test void aMissingMonitorStillSavesWithAWarning() {
        Tensor[] d = Fixtures.regression(16, 1);
        Recording m = recording();
        try (Fixtures.Warnings w = new Fixtures.Warnings()) {
            m.fit(d[0], d[1], new FitOptions().epochs(1).verbose(0).callbacks(new ModelCheckpoint(dir.resolve("a.keras").toString()).saveBestOnly(true)));
            assertEquals(List.of("Can save best model only with val_loss available."), w.messages);
        }
        assertEquals(List.of("model a.keras"), m.saved);
    }

    @Test void aTemplateNamingAnUnknownKeyFails() {
        Tensor[] d = Fixtures.regression(16, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> recording().fit(d[0], d[1],
                new FitOptions().epochs(1).verbose(0).callbacks(new ModelCheckpoint(dir.resolve("{acc}.keras").toString()))));
        assertEquals("Failed to format this callback filepath: \"" + dir.resolve("{acc}.keras") + "\". Reason: 'acc'", e.getMessage());
    }

    @Test void kerasDefaults() {
        ModelCheckpoint c = new ModelCheckpoint("m.keras");
        assertEquals("val_loss", c.monitor());
        assertEquals("auto", c.mode());
        assertFalse(c.saveBestOnly());
        assertFalse(c.saveWeightsOnly());
        assertNull(c.best());
    }

    @Test void badArgumentsInKerasWords() {
        assertEquals("The filepath provided must end in `.keras` (Keras model format). Received: filepath=m.h6",
                assertThrows(IllegalArgumentException.class, () -> new ModelCheckpoint("m.h6")).getMessage());
        assertEquals("When using `save_weights_only=True` in `ModelCheckpoint`, the filepath provided must end in `.weights.h5` "
                + "(Keras weights format). Received: filepath=m.keras",
                assertThrows(IllegalArgumentException.class, () -> new ModelCheckpoint("m.keras").saveWeightsOnly(true)).getMessage());
        assertEquals("Unrecognized save_freq: batch. Expected save_freq are 'epoch' or integer values",
                assertThrows(IllegalArgumentException.class, () -> new ModelCheckpoint("m.keras").saveFreq("batch")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ModelCheckpoint("m.keras").saveFreq(0));
    }

    @Test void anUnwritableDirectoryFailsBeforeTheFirstEpoch() throws Exception {
        Path notADir = Files.writeString(dir.resolve("file"), "x");
        Tensor[] d = Fixtures.regression(16, 1);
        Recording m = recording();
        List<Integer> epochs = new ArrayList<>();
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> m.fit(d[0], d[1], new FitOptions().epochs(2).verbose(0)
                .callbacks(new ModelCheckpoint(notADir.resolve("sub/m-{epoch}.keras").toString()), new LambdaCallback().onEpochBegin((ep, l) -> epochs.add(ep)))));
        assertTrue(e.getMessage().contains("ModelCheckpoint cannot write to the directory"), e.getMessage());
        assertEquals(List.of(), epochs);
        // A directory that does not exist yet is created, as Keras creates it.
        recording().fit(d[0], d[1], new FitOptions().epochs(1).verbose(0).callbacks(new ModelCheckpoint(dir.resolve("new/deeper/m.keras").toString())));
        assertTrue(Files.isDirectory(dir.resolve("new/deeper")));
    }

    @Test void aFilepathThatIsADirectoryFailsInKerasWords() throws Exception {
        Path taken = Files.createDirectory(dir.resolve("m.keras"));
        Tensor[] d = Fixtures.regression(16, 1);
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> recording().fit(d[0], d[1],
                new FitOptions().epochs(1).verbose(0).callbacks(new ModelCheckpoint(taken.toString()))));
        assertEquals("Please specify a non-directory filepath for ModelCheckpoint. Filepath used is an existing directory: " + taken,
                e.getCause().getMessage());
    }

    @Test void aReadOnlyDirectoryFailsBeforeTraining() throws Exception {
        Path ro = Files.createDirectory(dir.resolve("ro"));
        assertTrue(ro.toFile().setWritable(false, false));
        try {
            Assumptions.assumeFalse(Files.isWritable(ro), "running as root: a read-only directory is still writable");
            Tensor[] d = Fixtures.regression(16, 1);
            assertThrows(UncheckedIOException.class, () -> recording().fit(d[0], d[1], new FitOptions().epochs(1).verbose(0)
                    .callbacks(new ModelCheckpoint(ro.resolve("m.keras").toString()))));
        } finally {
            ro.toFile().setWritable(true, false);
        }
    }

    @Test void everyFileWrittenLoads() throws Exception {
        Tensor[] d = Fixtures.regression(24, 1);
        var m = Fixtures.mlp();
        var wm = Fixtures.mlp();
        m.fit(d[0], d[1], new FitOptions().epochs(2).batchSize(8).verbose(0).callbacks(new ModelCheckpoint(dir.resolve("m-{epoch:02d}-{loss:.3f}.keras").toString())));
        wm.fit(d[0], d[1], new FitOptions().epochs(2).batchSize(8).verbose(0)
                .callbacks(new ModelCheckpoint(dir.resolve("w-{epoch}-{batch}.weights.h5").toString()).saveWeightsOnly(true).saveFreq(3)));
        List<Path> models, weights;
        try (Stream<Path> s = Files.list(dir)) { models = s.filter(p -> p.toString().endsWith(".keras")).sorted().toList(); }
        try (Stream<Path> s = Files.list(dir)) { weights = s.filter(p -> p.toString().endsWith(".weights.h5")).sorted().toList(); }
        assertEquals(2, models.size());
        assertEquals(List.of("w-1-3.weights.h5", "w-2-3.weights.h5"), weights.stream().map(p -> p.getFileName().toString()).toList());
        Model last = Models.loadModel(models.get(1));
        Fixtures.assertSameWeights(m.getWeights(), last.getWeights());
        Models.loadModel(models.get(0));
        var fresh = Fixtures.mlp();
        fresh.loadWeights(weights.get(1));
        Fixtures.assertSameWeights(wm.getWeights(), fresh.getWeights());
        fresh.loadWeights(weights.get(0));
    }
}
