package io.keras4j.saving;

import io.keras4j.SharedData;
import io.keras4j.autodiff.Variable;
import io.keras4j.layers.Layer;
import io.keras4j.layers.core.Dense;
import io.keras4j.layers.rnn.LSTM;
import io.keras4j.models.Model;
import io.keras4j.models.Models;
import io.keras4j.models.Sequential;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The two real Keras 3 {@code .keras} files of {@code conformance/keras3} (README section 3). */
class Keras3FilesTest {

    /**
     * The subclassed model of Keras's {@code saving_lib_test.py} ({@code NestedDenseModel}):
     * {@code num} Dense(4, use_bias=False) blocks named d_0.. and an output Dense(2).
     */
    static final class NestedDenseModel extends Model {
        private final int num;
        private final List<Layer> layers = new ArrayList<>();

        NestedDenseModel(int num) {
            this.num = num;
            for (int i = 0; i < num; i++) layers.add(new Dense(4).useBias(false).name("d_" + i));
            layers.add(new Dense(2).name("dense"));
        }

        static NestedDenseModel fromConfig(Map<String, Object> config) {
            NestedDenseModel m = new NestedDenseModel(((Number) config.getOrDefault("num", 3)).intValue());
            if (config.get("name") instanceof String n) m.name(n);
            return m;
        }

        @Override public List<Layer> layers() { return layers; }

        @Override public void build(Shape inputShape) {
            Shape s = inputShape;
            for (Layer l : layers) {
                l.ensureBuilt(s);
                s = l.computeOutputShape(s);
            }
        }

        @Override public Tensor call(Tensor x, boolean training) {
            for (Layer l : layers) x = l.apply(x, training);
            return x;
        }

        @Override public Shape computeOutputShape(Shape s) {
            for (Layer l : layers) s = l.computeOutputShape(s);
            return s;
        }

        @Override public Map<String, Object> getConfig() {
            Map<String, Object> c = super.getConfig();
            c.put("num", num);
            return c;
        }
    }

    @AfterEach void unregister() { ObjectRegistry.unregister("legacy_nested_container>NestedDenseModel"); }

    private static Path file(String name) { return SharedData.dir("conformance/keras3").resolve(name); }

    @Test void loadsKeras38MaskingLstm() {
        Model m = Models.loadModel(file("sequential_masking_lstm_keras3.8.keras"));
        assertInstanceOf(Sequential.class, m);
        assertFalse(m.compiled(), "saved without compile_config");
        LSTM lstm = (LSTM) m.getLayer("lstm");
        List<Variable> w = lstm.weights();
        assertEquals(List.of(Shape.of(2, 4), Shape.of(1, 4), Shape.of(4)), w.stream().map(Variable::shape).toList());
        // unit_forget_bias: the saved bias is [0, 1, 0, 0] (gates i, f, c, o), per the README.
        assertArrayEquals(new float[] {0, 1, 0, 0}, w.get(2).numpy().toFloatArray());
        assertNotEquals(0f, Math.abs(w.get(0).numpy().toFloatArray()[0]) + Math.abs(w.get(0).numpy().toFloatArray()[1]),
                "the kernel comes from the file, not from zeros");
        // A fully masked sequence gives LSTM's zero initial state; the batch of the file's InputLayer is 2.
        Tensor out = m.predict(Tensor.zeros(2, 3, 2));
        assertArrayEquals(new float[] {0, 0}, out.toFloatArray(), 0);
    }

    @Test void nestedContainerNeedsItsClass() {
        ModelFileException e = assertThrows(ModelFileException.class, () -> Models.loadModel(file("pre_pr22362_nested_container.keras")));
        assertTrue(e.getMessage().contains("Could not locate class 'NestedDenseModel'"), e.getMessage());
    }

    @Test void loadsNestedContainerWithRegisteredClass() {
        ObjectRegistry.registerKerasSerializable("legacy_nested_container", "NestedDenseModel", NestedDenseModel.class, NestedDenseModel::fromConfig);
        Model m = Models.loadModel(file("pre_pr22362_nested_container.keras"));
        assertEquals("nested_dense_model", m.name());
        // saving_lib_test.py: blocks[i].kernel = 0.1 * (i + 1), out.kernel = 0.5, out.bias = 0.
        for (int i = 0; i < 3; i++) {
            for (float v : m.getLayer("d_" + i).weights().get(0).numpy().toFloatArray()) assertEquals(0.1f * (i + 1), v, 1e-6f);
        }
        for (float v : m.getLayer("dense").weights().get(0).numpy().toFloatArray()) assertEquals(0.5f, v, 1e-6f);
        for (float v : m.getLayer("dense").weights().get(1).numpy().toFloatArray()) assertEquals(0f, v);
        // ones(4) -> 0.4 -> 0.32 -> 0.384 -> 4 * 0.384 * 0.5 = 0.768 per output unit.
        assertArrayEquals(new float[] {0.768f, 0.768f, 0.768f, 0.768f}, m.predict(Tensor.ones(2, 4)).toFloatArray(), 1e-5f);
    }
}
