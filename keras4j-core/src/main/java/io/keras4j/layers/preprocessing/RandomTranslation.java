package io.keras4j.layers.preprocessing;

import io.keras4j.layers.Layers;
import io.keras4j.tensor.Shape;

import java.util.List;
import java.util.Map;

/**
 * Keras's {@code RandomTranslation}: in training, each image is shifted by {@code dy * H} rows and
 * {@code dx * W} columns, with dy drawn in the {@code height_factor} range and dx in the
 * {@code width_factor} range (a number f means [-f, f]; positive moves the content down / right).
 * Output pixel (x, y) reads the input at {@code (x - dx W, y - dy H)}, filled by
 * {@code fill_mode}. At inference, the identity.
 */
public final class RandomTranslation extends BaseImagePreprocessingLayer {
    private final double[] heightFactor;
    private final double[] widthFactor;
    private final Object heightArg;
    private final Object widthArg;
    private String fillMode = "reflect";
    private String interpolation = "bilinear";
    private double fillValue;

    public RandomTranslation(double heightFactor, double widthFactor) {
        this(range(heightFactor, heightFactor, false), range(widthFactor, widthFactor, false), heightFactor, widthFactor);
    }

    /** Explicit ranges [heightLower, heightUpper] and [widthLower, widthUpper]. */
    public RandomTranslation(double heightLower, double heightUpper, double widthLower, double widthUpper) {
        this(range(heightLower, heightUpper, true), range(widthLower, widthUpper, true),
                List.of(heightLower, heightUpper), List.of(widthLower, widthUpper));
    }

    private RandomTranslation(double[] h, double[] w, Object hArg, Object wArg) {
        heightFactor = h;
        widthFactor = w;
        heightArg = hArg;
        widthArg = wArg;
    }

    private static double[] range(double a, double b, boolean pair) {
        for (double v : pair ? new double[] {a, b} : new double[] {a}) {
            if (v > 1.0 || v < -1.0) {
                throw new IllegalArgumentException("The `factor` argument should be a number (or a list of two numbers) in the range [-1.0, 1.0]. Received: input_number=" + v);
            }
        }
        if (!pair) return new double[] {-Math.abs(a), Math.abs(a)};
        return new double[] {Math.min(a, b), Math.max(a, b)};
    }

    public RandomTranslation fillMode(String value) {
        checkNotBuilt();
        fillMode = AffineTransform.checkFillMode(value);
        return this;
    }

    public RandomTranslation interpolation(String value) {
        checkNotBuilt();
        interpolation = AffineTransform.checkInterpolation(value);
        return this;
    }

    public RandomTranslation fillValue(double value) {
        checkNotBuilt();
        fillValue = value;
        return this;
    }

    public static RandomTranslation fromConfig(Layers.Config c) {
        double[] h = factorOf(c.raw("height_factor"), "height_factor");
        double[] w = factorOf(c.raw("width_factor"), "width_factor");
        RandomTranslation t = h.length == 1 && w.length == 1 ? new RandomTranslation(h[0], w[0])
                : new RandomTranslation(pairOf(h)[0], pairOf(h)[1], pairOf(w)[0], pairOf(w)[1]);
        t.fillMode(c.string("fill_mode", "reflect")).interpolation(c.string("interpolation", "bilinear")).fillValue(c.number("fill_value", 0));
        return readBase(t, c);
    }

    private static double[] pairOf(double[] f) { return f.length == 2 ? f : new double[] {-Math.abs(f[0]), Math.abs(f[0])}; }

    private static double[] factorOf(Object v, String name) {
        if (v instanceof Number n) return new double[] {n.doubleValue()};
        if (v instanceof List<?> l && l.size() == 2 && l.get(0) instanceof Number a && l.get(1) instanceof Number b) {
            return new double[] {a.doubleValue(), b.doubleValue()};
        }
        throw new IllegalArgumentException("The `factor` argument should be a number (or a list of two numbers) in the range [-1.0, 1.0]. Received: " + name + "=" + v);
    }

    @Override protected Images transform(Images in, boolean training) {
        if (!training) return in;
        double[] dy = uniform(in.n, heightFactor[0], heightFactor[1]);
        double[] dx = uniform(in.n, widthFactor[0], widthFactor[1]);
        double[][] t = new double[in.n][];
        for (int b = 0; b < in.n; b++) t[b] = matrix(dy[b] * in.h, dx[b] * in.w);
        return AffineTransform.apply(in, t, interpolation, fillMode, fillValue);
    }

    /** Keras's _get_translation_matrix for a shift of (dy, dx) pixels. */
    static double[] matrix(double dyPixels, double dxPixels) {
        return new double[] {1, 0, -(float) dxPixels, 0, 1, -(float) dyPixels, 0, 0};
    }

    @Override public Shape computeOutputShape(Shape inputShape) { return inputShape; }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("height_factor", heightArg);
        c.put("width_factor", widthArg);
        c.put("fill_mode", fillMode);
        c.put("interpolation", interpolation);
        c.put("seed", seed());
        c.put("fill_value", fillValue);
        return c;
    }
}
