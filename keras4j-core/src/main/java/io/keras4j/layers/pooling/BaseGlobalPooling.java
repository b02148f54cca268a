package io.keras4j.layers.pooling;

import io.keras4j.layers.InputSpec;
import io.keras4j.layers.Layer;
import io.keras4j.layers.Layers;
import io.keras4j.ops.Ops;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.util.Map;

/** Keras's {@code BaseGlobalPooling}: max or mean over every spatial axis; {@code keepdims} keeps them with size 1. */
public abstract class BaseGlobalPooling<T extends BaseGlobalPooling<T>> extends Layer {
    private final boolean max;
    protected final int rank;
    protected String dataFormat = "channels_last";
    protected boolean keepdims;

    protected BaseGlobalPooling(boolean max, int rank) {
        this.max = max;
        this.rank = rank;
        this.inputSpec = InputSpec.ndim(rank + 2);
    }

    @SuppressWarnings("unchecked")
    private T self() { return (T) this; }

    public T dataFormat(String value) {
        this.dataFormat = PoolingFormats.check(value);
        return self();
    }

    public T keepdims(boolean value) {
        this.keepdims = value;
        return self();
    }

    private int[] spatialAxes() {
        int[] axes = new int[rank];
        int first = dataFormat.equals("channels_first") ? 2 : 1;
        for (int i = 0; i < rank; i++) axes[i] = first + i;
        return axes;
    }

    @Override public Tensor call(Tensor inputs, boolean training) {
        int[] axes = spatialAxes();
        if (!max) return Ops.mean(inputs, axes, keepdims);
        // One axis at a time: the max of maxes is the max over all spatial axes.
        Tensor y = inputs;
        for (int a : axes) y = Ops.max(y, a, true);
        return keepdims ? y : Ops.reshape(y, computeOutputShape(inputs.shape()).withDim(0, inputs.shape().dim(0)));
    }

    @Override public Shape computeOutputShape(Shape inputShape) {
        int[] axes = spatialAxes();
        if (keepdims) {
            Shape s = inputShape;
            for (int a : axes) s = s.withDim(a, 1);
            return s;
        }
        boolean first = dataFormat.equals("channels_first");
        return Shape.of(inputShape.dim(0), inputShape.dim(first ? 1 : -1));
    }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("data_format", dataFormat);
        c.put("keepdims", keepdims);
        return c;
    }

    protected T readConfig(Layers.Config c) {
        if (c.has("data_format")) dataFormat(c.string("data_format", "channels_last"));
        else c.raw("data_format");
        if (c.has("keepdims")) keepdims(c.bool("keepdims", false));
        else c.raw("keepdims");
        return self();
    }
}
