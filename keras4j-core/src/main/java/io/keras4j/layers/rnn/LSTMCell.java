package io.keras4j.layers.rnn;

import io.keras4j.activations.ActivationFunction;
import io.keras4j.activations.Activations;
import io.keras4j.autodiff.Primitives;
import io.keras4j.autodiff.Variable;
import io.keras4j.constraints.Constraint;
import io.keras4j.constraints.Constraints;
import io.keras4j.initializers.Initializer;
import io.keras4j.initializers.Initializers;
import io.keras4j.layers.Layers;
import io.keras4j.ops.Ops;
import io.keras4j.regularizers.Regularizer;
import io.keras4j.regularizers.Regularizers;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.util.List;
import java.util.Map;

/**
 * Keras's {@code LSTMCell}. With {@code z = x · kernel + h_prev · recurrent_kernel + bias} split
 * into gates i, f, c, o (Keras's order): {@code c = f * c_prev + i * activation(z_c)},
 * {@code h = o * activation(c)}, where i, f, o pass through the recurrent activation. States [h, c].
 */
public final class LSTMCell extends RecurrentCell {
    private ActivationFunction recurrentActivation = Activations.get("sigmoid");
    private boolean unitForgetBias = true;
    private Variable kernel;
    private Variable recurrentKernel;
    private Variable bias;

    public LSTMCell(int units) { super(units); }

    /** Keras's {@code from_config}. */
    public static LSTMCell fromConfig(Layers.Config c) {
        LSTMCell cell = new LSTMCell(RecurrentConfig.units(c));
        read(c, cell);
        return cell;
    }

    static void read(Layers.Config c, LSTMCell cell) {
        RecurrentConfig.readCell(c, cell);
        cell.recurrentActivation(RecurrentConfig.recurrentActivation(c));
        cell.unitForgetBias(c.bool("unit_forget_bias", true));
    }

    public LSTMCell activation(String name) { return activation(Activations.get(name)); }

    public LSTMCell activation(ActivationFunction fn) { setActivation(fn); return this; }

    public LSTMCell recurrentActivation(String name) { return recurrentActivation(Activations.get(name)); }

    public LSTMCell recurrentActivation(ActivationFunction fn) {
        checkNotBuilt();
        recurrentActivation = fn == null ? Activations.get("linear") : fn;
        return this;
    }

    public LSTMCell useBias(boolean value) { setUseBias(value); return this; }

    /** Adds 1 to the forget gate's bias at initialisation (Jozefowicz et al., 2015); Keras's default. */
    public LSTMCell unitForgetBias(boolean value) { checkNotBuilt(); unitForgetBias = value; return this; }

    public LSTMCell kernelInitializer(String name) { return kernelInitializer(Initializers.get(name)); }

    public LSTMCell kernelInitializer(Initializer init) { setKernelInitializer(init); return this; }

    public LSTMCell recurrentInitializer(String name) { return recurrentInitializer(Initializers.get(name)); }

    public LSTMCell recurrentInitializer(Initializer init) { setRecurrentInitializer(init); return this; }

    public LSTMCell biasInitializer(String name) { return biasInitializer(Initializers.get(name)); }

    public LSTMCell biasInitializer(Initializer init) { setBiasInitializer(init); return this; }

    public LSTMCell dropout(double rate) { setDropout(rate); return this; }

    public LSTMCell recurrentDropout(double rate) { setRecurrentDropout(rate); return this; }

    public LSTMCell seed(long value) { setSeed(value); return this; }

    public LSTMCell kernelRegularizer(String name) { return kernelRegularizer(Regularizers.get(name)); }

    public LSTMCell kernelRegularizer(Regularizer r) { setKernelRegularizer(r); return this; }

    public LSTMCell kernelConstraint(String name) { return kernelConstraint(Constraints.get(name)); }

    public LSTMCell kernelConstraint(Constraint c) { setKernelConstraint(c); return this; }

    public LSTMCell recurrentRegularizer(String name) { return recurrentRegularizer(Regularizers.get(name)); }

    public LSTMCell recurrentRegularizer(Regularizer r) { setRecurrentRegularizer(r); return this; }

    public LSTMCell recurrentConstraint(String name) { return recurrentConstraint(Constraints.get(name)); }

    public LSTMCell recurrentConstraint(Constraint c) { setRecurrentConstraint(c); return this; }

    public LSTMCell biasRegularizer(String name) { return biasRegularizer(Regularizers.get(name)); }

    public LSTMCell biasRegularizer(Regularizer r) { setBiasRegularizer(r); return this; }

    public LSTMCell biasConstraint(String name) { return biasConstraint(Constraints.get(name)); }

    public LSTMCell biasConstraint(Constraint c) { setBiasConstraint(c); return this; }

    public ActivationFunction recurrentActivation() { return recurrentActivation; }

