package io.keras4j.layers.rnn;

import io.keras4j.activations.ActivationFunction;
import io.keras4j.initializers.Initializer;
import io.keras4j.layers.Layers;

import java.util.Map;

/**
 * Keras's {@code SimpleRNN}: a fully-connected RNN whose output is fed back, the {@link SimpleRNNCell}
 * run over the sequence. Weights kernel (input_dim, units), recurrent_kernel (units, units), bias (units).
 * <pre>{@code
 * Tensor y = new SimpleRNN(32).returnSequences(true).apply(x); // x: (batch, timesteps, features)
 * }</pre>
 */
public final class SimpleRNN extends RNN {
    public SimpleRNN(int units) { super(new SimpleRNNCell(units)); }

    /** Keras's {@code from_config}, Keras 1/2 spellings and defaults included. */
    public static SimpleRNN fromConfig(Layers.Config c) {
        SimpleRNN layer = new SimpleRNN(RecurrentConfig.units(c));
        RecurrentConfig.readCell(c, layer.cell());
        return RecurrentConfig.readLayer(c, layer);
    }

    @Override public SimpleRNNCell cell() { return (SimpleRNNCell) super.cell(); }

    public int units() { return cell().units(); }

    public SimpleRNN activation(String name) { cell().activation(name); return this; }
    public SimpleRNN activation(ActivationFunction fn) { cell().activation(fn); return this; }
    public SimpleRNN useBias(boolean value) { cell().useBias(value); return this; }
    public SimpleRNN kernelInitializer(String name) { cell().kernelInitializer(name); return this; }
    public SimpleRNN kernelInitializer(Initializer init) { cell().kernelInitializer(init); return this; }
    public SimpleRNN recurrentInitializer(String name) { cell().recurrentInitializer(name); return this; }
    public SimpleRNN recurrentInitializer(Initializer init) { cell().recurrentInitializer(init); return this; }
    public SimpleRNN biasInitializer(String name) { cell().biasInitializer(name); return this; }
    public SimpleRNN biasInitializer(Initializer init) { cell().biasInitializer(init); return this; }
    public SimpleRNN dropout(double rate) { cell().dropout(rate); return this; }
    public SimpleRNN recurrentDropout(double rate) { cell().recurrentDropout(rate); return this; }
    public SimpleRNN seed(long value) { cell().seed(value); return this; }
    public SimpleRNN kernelRegularizer(String name) { cell().kernelRegularizer(name); return this; }
    public SimpleRNN kernelRegularizer(io.keras4j.regularizers.Regularizer r) { cell().kernelRegularizer(r); return this; }
    public SimpleRNN kernelConstraint(String name) { cell().kernelConstraint(name); return this; }
    public SimpleRNN kernelConstraint(io.keras4j.constraints.Constraint c) { cell().kernelConstraint(c); return this; }
    public SimpleRNN recurrentRegularizer(String name) { cell().recurrentRegularizer(name); return this; }
    public SimpleRNN recurrentRegularizer(io.keras4j.regularizers.Regularizer r) { cell().recurrentRegularizer(r); return this; }
    public SimpleRNN recurrentConstraint(String name) { cell().recurrentConstraint(name); return this; }
    public SimpleRNN recurrentConstraint(io.keras4j.constraints.Constraint c) { cell().recurrentConstraint(c); return this; }
    public SimpleRNN biasRegularizer(String name) { cell().biasRegularizer(name); return this; }
    public SimpleRNN biasRegularizer(io.keras4j.regularizers.Regularizer r) { cell().biasRegularizer(r); return this; }
    public SimpleRNN biasConstraint(String name) { cell().biasConstraint(name); return this; }
    public SimpleRNN biasConstraint(io.keras4j.constraints.Constraint c) { cell().biasConstraint(c); return this; }
    @Override public SimpleRNN returnSequences(boolean value) { super.returnSequences(value); return this; }
    @Override public SimpleRNN returnState(boolean value) { super.returnState(value); return this; }
    @Override public SimpleRNN goBackwards(boolean value) { super.goBackwards(value); return this; }
    @Override public SimpleRNN stateful(boolean value) { super.stateful(value); return this; }
    @Override public SimpleRNN unroll(boolean value) { super.unroll(value); return this; }
    @Override public SimpleRNN zeroOutputForMask(boolean value) { super.zeroOutputForMask(value); return this; }

    @Override public Map<String, Object> getConfig() { return rnnConfigWithCellArguments(); }
}
