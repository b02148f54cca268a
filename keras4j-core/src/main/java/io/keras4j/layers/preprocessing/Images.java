package io.keras4j.layers.preprocessing;

import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

/** A channels-last batch of images as float32 values, what the image layers transform. */
final class Images {
    final int n, h, w, c;
    final float[] v;

    Images(int n, int h, int w, int c, float[] v) {
        this.n = n;
        this.h = h;
        this.w = w;
        this.c = c;
        this.v = v;
    }

    static Images of(Tensor t) {
        Shape s = t.shape();
        return new Images(s.dim(0), s.dim(1), s.dim(2), s.dim(3), t.toFloatArray());
    }

    float get(int b, int y, int x, int ch) { return v[((b * h + y) * w + x) * c + ch]; }

    Tensor toTensor(DType dtype) {
        Tensor t = Tensor.wrap(v, Shape.of(n, h, w, c));
        return dtype == DType.FLOAT32 ? t : io.keras4j.ops.Ops.cast(t, dtype);
    }

    /** The box [y0, y0+hh) x [x0, x0+ww) of every image. */
    Images crop(int y0, int x0, int hh, int ww) {
        float[] o = new float[n * hh * ww * c];
        for (int b = 0; b < n; b++)
            for (int y = 0; y < hh; y++)
                System.arraycopy(v, ((b * h + y0 + y) * w + x0) * c, o, ((b * hh + y) * ww) * c, ww * c);
        return new Images(n, hh, ww, c, o);
    }
}