    public boolean unitForgetBias() { return unitForgetBias; }

    @Override void copyFunctionsFrom(RecurrentCell other) {
        super.copyFunctionsFrom(other);
        if (other instanceof LSTMCell o) recurrentActivation = o.recurrentActivation;
    }

    @Override public List<Integer> stateSize() { return List.of(units, units); }

    @Override public void build(Shape inputShape) {
        kernel = addWeight("kernel", Shape.of(inputShape.dim(-1), 4 * units), kernelInitializer, true, kernelRegularizer, kernelConstraint);
        recurrentKernel = addWeight("recurrent_kernel", Shape.of(units, 4 * units), recurrentInitializer, true, recurrentRegularizer, recurrentConstraint);
        if (useBias) {
            Initializer init = unitForgetBias ? forgetBiasOfOne(biasInitializer, units) : biasInitializer;
            bias = addWeight("bias", Shape.of(4 * units), init, true, biasRegularizer, biasConstraint);
        }
    }

    /** The bias initializer on the i, c, o parts and ones on the forget gate, as Keras's unit_forget_bias. */
    private static Initializer forgetBiasOfOne(Initializer base, int units) {
        return new Initializer() {
            @Override public Tensor generate(Shape shape, DType dtype) {
                Tensor i = base.generate(Shape.of(units), dtype);
                Tensor f = Tensor.full(Shape.of(units), 1, dtype);
                Tensor co = base.generate(Shape.of(2 * units), dtype);
                return Ops.concatenate(List.of(i, f, co), 0);
            }
        };
    }

    @Override Tensor projectInputs(Tensor inputs) {
        Tensor z = Ops.dotLastAxis(inputs, kernel.value());
        return useBias ? Ops.add(z, bias.value()) : z;
    }

    @Override List<Tensor> step(Tensor projected, List<Tensor> states, Tensor recurrentMask) {
        Tensor h = states.get(0);
        Tensor cPrev = states.get(1);
        if (recurrentMask != null) h = Ops.multiply(h, recurrentMask);
        Tensor z = Ops.add(projected, Ops.matmul(h, recurrentKernel.value()));
        Tensor i = recurrentActivation.apply(columns(z, 0, units));
        Tensor f = recurrentActivation.apply(columns(z, units, units));
        Tensor g = activation.apply(columns(z, 2 * units, units));
        Tensor o = recurrentActivation.apply(columns(z, 3 * units, units));
        Tensor c = Ops.add(Ops.multiply(f, cPrev), Ops.multiply(i, g));
        Tensor out = Ops.multiply(o, activation.apply(c));
        return List.of(out, out, c);
    }

    // The activations last probed for the fused kernel, and the verdict.
    private ActivationFunction probedActivation, probedRecurrentActivation;
    private boolean standardActivations;

    /** Tanh and sigmoid, the activations the fused kernel computes (Keras's defaults). */
    private boolean standardActivations() {
        if (probedActivation != activation || probedRecurrentActivation != recurrentActivation) {
            standardActivations = computes(activation, Math::tanh) && computes(recurrentActivation, v -> 1 / (1 + Math.exp(-v)));
            probedActivation = activation;
            probedRecurrentActivation = recurrentActivation;
        }
        return standardActivations;
    }

    /** The recurrence as one {@link Primitives#lstm} node, whose backward pass is one BPTT loop. */
    @Override List<Tensor> runFused(Tensor projected, List<Tensor> states, boolean reverse, boolean sequences) {
        Tensor h0 = states.get(0), c0 = states.get(1), rk = recurrentKernel.peek();
        DType dt = projected.dtype();
        if ((dt != DType.FLOAT32 && dt != DType.FLOAT64) || h0.dtype() != dt || c0.dtype() != dt || rk.dtype() != dt
                || projected.shape().dim(1) < 1 || !standardActivations()) {
            return null;
        }
        int batch = projected.shape().dim(0), steps = projected.shape().dim(1);
        Tensor y = Primitives.lstm(projected, recurrentKernel.value(), h0, c0, reverse);
        Tensor seq = sequences ? Ops.slice(y, new int[] {0, 0, 0}, new int[] {batch, steps, units}) : null;
        Tensor h = Ops.reshape(Ops.slice(y, new int[] {0, steps - 1, 0}, new int[] {batch, 1, units}), batch, units);
        Tensor c = Ops.reshape(Ops.slice(y, new int[] {0, steps, 0}, new int[] {batch, 1, units}), batch, units);
        return java.util.Arrays.asList(seq, h, h, c);
    }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> c = cellConfig();
        c.put("recurrent_activation", recurrentActivation.name());
        putCommonConfig(c);
        c.put("unit_forget_bias", unitForgetBias);
        putRegularizationConfig(c);
        return c;
    }
}
