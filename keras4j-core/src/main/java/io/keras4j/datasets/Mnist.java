package io.keras4j.datasets;

import io.keras4j.utils.FileUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Keras's {@code keras.datasets.mnist}: 60,000 training and 10,000 test grayscale images of the
 * handwritten digits, 28×28 pixels. Downloaded on first use from Keras's own location
 * ({@code mnist.npz}, 11 MB, sha256-checked) into {@code ~/.keras4j/datasets} (see
 * {@link FileUtils#getFile}).
 *
 * <p>Returns {@code x} int32 {@code (60000, 28, 28)} / {@code (10000, 28, 28)} with pixel values
 * 0 to 255 (Keras: uint8) and {@code y} int32 {@code (60000,)} / {@code (10000,)}, digits 0 to 9.
 * MNIST is © Yann LeCun and Corinna Cortes, CC BY-SA 3.0.
 */
public final class Mnist {
    static final String ORIGIN = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/mnist.npz";
    static final String SHA256 = "731c5ac602752760c8e48fbffcf8c3b850d9dc2a2aedcf2cc48468fc17b673d1";

    private Mnist() {}

    /** Downloads {@code mnist.npz} if needed and loads it. */
    public static Split loadData() { return loadData("mnist.npz"); }

    /** As {@link #loadData()}, caching under the file name {@code path} in the datasets folder. */
    public static Split loadData(String path) {
        return loadData(FileUtils.getFile(path, ORIGIN, new FileUtils.Options().fileHash(SHA256)));
    }

    /** Loads an {@code mnist.npz} that is already on disk (no download, no checksum). */
    public static Split loadData(Path npzFile) {
        try {
            Map<String, PickledArray> f = Npy.loadNpz(npzFile);
            return new Split(member(f, "x_train", npzFile), member(f, "y_train", npzFile), member(f, "x_test", npzFile), member(f, "y_test", npzFile));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + npzFile, e);
        }
    }

    static io.keras4j.tensor.Tensor member(Map<String, PickledArray> f, String name, Path file) {
        PickledArray a = f.get(name);
        if (a == null) throw new IllegalArgumentException(file + " has no array named '" + name + "' (it has " + f.keySet() + ")");
        return a.tensor();
    }
}
