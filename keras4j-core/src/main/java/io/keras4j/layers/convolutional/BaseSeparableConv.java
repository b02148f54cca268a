package io.keras4j.layers.convolutional;

import io.keras4j.constraints.Constraint;
import io.keras4j.constraints.Constraints;
import io.keras4j.regularizers.Regularizer;
import io.keras4j.regularizers.Regularizers;

import io.keras4j.autodiff.Variable;
import io.keras4j.initializers.Initializer;
import io.keras4j.initializers.Initializers;
import io.keras4j.layers.InputSpec;
import io.keras4j.layers.Layers;
import io.keras4j.ops.Ops;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.util.Arrays;
import java.util.Map;

/**
 * Keras's {@code BaseSeparableConv}: a depthwise convolution (kernel (k..., in, depth_multiplier))
 * followed by a pointwise 1x1 convolution (kernel (1..., in * depth_multiplier, filters)), then
 * bias (filters) and activation. Weights in Keras's order: depthwise_kernel, pointwise_kernel, bias.
 */
public abstract class BaseSeparableConv<T extends BaseSeparableConv<T>> extends BaseDepthwiseConv<T> {
    protected final int filters;
    protected Initializer pointwiseInitializer = Initializers.get("glorot_uniform");
    protected Regularizer pointwiseRegularizer;
    protected Constraint pointwiseConstraint;
    protected Variable pointwiseKernel;

    protected BaseSeparableConv(int rank, int filters, int[] kernelSize) {
        super(rank, kernelSize);
        if (filters <= 0) {
            throw new IllegalArgumentException("Invalid value for argument `filters`. Expected a strictly positive value. Received filters=" + filters + ".");
        }
        this.filters = filters;
    }

    public T pointwiseInitializer(String name) { return pointwiseInitializer(Initializers.get(name)); }

    public T pointwiseInitializer(Initializer init) {
        checkNotBuilt();
        pointwiseInitializer = init;
        return self();
    }

    public T pointwiseRegularizer(String name) { return pointwiseRegularizer(Regularizers.get(name)); }

    /** Penalises the pointwise kernel. */
    public T pointwiseRegularizer(Regularizer regularizer) {
        checkNotBuilt();
        this.pointwiseRegularizer = regularizer;
        return self();
    }

    public T pointwiseConstraint(String name) { return pointwiseConstraint(Constraints.get(name)); }

    public T pointwiseConstraint(Constraint constraint) {
        checkNotBuilt();
        this.pointwiseConstraint = constraint;
        return self();
    }

    public Variable depthwiseKernel() { return kernel; }

    public Variable pointwiseKernel() { return pointwiseKernel; }

    @Override protected int outputChannels(int in) { return filters; }

    @Override public void build(Shape inputShape) {
        int in = inputChannels(inputShape);
        int[] k = Arrays.copyOf(kernelSize, rank + 2);
        k[rank] = in;
        k[rank + 1] = depthMultiplier;
        kernel = addWeight("depthwise_kernel", Shape.of(k), depthwiseInitializer, true, depthwiseRegularizer, depthwiseConstraint);
        int[] p = new int[rank + 2];
        Arrays.fill(p, 1);
        p[rank] = in * depthMultiplier;
        p[rank + 1] = filters;
        pointwiseKernel = addWeight("pointwise_kernel", Shape.of(p), pointwiseInitializer, true, pointwiseRegularizer, pointwiseConstraint);
        if (useBias) bias = addWeight("bias", Shape.of(filters), biasInitializer, true, biasRegularizer, biasConstraint);
        inputSpec = new InputSpec(rank + 2, null, Map.of(channelAxis(), in));
    }

    @Override public Tensor call(Tensor inputs, boolean training) {
        return finish(Ops.separableConv(inputs, kernel.value(), pointwiseKernel.value(), strides, padding, dataFormat, dilationRate));
    }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("filters", filters);
        c.put("pointwise_initializer", serialize("keras.initializers", pointwiseInitializer.className(), pointwiseInitializer.getConfig()));
        c.put("pointwise_regularizer", Regularizers.serialize(pointwiseRegularizer));
        c.put("pointwise_constraint", Constraints.serialize(pointwiseConstraint));
        return c;
    }

    @Override protected T readConfig(Layers.Config c) {
        super.readConfig(c);
        if (c.has("pointwise_initializer")) pointwiseInitializer(c.initializer("pointwise_initializer"));
        pointwiseRegularizer(c.regularizer("pointwise_regularizer"));
        pointwiseConstraint(c.constraint("pointwise_constraint"));
        if (c.kerasVersion() < 3) {
            // tf.keras's SeparableConv config inherits kernel_* from Conv; they configure no weight.
            c.raw("kernel_initializer");
            c.raw("kernel_regularizer");
            c.raw("kernel_constraint");
        }
        return self();
    }
}
