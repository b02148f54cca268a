package io.keras4j.activations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Activations#get}: Keras's names and keyword arguments, its errors, and Keras's own outputs. */
class ActivationsGetTest {
    private static final Tensor X = Tensor.of(new double[] {-7.5, -3.5, -1.2, -0.7, -0.2, 0, 0.3, 0.8, 1.5, 2.5, 4, 9}, 3, 4);

    /** The names keras.activations.ALL_OBJECTS_DICT holds in Keras 3.16 (functions and aliases). */
    private static final Set<String> KERAS_NAMES = new TreeSet<>(Set.of(
            "relu", "leaky_relu", "relu6", "softmax", "celu", "elu", "selu", "softplus", "softsign", "squareplus",
            "soft_shrink", "sparse_plus", "silu", "gelu", "glu", "tanh", "tanh_shrink", "threshold", "sigmoid",
            "sparse_sigmoid", "exponential", "hard_sigmoid", "hard_silu", "hard_tanh", "hard_shrink", "linear", "mish",
            "log_softmax", "log_sigmoid", "sparsemax", "swish", "hard_swish"));

    private static void assertSameValues(Tensor expected, Tensor actual, String label) {
        assertEquals(expected.shape(), actual.shape(), label);
        for (int i = 0; i < expected.size(); i++) assertEquals(expected.getDouble(i), actual.getDouble(i), 0, label + " element " + i);
    }

    @Test void namesAreKerasNames() { assertEquals(KERAS_NAMES, Activations.names()); }

    @Test void everyNameResolvesToItsFunction() {
        Map<String, UnaryOperator<Tensor>> direct = new HashMap<>();
        direct.put("relu", Activations::relu);
        direct.put("leaky_relu", Activations::leakyRelu);
        direct.put("relu6", Activations::relu6);
        direct.put("softmax", Activations::softmax);
        direct.put("celu", Activations::celu);
        direct.put("elu", Activations::elu);
        direct.put("selu", Activations::selu);
        direct.put("softplus", Activations::softplus);
        direct.put("softsign", Activations::softsign);
        direct.put("squareplus", Activations::squareplus);
        direct.put("soft_shrink", Activations::softShrink);
        direct.put("sparse_plus", Activations::sparsePlus);
        direct.put("silu", Activations::silu);
        direct.put("swish", Activations::silu);
        direct.put("gelu", Activations::gelu);
        direct.put("glu", Activations::glu);
        direct.put("tanh", Activations::tanh);
        direct.put("tanh_shrink", Activations::tanhShrink);
        direct.put("sigmoid", Activations::sigmoid);
        direct.put("sparse_sigmoid", Activations::sparseSigmoid);
        direct.put("exponential", Activations::exponential);
        direct.put("hard_sigmoid", Activations::hardSigmoid);
        direct.put("hard_silu", Activations::hardSilu);
        direct.put("hard_swish", Activations::hardSilu);
        direct.put("hard_tanh", Activations::hardTanh);
        direct.put("hard_shrink", Activations::hardShrink);
        direct.put("linear", Activations::linear);
        direct.put("mish", Activations::mish);
        direct.put("log_softmax", Activations::logSoftmax);
        direct.put("log_sigmoid", Activations::logSigmoid);
        direct.put("sparsemax", Activations::sparsemax);
        for (String name : KERAS_NAMES) {
            if (name.equals("threshold")) continue; // needs its two arguments, checked below
            ActivationFunction f = Activations.get(name);
            assertSameValues(direct.get(name).apply(X), f.apply(X), name);
        }
        // Distinct functions really differ on X (so the comparison above is not vacuous).
        assertTrue(Activations.get("hard_sigmoid").apply(X).getDouble(3) != Activations.get("sigmoid").apply(X).getDouble(3));
    }

    @Test void namesAreKerasSerialisationNames() {
        assertEquals("relu", Activations.get("relu").name());
        assertEquals("softmax", Activations.get("softmax", Map.of("axis", 1)).name());
        assertEquals("silu", Activations.get("swish").name());
        assertEquals("hard_silu", Activations.get("hard_swish").name());
        assertEquals("linear", Activations.get(null).name());
    }

    @Test void nullIsLinear() { assertSame(X, Activations.get(null).apply(X)); }

    @Test void unknownNameFailsListingValidNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Activations.get("typo"));
        assertTrue(e.getMessage().startsWith("Could not interpret activation function identifier: typo"), e.getMessage());
        for (String name : KERAS_NAMES) assertTrue(e.getMessage().contains(name), name + " missing from: " + e.getMessage());
        // Keras's lookup is case-sensitive.
        assertThrows(IllegalArgumentException.class, () -> Activations.get("ReLU"));
    }

    @Test void reluKeywordArguments() {
        assertSameValues(Activations.relu(X, 0, 0.5, 0), Activations.get("relu", Map.of("max_value", 0.5)).apply(X), "max_value");
        assertSameValues(Activations.relu(X, 0.3, null, 0), Activations.get("relu", Map.of("negative_slope", 0.3)).apply(X), "negative_slope");
        // Keras 2 named the slope alpha: relu(-3.5, alpha=0.3) = -1.05.
        Tensor keras2 = Activations.get("relu", Map.of("alpha", 0.3)).apply(X);
        assertEquals(-1.05, keras2.getDouble(1), 1e-12);
        assertEquals(9, keras2.getDouble(11), 0);
        assertSameValues(Activations.relu(X, 0, null, 1.0), Activations.get("relu", Map.of("threshold", 1)).apply(X), "threshold");
        Map<String, Object> none = new HashMap<>();
        none.put("max_value", null);
        assertSameValues(Activations.relu(X), Activations.get("relu", none).apply(X), "max_value=None");
    }

    @Test void otherKeywordArguments() {
        assertEquals(-0.5 * Math.expm1(-3.5), -Activations.get("elu", Map.of("alpha", 0.5)).apply(X).getDouble(1), 1e-12);
        assertSameValues(Activations.softmax(X, 0), Activations.get("softmax", Map.of("axis", 0)).apply(X), "softmax axis");
        assertSameValues(Activations.logSoftmax(X, 0), Activations.get("log_softmax", Map.of("axis", 0)).apply(X), "log_softmax axis");
        assertSameValues(Activations.gelu(X, true), Activations.get("gelu", Map.of("approximate", true)).apply(X), "gelu");
        assertSameValues(Activations.leakyRelu(X, 0.01), Activations.get("leaky_relu", Map.of("negative_slope", 0.01)).apply(X), "leaky");
        assertSameValues(Activations.leakyRelu(X, 0.3), Activations.get("leaky_relu", Map.of("alpha", 0.3)).apply(X), "leaky alpha");
        assertSameValues(Activations.celu(X, 2), Activations.get("celu", Map.of("alpha", 2)).apply(X), "celu");
        assertSameValues(Activations.squareplus(X, 1), Activations.get("squareplus", Map.of("b", 1)).apply(X), "squareplus");
        assertSameValues(Activations.hardShrink(X, 1), Activations.get("hard_shrink", Map.of("threshold", 1)).apply(X), "hard_shrink");
        assertSameValues(Activations.softShrink(X, 1), Activations.get("soft_shrink", Map.of("threshold", 1)).apply(X), "soft_shrink");
        assertSameValues(Activations.glu(X, 1), Activations.get("glu", Map.of("axis", 1)).apply(X), "glu");
        assertSameValues(Activations.sparsemax(X, 0), Activations.get("sparsemax", Map.of("axis", 0)).apply(X), "sparsemax");
        assertSameValues(Activations.threshold(X, 0.5, -2), Activations.get("threshold", Map.of("threshold", 0.5, "default_value", -2)).apply(X), "threshold");
    }

    @Test void badKeywordArgumentsFail() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Activations.get("relu", Map.of("slope", 1)));
        assertTrue(e.getMessage().contains("relu() got an unexpected keyword argument 'slope'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Activations.get("sigmoid", Map.of("axis", 1)));
        e = assertThrows(IllegalArgumentException.class, () -> Activations.get("threshold"));
        assertTrue(e.getMessage().contains("threshold"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Activations.get("softmax", Map.of("axis", 0.5)));
        assertThrows(IllegalArgumentException.class, () -> Activations.get("gelu", Map.of("approximate", "yes")));
    }

    /**
     * The keras-js cases (Keras 2.1 with TensorFlow, numbers rounded to 6 decimals): each
     * activation, with its keyword arguments, applied to a batch of 1. Keras 2's hard_sigmoid was
     * {@code clip(0.2 x + 0.5, 0, 1)}, so those cases are checked against {@link Activations#hardSigmoidKeras2}.
     */
    @Test void matchesKerasOutputs() throws Exception {
        File dir = new File(System.getProperty("keras4j.shared", "../../shared"), "conformance/keras-js");
        File data = new File(dir, "activations.json"), index = new File(dir, "cases.json");
        Assumptions.assumeTrue(data.isFile() && index.isFile(), "conformance data not present at " + dir);
        ObjectMapper json = new ObjectMapper();
        JsonNode cases = json.readTree(data), meta = json.readTree(index);
        int checked = 0;
        for (Iterator<String> it = cases.fieldNames(); it.hasNext(); ) {
            String id = it.next();
            JsonNode c = cases.get(id), m = meta.get(id);
            assertEquals("activation_function", m.get("kind").asText(), id);
            String function = m.get("function").asText();
            @SuppressWarnings("unchecked")
            Map<String, Object> kwargs = json.convertValue(m.get("function_kwargs"), Map.class);
            Tensor x = tensor(c.get("input")), expected = tensor(c.get("expected"));
            Tensor y = function.equals("hard_sigmoid") ? Activations.hardSigmoidKeras2(x) : Activations.get(function, kwargs).apply(x);
            assertEquals(expected.shape(), y.shape(), id);
            for (int i = 0; i < expected.size(); i++) {
                double e = expected.getDouble(i);
                assertEquals(e, y.getDouble(i), 1e-5 + 1e-5 * Math.abs(e), id + " element " + i);
            }
            checked++;
        }
        assertEquals(33, checked);
    }

    /** A case tensor, float32 as Keras computed it, with the batch dimension of 1 put back. */
    private static Tensor tensor(JsonNode node) {
        JsonNode d = node.get("data"), s = node.get("shape");
        float[] v = new float[d.size()];
        for (int i = 0; i < v.length; i++) v[i] = (float) d.get(i).asDouble();
        int[] shape = new int[s.size() + 1];
        shape[0] = 1;
        for (int i = 0; i < s.size(); i++) shape[i + 1] = s.get(i).asInt();
        return Tensor.of(v, shape);
    }
}
