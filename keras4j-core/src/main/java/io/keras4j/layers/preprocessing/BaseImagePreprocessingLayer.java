package io.keras4j.layers.preprocessing;

import io.keras4j.layers.Layer;
import io.keras4j.layers.Layers;
import io.keras4j.ops.Ops;
import io.keras4j.random.Random;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Keras's {@code BaseImagePreprocessingLayer}: image layers take a batch {@code (batch, height,
 * width, channels)} or one image {@code (height, width, channels)} ({@code channels_first} is
 * transposed around the work), cast to the layer's float dtype. The random ones draw their
 * parameters from a seed stream (Keras's {@code SeedGenerator}): fixed by {@code seed}, or drawn
 * once from the global generator ({@link Random#setSeed}), so a seeded layer repeats exactly.
 * Random layers change images only when called with {@code training=true}.
 * <p>The transforms work on the values directly (they are data augmentation at the model's input):
 * no gradient flows back through them.
 */
public abstract class BaseImagePreprocessingLayer extends Layer {
    private String dataFormat = "channels_last";
    private Long seed;
    private SplittableRandom seeds;

    @SuppressWarnings("unchecked")
    public <T extends BaseImagePreprocessingLayer> T dataFormat(String value) {
        checkNotBuilt();
        if (!"channels_last".equals(value) && !"channels_first".equals(value)) {
            throw new IllegalArgumentException("The `data_format` argument must be one of {'channels_first', 'channels_last'}. Received: data_format=" + value);
        }
        dataFormat = value;
        return (T) this;
    }

    public String dataFormat() { return dataFormat; }

    @SuppressWarnings("unchecked")
    public <T extends BaseImagePreprocessingLayer> T seed(long value) {
        seed = value;
        seeds = null;
        return (T) this;
    }

    public Long seed() { return seed; }

    /** The next seed of the layer's stream (one per random draw, as Keras's SeedGenerator). */
    protected final long nextSeed() {
        if (seeds == null) seeds = new SplittableRandom(seed != null ? seed : Random.nextSeed());
        return seeds.nextLong();
    }

    /** {@code n} uniform draws in [lo, hi) (float32, as Keras's random.uniform), from the next seed. */
    protected final double[] uniform(int n, double lo, double hi) {
        float[] f = Random.uniform(Shape.of(n), lo, hi, DType.FLOAT32, nextSeed()).floats();
        double[] d = new double[n];
        for (int i = 0; i < n; i++) d[i] = f[i];
        return d;
    }

    @Override public final Tensor call(Tensor inputs, boolean training) {
        if (inputs.rank() != 3 && inputs.rank() != 4) {
            throw new IllegalArgumentException("Expected the input image to be rank 3 or 4. Received inputs.shape=" + inputs.shape());
        }
        Tensor x = inputs.dtype() == dtype() ? inputs : Ops.cast(inputs, dtype().isFloating() ? dtype() : DType.FLOAT32);
        boolean unbatched = x.rank() == 3;
        if (unbatched) x = x.withShape(x.shape().prepend(1));
        boolean first = dataFormat.equals("channels_first");
        if (first) x = Ops.transpose(x, 0, 2, 3, 1);
        Images in = Images.of(x);
        Images out = transform(in, training);
        Tensor y = out == in ? x : out.toTensor(x.dtype());
        if (first) y = Ops.transpose(y, 0, 3, 1, 2);
        if (unbatched) y = y.withShape(y.shape().dropFirst());
        if (keepsIntegerDtype() && !inputs.dtype().isFloating()) y = Ops.cast(Ops.round(y), inputs.dtype());
        return y;
    }

    /** Whether integer images come back rounded in their own dtype (Keras's Resizing) rather than as floats. */
    protected boolean keepsIntegerDtype() { return false; }

    /** The transform of a channels-last batch. */
    protected abstract Images transform(Images images, boolean training);

    /** Height and width axes of a shape with or without its batch axis. */
    protected final int[] spatialAxes(Shape s) {
        int r = s.rank();
        return dataFormat.equals("channels_first") ? new int[] {r - 2, r - 1} : new int[] {r - 3, r - 2};
    }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("data_format", dataFormat);
        return c;
    }

    /** The factor pair of Keras's base {@code _set_factor}: a number f gives (max(-|f|, lo), |f|). */
    static double[] factor(double f, double lo, double hi) {
        if (f < lo || f > hi) throw factorError(lo, hi, String.valueOf(f));
        double a = Math.abs(f);
        return new double[] {Math.max(-a, lo), a};
    }

    static double[] factor(double a, double b, double lo, double hi) {
        if (a > hi || b < lo) throw factorError(lo, hi, "(" + a + ", " + b + ")");
        return new double[] {Math.min(a, b), Math.max(a, b)};
    }

    private static IllegalArgumentException factorError(double lo, double hi, String received) {
        return new IllegalArgumentException("The `factor` argument should be a number (or a list of two numbers) in the range ["
                + num(lo) + ", " + num(hi) + "]. Received: factor=" + received);
    }

    private static String num(double v) { return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v); }

    /** A factor argument from a config: a number or a pair. */
    static double[] configFactor(Layers.Config c, String key, double lo, double hi) {
        Object v = c.raw(key);
        if (v instanceof Number n) return factor(n.doubleValue(), lo, hi);
        if (v instanceof List<?> l && l.size() == 2 && l.get(0) instanceof Number a && l.get(1) instanceof Number b) {
            return factor(a.doubleValue(), b.doubleValue(), lo, hi);
        }
        throw factorError(lo, hi, String.valueOf(v));
    }

    /** Reads the arguments every image layer takes. */
    static <T extends BaseImagePreprocessingLayer> T readBase(T layer, Layers.Config c) {
        layer.dataFormat(c.string("data_format", "channels_last"));
        if (c.raw("seed") instanceof Number n) layer.seed(n.longValue());
        c.requireNull("bounding_box_format");
        return layer;
    }
}
