package io.keras4j.layers.preprocessing;

import java.util.List;

/**
 * Keras's {@code ops.image.affine_transform} as its TensorFlow backend computes it
 * ({@code ImageProjectiveTransformV3}): each output pixel (x, y) reads the input at
 * {@code (a0 x + a1 y + a2, b0 x + b1 y + b2) / (c0 x + c1 y + 1)} for the transform
 * {@code [a0, a1, a2, b0, b1, b2, c0, c1]} (output to input). Out-of-image coordinates follow
 * {@code fill_mode}: "reflect" (d c b a | a b c d | d c b a), "wrap" (a b c d | a b c d), "nearest"
 * (a a a | a b c d | d d d), "constant" (fill_value). "nearest" interpolation rounds half away
 * from zero; "bilinear" weighs the four neighbours (a neighbour outside the image reads fill_value).
 */
final class AffineTransform {
    static final List<String> FILL_MODES = List.of("reflect", "wrap", "constant", "nearest");
    static final List<String> INTERPOLATIONS = List.of("nearest", "bilinear");

    private AffineTransform() {}

    /** Keras's refusal of an unknown fill mode (a NotImplementedError there). */
    static String checkFillMode(String mode) {
        if (!FILL_MODES.contains(mode)) {
            throw new UnsupportedOperationException("Unknown `fill_mode` " + mode + ". Expected of one ('reflect', 'wrap', 'constant', 'nearest').");
        }
        return mode;
    }

    static String checkInterpolation(String interpolation) {
        if (!INTERPOLATIONS.contains(interpolation)) {
            throw new UnsupportedOperationException("Unknown `interpolation` " + interpolation + ". Expected of one ('nearest', 'bilinear').");
        }
        return interpolation;
    }

    /** Transforms image b of the batch by {@code t[b]} (8 numbers each). */
    static Images apply(Images in, double[][] t, String interpolation, String fillMode, double fillValue) {
        float[] out = new float[in.v.length];
        boolean nearest = interpolation.equals("nearest");
        for (int b = 0; b < in.n; b++) {
            double[] m = t[b];
            for (int y = 0; y < in.h; y++) {
                for (int x = 0; x < in.w; x++) {
                    int at = ((b * in.h + y) * in.w + x) * in.c;
                    float proj = (float) (m[6] * x + m[7] * y + 1);
                    if (proj == 0) {
                        for (int ch = 0; ch < in.c; ch++) out[at + ch] = (float) fillValue;
                        continue;
                    }
                    // float32 arithmetic, as the TF kernel.
                    float inX = (float) ((float) (m[0] * x + m[1] * y + m[2]) / proj);
                    float inY = (float) ((float) (m[3] * x + m[4] * y + m[5]) / proj);
                    float mx = map(inX, in.w, fillMode), my = map(inY, in.h, fillMode);
                    for (int ch = 0; ch < in.c; ch++) {
                        out[at + ch] = nearest ? read(in, b, (int) roundHalfAway(my), (int) roundHalfAway(mx), ch, fillValue)
                                : bilinear(in, b, my, mx, ch, fillValue);
                    }
                }
            }
        }
        return new Images(in.n, in.h, in.w, in.c, out);
    }

    private static double roundHalfAway(float v) { return Math.signum(v) * Math.floor(Math.abs(v) + 0.5); }

    private static float bilinear(Images in, int b, float y, float x, int ch, double fill) {
        float yf = (float) Math.floor(y), xf = (float) Math.floor(x);
        float yc = yf + 1, xc = xf + 1;
        float top = (xc - x) * read(in, b, (int) yf, (int) xf, ch, fill) + (x - xf) * read(in, b, (int) yf, (int) xc, ch, fill);
        float bottom = (xc - x) * read(in, b, (int) yc, (int) xf, ch, fill) + (x - xf) * read(in, b, (int) yc, (int) xc, ch, fill);
        return (yc - y) * top + (y - yf) * bottom;
    }

    private static float read(Images in, int b, int y, int x, int ch, double fill) {
        if (y < 0 || y >= in.h || x < 0 || x >= in.w) return (float) fill;
        return in.get(b, y, x, ch);
    }

    /** TF's MapCoordinate for each fill mode (with the final clamp to [0, len - 1] except for constant). */
    static float map(float coord, int len, String fillMode) {
        float c = coord;
        switch (fillMode) {
            case "constant":
                return c;
            case "nearest":
                return clamp(c, len);
            case "reflect":
                if (c < 0) {
                    if (len <= 1) c = 0;
                    else {
                        long sz2 = 2L * len;
                        if (c < sz2) c = sz2 * (long) (-c / sz2) + c;
                        c = c < -len ? c + sz2 : -c - 1;
                    }
                } else if (c > len - 1) {
                    if (len <= 1) c = 0;
                    else {
                        long sz2 = 2L * len;
                        c -= sz2 * (long) (c / sz2);
                        if (c >= len) c = sz2 - c - 1;
                    }
                }
                return clamp(c, len);
            case "wrap":
                if (c < 0) {
                    if (len <= 1) c = 0;
                    else {
                        long sz = len - 1;
                        c += len * ((long) (-c / sz) + 1);
                    }
                } else if (c > len - 1) {
                    if (len <= 1) c = 0;
                    else {
                        long sz = len - 1;
                        c -= len * (long) (c / sz);
                    }
                }
                return clamp(c, len);
            default:
                throw new IllegalArgumentException("Unknown fill_mode " + fillMode);
        }
    }

    private static float clamp(float c, int len) { return Math.max(0f, Math.min(c, len - 1)); }

    /** Keras's {@code _compute_affine_matrix} for a rotation by {@code degrees} about the image centre. */
    static double[] rotation(double degrees, int height, int width) {
        double angle = (float) (degrees * (float) (Math.PI / 180.0));
        double cx = 0.5 * (width - 1), cy = 0.5 * (height - 1);
        double cos = (float) Math.cos(angle), sin = (float) Math.sin(angle);
        double a0 = cos, a1 = -sin, a2 = cx - cx * a0 - cy * a1;
        double b0 = sin, b1 = cos, b2 = cy - cx * b0 - cy * b1;
        return new double[] {a0, a1, a2, b0, b1, b2, 0, 0};
    }
}
