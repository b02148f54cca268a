package io.keras4j.examples;

import io.keras4j.datasets.Split;
import io.keras4j.models.Models;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The main example's own code path, offline on the bundled digits. */
class MnistCnnTest {
    @TempDir Path tmp;

    @Test
    void trainsTheKerasConvnetToNinetyFivePercentOnDigits() throws IOException {
        Split data = MnistCnn.load("digits", false);
        assertEquals(Shape.of(1437, 28, 28, 1), data.xTrain().shape());
        assertEquals(Shape.of(360, 28, 28, 1), data.xTest().shape());

        MnistCnn.Result r = MnistCnn.train(data, MnistCnn.defaultEpochs("digits"), 0);
        // Keras's model on 28x28 input: 320 + 18,496 + 16,010 parameters.
        assertEquals(34826L, r.model().countParams());
        assertEquals(MnistCnn.DIGITS_EPOCHS, r.history().history().get("val_accuracy").size());
        assertTrue(r.testAccuracy() >= 0.95, "test accuracy " + r.testAccuracy());

        MnistCnn.save(r, tmp);
        Path model = tmp.resolve("mnist_cnn.keras"), png = tmp.resolve("mnist_cnn.png");
        byte[] zip = Files.readAllBytes(model);
        assertTrue(zip.length > 4 && zip[0] == 'P' && zip[1] == 'K', "a .keras file is a zip");
        byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(png), 8);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, head);
        // The saved model predicts as the trained one.
        var loaded = Models.loadModel(model.toString());
        double acc = loaded.evaluate(data.xTest(), io.keras4j.utils.NumericalUtils.toCategorical(data.yTest(), 10), 128, 0).get("accuracy");
        assertEquals(r.testAccuracy(), acc, 1e-9);
    }

    @Test
    void isTheFirstListedExample() {
        assertEquals("mnist_cnn", Examples.all().keySet().iterator().next());
        assertEquals(20, MnistCnn.defaultEpochs("digits"));
        assertEquals(15, MnistCnn.defaultEpochs("mnist")); // the Keras example's epochs
    }

    @Test
    void upscalesWithHalfPixelBilinearSampling() {
        // tf.image.resize / keras.layers.Resizing("bilinear") doubling [a, b]: a, 3a/4 + b/4, a/4 + 3b/4, b.
        Tensor img = Tensor.of(new float[] {0, 16, 0, 16}, 1, 2, 2);
        float[] out = MnistCnn.upscale(img, 16, 4).toFloatArray();
        assertArrayEquals(new float[] {0, 0.25f, 0.75f, 1}, java.util.Arrays.copyOf(out, 4), 1e-6f);
    }

    @Test
    void scalesPixelsAndAddsTheChannelAxis() {
        Tensor x = Tensor.ofInts(new int[] {0, 255, 51, 102}, 1, 2, 2);
        Tensor s = MnistCnn.scale(x, 1);
        assertEquals(Shape.of(1, 2, 2, 1), s.shape());
        assertArrayEquals(new float[] {0, 1, 0.2f, 0.4f}, s.toFloatArray(), 1e-7f);
    }
}
