package io.keras4j.examples;

import io.keras4j.datasets.Cifar10;
import io.keras4j.datasets.Split;
import io.keras4j.layers.Layer;
import io.keras4j.layers.core.Input;
import io.keras4j.layers.preprocessing.RandomFlip;
import io.keras4j.layers.preprocessing.RandomRotation;
import io.keras4j.layers.preprocessing.RandomZoom;
import io.keras4j.layers.preprocessing.Rescaling;
import io.keras4j.models.Sequential;
import io.keras4j.ops.Ops;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Data augmentation with Keras's preprocessing layers, as the keras.io guides put it: the model
 * starts with {@code RandomFlip("horizontal")}, {@code RandomRotation(0.1)} and
 * {@code RandomZoom(0.1)} (active in {@code fit} only; identity in {@code evaluate} and
 * {@code predict}) and {@code Rescaling(1/255)}, followed by the {@link Cifar10Cnn} network. The
 * raw 0..255 pixels go in, so the saved model carries its own preprocessing. Downloads CIFAR-10 once.
 */
public final class Cifar10Augmentation {
    private static final String USAGE = """
            Usage: keras4j example cifar10_augmentation [--epochs N] [--limit N]

            Trains the CIFAR-10 convnet behind random flips, rotations and zooms and prints the test accuracy.
              --epochs N   passes over the training images (default 10)
              --limit N    use only the first N training and N test images
            """;

    private Cifar10Augmentation() {}

    public static void main(String[] args) {
        Args a = Args.parse("cifar10_augmentation", USAGE, args, List.of("--epochs", "--limit"));
        if (a.help) {
            System.out.print(USAGE);
            return;
        }
        int epochs = a.positive("cifar10_augmentation", USAGE, "--epochs", Cifar10Cnn.EPOCHS);
        int limit = a.positive("cifar10_augmentation", USAGE, "--limit", Integer.MAX_VALUE);
        Split data = Cifar10Cnn.limit(pixels(Args.download("cifar10_augmentation", Cifar10::loadData)), limit);
        Sequential model = build();
        model.summary();
        Map<String, Double> test = Cifar10Cnn.train(model, data, epochs, 1);
        System.out.printf(Locale.ROOT, "Test loss: %.4f%nTest accuracy: %.4f%n", test.get("loss"), test.get("accuracy"));
    }

    /** The augmentation layers, the rescaling, then the CIFAR-10 convnet. */
    static Sequential build() {
        List<Layer> layers = new ArrayList<>(List.of(
                new RandomFlip("horizontal"),
                new RandomRotation(0.1),
                new RandomZoom(0.1),
                new Rescaling(1.0 / 255)));
        layers.addAll(Cifar10Cnn.convnet());
        return new Sequential(Input.of(32, 32, 3), layers.toArray(new Layer[0]));
    }

    /** Pixels as float32 0..255 (the model rescales), labels (n, 1) as (n,). */
    static Split pixels(Split raw) {
        return new Split(toFloat(raw.xTrain()), MnistCnn.flat(raw.yTrain()), toFloat(raw.xTest()), MnistCnn.flat(raw.yTest()));
    }

    private static Tensor toFloat(Tensor x) { return Ops.cast(x, DType.FLOAT32); }
}
