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

/** Keras's {@code SimpleRNNCell}: {@code h = activation(x · kernel + bias + h_prev · recurrent_kernel)}. */
public final class SimpleRNNCell extends RecurrentCell {
    private Variable kernel;
    private Variable recurrentKernel;
    private Variable bias;

    public SimpleRNNCell(int units) { super(units); }

    /** Keras's {@code from_config}. */
    public static SimpleRNNCell fromConfig(Layers.Config c) {
        SimpleRNNCell cell = new SimpleRNNCell(RecurrentConfig.units(c));
        RecurrentConfig.readCell(c, cell);
        return cell;
    }

    public SimpleRNNCell activation(String name) { return activation(Activations.get(name)); }

    public SimpleRNNCell activation(ActivationFunction fn) { setActivation(fn); return this; }

    public SimpleRNNCell useBias(boolean value) { setUseBias(value); return this; }

    public SimpleRNNCell kernelInitializer(String name) { return kernelInitializer(Initializers.get(name)); }

    public SimpleRNNCell kernelInitializer(Initializer init) { setKernelInitializer(init); return this; }

    public SimpleRNNCell recurrentInitializer(String name) { return recurrentInitializer(Initializers.get(name)); }

    public SimpleRNNCell recurrentInitializer(Initializer init) { setRecurrentInitializer(init); return this; }

    public SimpleRNNCell biasInitializer(String name) { return biasInitializer(Initializers.get(name)); }

    public SimpleRNNCell biasInitializer(Initializer init) { setBiasInitializer(init); return this; }

    public SimpleRNNCell dropout(double rate) { setDropout(rate); return this; }

    public SimpleRNNCell recurrentDropout(double rate) { setRecurrentDropout(rate); return this; }

    public SimpleRNNCell seed(long value) { setSeed(value); return this; }

    public SimpleRNNCell kernelRegularizer(String name) { return kernelRegularizer(Regularizers.get(name)); }

    public SimpleRNNCell kernelRegularizer(Regularizer r) { setKernelRegularizer(r); return this; }

    public SimpleRNNCell kernelConstraint(String name) { return kernelConstraint(Constraints.get(name)); }

    public SimpleRNNCell kernelConstraint(Constraint c) { setKernelConstraint(c); return this; }

    public SimpleRNNCell recurrentRegularizer(String name) { return recurrentRegularizer(Regularizers.get(name)); }

    public SimpleRNNCell recurrentRegularizer(Regularizer r) { setRecurrentRegularizer(r); return this; }

    public SimpleRNNCell recurrentConstraint(String name) { return recurrentConstraint(Constraints.get(name)); }

    public SimpleRNNCell recurrentConstraint(Constraint c) { setRecurrentConstraint(c); return this; }

    public SimpleRNNCell biasRegularizer(String name) { return biasRegularizer(Regularizers.get(name)); }

    public SimpleRNNCell biasRegularizer(Regularizer r) { setBiasRegularizer(r); return this; }

    public SimpleRNNCell biasConstraint(String name) { return biasConstraint(Constraints.get(name)); }

    public SimpleRNNCell biasConstraint(Constraint c) { setBiasConstraint(c); return this; }

    @Override public List<Integer> stateSize() { return List.of(units); }

    @Override public void build(Shape inputShape) {
        kernel = addWeight("kernel", Shape.of(inputShape.dim(-1), units), kernelInitializer, true, kernelRegularizer, kernelConstraint);
        recurrentKernel = addWeight("recurrent_kernel", Shape.of(units, units), recurrentInitializer, true, recurrentRegularizer, recurrentConstraint);
        if (useBias) bias = addWeight("bias", Shape.of(units), biasInitializer, true, biasRegularizer, biasConstraint);
    }

    @Override Tensor projectInputs(Tensor inputs) {
        Tensor h = Ops.dotLastAxis(inputs, kernel.value());
        return useBias ? Ops.add(h, bias.value()) : h;
    }

    @Override List<Tensor> step(Tensor projected, List<Tensor> states, Tensor recurrentMask) {
        Tensor previous = states.get(0);
        if (recurrentMask != null) previous = Ops.multiply(previous, recurrentMask);
        Tensor output = activation.apply(Ops.add(projected, Ops.matmul(previous, recurrentKernel.value())));
        return List.of(output, output);
    }

    // The activation last probed for the fused kernel, and the verdict.
    private ActivationFunction probedActivation;
    private boolean tanhActivation;

    /** The recurrence as one {@link Primitives#simpleRnn} node when the activation is tanh (Keras's default). */
    @Override List<Tensor> runFused(Tensor projected, List<Tensor> states, boolean reverse, boolean sequences) {
        Tensor h0 = states.get(0), rk = recurrentKernel.peek();
        DType dt = projected.dtype();
        if (probedActivation != activation) {
            tanhActivation = computes(activation, Math::tanh);
            probedActivation = activation;
        }
        if ((dt != DType.FLOAT32 && dt != DType.FLOAT64) || h0.dtype() != dt || rk.dtype() != dt
                || projected.shape().dim(1) < 1 || !tanhActivation) {
            return null;
        }
        int batch = projected.shape().dim(0), steps = projected.shape().dim(1);
        Tensor y = Primitives.simpleRnn(projected, recurrentKernel.value(), h0, reverse);
        Tensor h = Ops.reshape(Ops.slice(y, new int[] {0, steps - 1, 0}, new int[] {batch, 1, units}), batch, units);
        return java.util.Arrays.asList(sequences ? y : null, h, h);
    }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> c = cellConfig();
        putCommonConfig(c);
        putRegularizationConfig(c);
        return c;
    }
}
