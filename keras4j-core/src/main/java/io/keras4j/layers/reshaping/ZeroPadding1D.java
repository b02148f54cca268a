package io.keras4j.layers.reshaping;

import io.keras4j.layers.InputSpec;
import io.keras4j.layers.Layer;
import io.keras4j.layers.Layers;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.util.Map;

/** Pads the time axis with zeros (Keras's {@code ZeroPadding1D}, default 1 on each side). */
public final class ZeroPadding1D extends Layer {
    private int[] padding = {1, 1};
    private String dataFormat = "channels_last";

    public ZeroPadding1D() { inputSpec = InputSpec.ndim(3); }

    public ZeroPadding1D padding(int both) { return padding(new int[] {both}); }

    public ZeroPadding1D padding(int left, int right) { return padding(new int[] {left, right}); }

    private ZeroPadding1D padding(int[] value) {
        this.padding = ArgumentValidation.standardizeTuple(value, 2, "padding", true);
        return this;
    }

    public ZeroPadding1D dataFormat(String value) {
        this.dataFormat = ArgumentValidation.standardizeDataFormat(value);
        return this;
    }

    private int[] axes() { return ArgumentValidation.spatialAxes(dataFormat, 1); }

    /** From a Keras config: {@code padding} (an int or two), {@code data_format}. */
    public static ZeroPadding1D fromConfig(Layers.Config c) {
        ZeroPadding1D l = new ZeroPadding1D().dataFormat(c.string("data_format", null));
        if (c.raw("padding") != null) l.padding(ArgumentValidation.intOrInts(c.integerOrInts("padding", 0)));
        return l;
    }

    @Override public Tensor call(Tensor inputs, boolean training) { return SpatialEdges.pad(inputs, axes(), new int[][] {padding}); }

    @Override public Shape computeOutputShape(Shape inputShape) { return SpatialEdges.padShape(inputShape, axes(), new int[][] {padding}); }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("padding", ArgumentValidation.list(padding));
        c.put("data_format", dataFormat);
        return c;
    }
}
