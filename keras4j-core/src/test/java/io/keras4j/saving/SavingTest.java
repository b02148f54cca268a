package io.keras4j.saving;

import io.keras4j.autodiff.Variable;
import io.keras4j.layers.core.Dense;
import io.keras4j.layers.core.Input;
import io.keras4j.losses.SparseCategoricalCrossentropy;
import io.keras4j.models.Model;
import io.keras4j.models.Models;
import io.keras4j.models.Sequential;
import io.keras4j.optimizers.Adam;
import io.keras4j.optimizers.Optimizer;
import io.keras4j.optimizers.schedules.ExponentialDecay;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;
import io.keras4j.trainers.FitOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Whole-model saving: compile state, optimizer state, resuming training, the API's file-name rules. */
class SavingTest {

    private static Tensor x() {
        float[] v = new float[24 * 4];
        for (int i = 0; i < v.length; i++) v[i] = (float) Math.sin(i * 0.7);
        return Tensor.of(v, 24, 4);
    }

    private static Tensor y() {
        int[] v = new int[24];
        for (int i = 0; i < v.length; i++) v[i] = i % 3;
        return Tensor.ofInts(v, 24);
    }

    private static FitOptions twoEpochs() { return new FitOptions().epochs(2).batchSize(8).shuffle(false).verbose(0); }

    private static Model compiledModel() {
        Model m = new Sequential(Input.of(4), new Dense(8).activation("relu"), new Dense(3).activation("softmax"));
        Optimizer adam = new Adam().learningRate(new ExponentialDecay(0.05, 2, 0.9));
        m.compile(adam, new SparseCategoricalCrossentropy(), List.of("accuracy"));
        return m;
    }

    private static List<float[]> values(Model m) {
        List<float[]> out = new ArrayList<>();
        for (Variable v : m.weights()) out.add(v.numpy().toFloatArray());
        return out;
    }

    private static void assertSameWeights(List<float[]> want, List<float[]> got) {
        assertEquals(want.size(), got.size());
        for (int i = 0; i < want.size(); i++) assertArrayEquals(want.get(i), got.get(i), "weight " + i);
    }

    /** Training on after save + load ends where uninterrupted training ends: weights, slots, iterations, schedule. */
    @Test void kerasFileResumesTrainingExactly(@TempDir Path dir) {
        Model m = compiledModel();
        m.fit(x(), y(), twoEpochs());
        Path file = dir.resolve("m.keras");
        m.save(file);
        m.fit(x(), y(), twoEpochs());

        Model loaded = Models.loadModel(file);
        assertTrue(loaded.compiled());
        assertEquals(6, loaded.optimizer().iterations(), "2 epochs of 3 batches");
        assertInstanceOf(ExponentialDecay.class, loaded.optimizer().learningRateSchedule());
        loaded.fit(x(), y(), twoEpochs());
        assertSameWeights(values(m), values(loaded));
        assertEquals(12, loaded.optimizer().iterations());
    }

    @Test void weightsFileCarriesOptimizerState(@TempDir Path dir) {
        Model m = compiledModel();
        m.fit(x(), y(), twoEpochs());
        Path file = dir.resolve("m.weights.h5");
        m.saveWeights(file);
        m.fit(x(), y(), twoEpochs());

        Model fresh = compiledModel();
        fresh.loadWeights(file);
        assertEquals(6, fresh.optimizer().iterations());
        fresh.fit(x(), y(), twoEpochs());
        assertSameWeights(values(m), values(fresh));
    }

    @Test void compileFalseLoadsUncompiled(@TempDir Path dir) {
        Model m = compiledModel();
        Path file = dir.resolve("m.keras");
        m.save(file);
        Model loaded = Models.loadModel(file, false, true);
        assertFalse(loaded.compiled());
        Map<String, Object> cc = ModelConfigs.map(KerasArchive.readConfig(file).get("compile_config"));
        assertEquals("Adam", ModelConfigs.map(cc.get("optimizer")).get("class_name"));
        assertEquals(List.of("accuracy"), cc.get("metrics"));
        Map<String, Object> metadata = KerasArchive.readMetadata(file);
        assertTrue(String.valueOf(metadata.get("date_saved")).matches("\\d{4}-\\d\\d-\\d\\d@\\d\\d:\\d\\d:\\d\\d"), metadata.toString());
    }

