package io.keras4j.data;

import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Copies rows in and out of tensors' storage. The input pipeline does this on its own threads,
 * outside autodiff, so it works on the raw arrays rather than through {@code Ops}.
 */
final class Batching {
    private Batching() {}

    /** Row {@code i} of {@code t} along axis 0, as a tensor of rank one less. */
    static Tensor row(Tensor t, int i) {
        Shape rest = t.shape().dropFirst();
        int n = rest.size();
        Object out = t.dtype().allocate(n);
        System.arraycopy(t.data(), i * n, out, 0, n);
        return Tensor.wrap(out, rest);
    }

    /** Rows {@code from..to} of {@code t}. */
    static Tensor rows(Tensor t, int from, int to) {
        Shape rest = t.shape().dropFirst();
        int n = rest.size();
        Object out = t.dtype().allocate((to - from) * n);
        System.arraycopy(t.data(), from * n, out, 0, (to - from) * n);
        return Tensor.wrap(out, rest.prepend(to - from));
    }

    /** Stacks equal-shaped tensors along a new first axis. */
    static Tensor stack(List<Tensor> ts, int component) {
        Tensor first = ts.get(0);
        for (int i = 1; i < ts.size(); i++) {
            Tensor t = ts.get(i);
            if (!t.shape().equals(first.shape())) {
                throw new IllegalArgumentException("Cannot batch tensors with different shapes in component " + component + ". First element had shape "
                        + first.shape() + " and element " + i + " had shape " + t.shape() + ". Use paddedBatch for elements of varying shape.");
            }
            if (t.dtype() != first.dtype()) {
                throw new IllegalArgumentException("Cannot batch tensors of different dtypes in component " + component + ": " + first.dtype() + " and " + t.dtype());
            }
        }
        int n = first.size();
        Object out = first.dtype().allocate(n * ts.size());
        for (int i = 0; i < ts.size(); i++) System.arraycopy(ts.get(i).data(), 0, out, i * n, n);
        return Tensor.wrap(out, first.shape().prepend(ts.size()));
    }

    /** Concatenates along the first axis. */
    static Tensor concat(List<Tensor> ts) {
        Tensor first = ts.get(0);
        Shape rest = first.shape().dropFirst();
        int rows = 0;
        for (Tensor t : ts) {
            if (!t.shape().dropFirst().equals(rest) || t.dtype() != first.dtype()) {
                throw new IllegalArgumentException("Cannot concatenate tensors of shapes " + first.shape() + " and " + t.shape());
            }
            rows += t.shape().dim(0);
        }
        Object out = first.dtype().allocate(rows * rest.size());
        int at = 0;
        for (Tensor t : ts) {
            System.arraycopy(t.data(), 0, out, at, t.size());
            at += t.size();
        }
        return Tensor.wrap(out, rest.prepend(rows));
    }

    /**
     * Pads each tensor at the end of every axis to {@code target} (or to the largest extent among
     * {@code ts} where {@code target} is null or has -1) with {@code value}, then stacks them.
     */
    static Tensor padAndStack(List<Tensor> ts, Shape target, double value, int component) {
        int rank = ts.get(0).rank();
        int[] dims = new int[rank];
        for (Tensor t : ts) {
            if (t.rank() != rank) {
                throw new IllegalArgumentException("Cannot pad tensors of different ranks in component " + component + ": " + ts.get(0).shape() + " and " + t.shape());
            }
            for (int a = 0; a < rank; a++) dims[a] = Math.max(dims[a], t.shape().dim(a));
        }
        if (target != null) {
            if (target.rank() != rank) throw new IllegalArgumentException("Argument `padded_shapes` has rank " + target.rank() + " for component " + component + " of rank " + rank);
            for (int a = 0; a < rank; a++) {
                int want = target.dim(a);
                if (want < 0) continue;
                if (want < dims[a]) {
                    throw new IllegalArgumentException("Attempted to pad to a smaller size than the input element. Component " + component
                            + " has extent " + dims[a] + " on axis " + a + ", padded_shapes asks for " + want);
                }
                dims[a] = want;
            }
        }
        Shape each = Shape.of(dims);
        DType dt = ts.get(0).dtype();
        List<Tensor> padded = new ArrayList<>(ts.size());
        for (Tensor t : ts) padded.add(t.shape().equals(each) ? t : pad(t, each, value));
        return stack(padded, component);
    }

    private static Tensor pad(Tensor t, Shape to, double value) {
        Tensor out = Tensor.full(to, value, t.dtype());
        Object dst = out.data(); // freshly made, not yet shared: filling it in is safe
        int rank = t.rank();
        if (rank == 0) return t;
        int[] src = t.shape().dims();
        int[] dstStrides = to.strides();
        int inner = src[rank - 1];
        int outer = t.size() / Math.max(1, inner);
        int[] idx = new int[rank - 1];
        for (int r = 0; r < outer; r++) {
            int off = 0;
            for (int a = 0; a < rank - 1; a++) off += idx[a] * dstStrides[a];
            System.arraycopy(t.data(), r * inner, dst, off, inner);
            for (int a = rank - 2; a >= 0; a--) {
                if (++idx[a] < src[a]) break;
                idx[a] = 0;
            }
        }
        return out;
    }

    /** Batches elements of the same structure component by component. */
    static Element stackElements(List<Element> es) {
        return combine(es, (parts, c) -> stack(parts, c));
    }

    static Element padElements(List<Element> es, List<Shape> paddedShapes, double value) {
        return combine(es, (parts, c) -> padAndStack(parts, paddedShapes == null ? null : paddedShapes.get(c), value, c));
    }

    private interface Combiner { Tensor apply(List<Tensor> parts, int component); }

    private static Element combine(List<Element> es, Combiner f) {
        Element first = es.get(0);
        int k = first.components().size();
        List<List<Tensor>> byComponent = new ArrayList<>();
        for (int c = 0; c < k; c++) byComponent.add(new ArrayList<>(es.size()));
        for (Element e : es) {
            List<Tensor> cs = e.components();
            if (cs.size() != k || (e.y() == null) != (first.y() == null) || (e.sampleWeight() == null) != (first.sampleWeight() == null)) {
                throw new IllegalArgumentException("Cannot batch elements of different structures: " + describe(first) + " and " + describe(e));
            }
            for (int c = 0; c < k; c++) byComponent.get(c).add(cs.get(c));
        }
        List<Tensor> out = new ArrayList<>(k);
        for (int c = 0; c < k; c++) out.add(f.apply(byComponent.get(c), c));
        return first.withComponents(out);
    }

    private static String describe(Element e) {
        return "(x: " + e.x().size() + ", y: " + (e.y() == null ? "none" : e.y().size()) + ", sample_weight: "
                + (e.sampleWeight() == null ? "none" : e.sampleWeight().size()) + ")";
    }

    /** Splits a batched element into its rows. */
    static List<Element> unstack(Element batch) {
        int n = batch.batchSize();
        List<Tensor> cs = batch.components();
        for (Tensor t : cs) {
            if (t.rank() == 0 || t.shape().dim(0) != n) throw new IllegalArgumentException("Cannot unbatch: components have different batch sizes " + Arrays.toString(cs.stream().map(Tensor::shape).toArray()));
        }
        List<Element> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            List<Tensor> row = new ArrayList<>(cs.size());
            for (Tensor t : cs) row.add(row(t, i));
            out.add(batch.withComponents(row));
        }
        return out;
    }
}
