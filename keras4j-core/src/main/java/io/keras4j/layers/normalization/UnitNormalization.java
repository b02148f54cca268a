package io.keras4j.layers.normalization;

import io.keras4j.layers.Layer;
import io.keras4j.layers.Layers;
import io.keras4j.ops.Ops;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Keras's {@code UnitNormalization}: scales each sample to unit L2 norm over {@code axis} (one
 * axis or several): {@code x / sqrt(max(sum(x^2), 1e-24))}, so a zero vector stays zero.
 */
public final class UnitNormalization extends Layer {
    /** Keras's {@code ops.normalize(..., epsilon=1e-12)} clamps the squared norm at epsilon squared. */
    private static final double MIN_SQUARED_NORM = 1e-12 * 1e-12;

    private int[] axis = {-1};
    private boolean axisIsList;

    public UnitNormalization() {}

    /** A layer from Keras's config keys. */
    public static UnitNormalization fromConfig(Layers.Config c) {
        Object a = c.integerOrInts("axis", -1);
        return a instanceof int[] list ? new UnitNormalization().axis(list) : new UnitNormalization().axis(((Integer) a).intValue());
    }

    public UnitNormalization axis(int value) {
        this.axis = new int[] {value};
        this.axisIsList = false;
        return this;
    }

    /** Several axes normalised together (Keras's {@code axis=[1, 2]}). */
    public UnitNormalization axis(int... values) {
        this.axis = values.clone();
        this.axisIsList = true;
        return this;
    }

    @Override public void build(Shape inputShape) { computeOutputShape(inputShape); }

    @Override public Tensor call(Tensor inputs, boolean training) {
        Tensor x = inputs.dtype().isFloating() ? inputs : Ops.cast(inputs, dtype());
        Tensor squares = Ops.sum(Ops.square(x), axis, true);
        return Ops.divide(x, Ops.sqrt(Ops.maximum(squares, MIN_SQUARED_NORM)));
    }

    @Override public Shape computeOutputShape(Shape inputShape) {
        for (int a : axis) {
            if (a >= inputShape.rank() || a < -inputShape.rank()) {
                throw new IllegalArgumentException("Axis " + axisValue() + " is out of bounds for input shape " + inputShape + ".");
            }
        }
        return inputShape;
    }

    private Object axisValue() {
        if (!axisIsList) return axis[0];
        List<Integer> l = new ArrayList<>();
        for (int a : axis) l.add(a);
        return l;
    }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("axis", axisValue());
        return c;
    }
}
