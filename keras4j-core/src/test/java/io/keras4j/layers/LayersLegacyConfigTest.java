package io.keras4j.layers;

import io.keras4j.layers.core.InputLayer;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Keras 1/2 spellings met in real files (conformance/dl4j) that {@link Layers#fromConfig} must read
 * as Keras 2 meant them.
 */
class LayersLegacyConfigTest {
    /** Keras 2.0's Embedding config says dtype int32 (the input's dtype); its weights were float32. */
    @Test
    void kerasTwoIntegerDtypeNamesTheInputNotTheWeights() {
        Layer e = Layers.fromConfig("Embedding", Map.of("input_dim", 5, "output_dim", 2, "dtype", "int32"), 2);
        e.ensureBuilt(Shape.of(-1, 3));
        assertEquals(DType.FLOAT32, e.weights().get(0).dtype());
        // A float dtype still sets the layer's dtype.
        assertEquals(DType.FLOAT64, Layers.fromConfig("Dense", Map.of("units", 2, "dtype", "float64"), 2).dtype());
    }

    /** tf.keras 2.2.4 SeparableConv2D configs carry unused kernel_* keys; Keras 3 configs may not. */
    @Test
    void tfKerasSeparableConvKernelKeysAreAccepted() {
        Map<String, Object> config = new java.util.HashMap<>(Map.of("filters", 2, "kernel_size", 3,
                "kernel_initializer", Map.of("class_name", "GlorotUniform", "config", Map.of())));
        config.put("kernel_regularizer", null);
        config.put("kernel_constraint", null);
        Layers.fromConfig("SeparableConv2D", config, 2);
        assertThrows(IllegalArgumentException.class, () -> Layers.fromConfig("SeparableConv2D", config, 3));
    }

    /** tf.keras 2.4 input of uint16 token ids (tfkeras/issue_9349.hdf5). */
    @Test
    void smallIntegerInputDtypesWidenToInt32() {
        Layer in = Layers.fromConfig("InputLayer", Map.of("batch_input_shape", java.util.Arrays.asList(null, 4), "dtype", "uint16"), 2);
        assertEquals(DType.INT32, ((InputLayer) in).dtype());
    }

    /** Keras 1's first layer names the input dtype input_dtype (weights/dense_tensorflow_1.h5). */
    @Test
    void kerasOneInputDtypeIsAccepted() {
        Layers.fromConfig("Dense", Map.of("output_dim", 6, "input_dim", 4, "input_dtype", "float32"), 1);
        assertThrows(IllegalArgumentException.class, () -> Layers.fromConfig("Dense", Map.of("units", 6, "input_dtype", "float32"), 3));
    }
}
