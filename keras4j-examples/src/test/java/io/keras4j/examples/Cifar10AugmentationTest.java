package io.keras4j.examples;

import io.keras4j.datasets.Split;
import io.keras4j.models.Sequential;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The augmentation example's model on random images (the real set is a download). */
class Cifar10AugmentationTest {

    @Test
    void augmentationAddsNoWeightsActsInTrainingOnlyAndTrains() {
        Sequential model = Cifar10Augmentation.build();
        assertEquals(1_250_858L, model.countParams()); // the CIFAR-10 convnet's; the preprocessing layers have none
        Split data = Cifar10Augmentation.pixels(Cifar10CnnTest.randomImages(16));
        assertTrue(data.xTrain().toFloatArray()[0] > 1f || data.xTrain().toFloatArray()[1] > 1f, "raw 0..255 pixels go in");
        Map<String, Double> test = Cifar10Cnn.train(model, data, 1, 0);
        assertTrue(Double.isFinite(test.get("loss")), test.toString());
        // Outside fit the random layers are the identity: two predictions agree exactly.
        Tensor a = model.predict(data.xTest()), b = model.predict(data.xTest());
        assertArrayEquals(a.toFloatArray(), b.toFloatArray());
    }
}
