package io.keras4j.layers.activations;

import io.keras4j.layers.Layer;
import io.keras4j.layers.Layers;
import io.keras4j.ops.Ops;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Keras's {@code Softmax} layer over {@code axis} (default -1); several axes normalise over their
 * union, as {@code exp(x - logsumexp(x, axes))}. Masks are not supported yet.
 */
public final class Softmax extends Layer {
    private int[] axis = {-1};
    private boolean axisIsList;

    public Softmax() {}

    public Softmax axis(int value) {
        this.axis = new int[] {value};
        this.axisIsList = false;
        return this;
    }

    public Softmax axis(int... values) {
        if (values.length == 0) throw new IllegalArgumentException("Argument `axis` must not be empty. Received: axis=()");
        this.axis = values.clone();
        this.axisIsList = true;
        return this;
    }

    /** From a Keras config: {@code axis} (an int or a list). */
    public static Softmax fromConfig(Layers.Config c) {
        Object axis = c.integerOrInts("axis", -1);
        return axis instanceof int[] a ? new Softmax().axis(a) : new Softmax().axis((Integer) axis);
    }

    @Override public Tensor call(Tensor inputs, boolean training) {
        if (axis.length == 1) return Ops.softmax(inputs, axis[0]);
        // logsumexp over several axes, the max subtracted first for stability.
        Tensor shifted = Ops.subtract(inputs, Ops.stopGradient(maxOver(inputs, axis)));
        Tensor lse = Ops.log(Ops.sum(Ops.exp(shifted), axis, true));
        return Ops.exp(Ops.subtract(shifted, lse));
    }

    private static Tensor maxOver(Tensor x, int[] axes) {
        Tensor m = x;
        for (int a : axes) m = Ops.max(m, a, true);
        return m;
    }

    @Override public Shape computeOutputShape(Shape inputShape) { return inputShape; }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        if (axisIsList) {
            List<Object> l = new ArrayList<>();
            for (int a : axis) l.add(a);
            c.put("axis", l);
        } else {
            c.put("axis", axis[0]);
        }
        return c;
    }
}
