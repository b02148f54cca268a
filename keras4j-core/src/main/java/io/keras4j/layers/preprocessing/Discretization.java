package io.keras4j.layers.preprocessing;

import io.keras4j.layers.Layer;
import io.keras4j.layers.Layers;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Keras's {@code Discretization}: each value to the index of its bucket, NumPy's
 * {@code digitize(x, bin_boundaries)} ({@code boundaries[i-1] <= x < boundaries[i]}), then encoded
 * by {@code output_mode} ("int" gives int32). With {@code num_bins} instead of boundaries,
 * {@link #adapt} estimates quantile boundaries with Keras's own summary algorithm (a weighted,
 * compressed sorted sample with {@code epsilon} precision), so the boundaries equal Keras's.
 * The learned boundaries are kept in the config ({@code bin_boundaries}), as Keras does.
 */
public final class Discretization extends Layer {
    private double[] binBoundaries;
    private final Integer numBins;
    private double epsilon = 0.01;
    private String outputMode = "int";
    /** The running summary: row 0 values, row 1 weights (Keras's {@code self.summary}). */
    private double[][] summary = {new double[0], new double[0]};

    private Discretization(double[] binBoundaries, Integer numBins) {
        this.binBoundaries = binBoundaries;
        this.numBins = numBins;
    }

    /** Fixed boundaries. */
    public static Discretization withBinBoundaries(double... boundaries) { return new Discretization(boundaries.clone(), null); }

    /** A number of bins whose boundaries {@link #adapt} learns. */
    public static Discretization withNumBins(int numBins) {
        if (numBins < 0) throw new IllegalArgumentException("`num_bins` must be greater than or equal to 0. Received: `num_bins=" + numBins + "`");
        return new Discretization(null, numBins);
    }

    public Discretization epsilon(double value) {
        epsilon = value;
        return this;
    }

    /** "int" (default), "one_hot", "multi_hot" or "count". */
    public Discretization outputMode(String mode) {
        checkNotBuilt();
        CategoricalInputs.requireOneOf(mode, "Discretization", "output_mode", "int", "one_hot", "multi_hot", "count");
        outputMode = mode;
        return this;
    }

    /** The boundaries in use (null before adapt when built from num_bins). */
    public double[] binBoundaries() { return binBoundaries == null ? null : binBoundaries.clone(); }

    public static Discretization fromConfig(Layers.Config c) {
        Object b = c.raw("bin_boundaries");
        Object n = c.raw("num_bins");
        double[] bounds = null;
        if (b != null) {
            if (!(b instanceof List<?> l)) throw new IllegalArgumentException("Discretization: argument `bin_boundaries` must be a list of numbers. Received: bin_boundaries=" + b);
            bounds = new double[l.size()];
            for (int i = 0; i < bounds.length; i++) bounds[i] = ((Number) l.get(i)).doubleValue();
        }
        Discretization d;
        // After adapt both are set; Keras's from_config then applies the boundaries after creation.
        if (n != null) {
            d = withNumBins(c.integer("num_bins", 0));
            d.binBoundaries = bounds;
        } else if (bounds != null) {
            d = withBinBoundaries(bounds);
        } else {
            throw new IllegalArgumentException("You need to set either `num_bins` or `bin_boundaries`.");
        }
        d.epsilon(c.number("epsilon", 0.01));
        d.outputMode(c.string("output_mode", "int"));
        if (c.bool("sparse", false)) throw new UnsupportedOperationException("Discretization: `sparse=True` is not supported. Received: sparse=True");
        return d;
    }

    // ------------------------------------------------------------------ adapt (Keras's quantile summaries)

    public Discretization adapt(Tensor data) { return adapt(List.of(data)); }

    public Discretization adapt(Iterable<Tensor> batches) {
        if (numBins == null) {
            throw new IllegalArgumentException("Cannot adapt a Discretization layer that has been initialized with `bin_boundaries`, use `num_bins` instead.");
        }
        summary = new double[][] {new double[0], new double[0]};
        for (Tensor batch : batches) summary = mergeSummaries(summarize(batch.toFloatArray(), epsilon), summary, epsilon);
        double[][] s = compressSummary(summary, 1.0 / numBins);
        binBoundaries = Arrays.copyOf(s[0], Math.max(0, s[0].length - 1));
        return this;
    }

    /** A sorted sample every {@code max(n·epsilon, 1)} values, each weighing that step (Keras's summarize). */
    static double[][] summarize(float[] values, double epsilon) {
        float[] v = values.clone();
        Arrays.sort(v);
        double numBuckets = 1.0 / epsilon;
        double increment = v.length / numBuckets;
        double step = Math.max(increment, 1);
        int start = (int) (step - 1), stride = (int) step;
        List<Double> b = new ArrayList<>();
        for (int i = start; i < v.length; i += stride) b.add((double) v[i]);
        double[][] out = new double[2][b.size()];
        for (int i = 0; i < b.size(); i++) {
            out[0][i] = b.get(i);
            out[1][i] = (float) step; // float32, as NumPy keeps ones_like(float32) * step
        }
        return out;
    }

