package io.keras4j.layers;

import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;

/**
 * A symbolic tensor of the Functional API: the shape (batch dimension first, -1 when unknown) and
 * dtype of a value, and the {@link Node} (layer call) that will produce it — Keras's
 * {@code KerasTensor} with its {@code _keras_history}.
 */
public final class KerasTensor {
    private final Shape shape;
    private final DType dtype;
    private Node node;
    private final int index;

    KerasTensor(Shape shape, DType dtype, int index) {
        this.shape = shape;
        this.dtype = dtype;
        this.index = index;
    }

    public Shape shape() { return shape; }

    public DType dtype() { return dtype; }

    /** The layer call that produces this tensor. */
    public Node node() { return node; }

    void setNode(Node n) { node = n; }

    /** Position among its node's outputs. */
    public int index() { return index; }

    /** The layer that produces this tensor. */
    public Layer source() { return node.layer(); }

    /** Keras's name for it: the producing layer's name (with the output index when there are several). */
    public String name() { return node.outputs().size() == 1 ? node.layer().name() : node.layer().name() + "_" + index; }

    @Override public String toString() {
        return "<KerasTensor shape=" + shape + ", dtype=" + dtype + ", name=" + name() + ">";
    }
}
