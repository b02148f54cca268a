package io.keras4j.examples;

import io.keras4j.callbacks.History;
import io.keras4j.datasets.Cifar10;
import io.keras4j.datasets.Split;
import io.keras4j.layers.convolutional.Conv2D;
import io.keras4j.layers.Layer;
import io.keras4j.layers.activations.Activation;
import io.keras4j.layers.core.Dense;
import io.keras4j.layers.core.Input;
import io.keras4j.layers.pooling.MaxPooling2D;
import io.keras4j.layers.regularization.Dropout;
import io.keras4j.layers.reshaping.Flatten;
import io.keras4j.models.Sequential;
import io.keras4j.optimizers.RMSprop;
import io.keras4j.tensor.Tensor;
import io.keras4j.trainers.FitOptions;
import io.keras4j.utils.NumericalUtils;
import io.keras4j.utils.RandomSeed;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Keras's classic CIFAR-10 convnet ({@code examples/cifar10_cnn.py}): two blocks of
 * Conv2D 3×3 (same) → Conv2D 3×3 → MaxPooling 2 → Dropout 0.25 with 32 then 64 filters,
 * Flatten → Dense 512 relu → Dropout 0.5 → Dense 10 softmax; RMSprop with learning rate 1e-4,
 * categorical cross-entropy, batch 32, validated on the test images. Keras trains 100 epochs
 * (about 79% accuracy); here the default is 10, and {@code --epochs} sets it. Downloads the
 * CIFAR-10 archive (163 MB) once. {@code cifar10_augmentation} is the same network with random
 * flips, rotations and zooms in front.
 */
public final class Cifar10Cnn {
    static final int BATCH_SIZE = 32;
    static final int EPOCHS = 10;
    static final int NUM_CLASSES = 10;
    static final long SEED = 42;

    private static final String USAGE = """
            Usage: keras4j example cifar10_cnn [--epochs N] [--limit N]

            Trains Keras's CIFAR-10 convnet (the data set is downloaded once) and prints the test accuracy.
              --epochs N   passes over the training images (default 10; Keras's example runs 100)
              --limit N    use only the first N training and N test images (default: 50,000 / 10,000)
            """;

    private Cifar10Cnn() {}

    public static void main(String[] args) {
        Args a = Args.parse("cifar10_cnn", USAGE, args, List.of("--epochs", "--limit"));
        if (a.help) {
            System.out.print(USAGE);
            return;
        }
        int epochs = a.positive("cifar10_cnn", USAGE, "--epochs", EPOCHS);
        int limit = a.positive("cifar10_cnn", USAGE, "--limit", Integer.MAX_VALUE);
        Split data = limit(scaled(Args.download("cifar10_cnn", Cifar10::loadData)), limit);
        System.out.println("x_train shape: " + data.xTrain().shape());
        Sequential model = new Sequential(Input.of(32, 32, 3), convnet().toArray(new Layer[0]));
        model.summary();
        Map<String, Double> test = train(model, data, epochs, 1);
        System.out.printf(Locale.ROOT, "Test loss: %.4f%nTest accuracy: %.4f%n", test.get("loss"), test.get("accuracy"));
    }

    /** The network after its input (so that the augmentation example can put layers in front). */
    static List<Layer> convnet() {
        return List.of(
                new Conv2D(32, 3, 3).padding("same"), new Activation("relu"),
                new Conv2D(32, 3, 3), new Activation("relu"),
                new MaxPooling2D(2, 2), new Dropout(0.25),
                new Conv2D(64, 3, 3).padding("same"), new Activation("relu"),
                new Conv2D(64, 3, 3), new Activation("relu"),
                new MaxPooling2D(2, 2), new Dropout(0.25),
                new Flatten(), new Dense(512), new Activation("relu"), new Dropout(0.5),
                new Dense(NUM_CLASSES), new Activation("softmax"));
    }

    /** Compiles as the Keras example (RMSprop 1e-4), fits with the test set as validation data, evaluates. */
    static Map<String, Double> train(Sequential model, Split data, int epochs, int verbose) {
        RandomSeed.setRandomSeed(SEED);
        model.compile(new RMSprop().learningRate(1e-4), "categorical_crossentropy", "accuracy");
        Tensor yTrain = NumericalUtils.toCategorical(data.yTrain(), NUM_CLASSES), yTest = NumericalUtils.toCategorical(data.yTest(), NUM_CLASSES);
        History h = model.fit(data.xTrain(), yTrain, new FitOptions().batchSize(BATCH_SIZE).epochs(epochs)
                .validationData(data.xTest(), yTest).shuffle(true).verbose(verbose));
        return model.evaluate(data.xTest(), yTest, BATCH_SIZE, 0);
    }

    /** x as float32 / 255, y (n, 1) as (n,). */
    static Split scaled(Split raw) {
        return new Split(MnistCnn.scale(raw.xTrain(), 3), MnistCnn.flat(raw.yTrain()), MnistCnn.scale(raw.xTest(), 3), MnistCnn.flat(raw.yTest()));
    }

    static Split limit(Split d, int n) {
        if (n >= d.xTrain().shape().dim(0) && n >= d.xTest().shape().dim(0)) return d;
        return new Split(rows(d.xTrain(), n), rows(d.yTrain(), n), rows(d.xTest(), n), rows(d.yTest(), n));
    }

    private static Tensor rows(Tensor t, int n) {
        int m = Math.min(n, t.shape().dim(0));
        int width = t.size() / t.shape().dim(0);
        Object dst = t.dtype().allocate(m * width);
        System.arraycopy(t.data(), 0, dst, 0, m * width);
        return Tensor.wrap(dst, t.shape().withDim(0, m));
    }
}
