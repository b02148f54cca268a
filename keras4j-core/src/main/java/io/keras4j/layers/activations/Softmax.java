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
 * union, as {@code exp(x - logsumexp(x, axes))}. A mask (broadcastable to the inputs; kept
 * where above 0.5) replaces masked inputs by -1e9 before the softmax and zeroes their outputs
 * after it, as Keras does, so a fully masked row gives zeros rather than a uniform distribution.
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

    @Override public boolean supportsMasking() { return true; }

    @Override protected Tensor callMasked(Tensor inputs, Tensor mask, boolean training) {
        if (mask == null) return call(inputs, training);
        checkMask(inputs.shape(), mask.shape());
        Tensor keep = Ops.greater(mask, Tensor.scalar(0.5, mask.dtype()));
        Tensor y = call(Ops.where(keep, inputs, Tensor.scalar(LARGE_NEGATIVE, inputs.dtype())), training);
        return Ops.where(keep, y, 0.0);
    }

    /** Keras's {@code _large_negative_number} for float32/float64 (float16, which would take -3e4, does not exist here). */
    private static final double LARGE_NEGATIVE = -1e9;

    private static void checkMask(Shape inputs, Shape mask) {
        if (mask.rank() > inputs.rank()) {
            throw new IllegalArgumentException("The `mask` must be broadcastable to `inputs` and must not have more dimensions. Received: inputs.shape="
                    + inputs + ", mask.shape=" + mask);
        }
        for (int i = 1; i <= mask.rank(); i++) {
            int m = mask.dim(-i), d = inputs.dim(-i);
            if (m != 1 && m != d) {
                throw new IllegalArgumentException("The `mask` must be broadcastable to `inputs`. Each mask dimension must be 1 or match the "
                        + "corresponding input dimension. Received: inputs.shape=" + inputs + ", mask.shape=" + mask);
            }
        }
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
