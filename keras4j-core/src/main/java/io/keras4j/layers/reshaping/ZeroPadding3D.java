package io.keras4j.layers.reshaping;

import io.keras4j.layers.InputSpec;
import io.keras4j.layers.Layer;
import io.keras4j.layers.Layers;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.util.Map;

/** Pads the depth, height and width of volumes with zeros (Keras's {@code ZeroPadding3D}, default 1 on every side). */
public final class ZeroPadding3D extends Layer {
    private int[][] padding = {{1, 1}, {1, 1}, {1, 1}};
    private String dataFormat = "channels_last";

    public ZeroPadding3D() { inputSpec = InputSpec.ndim(5); }

    public ZeroPadding3D padding(int all) { return padding(new int[][] {{all}, {all}, {all}}); }

    /** Symmetric padding on the three spatial axes. */
    public ZeroPadding3D padding(int depth, int height, int width) { return padding(new int[][] {{depth}, {height}, {width}}); }

    /** {@code {{front, back}, {top, bottom}, {left, right}}}; a one-element entry pads both sides alike. */
    public ZeroPadding3D padding(int[][] value) {
        this.padding = ArgumentValidation.standardizePairs(value, 3, "padding");
        return this;
    }

    public ZeroPadding3D dataFormat(String value) {
        this.dataFormat = ArgumentValidation.standardizeDataFormat(value);
        return this;
    }

    private int[] axes() { return ArgumentValidation.spatialAxes(dataFormat, 3); }

    /** From a Keras config: {@code padding} (an int, three ints, or three pairs), {@code data_format}. */
    public static ZeroPadding3D fromConfig(Layers.Config c) {
        ZeroPadding3D l = new ZeroPadding3D().dataFormat(c.string("data_format", null));
        if (c.raw("padding") instanceof Number) l.padding(c.integer("padding", 0));
        else if (c.has("padding")) l.padding(c.intRows("padding"));
        return l;
    }

    @Override public Tensor call(Tensor inputs, boolean training) { return SpatialEdges.pad(inputs, axes(), padding); }

    @Override public Shape computeOutputShape(Shape inputShape) { return SpatialEdges.padShape(inputShape, axes(), padding); }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("padding", ArgumentValidation.pairsList(padding));
        c.put("data_format", dataFormat);
        return c;
    }
}
