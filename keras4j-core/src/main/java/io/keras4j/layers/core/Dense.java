package io.keras4j.layers.core;

import io.keras4j.activations.ActivationFunction;
import io.keras4j.activations.Activations;
import io.keras4j.autodiff.Variable;
import io.keras4j.constraints.Constraint;
import io.keras4j.constraints.Constraints;
import io.keras4j.initializers.Initializer;
import io.keras4j.initializers.Initializers;
import io.keras4j.layers.InputSpec;
import io.keras4j.layers.Layer;
import io.keras4j.ops.Ops;
import io.keras4j.regularizers.Regularizer;
import io.keras4j.regularizers.Regularizers;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.util.Map;

/**
 * Keras's {@code Dense}: {@code activation(inputs · kernel + bias)} on the last axis of inputs of
 * any rank >= 2. Kernel shape (input_dim, units), as Keras stores it.
 */
public final class Dense extends Layer {
    private final int units;
    private ActivationFunction activation = Activations.get("linear");
    private boolean useBias = true;
    private Initializer kernelInitializer = Initializers.get("glorot_uniform");
    private Initializer biasInitializer = Initializers.get("zeros");
    private Regularizer kernelRegularizer;
    private Regularizer biasRegularizer;
    private Constraint kernelConstraint;
    private Constraint biasConstraint;
    private Variable kernel;
    private Variable bias;

    public Dense(int units) {
        if (units <= 0) {
            throw new IllegalArgumentException("Received an invalid value for `units`, expected a positive integer. Received: units=" + units);
        }
        this.units = units;
        this.inputSpec = InputSpec.minNdim(2);
    }

    public Dense(int units, String activation) {
        this(units);
        activation(activation);
    }

    public Dense activation(String name) { return activation(Activations.get(name)); }

    public Dense activation(ActivationFunction fn) {
        checkNotBuilt();
        this.activation = fn == null ? Activations.get("linear") : fn;
        return this;
    }

    public Dense useBias(boolean value) {
        checkNotBuilt();
        this.useBias = value;
        return this;
    }

    public Dense kernelInitializer(String name) { return kernelInitializer(Initializers.get(name)); }

    public Dense kernelInitializer(Initializer init) {
        checkNotBuilt();
        this.kernelInitializer = init;
        return this;
    }

    public Dense biasInitializer(String name) { return biasInitializer(Initializers.get(name)); }

    public Dense biasInitializer(Initializer init) {
        checkNotBuilt();
        this.biasInitializer = init;
        return this;
    }

    public Dense kernelRegularizer(String name) { return kernelRegularizer(Regularizers.get(name)); }

    /** Penalises the kernel: {@code regularizer(kernel)} joins the layer's losses. */
    public Dense kernelRegularizer(Regularizer regularizer) {
        checkNotBuilt();
        this.kernelRegularizer = regularizer;
        return this;
    }

    public Dense biasRegularizer(String name) { return biasRegularizer(Regularizers.get(name)); }

    public Dense biasRegularizer(Regularizer regularizer) {
        checkNotBuilt();
        this.biasRegularizer = regularizer;
        return this;
    }

    public Dense kernelConstraint(String name) { return kernelConstraint(Constraints.get(name)); }

    /** Projects the kernel after each optimizer update. */
    public Dense kernelConstraint(Constraint constraint) {
        checkNotBuilt();
        this.kernelConstraint = constraint;
        return this;
    }

    public Dense biasConstraint(String name) { return biasConstraint(Constraints.get(name)); }

    public Dense biasConstraint(Constraint constraint) {
        checkNotBuilt();
        this.biasConstraint = constraint;
        return this;
    }

    public Regularizer kernelRegularizer() { return kernelRegularizer; }

    public Regularizer biasRegularizer() { return biasRegularizer; }

    public Constraint kernelConstraint() { return kernelConstraint; }

    public Constraint biasConstraint() { return biasConstraint; }

    public int units() { return units; }

    public ActivationFunction activation() { return activation; }

    public Variable kernel() { return kernel; }

    public Variable bias() { return bias; }

    @Override public void build(Shape inputShape) {
        int inputDim = inputShape.dim(-1);
        if (inputDim == Shape.UNKNOWN) {
            throw new IllegalArgumentException("The last dimension of the inputs to a Dense layer should be defined. Found None. Full input shape received: " + inputShape);
        }
        kernel = addWeight("kernel", Shape.of(inputDim, units), kernelInitializer, true, kernelRegularizer, kernelConstraint);
        if (useBias) bias = addWeight("bias", Shape.of(units), biasInitializer, true, biasRegularizer, biasConstraint);
        inputSpec = InputSpec.minNdimWithAxis(2, -1, inputDim);
    }

    @Override public Tensor call(Tensor inputs, boolean training) {
        Tensor y = Ops.dotLastAxis(inputs, kernel.value());
        if (useBias) y = Ops.add(y, bias.value());
        return activation.apply(y);
    }

    /** Passes the input's mask on unchanged, as Keras (supports_masking=True). */
    @Override public boolean supportsMasking() { return true; }

    @Override public Shape computeOutputShape(Shape inputShape) { return inputShape.withDim(-1, units); }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("units", units);
        c.put("activation", activation.name());
        c.put("use_bias", useBias);
        c.put("kernel_initializer", serialize("keras.initializers", kernelInitializer.className(), kernelInitializer.getConfig()));
        c.put("bias_initializer", serialize("keras.initializers", biasInitializer.className(), biasInitializer.getConfig()));
        c.put("kernel_regularizer", Regularizers.serialize(kernelRegularizer));
        c.put("bias_regularizer", Regularizers.serialize(biasRegularizer));
        c.put("kernel_constraint", Constraints.serialize(kernelConstraint));
        c.put("bias_constraint", Constraints.serialize(biasConstraint));
        return c;
    }
}
