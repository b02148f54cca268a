package io.keras4j.datasets;

import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Fisher's Iris data set: 150 flowers, 4 measurements in centimetres each, 3 species with 50
 * flowers each. It ships inside the jar (a copy of scikit-learn's {@code iris.csv}), so loading
 * needs no download. Like the Keras datasets, {@link #loadData()} gives the arrays as stored and
 * {@link #loadData(double, long)} a train/test split.
 */
public final class Iris {
    private static final String RESOURCE = "iris.csv";
    private static final List<String> FEATURES =
            List.of("sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)");

    private static volatile Data cached;
    private static volatile List<String> classes;

    private Iris() {}

    /** All rows in file order: {@code x} float32 (150, 4), {@code y} int32 (150,) class indices. */
    public record Data(Tensor x, Tensor y) {}

    /** A split as Keras's {@code (x_train, y_train), (x_test, y_test)}. */
    public record Split(Tensor xTrain, Tensor yTrain, Tensor xTest, Tensor yTest) {}

    /** The 150 rows in file order (sorted by class). */
    public static Data loadData() {
        Data d = cached;
        if (d == null) {
            d = read();
            cached = d;
        }
        return d;
    }

    /**
     * A stratified split: from each class, {@code round(testFraction * classSize)} rows chosen at
     * random go to the test set, the rest to the training set; both sets are then shuffled, so
     * that their classes are mixed. The same seed gives the same split.
     */
    public static Split loadData(double testFraction, long seed) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("Argument `test_fraction` must be in the interval (0, 1). Received: test_fraction=" + testFraction);
        }
        Data all = loadData();
        int[] y = all.y().toIntArray();
        SplittableRandom rng = new SplittableRandom(seed);
        List<Integer> train = new ArrayList<>(), test = new ArrayList<>();
        for (int c = 0; c < classNames().size(); c++) {
            List<Integer> members = new ArrayList<>();
            for (int i = 0; i < y.length; i++) if (y[i] == c) members.add(i);
            int[] order = shuffled(members.size(), rng);
            int nTest = (int) Math.round(testFraction * members.size());
            for (int k = 0; k < order.length; k++) (k < nTest ? test : train).add(members.get(order[k]));
        }
        int[] trainRows = pick(train, shuffled(train.size(), rng));
        int[] testRows = pick(test, shuffled(test.size(), rng));
        return new Split(rows(all.x(), trainRows), rows(all.y(), trainRows), rows(all.x(), testRows), rows(all.y(), testRows));
    }

    /** The four measurements, named as scikit-learn names them. */
    public static List<String> featureNames() { return FEATURES; }

    /** The species, in label order: setosa (0), versicolor (1), virginica (2). */
    public static List<String> classNames() {
        if (classes == null) loadData();
        return classes;
    }

    // ---- reading ----

    private static Data read() {
        try (InputStream in = Iris.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("The Iris data (" + RESOURCE + ") is missing from the classpath");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            // scikit-learn's header is "n_samples,n_features,class_0,class_1,...", not column names.
            String[] header = r.readLine().trim().split(",");
            int n = Integer.parseInt(header[0]), f = Integer.parseInt(header[1]);
            classes = List.copyOf(Arrays.asList(header).subList(2, header.length));
            float[] x = new float[n * f];
            int[] y = new int[n];
            for (int i = 0; i < n; i++) {
                String line = r.readLine();
                if (line == null) throw new IllegalStateException("The Iris data ends after " + i + " of " + n + " rows");
                String[] cols = line.trim().split(",");
                for (int j = 0; j < f; j++) x[i * f + j] = Float.parseFloat(cols[j]);
                y[i] = Integer.parseInt(cols[f]);
            }
            return new Data(Tensor.wrap(x, Shape.of(n, f)), Tensor.wrap(y, Shape.of(n)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the Iris data", e);
        }
    }

    // ---- splitting ----

    private static int[] shuffled(int n, SplittableRandom rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    private static int[] pick(List<Integer> rows, int[] order) {
        int[] out = new int[order.length];
        for (int k = 0; k < order.length; k++) out[k] = rows.get(order[k]);
        return out;
    }

    /** The given rows of a row-major tensor, copied. */
    private static Tensor rows(Tensor t, int[] rows) {
        int width = t.size() / t.shape().dim(0);
        Object src = t.data();
        Object dst = t.dtype().allocate(rows.length * width);
        for (int k = 0; k < rows.length; k++) System.arraycopy(src, rows[k] * width, dst, k * width, width);
        return Tensor.wrap(dst, t.shape().withDim(0, rows.length));
    }
}
