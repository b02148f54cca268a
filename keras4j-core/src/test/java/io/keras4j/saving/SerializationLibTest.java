package io.keras4j.saving;

import io.keras4j.constraints.MaxNorm;
import io.keras4j.constraints.MinMaxNorm;
import io.keras4j.constraints.NonNeg;
import io.keras4j.constraints.UnitNorm;
import io.keras4j.initializers.Initializers;
import io.keras4j.layers.Layer;
import io.keras4j.layers.core.Dense;
import io.keras4j.losses.Huber;
import io.keras4j.losses.Losses;
import io.keras4j.metrics.Metrics;
import io.keras4j.optimizers.Adam;
import io.keras4j.optimizers.Optimizer;
import io.keras4j.optimizers.Optimizers;
import io.keras4j.optimizers.RMSprop;
import io.keras4j.optimizers.SGD;
import io.keras4j.optimizers.schedules.CosineDecay;
import io.keras4j.optimizers.schedules.ExponentialDecay;
import io.keras4j.optimizers.schedules.InverseTimeDecay;
import io.keras4j.optimizers.schedules.PiecewiseConstantDecay;
import io.keras4j.optimizers.schedules.PolynomialDecay;
import io.keras4j.regularizers.L1;
import io.keras4j.regularizers.L1L2;
import io.keras4j.regularizers.L2;
import io.keras4j.regularizers.OrthogonalRegularizer;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Keras 3's serialized form of every kind of object, through JSON and back: the object read back
 * serializes to the same JSON, and is of the same class.
 */
class SerializationLibTest {

    @AfterEach void unregister() {
        ObjectRegistry.unregister("my_pkg>Scale");
    }

    private static Object viaJson(Object obj) {
        Object serialized = SerializationLib.serializeKerasObject(obj);
        String json = KerasJson.write(serialized);
        Object back = SerializationLib.deserializeKerasObject(KerasJson.readObject(json, "test"));
        assertEquals(obj.getClass(), back.getClass());
        assertEquals(json, KerasJson.write(SerializationLib.serializeKerasObject(back)), obj.getClass().getSimpleName());
        return back;
    }

    @Test void optimizersWithTheirOptions() {
        for (String name : List.of("adadelta", "adagrad", "adam", "adamax", "adamw", "nadam", "rmsprop", "sgd")) {
            viaJson(Optimizers.get(name).learningRate(0.125).clipnorm(2.0).name("opt_" + name));
        }
        viaJson(new Adam().beta1(0.8).amsgrad(true));
        viaJson(new RMSprop().rho(0.5).centered(true));
        viaJson(new SGD().momentum(0.9).nesterov(true));
        Map<String, Object> m = ModelConfigs.map(SerializationLib.serializeKerasObject(new Adam()));
        assertEquals("keras.optimizers", m.get("module"));
        assertEquals("Adam", m.get("class_name"));
        assertNull(m.get("registered_name"));
    }

    @Test void optimizersWithSchedules() {
        List<io.keras4j.optimizers.LearningRateSchedule> schedules = List.of(
                new ExponentialDecay(0.1, 10, 0.5).staircase(true),
                new InverseTimeDecay(0.1, 10, 0.5),
                new PolynomialDecay(0.1, 10).power(2),
                new CosineDecay(0.1, 10).alpha(0.1),
                new PiecewiseConstantDecay(new double[] {5, 10}, new double[] {0.1, 0.01, 0.001}));
        for (var s : schedules) {
            viaJson(s);
            Optimizer back = (Optimizer) viaJson(new Adam().learningRate(s));
            assertEquals(s.getClass(), back.learningRateSchedule().getClass());
            assertEquals(s.at(7), back.learningRateSchedule().at(7), 0);
        }
    }

