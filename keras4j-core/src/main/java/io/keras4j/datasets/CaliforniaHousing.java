package io.keras4j.datasets;

import io.keras4j.tensor.Tensor;
import io.keras4j.utils.FileUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Keras's {@code keras.datasets.california_housing}: 20,640 California block groups of the 1990
 * census, 8 features each (MedInc, HouseAge, AveRooms, AveBedrms, Population, AveOccup,
 * Latitude, Longitude), the target the median house value in dollars. Downloaded on first use
 * from Keras's location ({@code california_housing.npz}, sha256-checked). The "small" version is
 * its first 600 rows, meant to stand in for {@link BostonHousing}.
 *
 * <p>Returns {@code x} {@code (n, 8)} and {@code y} {@code (n,)} in the file's float type, shuffled
 * with {@code np.random.RandomState(seed)} and split as Keras splits.
 */
public final class CaliforniaHousing {
    static final String ORIGIN = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/california_housing.npz";
    static final String SHA256 = "1a2e3a52e0398de6463aebe6f4a8da34fb21fbb6b934cf88c3425e766f2a1a6f";
    static final int SMALL = 600;

    private CaliforniaHousing() {}

    /** {@code version="large", test_split=0.2, seed=113}. */
    public static Split loadData() { return loadData("large", 0.2, 113); }

    /** Downloads the file if needed; {@code version} "large" (20,640 rows) or "small" (600). */
    public static Split loadData(String version, double testSplit, long seed) {
        ShuffledSplit.checkTestSplit(testSplit);
        checkVersion(version);
        return loadData(FileUtils.getFile("california_housing.npz", ORIGIN, new FileUtils.Options().fileHash(SHA256)), version, testSplit, seed);
    }

    /** From a {@code california_housing.npz} already on disk (no download, no checksum). */
    public static Split loadData(Path npzFile, String version, double testSplit, long seed) {
        ShuffledSplit.checkTestSplit(testSplit);
        checkVersion(version);
        try {
            Map<String, PickledArray> f = Npy.loadNpz(npzFile);
            Tensor x = Mnist.member(f, "x", npzFile), y = Mnist.member(f, "y", npzFile);
            if (version.equals("small")) {
                x = ShuffledSplit.head(x, Math.min(SMALL, x.shape().dim(0)));
                y = ShuffledSplit.head(y, Math.min(SMALL, y.shape().dim(0)));
            }
            return ShuffledSplit.of(x, y, testSplit, seed);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + npzFile, e);
        }
    }

    private static void checkVersion(String version) {
        if (!"small".equals(version) && !"large".equals(version)) {
            throw new IllegalArgumentException("Argument `version` must be one of 'small', 'large'. Received: version=" + version);
        }
    }
}
