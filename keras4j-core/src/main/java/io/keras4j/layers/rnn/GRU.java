package io.keras4j.layers.rnn;

import io.keras4j.activations.ActivationFunction;
import io.keras4j.initializers.Initializer;
import io.keras4j.layers.Layers;

import java.util.Map;

/**
 * Keras's {@code GRU} (Cho et al., 2014): the {@link GRUCell} run over the sequence. Weights kernel
 * (input_dim, 3*units), recurrent_kernel (units, 3*units), bias (2, 3*units) with reset_after (Keras 3's
 * default) or (3*units) without; gates z, r, h. Defaults: tanh, recurrent activation sigmoid.
 * <pre>{@code
 * Tensor y = new GRU(32).returnSequences(true).apply(x); // x: (batch, timesteps, features)
 * }</pre>
 */
public final class GRU extends RNN {
    public GRU(int units) { super(new GRUCell(units)); }

    /** Keras's {@code from_config}, Keras 1/2 spellings and defaults included. */
    public static GRU fromConfig(Layers.Config c) {
        GRU layer = new GRU(RecurrentConfig.units(c));
        GRUCell.read(c, layer.cell());
        return RecurrentConfig.readLayer(c, layer);
    }

    @Override public GRUCell cell() { return (GRUCell) super.cell(); }

    public int units() { return cell().units(); }

    public GRU activation(String name) { cell().activation(name); return this; }
    public GRU activation(ActivationFunction fn) { cell().activation(fn); return this; }
    public GRU useBias(boolean value) { cell().useBias(value); return this; }
    public GRU kernelInitializer(String name) { cell().kernelInitializer(name); return this; }
    public GRU kernelInitializer(Initializer init) { cell().kernelInitializer(init); return this; }
    public GRU recurrentInitializer(String name) { cell().recurrentInitializer(name); return this; }
    public GRU recurrentInitializer(Initializer init) { cell().recurrentInitializer(init); return this; }
    public GRU biasInitializer(String name) { cell().biasInitializer(name); return this; }
    public GRU biasInitializer(Initializer init) { cell().biasInitializer(init); return this; }
    public GRU dropout(double rate) { cell().dropout(rate); return this; }
    public GRU recurrentDropout(double rate) { cell().recurrentDropout(rate); return this; }
    public GRU seed(long value) { cell().seed(value); return this; }
    public GRU kernelRegularizer(String name) { cell().kernelRegularizer(name); return this; }
    public GRU kernelRegularizer(io.keras4j.regularizers.Regularizer r) { cell().kernelRegularizer(r); return this; }
    public GRU kernelConstraint(String name) { cell().kernelConstraint(name); return this; }
    public GRU kernelConstraint(io.keras4j.constraints.Constraint c) { cell().kernelConstraint(c); return this; }
    public GRU recurrentRegularizer(String name) { cell().recurrentRegularizer(name); return this; }
    public GRU recurrentRegularizer(io.keras4j.regularizers.Regularizer r) { cell().recurrentRegularizer(r); return this; }
    public GRU recurrentConstraint(String name) { cell().recurrentConstraint(name); return this; }
    public GRU recurrentConstraint(io.keras4j.constraints.Constraint c) { cell().recurrentConstraint(c); return this; }
    public GRU biasRegularizer(String name) { cell().biasRegularizer(name); return this; }
    public GRU biasRegularizer(io.keras4j.regularizers.Regularizer r) { cell().biasRegularizer(r); return this; }
    public GRU biasConstraint(String name) { cell().biasConstraint(name); return this; }
    public GRU biasConstraint(io.keras4j.constraints.Constraint c) { cell().biasConstraint(c); return this; }
    public GRU recurrentActivation(String name) { cell().recurrentActivation(name); return this; }
    public GRU recurrentActivation(ActivationFunction fn) { cell().recurrentActivation(fn); return this; }
    public GRU resetAfter(boolean value) { cell().resetAfter(value); return this; }
    @Override public GRU returnSequences(boolean value) { super.returnSequences(value); return this; }
    @Override public GRU returnState(boolean value) { super.returnState(value); return this; }
    @Override public GRU goBackwards(boolean value) { super.goBackwards(value); return this; }
    @Override public GRU stateful(boolean value) { super.stateful(value); return this; }
    @Override public GRU unroll(boolean value) { super.unroll(value); return this; }
    @Override public GRU zeroOutputForMask(boolean value) { super.zeroOutputForMask(value); return this; }

    @Override public Map<String, Object> getConfig() { return rnnConfigWithCellArguments(); }
}
