package io.keras4j.datasets;

import io.keras4j.tensor.Tensor;
import io.keras4j.utils.FileUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Keras's {@code keras.datasets.fashion_mnist}: Zalando's 60,000 training and 10,000 test
 * grayscale 28×28 images of 10 kinds of clothing, a drop-in replacement for MNIST. Downloaded on
 * first use from Keras's location as the four gzip IDX files Keras uses, into
 * {@code ~/.keras4j/datasets/fashion-mnist} (Keras checks no hash for them, neither does this).
 * {@link #loadData(Path)} reads the same four files from any folder, e.g. Debian's
 * {@code dataset-fashion-mnist} package ({@code /usr/share/datasets/fashion-mnist}).
 *
 * <p>Returns {@code x} int32 {@code (60000, 28, 28)} / {@code (10000, 28, 28)}, pixel values 0..255
 * (Keras: uint8), {@code y} int32 {@code (60000,)} / {@code (10000,)}, labels 0..9 in the order of
 * {@link #classNames()}. Fashion-MNIST is © Zalando SE, MIT licence.
 */
public final class FashionMnist {
    static final String ORIGIN_FOLDER = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/";
    static final List<String> FILES = List.of(
            "train-labels-idx1-ubyte.gz", "train-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz");
    private static final List<String> CLASSES = List.of(
            "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private FashionMnist() {}

    /** Downloads the four files if needed and loads them. */
    public static Split loadData() {
        Path dir = null;
        for (String f : FILES) {
            dir = FileUtils.getFile(f, ORIGIN_FOLDER + f, new FileUtils.Options().cacheSubdir(FileUtils.DATASETS + "/fashion-mnist")).getParent();
        }
        return loadData(dir);
    }

    /** Loads the four {@code *-idx?-ubyte.gz} files from {@code directory} (no download). */
    public static Split loadData(Path directory) {
        for (String f : FILES) {
            if (!Files.isRegularFile(directory.resolve(f))) {
                throw new IllegalArgumentException("The Fashion-MNIST file " + f + " is not in " + directory.toAbsolutePath() + "; it needs " + FILES);
            }
        }
        try {
            Tensor yTrain = Idx.readUbyteGz(directory.resolve(FILES.get(0)));
            Tensor xTrain = Idx.readUbyteGz(directory.resolve(FILES.get(1)));
            Tensor yTest = Idx.readUbyteGz(directory.resolve(FILES.get(2)));
            Tensor xTest = Idx.readUbyteGz(directory.resolve(FILES.get(3)));
            check(xTrain, yTrain, "train");
            check(xTest, yTest, "t10k");
            return new Split(xTrain, yTrain, xTest, yTest);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the Fashion-MNIST files in " + directory.toAbsolutePath(), e);
        }
    }

    /** The label names, index = label. */
    public static List<String> classNames() { return CLASSES; }

    private static void check(Tensor x, Tensor y, String part) {
        if (x.rank() != 3 || y.rank() != 1 || x.shape().dim(0) != y.shape().dim(0)) {
            throw new IllegalArgumentException("The Fashion-MNIST " + part + " files do not match: images " + x.shape() + ", labels " + y.shape());
        }
    }
}
