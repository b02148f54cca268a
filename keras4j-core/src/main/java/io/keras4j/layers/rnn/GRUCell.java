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
 * Keras's {@code GRUCell}, gates in Keras's order z, r, h: {@code z = σ(x W_z + h U_z)},
 * {@code r = σ(x W_r + h U_r)}, candidate {@code hh = activation(x W_h + r * (h U_h + b_rh))} when
 * {@code reset_after} (Keras 3's default; bias shape (2, 3*units): input row, recurrent row) or
 * {@code activation(x W_h + (r * h) U_h)} otherwise (Keras 2; bias (3*units)), and
 * {@code h = z * h_prev + (1 - z) * hh}.
 */
public final class GRUCell extends RecurrentCell {
    private ActivationFunction recurrentActivation = Activations.get("sigmoid");
    private boolean resetAfter = true;
    private Variable kernel;
    private Variable recurrentKernel;
    private Variable bias;

    public GRUCell(int units) { super(units); }

    /** Keras's {@code from_config}; without {@code reset_after}, a Keras 1/2 config means false, as it did there. */
    public static GRUCell fromConfig(Layers.Config c) {
        GRUCell cell = new GRUCell(RecurrentConfig.units(c));
        read(c, cell);
        return cell;
    }

    static void read(Layers.Config c, GRUCell cell) {
        RecurrentConfig.readCell(c, cell);
        cell.recurrentActivation(RecurrentConfig.recurrentActivation(c));
        cell.resetAfter(c.bool("reset_after", c.kerasVersion() >= 3));
    }

    public GRUCell activation(String name) { return activation(Activations.get(name)); }

    public GRUCell activation(ActivationFunction fn) { setActivation(fn); return this; }

    public GRUCell recurrentActivation(String name) { return recurrentActivation(Activations.get(name)); }

    public GRUCell recurrentActivation(ActivationFunction fn) {
        checkNotBuilt();
        recurrentActivation = fn == null ? Activations.get("linear") : fn;
        return this;
    }

    public GRUCell useBias(boolean value) { setUseBias(value); return this; }

    /** Whether the reset gate multiplies after the recurrent matmul (true, cuDNN's form) or before it. */
    public GRUCell resetAfter(boolean value) { checkNotBuilt(); resetAfter = value; return this; }

    public GRUCell kernelInitializer(String name) { return kernelInitializer(Initializers.get(name)); }

    public GRUCell kernelInitializer(Initializer init) { setKernelInitializer(init); return this; }

    public GRUCell recurrentInitializer(String name) { return recurrentInitializer(Initializers.get(name)); }

    public GRUCell recurrentInitializer(Initializer init) { setRecurrentInitializer(init); return this; }

    public GRUCell biasInitializer(String name) { return biasInitializer(Initializers.get(name)); }

    public GRUCell biasInitializer(Initializer init) { setBiasInitializer(init); return this; }

    public GRUCell dropout(double rate) { setDropout(rate); return this; }

    public GRUCell recurrentDropout(double rate) { setRecurrentDropout(rate); return this; }

    public GRUCell seed(long value) { setSeed(value); return this; }

    public GRUCell kernelRegularizer(String name) { return kernelRegularizer(Regularizers.get(name)); }

    public GRUCell kernelRegularizer(Regularizer r) { setKernelRegularizer(r); return this; }

    public GRUCell kernelConstraint(String name) { return kernelConstraint(Constraints.get(name)); }

    public GRUCell kernelConstraint(Constraint c) { setKernelConstraint(c); return this; }

    public GRUCell recurrentRegularizer(String name) { return recurrentRegularizer(Regularizers.get(name)); }

    public GRUCell recurrentRegularizer(Regularizer r) { setRecurrentRegularizer(r); return this; }

    public GRUCell recurrentConstraint(String name) { return recurrentConstraint(Constraints.get(name)); }

    public GRUCell recurrentConstraint(Constraint c) { setRecurrentConstraint(c); return this; }

    public GRUCell biasRegularizer(String name) { return biasRegularizer(Regularizers.get(name)); }

    public GRUCell biasRegularizer(Regularizer r) { setBiasRegularizer(r); return this; }

    public GRUCell biasConstraint(String name) { return biasConstraint(Constraints.get(name)); }

    public GRUCell biasConstraint(Constraint c) { setBiasConstraint(c); return this; }

    public ActivationFunction recurrentActivation() { return recurrentActivation; }

    public boolean resetAfter() { return resetAfter; }

    @Override void copyFunctionsFrom(RecurrentCell other) {
        super.copyFunctionsFrom(other);
        if (other instanceof GRUCell o) recurrentActivation = o.recurrentActivation;
    }

    @Override public List<Integer> stateSize() { return List.of(units); }

    @Override public void build(Shape inputShape) {
        kernel = addWeight("kernel", Shape.of(inputShape.dim(-1), 3 * units), kernelInitializer, true, kernelRegularizer, kernelConstraint);
        recurrentKernel = addWeight("recurrent_kernel", Shape.of(units, 3 * units), recurrentInitializer, true, recurrentRegularizer, recurrentConstraint);
        if (useBias) bias = addWeight("bias", resetAfter ? Shape.of(2, 3 * units) : Shape.of(3 * units), biasInitializer, true, biasRegularizer, biasConstraint);
    }

    /** Row {@code row} of the (2, 3*units) bias of reset_after. */
    private Tensor biasRow(int row) {
        return Ops.reshape(Ops.slice(bias.value(), new int[] {row, 0}, new int[] {1, 3 * units}), 3 * units);
    }

    @Override Tensor projectInputs(Tensor inputs) {
        Tensor x = Ops.dotLastAxis(inputs, kernel.value());
        if (!useBias) return x;
        return Ops.add(x, resetAfter ? biasRow(0) : bias.value());
    }

    @Override List<Tensor> step(Tensor projected, List<Tensor> states, Tensor recurrentMask) {
        Tensor hPrev = states.get(0);
        Tensor h = recurrentMask == null ? hPrev : Ops.multiply(hPrev, recurrentMask);
        Tensor u = recurrentKernel.value();
        Tensor inner;
        if (resetAfter) {
            inner = Ops.matmul(h, u);
            if (useBias) inner = Ops.add(inner, biasRow(1));
        } else {
            inner = Ops.matmul(h, kernelColumns(u, 0, 2 * units));
        }
        Tensor z = recurrentActivation.apply(Ops.add(columns(projected, 0, units), columns(inner, 0, units)));
        Tensor r = recurrentActivation.apply(Ops.add(columns(projected, units, units), columns(inner, units, units)));
        Tensor recurrentH = resetAfter
                ? Ops.multiply(r, columns(inner, 2 * units, units))
                : Ops.matmul(Ops.multiply(r, h), kernelColumns(u, 2 * units, units));
        Tensor hh = activation.apply(Ops.add(columns(projected, 2 * units, units), recurrentH));
        // z * h_prev + (1 - z) * hh, written as hh + z * (h_prev - hh).
        Tensor out = Ops.add(hh, Ops.multiply(z, Ops.subtract(hPrev, hh)));
        return List.of(out, out);
    }

    // The activations last probed for the fused kernel, and the verdict.
    private ActivationFunction probedActivation, probedRecurrentActivation;
    private boolean standardActivations;

    /** The recurrence as one {@link Primitives#gru} node: reset_after (Keras 3's default) with tanh and sigmoid. */
    @Override List<Tensor> runFused(Tensor projected, List<Tensor> states, boolean reverse, boolean sequences) {
        Tensor h0 = states.get(0), rk = recurrentKernel.peek();
        DType dt = projected.dtype();
        if (probedActivation != activation || probedRecurrentActivation != recurrentActivation) {
            standardActivations = computes(activation, Math::tanh) && computes(recurrentActivation, v -> 1 / (1 + Math.exp(-v)));
            probedActivation = activation;
            probedRecurrentActivation = recurrentActivation;
        }
        if (!resetAfter || (dt != DType.FLOAT32 && dt != DType.FLOAT64) || h0.dtype() != dt || rk.dtype() != dt
                || projected.shape().dim(1) < 1 || !standardActivations) {
            return null;
        }
        int batch = projected.shape().dim(0), steps = projected.shape().dim(1);
        Tensor rb = useBias ? biasRow(1) : Tensor.zeros(Shape.of(3 * units), dt);
        Tensor y = Primitives.gru(projected, recurrentKernel.value(), rb, h0, reverse);
        Tensor h = Ops.reshape(Ops.slice(y, new int[] {0, steps - 1, 0}, new int[] {batch, 1, units}), batch, units);
        return java.util.Arrays.asList(sequences ? y : null, h, h);
    }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> c = cellConfig();
        c.put("recurrent_activation", recurrentActivation.name());
        putCommonConfig(c);
        putRegularizationConfig(c);
        c.put("reset_after", resetAfter);
        return c;
    }
}
