package io.keras4j.layers.reshaping;

import io.keras4j.layers.InputSpec;
import io.keras4j.layers.Layer;
import io.keras4j.layers.Layers;
import io.keras4j.ops.Ops;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.util.Map;
import java.util.Set;

/**
 * Upsamples images by integer factors (Keras's {@code UpSampling2D}, default (2, 2)):
 * {@code "nearest"} repeats rows and columns, {@code "bilinear"} interpolates as Keras 3's
 * {@code ops.image.resize} does (half-pixel centres, edges clamped).
 */
public final class UpSampling2D extends Layer {
    private static final Set<String> KERAS_METHODS = Set.of("nearest", "bilinear", "bicubic", "lanczos3", "lanczos5");

    private int[] size = {2, 2};
    private String dataFormat = "channels_last";
    private String interpolation = "nearest";

    public UpSampling2D() { inputSpec = InputSpec.ndim(4); }

    public UpSampling2D size(int both) { return size(new int[] {both}); }

    public UpSampling2D size(int rows, int cols) { return size(new int[] {rows, cols}); }

    private UpSampling2D size(int[] value) {
        this.size = ArgumentValidation.standardizeTuple(value, 2, "size", false);
        return this;
    }

    public UpSampling2D dataFormat(String value) {
        this.dataFormat = ArgumentValidation.standardizeDataFormat(value);
        return this;
    }

    public UpSampling2D interpolation(String value) {
        String v = value.toLowerCase(java.util.Locale.ROOT);
        if (!KERAS_METHODS.contains(v)) {
            throw new IllegalArgumentException("Invalid value for argument `interpolation`. Expected of one {'nearest', 'bilinear', 'bicubic', 'lanczos3', 'lanczos5'}. Received: interpolation=" + value);
        }
        if (!v.equals("nearest") && !v.equals("bilinear")) {
            throw new UnsupportedOperationException("UpSampling2D: interpolation=" + v + " is not supported yet; use 'nearest' or 'bilinear'");
        }
        this.interpolation = v;
        return this;
    }

    /** From a Keras config: {@code size}, {@code data_format}, {@code interpolation}. */
    public static UpSampling2D fromConfig(Layers.Config c) {
        UpSampling2D l = new UpSampling2D().dataFormat(c.string("data_format", null)).interpolation(c.string("interpolation", "nearest"));
        if (c.raw("size") != null) l.size(ArgumentValidation.intOrInts(c.integerOrInts("size", 0)));
        return l;
    }

    @Override public Tensor call(Tensor inputs, boolean training) {
        int[] axes = ArgumentValidation.spatialAxes(dataFormat, 2);
        Tensor x = inputs;
        for (int i = 0; i < 2; i++) {
            x = interpolation.equals("nearest") ? UpSampling1D.repeat(x, size[i], axes[i]) : bilinear(x, size[i], axes[i]);
        }
        return x;
    }

    /**
     * Linear interpolation along one axis to {@code factor} times its length: output o samples the
     * input at (o + 0.5) / factor - 0.5, clamped to [0, n - 1] (jax.image.resize drops the weight
     * that falls outside and renormalises, which is the same as clamping when upsampling).
     */
    private static Tensor bilinear(Tensor x, int factor, int axis) {
        if (factor == 1) return x;
        int n = x.shape().dim(axis);
        int m = n * factor;
        int[] lo = new int[m], hi = new int[m];
        double[] w = new double[m];
        for (int o = 0; o < m; o++) {
            double c = Math.min(Math.max((o + 0.5) / factor - 0.5, 0), n - 1);
            lo[o] = (int) Math.floor(c);
            hi[o] = Math.min(lo[o] + 1, n - 1);
            w[o] = c - lo[o];
        }
        int[] wShape = new int[x.rank()];
        java.util.Arrays.fill(wShape, 1);
        wShape[axis] = m;
        Tensor weight = Ops.cast(Tensor.of(w, wShape), x.dtype() == DType.FLOAT64 ? DType.FLOAT64 : DType.FLOAT32);
        Tensor a = Ops.take(x, Tensor.ofInts(lo, m), axis);
        Tensor b = Ops.take(x, Tensor.ofInts(hi, m), axis);
        return Ops.add(a, Ops.multiply(Ops.subtract(b, a), weight));
    }

    @Override public Shape computeOutputShape(Shape s) {
        int[] axes = ArgumentValidation.spatialAxes(dataFormat, 2);
        Shape out = s;
        for (int i = 0; i < 2; i++) {
            int d = s.dim(axes[i]);
            out = out.withDim(axes[i], d == Shape.UNKNOWN ? Shape.UNKNOWN : d * size[i]);
        }
        return out;
    }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("size", ArgumentValidation.list(size));
        c.put("data_format", dataFormat);
        c.put("interpolation", interpolation);
        return c;
    }
}
