package io.keras4j.layers.preprocessing;

import io.keras4j.layers.Layers;
import io.keras4j.tensor.Shape;

import java.util.List;
import java.util.Map;

/**
 * Keras's {@code RandomBrightness}: in training, each image gets {@code delta * (high - low)}
 * added to every pixel and channel, delta drawn uniformly in the factor range (f means [-f, f]),
 * then is clipped to {@code value_range} (default [0, 255]). At inference, the identity.
 */
public final class RandomBrightness extends BaseImagePreprocessingLayer {
    private final double[] factor;
    private double[] valueRange = {0, 255};

    public RandomBrightness(double factor) { this.factor = factor(factor, -1, 1); }

    public RandomBrightness(double lower, double upper) { this.factor = factor(lower, upper, -1, 1); }

    public RandomBrightness valueRange(double a, double b) {
        checkNotBuilt();
        valueRange = new double[] {Math.min(a, b), Math.max(a, b)};
        return this;
    }

    public static RandomBrightness fromConfig(Layers.Config c) {
        double[] f = configFactor(c, "factor", -1, 1);
        RandomBrightness r = new RandomBrightness(f[0], f[1]);
        Object vr = c.raw("value_range");
        if (vr instanceof List<?> l && l.size() == 2 && l.get(0) instanceof Number a && l.get(1) instanceof Number b) {
            r.valueRange(a.doubleValue(), b.doubleValue());
        } else if (vr != null) {
            throw new IllegalArgumentException("The `value_range` argument should be a list of two numbers. Received: value_range=" + vr);
        }
        return readBase(r, c);
    }

    @Override protected Images transform(Images in, boolean training) {
        if (!training) return in;
        double[] delta = uniform(in.n, factor[0], factor[1]);
        float[] o = new float[in.v.length];
        int per = in.h * in.w * in.c;
        for (int b = 0; b < in.n; b++) {
            float d = (float) (delta[b] * (valueRange[1] - valueRange[0]));
            for (int i = b * per; i < (b + 1) * per; i++) o[i] = (float) Math.max(valueRange[0], Math.min(valueRange[1], in.v[i] + d));
        }
        return new Images(in.n, in.h, in.w, in.c, o);
    }

    @Override public Shape computeOutputShape(Shape inputShape) { return inputShape; }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("factor", List.of(factor[0], factor[1]));
        c.put("value_range", List.of(valueRange[0], valueRange[1]));
        c.put("seed", seed());
        return c;
    }
}