    @Test void archiveHasKerasMembersStoredUncompressed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("m.keras");
        compiledModel().save(file);
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile())) {
            List<String> names = zip.stream().map(java.util.zip.ZipEntry::getName).toList();
            assertEquals(List.of("metadata.json", "config.json", "model.weights.h5"), names);
            zip.stream().forEach(e -> assertEquals(java.util.zip.ZipEntry.STORED, e.getMethod(), e.getName()));
        }
    }

    @Test void nestedAndSharedModelsRoundTripInKerasFiles(@TempDir Path dir) {
        var innerIn = Input.of(3);
        Model inner = new Model(innerIn, new Dense(3).apply(innerIn));
        var in = Input.of(3);
        Dense shared = new Dense(3);
        var out = shared.apply(inner.apply(shared.apply(in)));
        Model m = new Model(in, out);
        LayerRoundTripTest.randomize(m, 5);
        Path file = dir.resolve("n.keras");
        m.save(file);
        Model loaded = Models.loadModel(file);
        assertEquals(m.toJson(), loaded.toJson());
        Tensor x = Tensor.of(new float[] {1, 2, 3, -1, 0, 1}, 2, 3);
        assertArrayEquals(m.predict(x).toFloatArray(), loaded.predict(x).toFloatArray());
    }

    @Test void fileNamesFollowKerasRules(@TempDir Path dir) {
        Model m = compiledModel();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.save(dir.resolve("m.pb")));
        assertTrue(e.getMessage().startsWith("Invalid filepath extension for saving. Please add either a `.keras` extension"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> m.saveWeights(dir.resolve("m.weights")));
        assertEquals("The filename must end in `.weights.h5`. Received: filepath=" + dir.resolve("m.weights"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Models.loadModel(dir.resolve("missing.keras")));
        assertTrue(e.getMessage().startsWith("File not found: filepath="), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Models.loadModel(dir.resolve("model.pb")));
        assertTrue(e.getMessage().startsWith("File format not supported: filepath="), e.getMessage());
        Path keras = dir.resolve("m.keras");
        m.save(keras);
        e = assertThrows(IllegalArgumentException.class, () -> m.loadWeights(keras, false, true));
        assertTrue(e.getMessage().startsWith("`by_name` only supports loading legacy '.h5' or '.hdf5' files."), e.getMessage());
    }

    @Test void weightsIntoAModelOfAnotherShapeFail(@TempDir Path dir) {
        Path file = dir.resolve("m.weights.h5");
        compiledModel().saveWeights(file);
        Model other = new Sequential(Input.of(4), new Dense(5), new Dense(3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> other.loadWeights(file));
        assertTrue(e.getMessage().contains("must match"), e.getMessage());
        // skip_mismatch leaves the mismatching layers as they are and loads nothing wrong.
        float[] before = other.getLayer(0).weights().get(0).numpy().toFloatArray();
        other.loadWeights(file, true, false);
        assertArrayEquals(before, other.getLayer(0).weights().get(0).numpy().toFloatArray());
        assertEquals(Shape.of(4, 5), other.getLayer(0).weights().get(0).shape());
    }

    /** An adapted lookup keeps its vocabulary in {@code assets/<layer path>/vocabulary.txt}, as Keras's. */
    @Test void assetsTravelInTheArchive(@TempDir Path dir) throws Exception {
        var lookup = new io.keras4j.layers.preprocessing.StringLookup();
        lookup.adapt(Tensor.ofStrings(new String[] {"b", "a", "b", "c", "b", "a"}, 6));
        var in = Input.of(Shape.of(2), io.keras4j.tensor.DType.STRING, null);
        Model m = new Model(in, lookup.apply(in));
        Path file = dir.resolve("lookup.keras");
        m.save(file);
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile())) {
            var entry = zip.getEntry("assets/layers/string_lookup/vocabulary.txt");
            assertNotNull(entry, "vocabulary asset");
            assertEquals("[UNK]\nb\na\nc", new String(zip.getInputStream(entry).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
        Model loaded = Models.loadModel(file);
        Tensor x = Tensor.ofStrings(new String[] {"a", "b", "c", "zzz"}, 2, 2);
        // Keras's StringLookup: OOV 0, then by decreasing frequency: b=1, a=2, c=3.
        assertArrayEquals(new double[] {2, 1, 3, 0}, loaded.predict(x).toDoubleArray());
    }

    @Test void lambdaScheduleCannotBeSaved(@TempDir Path dir) {
        Model m = new Sequential(Input.of(4), new Dense(3));
        m.compile(new Adam().learningRate(step -> 0.1), new SparseCategoricalCrossentropy(), List.of());
        assertThrows(UnsupportedOperationException.class, () -> m.save(dir.resolve("m.keras")));
        assertFalse(Files.exists(dir.resolve("m.keras")));
    }
}