    static double[][] mergeSummaries(double[][] prev, double[][] next, double epsilon) {
        int n = prev[0].length + next[0].length;
        double[][] merged = new double[2][n];
        System.arraycopy(prev[0], 0, merged[0], 0, prev[0].length);
        System.arraycopy(next[0], 0, merged[0], prev[0].length, next[0].length);
        System.arraycopy(prev[1], 0, merged[1], 0, prev[1].length);
        System.arraycopy(next[1], 0, merged[1], prev[1].length, next[1].length);
        // A stable sort by value (NumPy's argsort is a quicksort; ties carry equal values, so the order of their weights only shifts equal points).
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Double.compare(merged[0][a], merged[0][b]));
        double[][] sorted = new double[2][n];
        for (int i = 0; i < n; i++) {
            sorted[0][i] = merged[0][order[i]];
            sorted[1][i] = merged[1][order[i]];
        }
        return compressSummary(sorted, epsilon);
    }

    /** Interpolates new bins at cumulative-weight fractions epsilon, 2·epsilon, ..., 1 (Keras's compress_summary). */
    static double[][] compressSummary(double[][] summary, double epsilon) {
        int n = summary[0].length;
        if (n * epsilon < 1) return summary;
        int m = (int) Math.ceil(1.0 / epsilon); // len(np.arange(0.0, 1.0, epsilon))
        double[] percents = new double[m];
        for (int i = 0; i < m; i++) percents[i] = epsilon + i * epsilon;
        float[] cum = new float[n];
        float acc = 0;
        for (int i = 0; i < n; i++) cum[i] = acc += (float) summary[1][i];
        double[] cumD = new double[n], cumPct = new double[n];
        for (int i = 0; i < n; i++) {
            cumD[i] = cum[i];
            cumPct[i] = cum[i] / cum[n - 1]; // float32 division, as NumPy on float32 arrays
        }
        double[] newBins = new double[m], newCum = new double[m], newWeights = new double[m];
        for (int i = 0; i < m; i++) {
            newBins[i] = interp(percents[i], cumPct, summary[0]);
            newCum[i] = interp(percents[i], cumPct, cumD);
        }
        for (int i = 0; i < m; i++) newWeights[i] = (float) (newCum[i] - (i == 0 ? 0 : newCum[i - 1]));
        for (int i = 0; i < m; i++) newBins[i] = (float) newBins[i];
        return new double[][] {newBins, newWeights};
    }

    /** NumPy's interp: linear between the bracketing points, clamped to the end values outside. */
    static double interp(double x, double[] xp, double[] fp) {
        int n = xp.length;
        if (x < xp[0]) return fp[0];
        if (x >= xp[n - 1]) return fp[n - 1];
        int lo = 0, hi = n - 1; // largest j with xp[j] <= x
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (xp[mid] <= x) lo = mid;
            else hi = mid;
        }
        if (x == xp[lo]) return fp[lo];
        double slope = (fp[lo + 1] - fp[lo]) / (xp[lo + 1] - xp[lo]);
        return slope * (x - xp[lo]) + fp[lo];
    }

    // ------------------------------------------------------------------ call

    @Override public Tensor call(Tensor inputs, boolean training) {
        if (binBoundaries == null) {
            throw new IllegalArgumentException("You need to either pass the `bin_boundaries` argument at construction time or call `adapt(dataset)` before you can start using the `Discretization` layer.");
        }
        double[] x = inputs.toDoubleArray();
        long[] idx = new long[x.length];
        for (int i = 0; i < x.length; i++) idx[i] = digitize(x[i], binBoundaries);
        DType out = outputMode.equals("int") ? DType.INT32 : dtype();
        return CategoricalInputs.encode(idx, inputs.shape(), outputMode, binBoundaries.length + 1, out, null, null);
    }

    /** NumPy's digitize with right=False on increasing bins: the number of boundaries <= x. */
    static int digitize(double x, double[] bins) {
        if (Double.isNaN(x)) return bins.length; // NaN sorts after every boundary
        int lo = 0, hi = bins.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (bins[mid] <= x) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    @Override public Shape computeOutputShape(Shape inputShape) {
        if (outputMode.equals("int")) return inputShape;
        int depth = binBoundaries != null ? binBoundaries.length + 1 : numBins;
        return CategoricalInputs.outputShape(inputShape, outputMode, depth);
    }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        List<Double> b = null;
        if (binBoundaries != null) {
            b = new ArrayList<>();
            for (double v : binBoundaries) b.add(v);
        }
        c.put("bin_boundaries", b);
        c.put("num_bins", numBins);
        c.put("epsilon", epsilon);
        c.put("output_mode", outputMode);
        c.put("sparse", false);
        return c;
    }
}
