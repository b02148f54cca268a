package io.keras4j.layers.merging;

import io.keras4j.ops.Ops;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The dot product of two samples along one axis of each (Keras's {@code Dot}, a batched dot):
 * for inputs (batch, n, d) and (batch, m, d) with axes (2, 2) the output is (batch, n, m).
 * {@code normalize} divides both by their L2 norm along those axes first (cosine proximity).
 */
public final class Dot extends Merge {
    private final int axisA;
    private final int axisB;
    private boolean normalize;

    public Dot(int axes) { this(axes, axes); }

    public Dot(int axisA, int axisB) {
        this.axisA = axisA;
        this.axisB = axisB;
    }

    public Dot normalize(boolean value) {
        normalize = value;
        return this;
    }

    @Override void checkCount(int n) {
        if (n != 2) throw new IllegalArgumentException("A `Dot` layer should be called on a list of 2 inputs. Received: " + n + " inputs");
    }

    @Override protected Tensor merge(List<Tensor> inputs) {
        Tensor a = inputs.get(0), b = inputs.get(1);
        int aa = a.shape().normalizeAxis(axisA), ab = b.shape().normalizeAxis(axisB);
        if (normalize) {
            a = Ops.l2Normalize(a, aa, 1e-12);
            b = Ops.l2Normalize(b, ab, 1e-12);
        }
        // Move the contracted axis last in a and first (after batch) in b, flatten the rest, matmul per sample.
        Tensor at = moveAxis(a, aa, a.rank() - 1), bt = moveAxis(b, ab, 1);
        int batch = a.shape().dim(0), k = a.shape().dim(aa);
        int restA = at.size() / (batch * k), restB = bt.size() / (batch * k);
        Tensor prod = Ops.matmul(Ops.reshape(at, batch, restA, k), Ops.reshape(bt, batch, k, restB));
        return Ops.reshape(prod, outputShape(a.shape(), b.shape(), aa, ab));
    }

    private static Tensor moveAxis(Tensor x, int from, int to) {
        List<Integer> perm = new ArrayList<>();
        for (int i = 0; i < x.rank(); i++) if (i != from) perm.add(i);
        perm.add(to, from);
        return Ops.transpose(x, perm.stream().mapToInt(Integer::intValue).toArray());
    }

    private static Shape outputShape(Shape a, Shape b, int aa, int ab) {
        List<Integer> d = new ArrayList<>();
        d.add(a.dim(0));
        for (int i = 1; i < a.rank(); i++) if (i != aa) d.add(a.dim(i));
        for (int i = 1; i < b.rank(); i++) if (i != ab) d.add(b.dim(i));
        if (d.size() == 1) d.add(1);
        return Shape.of(d.stream().mapToInt(Integer::intValue).toArray());
    }

    @Override public List<Shape> computeOutputShapes(List<Shape> shapes) {
        checkCount(shapes.size());
        Shape a = shapes.get(0), b = shapes.get(1);
        int aa = a.normalizeAxis(axisA), ab = b.normalizeAxis(axisB);
        if (a.dim(aa) != b.dim(ab) && a.dim(aa) != Shape.UNKNOWN && b.dim(ab) != Shape.UNKNOWN) {
            throw new IllegalArgumentException("Incompatible input shapes: axis values " + a.dim(aa) + " (at axis " + aa + ") != " + b.dim(ab)
                    + " (at axis " + ab + "). Full input shapes: " + a + ", " + b);
        }
        return List.of(outputShape(a, b, aa, ab));
    }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("axes", axisA == axisB ? (Object) axisA : List.of(axisA, axisB));
        c.put("normalize", normalize);
        return c;
    }
}
