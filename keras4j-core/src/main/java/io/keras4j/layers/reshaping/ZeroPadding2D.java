package io.keras4j.layers.reshaping;

import io.keras4j.layers.InputSpec;
import io.keras4j.layers.Layer;
import io.keras4j.layers.Layers;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.util.Map;

/** Pads the height and width of images with zeros (Keras's {@code ZeroPadding2D}, default 1 on every side). */
public final class ZeroPadding2D extends Layer {
    private int[][] padding = {{1, 1}, {1, 1}};
    private String dataFormat = "channels_last";

    public ZeroPadding2D() { inputSpec = InputSpec.ndim(4); }

    public ZeroPadding2D padding(int all) { return padding(new int[][] {{all}, {all}}); }

    /** Symmetric padding: {@code height} rows above and below, {@code width} columns left and right. */
    public ZeroPadding2D padding(int height, int width) { return padding(new int[][] {{height}, {width}}); }

    /** {@code {{top, bottom}, {left, right}}}; a one-element entry pads both sides alike. */
    public ZeroPadding2D padding(int[][] value) {
        this.padding = ArgumentValidation.standardizePairs(value, 2, "padding");
        return this;
    }

    public ZeroPadding2D dataFormat(String value) {
        this.dataFormat = ArgumentValidation.standardizeDataFormat(value);
        return this;
    }

    private int[] axes() { return ArgumentValidation.spatialAxes(dataFormat, 2); }

    /** From a Keras config: {@code padding} (an int, two ints, or two pairs), {@code data_format}. */
    public static ZeroPadding2D fromConfig(Layers.Config c) {
        ZeroPadding2D l = new ZeroPadding2D().dataFormat(c.string("data_format", null));
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
