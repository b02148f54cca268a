package io.keras4j.autodiff;

import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

/**
 * A mutable, named tensor holding a model weight or an optimizer slot, as {@code keras.Variable}.
 * Its {@link #value()} is one tensor object for the variable's whole life, whose storage
 * {@link #assign} overwrites in place: a gradient tape follows that identity, and the optimizer
 * updates weights without allocating. Reading a trainable variable while a tape records makes the
 * tape watch it.
 */
public final class Variable {
    private final String name;
    private final Tensor value;
    private boolean trainable;
    // Typed loosely: constraints live above autodiff, which must not depend on them.
    private java.util.function.UnaryOperator<Tensor> constraint;

    public Variable(String name, Tensor initial, boolean trainable) {
        this.name = name;
        this.value = initial.copy();
        this.trainable = trainable;
    }

    public String name() { return name; }

    public Shape shape() { return value.shape(); }

    public DType dtype() { return value.dtype(); }

    public boolean trainable() { return trainable; }

    public void setTrainable(boolean trainable) { this.trainable = trainable; }

    /**
     * The projection an optimizer applies after each update of this variable (Keras's
     * {@code Variable.constraint}), or null.
     */
    public java.util.function.UnaryOperator<Tensor> constraint() { return constraint; }

    public void setConstraint(java.util.function.UnaryOperator<Tensor> constraint) { this.constraint = constraint; }

    /** The live value; watched by recording tapes when trainable. */
    public Tensor value() {
        if (trainable) GradientTape.onVariableRead(this);
        return value;
    }

    /** The live value without notifying tapes (optimizers, saving). */
    public Tensor peek() { return value; }

    /** A snapshot copy of the current value. */
    public Tensor numpy() { return value.copy(); }

    /** Overwrites the value in place with a tensor of the same shape. */
    public void assign(Tensor v) {
        if (!v.shape().equals(value.shape())) {
            throw new IllegalArgumentException("Cannot assign to variable '" + name + "': expected shape " + value.shape()
                    + ", received " + v.shape());
        }
        if (v.dtype() == value.dtype()) System.arraycopy(v.data(), 0, value.data(), 0, value.size());
        else {
            for (int i = 0; i < value.size(); i++) set(i, v.getDouble(i));
        }
    }

    private void set(int i, double x) {
        switch (value.dtype()) {
            case FLOAT32 -> ((float[]) value.data())[i] = (float) x;
            case FLOAT64 -> ((double[]) value.data())[i] = x;
            case INT32 -> ((int[]) value.data())[i] = (int) x;
            case INT64 -> ((long[]) value.data())[i] = (long) x;
        }
    }

    @Override public String toString() {
        return "<Variable path=" + name + ", shape=" + value.shape() + ", dtype=" + value.dtype() + ", value=" + value + ">";
    }
}
