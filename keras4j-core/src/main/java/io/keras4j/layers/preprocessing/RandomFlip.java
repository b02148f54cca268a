package io.keras4j.layers.preprocessing;

import io.keras4j.layers.Layers;
import io.keras4j.tensor.Shape;

import java.util.List;
import java.util.Map;

/**
 * Keras's {@code RandomFlip}: in training, each image of the batch is flipped with probability 1/2
 * (a uniform draw {@code <= 0.5}): left-right for "horizontal", top-bottom for "vertical", and both
 * at once for "horizontal_and_vertical" (the default; one draw decides both, as in Keras). At
 * inference, the identity.
 */
public final class RandomFlip extends BaseImagePreprocessingLayer {
    public static final String HORIZONTAL = "horizontal";
    public static final String VERTICAL = "vertical";
    public static final String HORIZONTAL_AND_VERTICAL = "horizontal_and_vertical";

    private final String mode;

    public RandomFlip() { this(HORIZONTAL_AND_VERTICAL); }

    public RandomFlip(String mode) {
        if (!List.of(HORIZONTAL, VERTICAL, HORIZONTAL_AND_VERTICAL).contains(mode)) {
            throw new IllegalArgumentException("RandomFlip layer received an unknown mode argument " + mode
                    + ". Expected one of 'horizontal', 'vertical', 'horizontal_and_vertical'.");
        }
        this.mode = mode;
    }

    public String mode() { return mode; }

    public static RandomFlip fromConfig(Layers.Config c) {
        return readBase(new RandomFlip(c.string("mode", HORIZONTAL_AND_VERTICAL)), c);
    }

    @Override protected Images transform(Images in, boolean training) {
        if (!training) return in;
        double[] draws = uniform(in.n, 0, 1);
        boolean h = !mode.equals(VERTICAL), v = !mode.equals(HORIZONTAL);
        float[] o = in.v.clone();
        for (int b = 0; b < in.n; b++) {
            if (draws[b] > 0.5) continue;
            for (int y = 0; y < in.h; y++) {
                int sy = v ? in.h - 1 - y : y;
                for (int x = 0; x < in.w; x++) {
                    int sx = h ? in.w - 1 - x : x;
                    System.arraycopy(in.v, ((b * in.h + sy) * in.w + sx) * in.c, o, ((b * in.h + y) * in.w + x) * in.c, in.c);
                }
            }
        }
        return new Images(in.n, in.h, in.w, in.c, o);
    }

    @Override public Shape computeOutputShape(Shape inputShape) { return inputShape; }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("seed", seed());
        c.put("mode", mode);
        return c;
    }
}
