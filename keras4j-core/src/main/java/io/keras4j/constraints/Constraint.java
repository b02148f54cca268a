package io.keras4j.constraints;

import io.keras4j.ops.Ops;
import io.keras4j.tensor.Tensor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keras's {@code keras.constraints.Constraint}: a projection the optimizer applies to a weight
 * after each update ({@code kernel_constraint}, ...).
 */
public abstract class Constraint implements java.util.function.UnaryOperator<Tensor> {
    // Keras's backend.epsilon(), added to norms before dividing by them.
    static final double EPSILON = 1e-7;

    /** The projected weight. */
    public abstract Tensor apply(Tensor w);

    /** The constructor arguments under Keras's keys. */
    public Map<String, Object> getConfig() { return new LinkedHashMap<>(); }

    /** The Keras class name ("MaxNorm", "NonNeg", ...). */
    public String className() { return getClass().getSimpleName(); }

    /** Keras's serialised form: {@code {"module", "class_name", "config", "registered_name"}}. */
    public Map<String, Object> serialize() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("module", "keras.constraints");
        m.put("class_name", className());
        m.put("config", getConfig());
        m.put("registered_name", null);
        return m;
    }

    /** {@code sqrt(sum(w², axes, keepdims))}: the norms the norm constraints rescale. */
    static Tensor norms(Tensor w, int[] axes) { return Ops.sqrt(Ops.sum(Ops.square(w), axes, true)); }

    /** An {@code axis} argument, an integer or a list of integers, as int[]. */
    static int[] axes(Object axis) {
        if (axis instanceof Integer i) return new int[] {i};
        if (axis instanceof int[] a) return a.clone();
        if (axis instanceof List<?> l) {
            int[] a = new int[l.size()];
            for (int k = 0; k < a.length; k++) {
                if (!(l.get(k) instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) throw badAxis(axis);
                a[k] = n.intValue();
            }
            return a;
        }
        if (axis instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) return new int[] {n.intValue()};
        throw badAxis(axis);
    }

    /** The axis as Keras's config shows it: an int, or a list for several. */
    static Object axisConfig(int[] axes, boolean single) {
        if (single) return axes[0];
        List<Integer> l = new ArrayList<>();
        for (int a : axes) l.add(a);
        return l;
    }

    private static IllegalArgumentException badAxis(Object axis) {
        return new IllegalArgumentException("Argument `axis` must be an integer or a list of integers. Received: axis=" + axis);
    }

    @Override public String toString() { return "<" + className() + " " + getConfig() + ">"; }
}
