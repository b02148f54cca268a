package io.keras4j.activations;

import io.keras4j.tensor.Tensor;

import java.util.Objects;

/**
 * An elementwise (or per-axis) activation function, as a Keras activation callable. Built-in
 * functions come from {@link Activations#get}; a lambda works too:
 * {@code ActivationFunction f = x -> Ops.multiply(x, 2)}.
 */
@FunctionalInterface
public interface ActivationFunction {
    Tensor apply(Tensor x);

    /**
     * The name Keras serialises this function under ({@code "relu"}, {@code "softmax"}, ...). An
     * unnamed lambda answers {@code "<lambda>"}, the name Python gives anonymous functions.
     */
    default String name() { return "<lambda>"; }

    /** Gives {@code fn} a serialisation name, e.g. for a custom activation a layer config refers to. */
    static ActivationFunction named(String name, ActivationFunction fn) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(fn, "fn");
        return new ActivationFunction() {
            @Override public Tensor apply(Tensor x) { return fn.apply(x); }

            @Override public String name() { return name; }

            @Override public String toString() { return "<function " + name + ">"; }
        };
    }
}
