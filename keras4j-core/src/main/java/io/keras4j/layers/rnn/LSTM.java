package io.keras4j.layers.rnn;

import io.keras4j.activations.ActivationFunction;
import io.keras4j.initializers.Initializer;
import io.keras4j.layers.Layers;

import java.util.Map;

/**
 * Keras's {@code LSTM} (Hochreiter and Schmidhuber, 1997): the {@link LSTMCell} run over the sequence.
 * Weights kernel (input_dim, 4*units), recurrent_kernel (units, 4*units), bias (4*units), gates i, f, c, o.
 * Defaults are Keras 3's: tanh, recurrent activation sigmoid, unit_forget_bias.
 * <pre>{@code
 * Tensor y = new LSTM(32).returnSequences(true).apply(x); // x: (batch, timesteps, features)
 * }</pre>
 */
public final class LSTM extends RNN {
    public LSTM(int units) { super(new LSTMCell(units)); }

    /** Keras's {@code from_config}, Keras 1/2 spellings and defaults included. */
    public static LSTM fromConfig(Layers.Config c) {
        LSTM layer = new LSTM(RecurrentConfig.units(c));
        LSTMCell.read(c, layer.cell());
        return RecurrentConfig.readLayer(c, layer);
    }

    @Override public LSTMCell cell() { return (LSTMCell) super.cell(); }

    public int units() { return cell().units(); }

    public LSTM activation(String name) { cell().activation(name); return this; }
    public LSTM activation(ActivationFunction fn) { cell().activation(fn); return this; }
    public LSTM useBias(boolean value) { cell().useBias(value); return this; }
    public LSTM kernelInitializer(String name) { cell().kernelInitializer(name); return this; }
    public LSTM kernelInitializer(Initializer init) { cell().kernelInitializer(init); return this; }
    public LSTM recurrentInitializer(String name) { cell().recurrentInitializer(name); return this; }
    public LSTM recurrentInitializer(Initializer init) { cell().recurrentInitializer(init); return this; }
    public LSTM biasInitializer(String name) { cell().biasInitializer(name); return this; }
    public LSTM biasInitializer(Initializer init) { cell().biasInitializer(init); return this; }
    public LSTM dropout(double rate) { cell().dropout(rate); return this; }
    public LSTM recurrentDropout(double rate) { cell().recurrentDropout(rate); return this; }
    public LSTM seed(long value) { cell().seed(value); return this; }
    public LSTM kernelRegularizer(String name) { cell().kernelRegularizer(name); return this; }
    public LSTM kernelRegularizer(io.keras4j.regularizers.Regularizer r) { cell().kernelRegularizer(r); return this; }
    public LSTM kernelConstraint(String name) { cell().kernelConstraint(name); return this; }
    public LSTM kernelConstraint(io.keras4j.constraints.Constraint c) { cell().kernelConstraint(c); return this; }
    public LSTM recurrentRegularizer(String name) { cell().recurrentRegularizer(name); return this; }
    public LSTM recurrentRegularizer(io.keras4j.regularizers.Regularizer r) { cell().recurrentRegularizer(r); return this; }
    public LSTM recurrentConstraint(String name) { cell().recurrentConstraint(name); return this; }
    public LSTM recurrentConstraint(io.keras4j.constraints.Constraint c) { cell().recurrentConstraint(c); return this; }
    public LSTM biasRegularizer(String name) { cell().biasRegularizer(name); return this; }
    public LSTM biasRegularizer(io.keras4j.regularizers.Regularizer r) { cell().biasRegularizer(r); return this; }
    public LSTM biasConstraint(String name) { cell().biasConstraint(name); return this; }
    public LSTM biasConstraint(io.keras4j.constraints.Constraint c) { cell().biasConstraint(c); return this; }
    public LSTM recurrentActivation(String name) { cell().recurrentActivation(name); return this; }
    public LSTM recurrentActivation(ActivationFunction fn) { cell().recurrentActivation(fn); return this; }
    public LSTM unitForgetBias(boolean value) { cell().unitForgetBias(value); return this; }
    @Override public LSTM returnSequences(boolean value) { super.returnSequences(value); return this; }
    @Override public LSTM returnState(boolean value) { super.returnState(value); return this; }
    @Override public LSTM goBackwards(boolean value) { super.goBackwards(value); return this; }
    @Override public LSTM stateful(boolean value) { super.stateful(value); return this; }
    @Override public LSTM unroll(boolean value) { super.unroll(value); return this; }
    @Override public LSTM zeroOutputForMask(boolean value) { super.zeroOutputForMask(value); return this; }

    @Override public Map<String, Object> getConfig() { return rnnConfigWithCellArguments(); }
}
