package io.keras4j.layers.preprocessing;

import io.keras4j.layers.Layers;
import io.keras4j.tensor.Shape;

import java.util.List;
import java.util.Map;

/**
 * Keras's {@code RandomContrast}: in training, each image becomes
 * {@code (x - mean) * k + mean}, clipped to {@code value_range} (default [0, 255]), where mean is
 * the image's per-channel mean over height and width and k is drawn uniformly in
 * {@code [1 - lower, 1 + upper]}. The factor bounds are [0, 1] as in Keras, so a single number f
 * gives (lower, upper) = (0, f). At inference, the identity.
 */
public final class RandomContrast extends BaseImagePreprocessingLayer {
    private final double[] factor;
    private double[] valueRange = {0, 255};

    public RandomContrast(double factor) { this.factor = factor(factor, 0, 1); }

    public RandomContrast(double lower, double upper) { this.factor = factor(lower, upper, 0, 1); }

    public RandomContrast valueRange(double low, double high) {
        checkNotBuilt();
        valueRange = new double[] {low, high};
        return this;
    }

    public static RandomContrast fromConfig(Layers.Config c) {
        double[] f = configFactor(c, "factor", 0, 1);
        RandomContrast r = new RandomContrast(f[0], f[1]);
        Object vr = c.raw("value_range");
        if (vr instanceof List<?> l && l.size() == 2) r.valueRange(((Number) l.get(0)).doubleValue(), ((Number) l.get(1)).doubleValue());
        return readBase(r, c);
    }

    @Override protected Images transform(Images in, boolean training) {
        if (!training) return in;
        double[] k = uniform(in.n, 1.0 - factor[0], 1.0 + factor[1]);
        float[] o = new float[in.v.length];
        int hw = in.h * in.w;
        for (int b = 0; b < in.n; b++) {
            for (int ch = 0; ch < in.c; ch++) {
                double sum = 0;
                for (int p = 0; p < hw; p++) sum += in.v[(b * hw + p) * in.c + ch];
                float mean = (float) (sum / hw);
                for (int p = 0; p < hw; p++) {
                    int at = (b * hw + p) * in.c + ch;
                    float v = (in.v[at] - mean) * (float) k[b] + mean;
                    o[at] = (float) Math.max(valueRange[0], Math.min(valueRange[1], v));
                }
            }
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
