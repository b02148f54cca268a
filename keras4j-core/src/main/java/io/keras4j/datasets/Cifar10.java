package io.keras4j.datasets;

import io.keras4j.tensor.Tensor;
import io.keras4j.utils.FileUtils;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Keras's {@code keras.datasets.cifar10}: 50,000 training and 10,000 test colour images of
 * 32×32 pixels in 10 classes. Downloaded on first use from the CIFAR home page as Keras does
 * ({@code cifar-10-python.tar.gz}, 163 MB, sha256-checked) and extracted into
 * {@code ~/.keras4j/datasets/cifar-10-batches-py-target}.
 *
 * <p>Returns {@code x} int32 {@code (50000, 32, 32, 3)} / {@code (10000, 32, 32, 3)} (channels_last;
 * values 0..255, Keras: uint8) and {@code y} int32 {@code (50000, 1)} / {@code (10000, 1)} as Keras
 * shapes them, labels in the order of {@link #classNames()}.
 */
public final class Cifar10 {
    static final String ORIGIN = "https://www.cs.toronto.edu/~kriz/cifar-10-python.tar.gz";
    static final String SHA256 = "6d958be074577803d12ecdefd02955f39262c83c16fe9348329d7fe0b5c001ce";
    static final String DIRNAME = "cifar-10-batches-py-target";
    private static final List<String> CLASSES = List.of(
            "airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck");

    private Cifar10() {}

    /** Downloads and extracts the archive if needed and loads the six batches. */
    public static Split loadData() {
        Path dir = FileUtils.getFile(DIRNAME, ORIGIN, new FileUtils.Options().extract(true).fileHash(SHA256));
        return loadData(dir.resolve("cifar-10-batches-py"));
    }

    /** Loads {@code data_batch_1..5} and {@code test_batch} from an extracted {@code cifar-10-batches-py} folder. */
    public static Split loadData(Path batchesDir) {
        List<Cifar.Batch> train = new ArrayList<>();
        for (int i = 1; i <= 5; i++) train.add(Cifar.loadBatch(batchesDir.resolve("data_batch_" + i), "labels"));
        Tensor[] tr = Cifar.stack(train);
        Tensor[] te = Cifar.stack(List.of(Cifar.loadBatch(batchesDir.resolve("test_batch"), "labels")));
        return new Split(tr[0], tr[1], te[0], te[1]);
    }

    /** The label names, index = label. */
    public static List<String> classNames() { return CLASSES; }
}
