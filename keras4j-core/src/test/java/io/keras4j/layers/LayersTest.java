package io.keras4j.layers;

import io.keras4j.layers.activations.Activation;
import io.keras4j.layers.core.Dense;
import io.keras4j.layers.core.InputLayer;
import io.keras4j.layers.regularization.Dropout;
import io.keras4j.layers.reshaping.Flatten;
import io.keras4j.layers.reshaping.Reshape;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class LayersTest {
    @BeforeEach void reset() { Layer.clearSession(); }

    /** A mutable map from alternating keys and values (Map.of refuses the nulls Keras configs hold). */
    private static Map<String, Object> config(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    private static List<Object> list(Object... v) { return Arrays.asList(v); }

    @Test void knowsTheLayersThatExist() {
        assertTrue(Layers.names().containsAll(List.of("InputLayer", "Dense", "Activation", "Dropout", "Flatten", "Reshape")));
        assertTrue(Layers.isRegistered("Dense"));
        assertFalse(Layers.isRegistered("dense"), "class names are case-sensitive, as in Keras");
    }

    @Test void denseFromAKeras3ConfigComputesActivationOfXwPlusB() {
        // The shape of Keras 3's Dense.get_config(), dtype policy and initializers serialised.
        Map<String, Object> c = config("name", "hidden", "trainable", true,
                "dtype", config("module", "keras", "class_name", "DTypePolicy", "config", config("name", "float32"), "registered_name", null),
                "units", 2, "activation", "relu", "use_bias", true,
                "kernel_initializer", config("module", "keras.initializers", "class_name", "GlorotUniform", "config", config("seed", null), "registered_name", null),
                "bias_initializer", config("module", "keras.initializers", "class_name", "Zeros", "config", config(), "registered_name", null),
                "kernel_regularizer", null, "bias_regularizer", null, "kernel_constraint", null, "bias_constraint", null);
        Dense d = (Dense) Layers.fromConfig("Dense", c);
        assertEquals("hidden", d.name());
        assertEquals(2, d.units());
        d.ensureBuilt(Shape.of(-1, 3));
        d.setWeights(List.of(Tensor.of(new float[] {1, -1, 2, 0, 0, 3}, 3, 2), Tensor.of(new float[] {0.5f, -10}, 2)));
        // [1, 2, 3]·W = [1 + 4 + 0, -1 + 0 + 9] = [5, 8]; + b = [5.5, -2]; relu → [5.5, 0]
        assertArrayEquals(new float[] {5.5f, 0f}, d.apply(Tensor.of(new float[] {1, 2, 3}, 1, 3)).toFloatArray());
    }

    @Test void denseFromAKeras2ConfigWithItsInputShape() {
        // As written by Keras 2.0 (dl4j keras2_mnist_mlp_tf_config.json's first layer).
        Map<String, Object> c = config("kernel_initializer", config("class_name", "VarianceScaling",
                        "config", config("distribution", "uniform", "scale", 1.0, "seed", null, "mode", "fan_avg")),
                "name", "dense_1", "kernel_constraint", null, "bias_regularizer", null, "bias_constraint", null,
                "dtype", "float32", "activation", "relu", "trainable", true, "kernel_regularizer", null,
                "bias_initializer", config("class_name", "Zeros", "config", config()), "units", 512, "use_bias", true,
                "activity_regularizer", null, "batch_input_shape", list(null, 784));
        Dense d = (Dense) Layers.fromConfig("Dense", c, 2);
        assertEquals(512, d.units());
        assertEquals("relu", d.activation().name());
        assertEquals(Shape.of(-1, 784), Layers.declaredInputShape(c));
        d.ensureBuilt(Shape.of(-1, 784));
        // VarianceScaling(1, fan_avg, uniform) is glorot_uniform: limit sqrt(3 / ((784 + 512) / 2)).
        double limit = Math.sqrt(3.0 / ((784 + 512) / 2.0));
        for (float v : d.kernel().peek().toFloatArray()) assertTrue(Math.abs(v) <= limit);
    }

    @Test void denseFromAKeras1Config() {
        Map<String, Object> c = config("output_dim", 3, "init", "glorot_uniform", "activation", "linear", "bias", false,
                "W_regularizer", null, "b_regularizer", null, "activity_regularizer", null, "W_constraint", null,
                "b_constraint", null, "input_dim", 4, "name", "dense_1", "trainable", true);
        Dense d = (Dense) Layers.fromConfig("Dense", c, 1);
        assertEquals(3, d.units());
        assertEquals(Shape.of(-1, 4), Layers.declaredInputShape(c));
        d.ensureBuilt(Shape.of(-1, 4));
        assertEquals(1, d.weights().size(), "bias=False leaves only the kernel");
    }

    @Test void inputLayerReadsEveryKerasSpellingOfItsShape() {
        InputLayer k3 = (InputLayer) Layers.fromConfig("InputLayer",
                config("batch_shape", list(null, 3), "dtype", "float32", "sparse", false, "ragged", false, "name", "input_layer"));
        assertEquals(Shape.of(-1, 3), k3.batchShape());
        assertEquals("input_layer", k3.name());
        InputLayer shaped = (InputLayer) Layers.fromConfig("InputLayer", config("shape", list(2, 3), "batch_size", 5, "dtype", "int32"));
        assertEquals(Shape.of(5, 2, 3), shaped.batchShape());
        assertEquals(DType.INT32, shaped.dtype());
        InputLayer keras2 = (InputLayer) Layers.fromConfig("InputLayer",
                config("batch_input_shape", list(null, 1, 48, 48), "name", "input_1", "input_dtype", "float32"), 1);
        assertEquals(Shape.of(-1, 1, 48, 48), keras2.batchShape());
        assertEquals(DType.FLOAT32, keras2.dtype());

        var both = assertThrows(IllegalArgumentException.class,
                () -> Layers.fromConfig("InputLayer", config("shape", list(3), "batch_shape", list(null, 3))));
        assertEquals("You cannot pass both `shape` and `batch_shape` at the same time.", both.getMessage());
        var none = assertThrows(IllegalArgumentException.class, () -> Layers.fromConfig("InputLayer", config("dtype", "float32")));
        assertEquals("You must pass a `shape` argument.", none.getMessage());
    }

    @Test void hardSigmoidMeansWhatTheConfigsKerasVersionMeant() {
        Tensor x = Tensor.of(new float[] {-3, 0, 1, 2}, 1, 4);
        // Keras 3: relu6(x + 3) / 6 → [0, 0.5, 4/6, 5/6]
        Layer k3 = Layers.fromConfig("Activation", config("activation", "hard_sigmoid"));
        assertArrayEquals(new float[] {0f, 0.5f, 4f / 6, 5f / 6}, k3.apply(x).toFloatArray(), 1e-6f);
        // Keras 2: clip(0.2 x + 0.5, 0, 1) → [0, 0.5, 0.7, 0.9]
        Layer k2 = Layers.fromConfig("Activation", config("activation", "hard_sigmoid"), 2);
        assertArrayEquals(new float[] {0f, 0.5f, 0.7f, 0.9f}, k2.apply(x).toFloatArray(), 1e-6f);
        assertEquals("hard_sigmoid", ((Activation) k2).activation().name());
    }

    @Test void dropoutReadsRateOrKeras1P() {
        Dropout d = (Dropout) Layers.fromConfig("Dropout", config("rate", 0.25, "noise_shape", list(null, 1, 5), "seed", 7));
        assertEquals(0.25, d.rate());
        assertEquals(list(null, 1, 5), d.getConfig().get("noise_shape"));
        assertEquals(7L, d.getConfig().get("seed"));
        assertEquals(0.2, ((Dropout) Layers.fromConfig("Dropout", config("p", 0.2, "trainable", true, "name", "dropout_1"), 1)).rate());
        var missing = assertThrows(IllegalArgumentException.class, () -> Layers.fromConfig("Dropout", config()));
        assertTrue(missing.getMessage().contains("'rate'"), missing.getMessage());
    }

    @Test void flattenWithChannelsFirstMovesChannelsLast() {
        Flatten f = (Flatten) Layers.fromConfig("Flatten", config("name", "flatten_1", "trainable", true, "data_format", "channels_first"));
        // (N, C=2, W=3) is seen as (N, W, C) before flattening: [[0,3],[1,4],[2,5]].
        Tensor y = f.apply(Tensor.of(new float[] {0, 1, 2, 3, 4, 5}, 1, 2, 3));
        assertArrayEquals(new float[] {0, 3, 1, 4, 2, 5}, y.toFloatArray());
        assertEquals("channels_last", Layers.fromConfig("Flatten", config("data_format", null)).getConfig().get("data_format"));
    }

    @Test void reshapeInfersTheMinusOne() {
        Layer r = Layers.fromConfig("Reshape", config("target_shape", list(-1, 2), "dtype", "float32"));
        assertEquals(Shape.of(1, 3, 2), r.apply(Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 1, 6)).shape());
    }

    @Test void baseArgumentsNameTrainableAndDtype() {
        Layer d = Layers.fromConfig("Dense", config("units", 1, "name", "out", "trainable", false, "dtype", "float64"));
        assertEquals("out", d.name());
        assertFalse(d.trainable());
        assertEquals(DType.FLOAT64, d.dtype());
    }

    @Test void getConfigReadsBackToTheSameConfig() {
        // Keras's contract: from_config(get_config()) makes an equivalent layer.
        List<Layer> layers = List.of(new Dense(4).activation("tanh").useBias(false).name("d"), new Activation("softmax"),
                new Dropout(0.3).noiseShape(-1, 1).seed(3), new Flatten().dataFormat("channels_first"), new Reshape(2, -1),
                new InputLayer(Shape.of(-1, 7), DType.INT32, "ids"));
        for (Layer l : layers) {
            Map<String, Object> c = l.getConfig();
            Layer back = Layers.fromConfig(l.className(), new HashMap<>(c));
            assertEquals(c, back.getConfig(), l.className());
        }
    }

    @Test void unknownClassNamesTheClass() {
        var e = assertThrows(IllegalArgumentException.class, () -> Layers.fromConfig("ConvLSTM2D", config("filters", 3)));
        assertTrue(e.getMessage().startsWith("Unknown layer: 'ConvLSTM2D'."), e.getMessage());
        assertTrue(e.getMessage().contains("custom_object_scope"), e.getMessage());
    }

    @Test void unknownKeysAreRefusedAsKerasRefusesThem() {
        var e = assertThrows(IllegalArgumentException.class, () -> Layers.fromConfig("Dense", config("units", 2, "unitz", 3)));
        assertEquals("Unrecognized keyword arguments passed to Dense: {'unitz': 3}", e.getMessage());
        var twice = assertThrows(IllegalArgumentException.class, () -> Layers.fromConfig("Dense", config("units", 2, "output_dim", 3)));
        assertTrue(twice.getMessage().contains("'output_dim': 3"), twice.getMessage());
    }

    @Test void argumentsNotImplementedYetAreRefusedNotDropped() {
        Map<String, Object> c = config("units", 2, "lora_rank", 4);
        var e = assertThrows(UnsupportedOperationException.class, () -> Layers.fromConfig("Dense", c));
        assertTrue(e.getMessage().contains("lora_rank"), e.getMessage());
    }

    @Test void badValuesNameTheArgument() {
        var e = assertThrows(IllegalArgumentException.class, () -> Layers.fromConfig("Dense", config("units", 2.5)));
        assertTrue(e.getMessage().contains("units=2.5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Layers.fromConfig("Dense", config("units", 2), 4));
    }

    @Test void declaredInputShapeReadsInputShapeAndBatchSize() {
        assertEquals(Shape.of(8, 3, 2), Layers.declaredInputShape(config("input_shape", list(3, 2), "batch_size", 8)));
        assertEquals(Shape.of(-1, -1, 6), Layers.declaredInputShape(config("batch_input_shape", list(null, null, 6))));
        assertNull(Layers.declaredInputShape(config("units", 3)));
    }
}
