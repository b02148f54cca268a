package io.keras4j.datasets;

import io.keras4j.utils.FileUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Keras's {@code keras.datasets.boston_housing}: 506 Boston districts of the 1970s, 13 attributes
 * each, the target the median home value in k$. Downloaded on first use from Keras's location
 * ({@code boston_housing.npz}, sha256-checked). Keras warns against using it outside a lesson on
 * ethics in data science (one attribute encodes a racial assumption); prefer
 * {@link CaliforniaHousing}{@code .loadData("small", ...)}.
 *
 * <p>Returns {@code x} float64 {@code (n, 13)} and {@code y} float64 {@code (n,)} as Keras, shuffled
 * with {@code np.random.RandomState(seed)} and split as Keras splits (same rows for the same seed).
 */
public final class BostonHousing {
    static final String ORIGIN = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/boston_housing.npz";
    static final String SHA256 = "f553886a1f8d56431e820c5b82552d9d95cfcb96d1e678153f8839538947dff5";

    private BostonHousing() {}

    /** {@code test_split=0.2, seed=113}. */
    public static Split loadData() { return loadData(0.2, 113); }

    /** Downloads the file if needed; {@code testSplit} in [0, 1). */
    public static Split loadData(double testSplit, long seed) {
        ShuffledSplit.checkTestSplit(testSplit);
        return loadData(FileUtils.getFile("boston_housing.npz", ORIGIN, new FileUtils.Options().fileHash(SHA256)), testSplit, seed);
    }

    /** From a {@code boston_housing.npz} already on disk (no download, no checksum). */
    public static Split loadData(Path npzFile, double testSplit, long seed) {
        ShuffledSplit.checkTestSplit(testSplit);
        try {
            Map<String, PickledArray> f = Npy.loadNpz(npzFile);
            return ShuffledSplit.of(Mnist.member(f, "x", npzFile), Mnist.member(f, "y", npzFile), testSplit, seed);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + npzFile, e);
        }
    }
}
