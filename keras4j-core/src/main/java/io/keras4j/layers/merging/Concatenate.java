package io.keras4j.layers.merging;

import io.keras4j.ops.Ops;
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