    @Test void lossesMetricsInitializersRegularizersConstraints() {
        viaJson(new Huber().name("my_huber"));
        viaJson(Losses.get("mse"));
        viaJson(Losses.get("SparseCategoricalCrossentropy"));
        for (String m : List.of("Precision", "AUC", "MeanSquaredError", "SparseCategoricalAccuracy")) viaJson(Metrics.get(m));
        for (String i : List.of("GlorotUniform", "HeNormal", "Orthogonal", "Zeros", "Constant", "RandomNormal", "VarianceScaling")) {
            viaJson(Initializers.get(i));
        }
        viaJson(new L1(0.5));
        viaJson(new L2(0.25));
        viaJson(new L1L2(0.1, 0.2));
        viaJson(new OrthogonalRegularizer(0.1, "columns"));
        viaJson(new MaxNorm(3.0));
        viaJson(new MinMaxNorm(0.5, 2.0));
        viaJson(new NonNeg());
        viaJson(new UnitNorm());
    }

    @Test void layersCarryDtypePolicyAndBuildConfig() {
        Dense d = new Dense(3).kernelRegularizer(new L2(0.1));
        d.ensureBuilt(Shape.of(-1, 4));
        Map<String, Object> m = SerializationLib.serializeLayer(d);
        assertEquals("keras.layers", m.get("module"));
        assertEquals(Map.of("input_shape", java.util.Arrays.asList(null, 4)), m.get("build_config"));
        Map<String, Object> dtype = ModelConfigs.map(ModelConfigs.map(m.get("config")).get("dtype"));
        assertEquals("DTypePolicy", dtype.get("class_name"));
        assertEquals(Map.of("name", "float32"), dtype.get("config"));
        Layer back = (Layer) viaJson(d);
        assertTrue(back.built(), "build_config builds the layer");
        assertEquals(2, back.weights().size());
    }

    @Test void tensors() {
        Tensor t = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Map<String, Object> m = ModelConfigs.map(SerializationLib.serializeKerasObject(t));
        assertEquals("__tensor__", m.get("class_name"));
        assertEquals(List.of(List.of(1.0, 2.0, 3.0), List.of(4.0, 5.0, 6.0)), ModelConfigs.map(m.get("config")).get("value"));
        Tensor back = (Tensor) SerializationLib.deserializeKerasObject(m);
        assertEquals(Shape.of(2, 3), back.shape());
        assertArrayEquals(t.toFloatArray(), back.toFloatArray());
    }

    /** A user layer: multiplies by a factor. */
    static final class Scale extends Layer {
        final double factor;

        Scale(double factor) { this.factor = factor; }

        @Override public Tensor call(Tensor x, boolean training) { return io.keras4j.ops.Ops.multiply(x, factor); }

        @Override public Shape computeOutputShape(Shape s) { return s; }

        @Override public Map<String, Object> getConfig() {
            Map<String, Object> c = super.getConfig();
            c.put("factor", factor);
            return c;
        }
    }

    @Test void registeredUserClasses() {
        Scale s = new Scale(2.5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SerializationLib.deserializeKerasObject(SerializationLib.serializeKerasObject(s)));
        assertTrue(e.getMessage().startsWith("Could not locate class 'Scale'"), e.getMessage());
        ObjectRegistry.registerKerasSerializable("my_pkg", "Scale", Scale.class, c -> {
            Scale l = new Scale(((Number) c.get("factor")).doubleValue());
            l.name((String) c.get("name"));
            return l;
        });
        Map<String, Object> m = ModelConfigs.map(SerializationLib.serializeKerasObject(s));
        assertEquals("my_pkg>Scale", m.get("registered_name"));
        Scale back = (Scale) viaJson(s);
        assertEquals(2.5, back.factor);
        // In a model too.
        var in = io.keras4j.layers.core.Input.of(2);
        var model = new io.keras4j.models.Model(in, new Scale(3).apply(in));
        var copy = ModelConfigs.fromConfig(ModelConfigs.toConfig(model));
        assertArrayEquals(new float[] {3, 6}, copy.predict(Tensor.of(new float[] {1, 2}, 1, 2)).toFloatArray());
    }

    @Test void unknownBuiltinNamesAreNamedInTheError() {
        List<Object> bad = new ArrayList<>();
        bad.add(Map.of("module", "keras.layers", "class_name", "NoSuchLayer", "config", Map.of()));
        bad.add(Map.of("module", "keras.optimizers", "class_name", "NoSuchOptimizer", "config", Map.of()));
        for (Object b : bad) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SerializationLib.deserializeKerasObject(b));
            assertTrue(e.getMessage().contains("NoSuch"), e.getMessage());
        }
    }
}
