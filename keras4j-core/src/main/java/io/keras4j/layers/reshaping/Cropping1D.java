package io.keras4j.layers.reshaping;

import io.keras4j.layers.InputSpec;
import io.keras4j.layers.Layer;
import io.keras4j.layers.Layers;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.util.Map;

/** Crops along the time axis of {@code (batch, steps, features)} inputs (Keras's {@code Cropping1D}, default (1, 1)). */
public final class Cropping1D extends Layer {
    private static final int[] AXES = {1};
    private int[] cropping = {1, 1};

    public Cropping1D() { inputSpec = InputSpec.ndim(3); }

    /** The same number of steps cut from the start and the end. */
    public Cropping1D cropping(int both) { return cropping(new int[] {both}); }

    public Cropping1D cropping(int start, int end) { return cropping(new int[] {start, end}); }

    private Cropping1D cropping(int[] value) {
        this.cropping = ArgumentValidation.standardizeTuple(value, 2, "cropping", true);
        return this;
    }

    private void check(Shape s, String what) {
        if (SpatialEdges.cropsTooMuch(s, AXES, new int[][] {cropping})) {
            throw new IllegalArgumentException("`cropping` parameter of `Cropping1D` layer must be smaller than the input length. Received: "
                    + what + "=" + s + ", cropping=" + ArgumentValidation.pythonTuple(cropping));
        }
    }

    /** From a Keras config: {@code cropping} (an int or two). */
    public static Cropping1D fromConfig(Layers.Config c) {
        Cropping1D l = new Cropping1D();
        if (c.raw("cropping") != null) l.cropping(ArgumentValidation.intOrInts(c.integerOrInts("cropping", 0)));
        return l;
    }

    @Override public Tensor call(Tensor inputs, boolean training) {
        check(inputs.shape(), "inputs.shape");
        return SpatialEdges.crop(inputs, AXES, new int[][] {cropping});
    }

    @Override public Shape computeOutputShape(Shape inputShape) {
        check(inputShape, "input_shape");
        return SpatialEdges.cropShape(inputShape, AXES, new int[][] {cropping});
    }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("cropping", ArgumentValidation.list(cropping));
        return c;
    }
}
