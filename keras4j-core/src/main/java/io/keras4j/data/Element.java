package io.keras4j.data;

import io.keras4j.tensor.Tensor;

import java.util.List;

/**
 * One element of a {@link Dataset}: Keras's {@code (x, y, sample_weight)} tuple. {@code x} holds
 * one tensor per model input, {@code y} one per model output (null when the element has no
 * targets, as in {@code predict}), {@code sampleWeight} one per output or null. Before
 * {@link Dataset#batch} the tensors are single examples; after it they carry a leading batch axis.
 */
public record Element(List<Tensor> x, List<Tensor> y, List<Tensor> sampleWeight) {
    public Element {
        if (x == null || x.isEmpty()) throw new IllegalArgumentException("An element needs at least one input tensor. Received: x=" + x);
        x = List.copyOf(x);
        y = y == null ? null : List.copyOf(y);
        sampleWeight = sampleWeight == null ? null : List.copyOf(sampleWeight);
    }

    public static Element of(Tensor x) { return new Element(List.of(x), null, null); }

    public static Element of(Tensor x, Tensor y) { return new Element(List.of(x), List.of(y), null); }

    public static Element of(Tensor x, Tensor y, Tensor sampleWeight) { return new Element(List.of(x), List.of(y), List.of(sampleWeight)); }

    /** The {@code i}-th input tensor. */
    public Tensor x(int i) { return x.get(i); }

    /** The {@code i}-th target tensor. */
    public Tensor y(int i) {
        if (y == null) throw new IllegalStateException("This element has no targets");
        return y.get(i);
    }

    public boolean hasTargets() { return y != null; }

    /** All tensors in order x, y, sampleWeight: the "components" tf.data speaks of. */
    public List<Tensor> components() {
        List<Tensor> all = new java.util.ArrayList<>(x);
        if (y != null) all.addAll(y);
        if (sampleWeight != null) all.addAll(sampleWeight);
        return all;
    }

    /** An element of the same structure as this one holding {@code parts} (in {@link #components()} order). */
    Element withComponents(List<Tensor> parts) {
        int nx = x.size(), ny = y == null ? 0 : y.size();
        return new Element(parts.subList(0, nx), y == null ? null : parts.subList(nx, nx + ny),
                sampleWeight == null ? null : parts.subList(nx + ny, parts.size()));
    }

    /** Number of rows of the first input: the batch size of a batched element. */
    public int batchSize() {
        Tensor t = x.get(0);
        if (t.rank() == 0) throw new IllegalStateException("The element's first input is a scalar; it has no batch dimension");
        return t.shape().dim(0);
    }
}
