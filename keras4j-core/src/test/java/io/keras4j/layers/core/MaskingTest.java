package io.keras4j.layers.core;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.keras4j.SharedData;
import io.keras4j.layers.KerasTensor;
import io.keras4j.layers.Layer;
import io.keras4j.layers.Layers;
import io.keras4j.layers.reshaping.Reshape;
import io.keras4j.layers.rnn.SimpleRNN;
import io.keras4j.models.Model;
import io.keras4j.models.Sequential;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class MaskingTest {
    @BeforeEach void reset() { Layer.clearSession(); }

    /** One sequence of 3 steps with 2 features; the middle step is all zeros (padding). */
    private static final Tensor X = Tensor.of(new double[] {1, 5, 0, 0, 3, 0}, 1, 3, 2);

    @Test void maskIsAnyFeatureDifferentFromMaskValue() {
        Masking m = new Masking();
        assertArrayEquals(new double[] {1, 0, 1}, m.computeMask(X, null).toDoubleArray());
        assertEquals(Shape.of(1, 3), m.computeMask(X, null).shape());
        assertArrayEquals(X.toDoubleArray(), m.apply(X).toDoubleArray());
        // mask_value=1: [1, 1] is padding and comes out as zeros; [1, 2] is kept whole.
        Tensor y = Tensor.of(new double[] {1, 1, 1, 2}, 1, 2, 2);
        Masking one = new Masking(1.0);
        assertArrayEquals(new double[] {0, 1}, one.computeMask(y, null).toDoubleArray());
        assertArrayEquals(new double[] {0, 0, 1, 2}, one.apply(y).toDoubleArray());
    }

    @Test void configUsesKeras3Keys() {
        Map<String, Object> c = new Masking().getConfig();
        assertEquals(List.of("name", "trainable", "dtype", "mask_value"), List.copyOf(c.keySet()));
        assertEquals(0.0, c.get("mask_value"));
        assertEquals("masking", c.get("name"));
        Masking back = (Masking) Layers.fromConfig("Masking", Map.of("name", "m", "mask_value", -1.0));
        assertEquals(-1.0, back.maskValue());
        assertEquals(Shape.of(4, 7, 3), back.computeOutputShape(Shape.of(4, 7, 3)));
        // Keras 3.8 (sequential_masking_lstm_keras3.8.keras) writes mask_value as a serialized tensor.
        Map<String, Object> tensor = Map.of("class_name", "__tensor__", "config", Map.of("value", List.of(0.5), "dtype", "float32"));
        assertEquals(0.5, ((Masking) Layers.fromConfig("Masking", Map.of("name", "masking", "mask_value", tensor))).maskValue());
    }

    /** SimpleRNN(1, linear), kernel [1, 0], recurrent 0.5: h_t = x_t[0] + 0.5 h_{t-1}. */
    private static SimpleRNN rnn() {
        SimpleRNN l = new SimpleRNN(1).activation("linear").dtype(DType.FLOAT64);
        l.ensureBuilt(Shape.of(-1, 3, 2));
        l.setWeights(List.of(Tensor.of(new double[] {1, 0}, 2, 1), Tensor.of(new double[] {0.5}, 1, 1), Tensor.of(new double[] {0}, 1)));
        return l;
    }

    private static Dense identity() {
        Dense d = new Dense(2).dtype(DType.FLOAT64);
        d.ensureBuilt(Shape.of(-1, 3, 2));
        d.setWeights(List.of(Tensor.of(new double[] {1, 0, 0, 1}, 2, 2), Tensor.of(new double[] {0, 0}, 2)));
        return d;
    }

    @Test void sequentialPassesTheMaskThroughLayersThatSupportIt() {
        // Masked: h = 1; the padding step is skipped (1); h = 3 + 0.5 = 3.5.
        // Unmasked: h = 1; 0 + 0.5 = 0.5; 3 + 0.25 = 3.25.
        assertArrayEquals(new double[] {3.5}, new Sequential(new Masking(), rnn()).dtype(DType.FLOAT64).apply(X).toDoubleArray(), 1e-12);
        assertArrayEquals(new double[] {3.5}, new Sequential(new Masking(), identity(), rnn()).dtype(DType.FLOAT64).apply(X).toDoubleArray(), 1e-12);
        // Reshape does not support masking: the mask stops there, as in Keras.
        assertArrayEquals(new double[] {3.25}, new Sequential(new Masking(), new Reshape(3, 2), rnn()).dtype(DType.FLOAT64).apply(X)
                .toDoubleArray(), 1e-12);
        assertArrayEquals(new double[] {3.25}, new Sequential(rnn()).dtype(DType.FLOAT64).apply(X).toDoubleArray(), 1e-12);
    }

    @Test void functionalModelPassesTheMaskAlongTheGraph() {
        KerasTensor in = Input.of(3, 2);
        KerasTensor y = rnn().apply(identity().apply(new Masking().apply(in)));
        Model model = new Model(List.of(in), List.of(y));
        assertArrayEquals(new double[] {3.5}, model.predictAll(List.of(X)).get(0).toDoubleArray(), 1e-6);
    }

    /** The Keras 3.8 file's config (no .keras loader yet): its Masking and LSTM layers build from their configs. */
    @Test void keras38MaskingLstmConfigLoads() throws IOException {
        Map<?, ?> config;
        try (var zip = new java.util.zip.ZipFile(SharedData.dir("conformance/keras3").resolve("sequential_masking_lstm_keras3.8.keras").toFile())) {
            config = new ObjectMapper().readValue(zip.getInputStream(zip.getEntry("config.json")), Map.class);
        }
        List<?> layers = (List<?>) ((Map<?, ?>) config.get("config")).get("layers");
        Map<?, ?> masking = (Map<?, ?>) layers.get(1), lstm = (Map<?, ?>) layers.get(2);
        assertEquals("Masking", masking.get("class_name"));
        @SuppressWarnings("unchecked") Map<String, ?> mc = (Map<String, ?>) masking.get("config");
        Masking m = (Masking) Layers.fromConfig("Masking", mc);
        assertEquals(0.0, m.maskValue());
        assertEquals("masking", m.name());
        @SuppressWarnings("unchecked") Map<String, ?> lc = (Map<String, ?>) lstm.get("config");
        assertEquals("LSTM", Layers.fromConfig((String) lstm.get("class_name"), lc).className());
    }
}
