package io.keras4j.layers.reshaping;

import io.keras4j.layers.InputSpec;
import io.keras4j.layers.Layer;
import io.keras4j.layers.Layers;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.util.Map;

/** Crops the depth, height and width of volumes (Keras's {@code Cropping3D}, default (1, 1) on each axis). */
public final class Cropping3D extends Layer {
    private int[][] cropping = {{1, 1}, {1, 1}, {1, 1}};
    private String dataFormat = "channels_last";

    public Cropping3D() { inputSpec = InputSpec.ndim(5); }

    public Cropping3D cropping(int all) {
        if (all < 0) throw new IllegalArgumentException("`cropping` cannot be negative. Received: cropping=" + all + ".");
        return cropping(new int[][] {{all, all}, {all, all}, {all, all}});
    }

    /** Symmetric crops on the three spatial axes. */
    public Cropping3D cropping(int depth, int height, int width) { return cropping(new int[][] {{depth}, {height}, {width}}); }

    /** {@code {{front, back}, {top, bottom}, {left, right}}}; a one-element entry crops both sides alike. */
    public Cropping3D cropping(int[][] value) {
        this.cropping = ArgumentValidation.standardizePairs(value, 3, "cropping");
        return this;
    }

    public Cropping3D dataFormat(String value) {
        this.dataFormat = ArgumentValidation.standardizeDataFormat(value);
        return this;
    }

    private int[] axes() { return ArgumentValidation.spatialAxes(dataFormat, 3); }

    private void check(Shape s, String what) {
        if (SpatialEdges.cropsTooMuch(s, axes(), cropping)) {
            throw new IllegalArgumentException("Values in `cropping` argument should be smaller than the corresponding spatial dimension of the input. Received: "
                    + what + "=" + s + ", cropping=" + ArgumentValidation.pythonPairs(cropping));
        }
    }

    /** From a Keras config: {@code cropping} (an int, three ints, or three pairs), {@code data_format}. */
    public static Cropping3D fromConfig(Layers.Config c) {
        Cropping3D l = new Cropping3D().dataFormat(c.string("data_format", null));
        if (c.raw("cropping") instanceof Number) l.cropping(c.integer("cropping", 0));
        else if (c.has("cropping")) l.cropping(c.intRows("cropping"));
        return l;
    }

    @Override public Tensor call(Tensor inputs, boolean training) {
        check(inputs.shape(), "inputs.shape");
        return SpatialEdges.crop(inputs, axes(), cropping);
    }

    @Override public Shape computeOutputShape(Shape inputShape) {
        check(inputShape, "input_shape");
        return SpatialEdges.cropShape(inputShape, axes(), cropping);
    }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("cropping", ArgumentValidation.pairsList(cropping));
        c.put("data_format", dataFormat);
        return c;
    }
}
