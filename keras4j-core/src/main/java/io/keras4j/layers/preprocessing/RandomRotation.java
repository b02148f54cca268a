package io.keras4j.layers.preprocessing;

import io.keras4j.layers.Layers;
import io.keras4j.tensor.Shape;

import java.util.List;
import java.util.Map;

/**
 * Keras's {@code RandomRotation}: in training, each image is rotated about its centre by an angle
 * drawn uniformly in {@code [lower, upper] * 360} degrees ({@code factor} f means [-f, f]; a pair
 * (lower, upper) is taken as is, so lower == upper rotates by exactly that), through
 * {@link AffineTransform} with {@code fill_mode} (default "reflect"), {@code interpolation}
 * (default "bilinear") and {@code fill_value}. At inference, the identity.
 */
public final class RandomRotation extends BaseImagePreprocessingLayer {
    private final double[] factor;
    private String fillMode = "reflect";
    private String interpolation = "bilinear";
    private double fillValue;

    /** Rotations in [-factor, factor] of a full turn. */
    public RandomRotation(double factor) { this.factor = factor(factor, -1, 1); }

    /** Rotations in [lower, upper] of a full turn. */
    public RandomRotation(double lower, double upper) { this.factor = factor(lower, upper, -1, 1); }

    public RandomRotation fillMode(String value) {
        checkNotBuilt();
        fillMode = AffineTransform.checkFillMode(value);
        return this;
    }

    public RandomRotation interpolation(String value) {
        checkNotBuilt();
        interpolation = AffineTransform.checkInterpolation(value);
        return this;
    }

    public RandomRotation fillValue(double value) {
        checkNotBuilt();
        fillValue = value;
        return this;
    }

    public static RandomRotation fromConfig(Layers.Config c) {
        double[] f = configFactor(c, "factor", -1, 1);
        RandomRotation r = new RandomRotation(f[0], f[1])
                .fillMode(c.string("fill_mode", "reflect"))
                .interpolation(c.string("interpolation", "bilinear"))
                .fillValue(c.number("fill_value", 0));
        return readBase(r, c);
    }

    @Override protected Images transform(Images in, boolean training) {
        if (!training) return in;
        double[] angles = uniform(in.n, factor[0] * 360.0, factor[1] * 360.0);
        double[][] t = new double[in.n][];
        for (int b = 0; b < in.n; b++) t[b] = AffineTransform.rotation(angles[b], in.h, in.w);
        return AffineTransform.apply(in, t, interpolation, fillMode, fillValue);
    }

    @Override public Shape computeOutputShape(Shape inputShape) { return inputShape; }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("factor", List.of(factor[0], factor[1]));
        c.put("fill_mode", fillMode);
        c.put("fill_value", fillValue);
        c.put("interpolation", interpolation);
        c.put("seed", seed());
        return c;
    }
}
