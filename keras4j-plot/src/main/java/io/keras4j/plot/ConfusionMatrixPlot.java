package io.keras4j.plot;

import io.keras4j.tensor.Tensor;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.DefaultXYZDataset;

import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.geom.Rectangle2D;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A confusion matrix as a picture (PNG or SVG, by the file's suffix), laid out as scikit-learn's
 * {@code ConfusionMatrixDisplay}: true labels down the rows, predicted labels across the columns,
 * each cell shaded by its count and the count written in it.
 * <pre>{@code
 * int[] predicted = ...argmax of model.predict(xTest)...;
 * ConfusionMatrixPlot.save(yTest.toIntArray(), predicted, Iris.classNames(), Path.of("confusion.png"));
 * }</pre>
 */
public final class ConfusionMatrixPlot {
    /** The colour of the fullest cell (matplotlib's "Blues" at its dark end); empty cells are white. */
    public static final Color FULL_COLOR = new Color(0x08, 0x30, 0x6b);

    private ConfusionMatrixPlot() {}

    /** Optional settings. */
    public static final class Options {
        private int width, height;
        private String title = "Confusion matrix";

        /** The picture's size in pixels (SVG: user units); by default it grows with the number of classes. */
        public Options size(int width, int height) {
            PictureFile.requireSize(width, height);
            this.width = width;
            this.height = height;
            return this;
        }

        /** The title above the matrix ("Confusion matrix" by default; null for none). */
        public Options title(String value) {
            title = value;
            return this;
        }
    }

    /** Classes named "0", "1", ... {@code numClasses - 1}. */
    public static void save(int[] yTrue, int[] yPred, int numClasses, Path file) {
        save(yTrue, yPred, defaultNames(numClasses), file, new Options());
    }

    public static void save(int[] yTrue, int[] yPred, List<String> classNames, Path file) {
        save(yTrue, yPred, classNames, file, new Options());
    }

    public static void save(int[] yTrue, int[] yPred, int numClasses, Path file, Options options) {
        save(yTrue, yPred, defaultNames(numClasses), file, options);
    }

    /** Writes the confusion matrix of the integer labels {@code yTrue} and {@code yPred} to {@code file}. */
    public static void save(int[] yTrue, int[] yPred, List<String> classNames, Path file, Options options) {
        PictureFile.formatOf(file);
        if (classNames == null || classNames.isEmpty()) {
            throw new IllegalArgumentException("Argument `class_names` must name at least one class. Received: class_names=" + classNames);
        }
        int[][] counts = confusionMatrix(yTrue, yPred, classNames.size());
        int n = classNames.size();
        int side = Math.max(360, 90 * n + 160);
        int width = options.width > 0 ? options.width : side + 40;
        int height = options.height > 0 ? options.height : side;
        JFreeChart chart = chart(counts, classNames, options.title);
        PictureFile.write(file, width, height, g -> chart.draw(g, new Rectangle2D.Double(0, 0, width, height)));
    }

    /**
     * From tensors as {@code fit}/{@code predict} use them: each of {@code yTrue} and {@code yPred}
     * may be integer labels {@code (n,)} or {@code (n, 1)}, or rows of class scores {@code (n, k)}
     * (one-hot targets, softmax outputs), which count as their arg-max class.
     */
    public static void save(Tensor yTrue, Tensor yPred, List<String> classNames, Path file) {
        save(labels("y_true", yTrue), labels("y_pred", yPred), classNames, file, new Options());
    }

    public static void save(Tensor yTrue, Tensor yPred, List<String> classNames, Path file, Options options) {
        save(labels("y_true", yTrue), labels("y_pred", yPred), classNames, file, options);
    }

    /** Class labels of a tensor: arg-max of each row when rows have several scores, else the values as integers. */
    static int[] labels(String arg, Tensor t) {
        if (t == null || t.rank() == 0) throw new IllegalArgumentException("Argument `" + arg + "` must be an array with a batch dimension. Received: " + arg + "=" + t);
        int n = t.shape().dim(0);
        int width = n == 0 ? 1 : t.size() / n;
        double[] v = t.toDoubleArray();
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            if (width == 1) {
                if (v[i] != Math.rint(v[i])) {
                    throw new IllegalArgumentException("Argument `" + arg + "` must hold integer class labels or rows of class scores. Received: " + arg + "[" + i + "]=" + v[i]);
                }
                out[i] = (int) v[i];
            } else {
                int best = 0;
                for (int j = 1; j < width; j++) if (v[i * width + j] > v[i * width + best]) best = j;
                out[i] = best;
            }
        }
        return out;
    }

    /**
     * The counts: {@code [i][j]} is the number of samples of true class {@code i} predicted as
     * class {@code j} (scikit-learn's {@code confusion_matrix} orientation).
     */
    public static int[][] confusionMatrix(int[] yTrue, int[] yPred, int numClasses) {
        if (yTrue == null || yPred == null) {
            throw new IllegalArgumentException("Arguments `y_true` and `y_pred` must be label arrays. Received: y_true=" + (yTrue == null ? "null" : "int[" + yTrue.length + "]") + ", y_pred=" + (yPred == null ? "null" : "int[" + yPred.length + "]"));
        }
        if (numClasses <= 0) throw new IllegalArgumentException("Argument `num_classes` must be a positive integer. Received: num_classes=" + numClasses);
        if (yTrue.length != yPred.length) {
            throw new IllegalArgumentException("Found input variables with inconsistent numbers of samples: [" + yTrue.length + ", " + yPred.length + "]");
        }
        int[][] m = new int[numClasses][numClasses];
        for (int k = 0; k < yTrue.length; k++) {
            checkLabel("y_true", k, yTrue[k], numClasses);
            checkLabel("y_pred", k, yPred[k], numClasses);
            m[yTrue[k]][yPred[k]]++;
        }
        return m;
    }

    private static void checkLabel(String arg, int k, int label, int numClasses) {
        if (label < 0 || label >= numClasses) {
            throw new IllegalArgumentException("Labels must be integers in [0, " + numClasses + ") for " + numClasses + " classes. Received: " + arg + "[" + k + "]=" + label);
        }
    }

    private static List<String> defaultNames(int numClasses) {
        if (numClasses <= 0) throw new IllegalArgumentException("Argument `num_classes` must be a positive integer. Received: num_classes=" + numClasses);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < numClasses; i++) names.add(Integer.toString(i));
        return names;
    }

    private static JFreeChart chart(int[][] counts, List<String> names, String title) {
        int n = names.size();
        int max = 0;
        for (int[] row : counts) for (int c : row) max = Math.max(max, c);
        // One block per cell, centred on integer coordinates: x = predicted class, y = true class.
        double[] xs = new double[n * n], ys = new double[n * n], zs = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                xs[i * n + j] = j;
                ys[i * n + j] = i;
                zs[i * n + j] = counts[i][j];
            }
        }
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries("counts", new double[][] {xs, ys, zs});

        String[] symbols = names.toArray(new String[0]);
        SymbolAxis x = new SymbolAxis("Predicted label", symbols);
        SymbolAxis y = new SymbolAxis("True label", symbols);
        x.setGridBandsVisible(false);
        y.setGridBandsVisible(false);
        // Row 0 at the top, as a printed matrix (and scikit-learn's display) has it.
        y.setInverted(true);
        x.setRange(-0.5, n - 0.5);
        y.setRange(-0.5, n - 0.5);

        BlueScale scale = new BlueScale(max);
        XYBlockRenderer renderer = new XYBlockRenderer();
        renderer.setPaintScale(scale);
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        Font font = new Font(Font.SANS_SERIF, Font.BOLD, n <= 10 ? 16 : 10);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                XYTextAnnotation a = new XYTextAnnotation(Integer.toString(counts[i][j]), j, i);
                a.setFont(font);
                a.setTextAnchor(TextAnchor.CENTER);
                // Dark cells get white text so that the count stays readable.
                a.setPaint(counts[i][j] > max / 2.0 ? Color.WHITE : Color.BLACK);
                plot.addAnnotation(a);
            }
        }
        JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 16), plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /** White for 0 to {@link #FULL_COLOR} for the largest count, linearly. */
    private static final class BlueScale implements PaintScale {
        private final int max;

        BlueScale(int max) { this.max = max; }

        @Override public double getLowerBound() { return 0; }

        @Override public double getUpperBound() { return Math.max(max, 1); }

        @Override public Paint getPaint(double value) {
            double t = max == 0 ? 0 : Math.max(0, Math.min(1, value / max));
            return new Color(mix(255, FULL_COLOR.getRed(), t), mix(255, FULL_COLOR.getGreen(), t), mix(255, FULL_COLOR.getBlue(), t));
        }

        private static int mix(int from, int to, double t) { return (int) Math.round(from + (to - from) * t); }
    }
}
