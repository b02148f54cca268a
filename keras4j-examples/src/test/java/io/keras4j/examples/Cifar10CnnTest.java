package io.keras4j.examples;

import io.keras4j.datasets.Split;
import io.keras4j.layers.Layer;
import io.keras4j.layers.core.Input;
import io.keras4j.models.Sequential;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CIFAR-10 example's network and training code on a few random images (the real set is a download). */
class Cifar10CnnTest {

    static Split randomImages(int n) {
        SplittableRandom r = new SplittableRandom(1);
        int[] x = new int[n * 32 * 32 * 3];
        for (int i = 0; i < x.length; i++) x[i] = r.nextInt(256);
        int[] y = new int[n];
        for (int i = 0; i < n; i++) y[i] = i % 10;
        Tensor xs = Tensor.wrap(x, Shape.of(n, 32, 32, 3)), ys = Tensor.wrap(y, Shape.of(n, 1));
        return new Split(xs, ys, xs, ys);
    }

    @Test
    void kerasCifar10CnnHasItsParameterCountAndTrains() {
        Sequential model = new Sequential(Input.of(32, 32, 3), Cifar10Cnn.convnet().toArray(new Layer[0]));
        // cifar10_cnn.py's summary: Total params: 1,250,858
        assertEquals(1_250_858L, model.countParams());
        Split data = Cifar10Cnn.limit(Cifar10Cnn.scaled(randomImages(40)), 20);
        assertEquals(Shape.of(20, 32, 32, 3), data.xTrain().shape());
        assertEquals(Shape.of(20), data.yTrain().shape());
        assertTrue(data.xTrain().toFloatArray()[0] <= 1f);
        Map<String, Double> test = Cifar10Cnn.train(model, data, 1, 0);
        assertTrue(Double.isFinite(test.get("loss")), test.toString());
    }
}
