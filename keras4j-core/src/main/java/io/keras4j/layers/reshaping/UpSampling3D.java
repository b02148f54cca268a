package io.keras4j.layers.reshaping;

import io.keras4j.layers.InputSpec;
import io.keras4j.layers.Layer;
import io.keras4j.layers.Layers;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.util.Map;

/** Repeats the depth, height and width of volumes (Keras's {@code UpSampling3D}, default (2, 2, 2)). */
public final class UpSampling3D extends Layer {
    private int[] size = {2, 2, 2};
    private String dataFormat = "channels_last";

    public UpSampling3D() { inputSpec = InputSpec.ndim(5); }

    public UpSampling3D size(int all) { return size(new int[] {all}); }

    public UpSampling3D size(int depth, int height, int width) { return size(new int[] {depth, height, width}); }

    private UpSampling3D size(int[] value) {
        this.size = ArgumentValidation.standardizeTuple(value, 3, "size", false);
        return this;
    }

    public UpSampling3D dataFormat(String value) {
        this.dataFormat = ArgumentValidation.standardizeDataFormat(value);
        return this;
    }

    /** From a Keras config: {@code size}, {@code data_format}. */
    public static UpSampling3D fromConfig(Layers.Config c) {
        UpSampling3D l = new UpSampling3D().dataFormat(c.string("data_format", null));
        if (c.raw("size") != null) l.size(ArgumentValidation.intOrInts(c.integerOrInts("size", 0)));
        return l;
    }

    @Override public Tensor call(Tensor inputs, boolean training) {
        int[] axes = ArgumentValidation.spatialAxes(dataFormat, 3);
        Tensor x = inputs;
        for (int i = 0; i < 3; i++) x = UpSampling1D.repeat(x, size[i], axes[i]);
        return x;
    }

    @Override public Shape computeOutputShape(Shape s) {
        int[] axes = ArgumentValidation.spatialAxes(dataFormat, 3);
        int[] delta = new int[3];
        for (int i = 0; i < 3; i++) delta[i] = s.dim(axes[i]) == Shape.UNKNOWN ? 0 : s.dim(axes[i]) * (size[i] - 1);
        return ArgumentValidation.grow(s, axes, delta);
    }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("size", ArgumentValidation.list(size));
        c.put("data_format", dataFormat);
        return c;
    }
}
