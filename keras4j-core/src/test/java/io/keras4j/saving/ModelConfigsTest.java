package io.keras4j.saving;

import io.keras4j.SharedData;
import io.keras4j.layers.core.Input;
import io.keras4j.layers.KerasTensor;
import io.keras4j.layers.Layer;
import io.keras4j.layers.core.Dense;
import io.keras4j.layers.merging.Add;
import io.keras4j.layers.merging.Concatenate;
import io.keras4j.models.Model;
import io.keras4j.models.Models;
import io.keras4j.models.Sequential;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

class ModelConfigsTest {

    private static Tensor data(int rows, int cols, double seed) {
        float[] v = new float[rows * cols];
        for (int i = 0; i < v.length; i++) v[i] = (float) Math.sin(seed + i * 0.37);
        return Tensor.of(v, rows, cols);
    }

    private static void copyWeights(Model from, Model to) {
        List<Layer> a = from.layers(), b = to.layers();
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) b.get(i).setWeights(a.get(i).getWeights());
    }

    /** A shared layer called twice, a nested Functional model used as a layer, a merge of two branches. */
    private static Model sharedAndNested() {
        KerasTensor innerIn = Input.of(3);
        Model inner = new Model(innerIn, new Dense(3).activation("tanh").apply(innerIn)).name("inner");
        KerasTensor a = Input.of(3), b = Input.of(3);
        Dense shared = new Dense(3).name("shared");
        KerasTensor sa = shared.apply(a), sb = shared.apply(b);
        KerasTensor merged = new Add().apply(sa, inner.apply(sb));
        KerasTensor out = new Dense(2).apply(new Concatenate(-1).apply(merged, sa));
        return new Model(List.of(a, b), List.of(out)).name("outer");
    }

    @Test void functionalConfigRoundTripsWithSharedLayersAndNestedModels() {
        Model m = sharedAndNested();
        Map<String, Object> config = ModelConfigs.toConfig(m);
        assertEquals("Functional", config.get("class_name"));
        Model copy = ModelConfigs.fromConfig(config);
        assertEquals(KerasJson.write(config), KerasJson.write(ModelConfigs.toConfig(copy)));
        copyWeights(m, copy);
        List<Tensor> x = List.of(data(4, 3, 0), data(4, 3, 1));
        assertArrayEquals(m.predictAll(x).get(0).toFloatArray(), copy.predictAll(x).get(0).toFloatArray());
        // The shared layer keeps one set of weights for its two calls.
        assertEquals(2, copy.getLayer("shared").weights().size());
    }

    @Test void functionalConfigHasKeras3NodeFormat() {
        Map<String, Object> config = ModelConfigs.functionalConfig(sharedAndNested());
        List<?> layers = (List<?>) config.get("layers");
        Map<?, ?> shared = layers.stream().map(l -> (Map<?, ?>) l).filter(l -> "shared".equals(l.get("name"))).findFirst().orElseThrow();
        List<?> nodes = (List<?>) shared.get("inbound_nodes");
        assertEquals(2, nodes.size(), "a layer called twice has two inbound nodes");
        Map<?, ?> arg = (Map<?, ?>) ((List<?>) ((Map<?, ?>) nodes.get(1)).get("args")).get(0);
        assertEquals("__keras_tensor__", arg.get("class_name"));
        assertEquals(3, ((List<?>) ((Map<?, ?>) arg.get("config")).get("keras_history")).size());
        assertEquals(2, ((List<?>) config.get("input_layers")).size());
    }

    /** An encoder LSTM's states feed a decoder LSTM's initial_state; the model outputs the encoder's three tensors too. */
    @Test void multiOutputLayersAndInitialStates() {
        KerasTensor enc = Input.of(4, 2), dec = Input.of(3, 2);
        List<KerasTensor> encoded = ((io.keras4j.layers.rnn.RNN) new io.keras4j.layers.rnn.LSTM(3).returnState(true)).applyAll(List.of(enc));
        KerasTensor decoded = new io.keras4j.layers.rnn.LSTM(3).applyAll(List.of(dec, encoded.get(1), encoded.get(2))).get(0);
        List<KerasTensor> outs = new ArrayList<>(encoded);
        outs.add(decoded);
        Model m = new Model(List.of(enc, dec), outs);
        Map<String, Object> config = ModelConfigs.functionalConfig(m);
        String json = KerasJson.write(config);
        assertTrue(json.contains("\"initial_state\""), json);
        assertTrue(json.contains("\"output_layers\":[[\"lstm"), json);
        Model copy = ModelConfigs.fromConfig(ModelConfigs.toConfig(m));
        assertEquals(KerasJson.write(ModelConfigs.toConfig(m)), KerasJson.write(ModelConfigs.toConfig(copy)));
        copyWeights(m, copy);
        List<Tensor> x = List.of(Tensor.of(data(4, 2, 0).toFloatArray(), 1, 4, 2), Tensor.of(data(3, 2, 1).toFloatArray(), 1, 3, 2));
        List<Tensor> want = m.predictAll(x), got = copy.predictAll(x);
        assertEquals(4, got.size());
        for (int i = 0; i < 4; i++) assertArrayEquals(want.get(i).toFloatArray(), got.get(i).toFloatArray(), "output " + i);
    }

    @Test void sequentialJsonRoundTrip() {
        Sequential s = new Sequential(Input.of(4), new Dense(5).activation("relu"), new Dense(1));
        String json = s.toJson();
        Model copy = Models.modelFromJson(json);
        assertInstanceOf(Sequential.class, copy);
        assertEquals(json, copy.toJson());
        copyWeights(s, copy);
        Tensor x = data(3, 4, 2);
        assertArrayEquals(s.predict(x).toFloatArray(), copy.predict(x).toFloatArray());
    }

    /** Keras 3.8's own config.json (Sequential: InputLayer, Masking with a __tensor__ mask value, LSTM). */
    @Test void readsKeras3SequentialConfig() throws Exception {
        Path dir = SharedData.dir("conformance/keras3");
        Map<String, Object> config = KerasArchive.readConfig(dir.resolve("sequential_masking_lstm_keras3.8.keras"));
        Model m = ModelConfigs.fromConfig(config);
        assertEquals("sequential", m.name());
        assertEquals(List.of("masking", "lstm"), m.layers().stream().map(Layer::name).toList());
        Sequential s = (Sequential) m;
        assertEquals(List.of(2, 3, 2), toList(s.inputLayer().batchShape().dims()));
        // Keras's LSTM(units=1) on 2 features: kernel (2,4), recurrent (1,4), bias (4).
        assertEquals(2 * 4 + 4 + 4, m.countParams());
        Map<?, ?> lstm = (Map<?, ?>) ((Map<?, ?>) ((List<?>) ((Map<?, ?>) ModelConfigs.toConfig(m).get("config")).get("layers")).get(2)).get("config");
        assertEquals(1, lstm.get("units"));
        assertEquals("sigmoid", lstm.get("recurrent_activation"));
    }

    private static List<Integer> toList(int[] a) { List<Integer> l = new ArrayList<>(); for (int x : a) l.add(x); return l; }

    /** Every Keras 1/2 {@code to_json()} config whose layers exist here loads, with Keras's layer names. */
    @Test void readsKeras2ToJsonConfigs() throws Exception {
        Path dir = SharedData.dir("conformance/dl4j/configs/keras2");
        int loaded = 0;
        List<String> skipped = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                Map<String, Object> json = KerasJson.readObject(Files.readString(f), f.toString());
                Model m;
                try {
                    m = ModelConfigs.fromConfig(json);
                } catch (UnsupportedOperationException | IllegalArgumentException e) {
                    skipped.add(f.getFileName() + ": " + e.getMessage());
                    continue;
                }
                loaded++;
                Object c = json.get("config");
                List<?> entries = c instanceof List<?> l ? l : (List<?>) ((Map<?, ?>) c).get("layers");
                List<String> expected = new ArrayList<>();
                for (Object e : entries) {
                    Map<?, ?> entry = (Map<?, ?>) e;
                    if (m instanceof Sequential && "InputLayer".equals(entry.get("class_name"))) continue;
                    expected.add(String.valueOf(((Map<?, ?>) entry.get("config")).get("name")));
                }
                List<String> got = m.layers().stream().map(Layer::name).sorted().toList();
                assertEquals(expected.stream().sorted().toList(), got, f.getFileName().toString());
            }
        }
        assertTrue(loaded >= 25, "loaded only " + loaded + "; skipped: " + skipped);
    }

    /** Keras's mnist_mlp example prints "Total params: 669,706". */
    @Test void keras2MnistMlpHasKerasParamCount() throws Exception {
        Path f = SharedData.dir("conformance/dl4j/configs/keras2").resolve("mnist_mlp_tf_keras_2_config.json");
        Model m = Models.modelFromJson(Files.readString(f));
        assertEquals(669_706, m.countParams());
    }

    @Test void keras2FunctionalWithTwoInputs() throws Exception {
        Path f = SharedData.dir("conformance/dl4j/configs/keras2").resolve("simple_add_tf_keras_2.json");
        Model m = Models.modelFromJson(Files.readString(f));
        assertEquals(2, m.inputs().size());
        assertEquals(1, m.outputs().size());
        assertEquals(ModelConfigs.toJson(m), ModelConfigs.toJson(ModelConfigs.fromConfig(ModelConfigs.toConfig(m))));
    }

    @Test void unregisteredCustomClassIsNamed() {
        Map<String, Object> config = KerasJson.readObject("{\"module\": null, \"class_name\": \"MyModel\", \"config\": {\"name\": \"m\"},"
                + " \"registered_name\": \"my_pkg>MyModel\"}", "test");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelConfigs.fromConfig(config));
        assertTrue(e.getMessage().startsWith("Could not locate class 'MyModel'"), e.getMessage());
        assertTrue(e.getMessage().contains("package=\"my_pkg\", name=\"MyModel\""), e.getMessage());
    }

    @Test void lambdaLayersAreRefusedInSafeMode() {
        String json = "{\"module\": \"keras\", \"class_name\": \"Sequential\", \"config\": {\"name\": \"s\", \"layers\": ["
                + "{\"module\": \"keras.layers\", \"class_name\": \"InputLayer\", \"config\": {\"batch_shape\": [null, 2], \"name\": \"i\"}, \"registered_name\": null},"
                + "{\"module\": \"keras.layers\", \"class_name\": \"Lambda\", \"config\": {\"name\": \"l\", \"function\": {\"class_name\": \"__lambda__\", \"config\": {\"code\": \"AAA\"}}},"
                + " \"registered_name\": null}]}, \"registered_name\": null}";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Models.modelFromJson(json));
        assertTrue(e.getMessage().startsWith("Requested the deserialization of a `Lambda` layer"), e.getMessage());
        assertThrows(UnsupportedOperationException.class,
                () -> ModelConfigs.fromConfig(KerasJson.readObject(json, "t"), 3, false));
    }
}
