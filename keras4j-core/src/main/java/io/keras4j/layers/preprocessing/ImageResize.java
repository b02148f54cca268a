package io.keras4j.layers.preprocessing;

/**
 * Keras's {@code ops.image.resize} without antialiasing: "bilinear" samples the input at the
 * half-pixel centres {@code (o + 0.5) * in / out - 0.5} between the two nearest pixels (clamped to
 * the edges), "nearest" takes pixel {@code floor((o + 0.5) * in / out)}; with
 * {@code crop_to_aspect_ratio} the largest centred box of the target's aspect ratio is resized, with
 * {@code pad_to_aspect_ratio} the image is first padded on both sides with {@code fill_value}.
 */
final class ImageResize {
    private ImageResize() {}

    static Images resize(Images in, int height, int width, String interpolation, boolean cropToAspect, boolean padToAspect, double fillValue) {
        Images img = in;
        if (cropToAspect) {
            int cropH = Math.max(Math.min(in.h, (int) ((double) in.w * height / width)), 1);
            int cropW = Math.max(Math.min(in.w, (int) ((double) in.h * width / height)), 1);
            img = in.crop((int) ((double) (in.h - cropH) / 2), (int) ((double) (in.w - cropW) / 2), cropH, cropW);
        } else if (padToAspect) {
            int padH = Math.max(in.h, (int) ((double) in.w * height / width));
            int padW = Math.max(in.w, (int) ((double) in.h * width / height));
            int hs = (int) ((double) (padH - in.h) / 2), ws = (int) ((double) (padW - in.w) / 2);
            // Keras pads the same amount on both sides (one of the two, height first).
            if (hs > 0) img = pad(in, hs, 0, fillValue);
            else if (ws > 0) img = pad(in, 0, ws, fillValue);
        }
        return interpolation.equals("nearest") ? nearest(img, height, width) : bilinear(img, height, width);
    }

    private static Images pad(Images in, int dy, int dx, double fill) {
        int h = in.h + 2 * dy, w = in.w + 2 * dx;
        float[] o = new float[in.n * h * w * in.c];
        java.util.Arrays.fill(o, (float) fill);
        for (int b = 0; b < in.n; b++)
            for (int y = 0; y < in.h; y++)
                System.arraycopy(in.v, ((b * in.h + y) * in.w) * in.c, o, ((b * h + y + dy) * w + dx) * in.c, in.w * in.c);
        return new Images(in.n, h, w, in.c, o);
    }

    private static Images nearest(Images in, int height, int width) {
        int[] ys = nearestIndices(in.h, height), xs = nearestIndices(in.w, width);
        float[] o = new float[in.n * height * width * in.c];
        for (int b = 0; b < in.n; b++)
            for (int y = 0; y < height; y++)
                for (int x = 0; x < width; x++)
                    System.arraycopy(in.v, ((b * in.h + ys[y]) * in.w + xs[x]) * in.c, o, ((b * height + y) * width + x) * in.c, in.c);
        return new Images(in.n, height, width, in.c, o);
    }

    /** floor((o + 0.5) * m / n) in float32, as NumPy computes it. */
    private static int[] nearestIndices(int m, int n) {
        int[] idx = new int[n];
        for (int o = 0; o < n; o++) idx[o] = Math.min(m - 1, (int) Math.floor((o + 0.5f) * m / (float) n));
        return idx;
    }

    private static Images bilinear(Images in, int height, int width) {
        int[] y0 = new int[height], y1 = new int[height], x0 = new int[width], x1 = new int[width];
        float[] fy = new float[height], fx = new float[width];
        weights(in.h, height, y0, y1, fy);
        weights(in.w, width, x0, x1, fx);
        float[] o = new float[in.n * height * width * in.c];
        for (int b = 0; b < in.n; b++)
            for (int y = 0; y < height; y++)
                for (int x = 0; x < width; x++)
                    for (int ch = 0; ch < in.c; ch++) {
                        float top = in.get(b, y0[y], x0[x], ch) * (1 - fx[x]) + in.get(b, y0[y], x1[x], ch) * fx[x];
                        float bot = in.get(b, y1[y], x0[x], ch) * (1 - fx[x]) + in.get(b, y1[y], x1[x], ch) * fx[x];
                        o[((b * height + y) * width + x) * in.c + ch] = top * (1 - fy[y]) + bot * fy[y];
                    }
        return new Images(in.n, height, width, in.c, o);
    }

    private static void weights(int in, int out, int[] lo, int[] hi, float[] frac) {
        double scale = (double) in / out;
        for (int o = 0; o < out; o++) {
            double s = (o + 0.5) * scale - 0.5;
            double f = Math.floor(s);
            lo[o] = (int) Math.max(0, Math.min(in - 1, f));
            hi[o] = (int) Math.max(0, Math.min(in - 1, f + 1));
            frac[o] = lo[o] == hi[o] ? 0f : (float) (s - f);
        }
    }
}
