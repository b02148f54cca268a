package io.keras4j.saving.legacy;

import io.keras4j.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelFileInspectorTest {
    @TempDir Path tmp;

    private static Path dl4j() { return SharedData.dir("conformance/dl4j"); }

    /** tf.keras's ConvLSTM2D model: both ConvLSTM2D layers are named, none of the rest. */
    @Test
    void listsEveryUnsupportedLayerNotJustTheFirst() {
        ModelFileInspector.Report r = ModelFileInspector.inspect(dl4j().resolve("tfkeras/convlstm2d_1.h5"));
        assertEquals("h5", r.format());
        assertEquals("2.2.4-tf", r.kerasVersion());
        assertEquals(3, r.layers().size(), r.render());
        assertEquals(2, r.problems().size(), r.render());
        for (String p : r.problems()) assertTrue(p.contains("ConvLSTM2D") && p.contains("not implemented"), p);
        assertFalse(r.loadable());
        assertNull(r.model());
    }

    @Test
    void printsTheSummaryOfALoadableModel() {
        ModelFileInspector.Report r = ModelFileInspector.inspect(dl4j().resolve("examples/activations/ELU_0_model.h5"));
        assertTrue(r.problems().isEmpty(), r.render());
        assertNotNull(r.model());
        String text = r.render();
        assertTrue(text.contains("dense (Dense)") && text.contains("elu_1 (ELU)"), text);
        // Dense(16 -> 32): 16*32 + 32 parameters, shown by the summary.
        assertTrue(text.contains("544"), text);
    }

    /** A Keras 1.0.5 config: the missing Keras 1 layer classes and refused arguments, all in one pass. */
    @Test
    void reportsEveryProblemOfAKerasOneConfig() {
        ModelFileInspector.Report r = ModelFileInspector.inspect(dl4j().resolve("configs/keras2/permute_retina_unet.json"));
        assertEquals("json", r.format());
        String all = String.join("\n", r.problems());
        assertTrue(all.contains("Convolution2D") && all.contains("Merge"), r.render());
        assertTrue(r.problems().size() > 2, r.render());
        assertFalse(r.loadable());
    }

    /** Keras 3.15's fixture of a subclassed model registered in Python. */
    @Test
    void namesUnregisteredCustomClasses() {
        ModelFileInspector.Report r = ModelFileInspector.inspect(SharedData.dir("conformance/keras3").resolve("pre_pr22362_nested_container.keras"));
        assertEquals("keras", r.format());
        assertEquals("3.15.0", r.kerasVersion());
        assertTrue(String.join("\n", r.problems()).contains("legacy_nested_container>NestedDenseModel"), r.render());
        assertFalse(r.loadable());
    }

    @Test
    void weightsFilesListTheirLayersAndShapes() {
        ModelFileInspector.Report r = ModelFileInspector.inspect(dl4j().resolve("examples/mnist_mlp/mnist_mlp_tf_keras_2_weights.h5"));
        assertEquals("h5-weights", r.format());
        assertTrue(r.layers().contains("dense_1 weights (784, 512), (512,)"), r.render());
        assertTrue(r.problems().isEmpty(), r.render());
    }

    @Test
    void reportsBadFilesInsteadOfThrowing() throws IOException {
        Path junk = Files.write(tmp.resolve("junk.h5"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
        ModelFileInspector.Report r = ModelFileInspector.inspect(junk);
        assertFalse(r.problems().isEmpty());
        assertFalse(r.loadable());
        byte[] real = Files.readAllBytes(dl4j().resolve("examples/activations/ELU_0_model.h5"));
        Path truncated = Files.write(tmp.resolve("truncated.h5"), java.util.Arrays.copyOf(real, real.length / 3));
        ModelFileInspector.Report t = ModelFileInspector.inspect(truncated);
        assertFalse(t.loadable(), t.render());
        assertFalse(t.problems().isEmpty(), t.render());
        assertThrows(IllegalArgumentException.class, () -> ModelFileInspector.inspect(null));
    }
}
