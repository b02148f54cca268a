package io.keras4j.datasets;

import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

/**
 * The optical-recognition handwritten digits (UCI; scikit-learn's {@code load_digits}): 1,797
 * grayscale images of 8×8 pixels, each pixel a count from 0 to 16, labelled 0 to 9 (about 180 per
 * digit). It ships inside the jar (scikit-learn's {@code digits.csv.gz}, BSD licence), so it loads
 * offline: the data set the MNIST examples use when nothing may be downloaded.
 *
 * <p>Pixels come as float32 in shape {@code (n, 8, 8)} (scikit-learn's {@code images}, values 0 to
 * 16), labels as int32 {@code (n,)}.
 */
public final class Digits {
    private static final String RESOURCE = "digits.csv.gz";
    static final int SAMPLES = 1797, SIDE = 8;

    private static volatile Split all;

    private Digits() {}

    /** All 1,797 images in file order, as {@code (x, y)} in the training half of the split; the test half is empty. */
    public static Split loadData() {
        Split d = all;
        if (d == null) {
            d = read();
            all = d;
        }
        return d;
    }

    /**
     * Shuffles the images with {@code np.random.RandomState(seed)} and keeps the last
     * {@code testSplit} fraction as the test set, the way Keras's {@code boston_housing} and
     * {@code california_housing} loaders split.
     */
    public static Split loadData(double testSplit, long seed) {
        Split d = loadData();
        return ShuffledSplit.of(d.xTrain(), d.yTrain(), testSplit, seed);
    }

    private static Split read() {
        try (InputStream raw = Digits.class.getResourceAsStream(RESOURCE)) {
            if (raw == null) throw new IllegalStateException("The digits data (" + RESOURCE + ") is missing from the classpath");
            BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.US_ASCII));
            int pixels = SIDE * SIDE;
            float[] x = new float[SAMPLES * pixels];
            int[] y = new int[SAMPLES];
            for (int i = 0; i < SAMPLES; i++) {
                String line = r.readLine();
                if (line == null) throw new IllegalStateException("The digits data ends after " + i + " of " + SAMPLES + " rows");
                String[] cols = line.split(",");
                if (cols.length != pixels + 1) throw new IllegalStateException("Row " + i + " of the digits data has " + cols.length + " columns, expected " + (pixels + 1));
                // scikit-learn writes the values as floats ("0.0"), older copies as integers.
                for (int j = 0; j < pixels; j++) x[i * pixels + j] = Float.parseFloat(cols[j]);
                y[i] = (int) Float.parseFloat(cols[pixels]);
            }
            Tensor images = Tensor.wrap(x, Shape.of(SAMPLES, SIDE, SIDE));
            Tensor labels = Tensor.wrap(y, Shape.of(SAMPLES));
            return new Split(images, labels, Tensor.wrap(new float[0], Shape.of(0, SIDE, SIDE)), Tensor.wrap(new int[0], Shape.of(0)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the digits data", e);
        }
    }
}
