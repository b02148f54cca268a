package io.keras4j.layers.reshaping;

import io.keras4j.layers.InputSpec;
import io.keras4j.layers.Layer;
import io.keras4j.layers.Layers;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.util.Map;

/** Crops the height and width of images (Keras's {@code Cropping2D}, default no cropping). */
public final class Cropping2D extends Layer {
    private int[][] cropping = {{0, 0}, {0, 0}};
    private String dataFormat = "channels_last";

    public Cropping2D() { inputSpec = InputSpec.ndim(4); }

    public Cropping2D cropping(int all) {
        if (all < 0) throw new IllegalArgumentException("`cropping` cannot be negative. Received: cropping=" + all + ".");
        return cropping(new int[][] {{all, all}, {all, all}});
    }

    /** Symmetric crops: {@code height} rows off top and bottom, {@code width} columns off left and right. */
    public Cropping2D cropping(int height, int width) { return cropping(new int[][] {{height}, {width}}); }

    /** {@code {{top, bottom}, {left, right}}}; a one-element entry crops both sides alike. */
    public Cropping2D cropping(int[][] value) {
        this.cropping = ArgumentValidation.standardizePairs(value, 2, "cropping");
        return this;
    }

    public Cropping2D dataFormat(String value) {
        this.dataFormat = ArgumentValidation.standardizeDataFormat(value);
        return this;
    }

    private int[] axes() { return ArgumentValidation.spatialAxes(dataFormat, 2); }

    private void check(Shape s, String what) {
        if (SpatialEdges.cropsTooMuch(s, axes(), cropping)) {
            throw new IllegalArgumentException("Values in `cropping` argument should be smaller than the corresponding spatial dimension of the input. Received: "
                    + what + "=" + s + ", cropping=" + ArgumentValidation.pythonPairs(cropping));
        }
    }

    /** From a Keras config: {@code cropping} (an int, two ints, or two pairs), {@code data_format}. */
    public static Cropping2D fromConfig(Layers.Config c) {
        Cropping2D l = new Cropping2D().dataFormat(c.string("data_format", null));
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
