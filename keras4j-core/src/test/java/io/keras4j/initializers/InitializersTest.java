package io.keras4j.initializers;

import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InitializersTest {
    /**
     * keras.initializers.ALL_OBJECTS_DICT of Keras 3.16: class names, their snake_case forms and the
     * aliases, without the STFT initializer (spectrogram windows, not implemented here) and the
     * abstract base class.
     */
    private static final Map<String, Class<?>> KERAS = Map.ofEntries(
            Map.entry("Constant", Constant.class), Map.entry("constant", Constant.class),
            Map.entry("Identity", Identity.class), Map.entry("identity", Identity.class), Map.entry("IdentityInitializer", Identity.class),
            Map.entry("Ones", Ones.class), Map.entry("ones", Ones.class), Map.entry("one", Ones.class),
            Map.entry("Zeros", Zeros.class), Map.entry("zeros", Zeros.class), Map.entry("zero", Zeros.class),
            Map.entry("GlorotNormal", GlorotNormal.class), Map.entry("glorot_normal", GlorotNormal.class),
            Map.entry("GlorotUniform", GlorotUniform.class), Map.entry("glorot_uniform", GlorotUniform.class),
            Map.entry("HeNormal", HeNormal.class), Map.entry("he_normal", HeNormal.class),
            Map.entry("HeUniform", HeUniform.class), Map.entry("he_uniform", HeUniform.class),
            Map.entry("LecunNormal", LecunNormal.class), Map.entry("lecun_normal", LecunNormal.class),
            Map.entry("LecunUniform", LecunUniform.class), Map.entry("lecun_uniform", LecunUniform.class),
            Map.entry("Orthogonal", Orthogonal.class), Map.entry("orthogonal", Orthogonal.class), Map.entry("OrthogonalInitializer", Orthogonal.class),
            Map.entry("RandomNormal", RandomNormal.class), Map.entry("random_normal", RandomNormal.class), Map.entry("normal", RandomNormal.class),
            Map.entry("RandomUniform", RandomUniform.class), Map.entry("random_uniform", RandomUniform.class), Map.entry("uniform", RandomUniform.class),
            Map.entry("TruncatedNormal", TruncatedNormal.class), Map.entry("truncated_normal", TruncatedNormal.class),
            Map.entry("VarianceScaling", VarianceScaling.class), Map.entry("variance_scaling", VarianceScaling.class));

    @Test void everyKerasNameResolves() {
        assertEquals(new TreeSet<>(KERAS.keySet()), Initializers.names());
        for (Map.Entry<String, Class<?>> e : KERAS.entrySet()) {
            Initializer init = Initializers.get(e.getKey());
            assertEquals(e.getValue(), init.getClass(), e.getKey());
            assertEquals(e.getValue().getSimpleName(), init.className());
        }
    }

    @Test void getGivesKerasDefaults() {
        RandomNormal n = (RandomNormal) Initializers.get("random_normal");
        assertEquals(0.05, n.stddev());
        assertNull(n.seed());
        RandomUniform u = (RandomUniform) Initializers.get("uniform");
        assertEquals(-0.05, u.minval());
        VarianceScaling v = (VarianceScaling) Initializers.get("variance_scaling");
        assertEquals("fan_in", v.mode());
        assertEquals("truncated_normal", v.distribution());
        assertEquals(1.0, ((Orthogonal) Initializers.get("orthogonal")).gain());
        assertArrayEquals(new double[] {1, 0, 0, 1}, Initializers.get("identity").generate(Shape.of(2, 2), DType.FLOAT64).toDoubleArray());
    }

    @Test void nullIsNull() { assertNull(Initializers.get(null)); }

    @Test void unknownNameFailsListingValidNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Initializers.get("glorot"));
        assertTrue(e.getMessage().startsWith("Could not interpret initializer identifier: glorot."), e.getMessage());
        for (String name : KERAS.keySet()) assertTrue(e.getMessage().contains(name), name);
        assertThrows(IllegalArgumentException.class, () -> Initializers.get("Glorot_Uniform"));
    }

    @Test void configsRoundTrip() {
        List<Initializer> all = List.of(new Zeros(), new Ones(), new Constant(0.3), new Identity(2), new Orthogonal(1.5, 4L),
                new RandomNormal(1, 2, 5L), new TruncatedNormal(0, 3, 6L), new RandomUniform(-1, 2, 7L),
                new VarianceScaling(2, "fan_out", "untruncated_normal", 8L, new int[] {0}, new int[] {1}),
                new GlorotNormal(9L), new GlorotUniform(10L), new HeNormal(11L), new HeUniform(12L), new LecunNormal(13L), new LecunUniform(14L));
        for (Initializer init : all) {
            Initializer back = Initializers.get(init.className(), init.getConfig());
            assertEquals(init.getClass(), back.getClass());
            assertEquals(init.getConfig(), back.getConfig(), init.className());
            assertArrayEquals(init.generate(Shape.of(3, 3)).toFloatArray(), back.generate(Shape.of(3, 3)).toFloatArray(), init.className());
        }
    }

    @Test void serializeAndDeserialize() {
        Map<String, Object> s = Initializers.serialize(new HeUniform(3L));
        assertEquals("keras.initializers", s.get("module"));
        assertEquals("HeUniform", s.get("class_name"));
        assertTrue(s.containsKey("registered_name") && s.get("registered_name") == null);
        Map<String, Object> config = new HashMap<>();
        config.put("seed", 3L);
        config.put("input_axes", null);
        config.put("output_axes", null);
        assertEquals(config, s.get("config"));
        assertEquals(new HeUniform(3L).getConfig(), Initializers.deserialize(s).getConfig());
    }

    /** What Keras 2 wrote: VarianceScaling with distribution "normal", configs without the axes. */
    @Test void readsKeras2Configs() {
        Initializer v = Initializers.deserialize(Map.of("class_name", "VarianceScaling",
                "config", Map.of("scale", 2.0, "mode", "fan_in", "distribution", "normal")));
        assertEquals("truncated_normal", ((VarianceScaling) v).distribution());
        Map<String, Object> glorot = new HashMap<>();
        glorot.put("seed", null);
        Initializer g = Initializers.deserialize(Map.of("class_name", "GlorotUniform", "config", glorot));
        assertInstanceOf(GlorotUniform.class, g);
        assertInstanceOf(Zeros.class, Initializers.deserialize(Map.of("class_name", "Zeros", "config", Map.of())));
    }

    @Test void badConfigsFail() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Initializers.get("RandomNormal", Map.of("std", 1.0)));
        assertTrue(e.getMessage().contains("unexpected keyword argument 'std'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Initializers.get("RandomNormal", Map.of("seed", "abc")));
        assertThrows(IllegalArgumentException.class, () -> Initializers.get("GlorotUniform", Map.of("scale", 2.0)));
        assertThrows(IllegalArgumentException.class, () -> Initializers.deserialize(Map.of("config", Map.of())));
    }

    @Test void aLambdaIsAnInitializer() {
        Initializer fives = (shape, dtype) -> new Constant(5).generate(shape, dtype);
        assertArrayEquals(new float[] {5, 5}, fives.generate(Shape.of(2)).toFloatArray());
        assertTrue(fives.getConfig().isEmpty());
    }
}
