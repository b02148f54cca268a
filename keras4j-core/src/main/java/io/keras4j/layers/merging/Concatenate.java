package io.keras4j.layers.merging;

import io.keras4j.ops.Ops;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.util.List;
import java.util.Map;

/** Joins its inputs along {@code axis} (default -1, the channels), as Keras's {@code Concatenate}. */
public final class Concatenate extends Merge {
    private final int axis;

    public Concatenate() { this(-1); }

    public Concatenate(int axis) { this.axis = axis; }

    public int axis() { return axis; }

    @Override protected int minInputs() { return 1; }

    @Override protected Tensor merge(List<Tensor> inputs) { return Ops.concatenate(inputs, axis); }

    /**
     * Keras's rule: each input's mask (all true where it has none) is broadcast to the input's
     * shape, the masks are concatenated like the inputs, and a position stays unmasked where any
     * feature along the last axis is.
     */
    @Override public List<Tensor> computeMasks(List<Tensor> inputs, List<Tensor> masks) {
        boolean any = false;
        for (Tensor m : masks) any |= m != null;
        if (!any) return java.util.Collections.singletonList(null);
        List<Tensor> full = new java.util.ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            Tensor x = inputs.get(i), m = masks.get(i);
            Tensor on = m == null ? Ops.ones(x.shape(), DType.FLOAT32) : Ops.cast(Ops.notEqual(m, Ops.zerosLike(m)), DType.FLOAT32);
            if (on.rank() < x.rank()) on = Ops.broadcastTo(Ops.expandDims(on, -1), x.shape());
            full.add(on);
        }
        return java.util.Collections.singletonList(Ops.stopGradient(Ops.max(Ops.concatenate(full, axis), -1, false)));
    }

    @Override public List<Shape> computeOutputShapes(List<Shape> shapes) {
        checkCount(shapes.size());
        Shape first = shapes.get(0);
        int a = first.normalizeAxis(axis);
        int total = 0;
        for (Shape s : shapes) {
            if (s.rank() != first.rank()) throw incompatible(shapes);
            for (int i = 0; i < s.rank(); i++) {
                if (i != a && s.dim(i) != first.dim(i) && s.dim(i) != Shape.UNKNOWN && first.dim(i) != Shape.UNKNOWN) throw incompatible(shapes);
            }
            total = total == Shape.UNKNOWN || s.dim(a) == Shape.UNKNOWN ? Shape.UNKNOWN : total + s.dim(a);
        }
        return List.of(first.withDim(a, total));
    }

    private IllegalArgumentException incompatible(List<Shape> shapes) {
        return new IllegalArgumentException("A `Concatenate` layer requires inputs with matching shapes except for the concatenation axis. "
                + "Received: input_shape=" + shapes);
    }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("axis", axis);
        return c;
    }
}
