package io.keras4j.layers.convolutional;

import io.keras4j.constraints.Constraint;
import io.keras4j.constraints.Constraints;
import io.keras4j.regularizers.Regularizer;
import io.keras4j.regularizers.Regularizers;

import io.keras4j.activations.ActivationFunction;
import io.keras4j.activations.Activations;
import io.keras4j.autodiff.Variable;
import io.keras4j.initializers.Initializer;
import io.keras4j.initializers.Initializers;
import io.keras4j.layers.InputSpec;
import io.keras4j.layers.Layer;
import io.keras4j.layers.Layers;
import io.keras4j.ops.Ops;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.util.Arrays;
import java.util.Map;

/**
 * Keras's {@code BaseDepthwiseConv}: every input channel convolved with its own
 * {@code depth_multiplier} filters. Kernel (k..., in, depth_multiplier), bias (in *
 * depth_multiplier); output channel c * depth_multiplier + m.
 */
public abstract class BaseDepthwiseConv<T extends BaseDepthwiseConv<T>> extends Layer {
    protected final int rank;
    protected int depthMultiplier = 1;
    protected final int[] kernelSize;
    protected int[] strides;
    protected String padding = "valid";
    protected String dataFormat = "channels_last";
    protected int[] dilationRate;
    protected ActivationFunction activation = Activations.get("linear");
    protected boolean useBias = true;
    protected Initializer depthwiseInitializer = Initializers.get("glorot_uniform");
    protected Initializer biasInitializer = Initializers.get("zeros");
    protected Regularizer depthwiseRegularizer;
    protected Regularizer biasRegularizer;
    protected Constraint depthwiseConstraint;
    protected Constraint biasConstraint;
    protected Variable kernel;
    protected Variable bias;

    protected BaseDepthwiseConv(int rank, int[] kernelSize) {
        this.rank = rank;
        this.kernelSize = BaseConv.tuple("kernel_size", kernelSize, rank);
        for (int k : this.kernelSize) {
            if (k <= 0) throw new IllegalArgumentException("The argument `kernel_size` cannot contain 0. Received kernel_size=" + BaseConv.pyTuple(this.kernelSize) + ".");
        }
        this.strides = BaseConv.ones(rank);
        this.dilationRate = BaseConv.ones(rank);
        this.inputSpec = InputSpec.ndim(rank + 2);
    }

    @SuppressWarnings("unchecked")
    protected T self() { return (T) this; }

    /** Filters per input channel (Keras's default 1). */
    public T depthMultiplier(int value) {
        checkNotBuilt();
        if (value <= 0) {
            throw new IllegalArgumentException("Invalid value for argument `depth_multiplier`. Expected a strictly positive value. Received depth_multiplier="
                    + value + ".");
        }
        depthMultiplier = value;
        return self();
    }

    public T strides(int... values) {
        checkNotBuilt();
        int[] s = BaseConv.tuple("strides", values, rank);
        for (int v : s) if (v <= 0) throw new IllegalArgumentException("The argument `strides` cannot contains 0. Received strides=" + BaseConv.pyTuple(s));
        strides = s;
        checkStridesWithDilation();
        return self();
    }

    public T padding(String value) {
        checkNotBuilt();
        String p = value == null ? "" : value.toLowerCase(java.util.Locale.ROOT);
        if (!p.equals("valid") && !p.equals("same")) {
            throw new IllegalArgumentException("The `padding` argument must be a string, one of {'valid', 'same'}. Received: padding=" + value);
        }
        padding = p;
        return self();
    }

    public T dataFormat(String value) {
        checkNotBuilt();
        String f = value == null ? "channels_last" : value.toLowerCase(java.util.Locale.ROOT);
        if (!f.equals("channels_last") && !f.equals("channels_first")) {
            throw new IllegalArgumentException("The `data_format` argument must be one of \"channels_first\", \"channels_last\". Received: data_format=" + value);
        }
        dataFormat = f;
        return self();
    }

    public T dilationRate(int... values) {
        checkNotBuilt();
        int[] d = BaseConv.tuple("dilation_rate", values, rank);
        for (int v : d) if (v <= 0) throw new IllegalArgumentException("The argument `dilation_rate` cannot contain 0. Received dilation_rate=" + BaseConv.pyTuple(d));
        dilationRate = d;
        checkStridesWithDilation();
        return self();
    }

    public T activation(String name) { return activation(Activations.get(name)); }

    public T activation(ActivationFunction fn) {
        checkNotBuilt();
        activation = fn == null ? Activations.get("linear") : fn;
        return self();
    }

    public T useBias(boolean value) {
        checkNotBuilt();
        useBias = value;
        return self();
    }

    public T depthwiseInitializer(String name) { return depthwiseInitializer(Initializers.get(name)); }

    public T depthwiseInitializer(Initializer init) {
        checkNotBuilt();
        depthwiseInitializer = init;
        return self();
    }

    public T biasInitializer(String name) { return biasInitializer(Initializers.get(name)); }

    public T biasInitializer(Initializer init) {
        checkNotBuilt();
        biasInitializer = init;
        return self();
    }

    public T depthwiseRegularizer(String name) { return depthwiseRegularizer(Regularizers.get(name)); }

    /** Penalises the depthwise kernel: its penalty joins the layer's losses. */
    public T depthwiseRegularizer(Regularizer regularizer) {
        checkNotBuilt();
        this.depthwiseRegularizer = regularizer;
        return self();
    }

    public T depthwiseConstraint(String name) { return depthwiseConstraint(Constraints.get(name)); }

    public T depthwiseConstraint(Constraint constraint) {
        checkNotBuilt();
        this.depthwiseConstraint = constraint;
        return self();
    }

    public T biasRegularizer(String name) { return biasRegularizer(Regularizers.get(name)); }

    /** Penalises the bias. */
    public T biasRegularizer(Regularizer regularizer) {
        checkNotBuilt();
        this.biasRegularizer = regularizer;
        return self();
    }

    public T biasConstraint(String name) { return biasConstraint(Constraints.get(name)); }

    public T biasConstraint(Constraint constraint) {
        checkNotBuilt();
        this.biasConstraint = constraint;
        return self();
    }

    public Variable kernel() { return kernel; }

    public Variable bias() { return bias; }

    private void checkStridesWithDilation() {
        boolean stride = Arrays.stream(strides).anyMatch(v -> v > 1), dilation = Arrays.stream(dilationRate).anyMatch(v -> v > 1);
        if (stride && dilation) {
            throw new IllegalArgumentException("`strides > 1` not supported in conjunction with `dilation_rate > 1`. Received: strides="
                    + BaseConv.pyTuple(strides) + " and dilation_rate=" + BaseConv.pyTuple(dilationRate));
        }
    }

    protected int channelAxis() { return dataFormat.equals("channels_first") ? 1 : -1; }

    /** The number of output channels for this many input channels. */
    protected int outputChannels(int in) { return in * depthMultiplier; }

    protected int inputChannels(Shape inputShape) {
        int in = inputShape.dim(channelAxis());
        if (in == Shape.UNKNOWN) {
            throw new IllegalArgumentException("The channel dimension of the inputs should be defined. The input_shape received is "
                    + inputShape + ", where axis " + channelAxis() + " (0-based) is the channel dimension, which found to be `None`.");
        }
        return in;
    }

    @Override public void build(Shape inputShape) {
        computeOutputShape(inputShape); // refuses a "valid" kernel larger than the input before any weight is made
        int in = inputChannels(inputShape);
        int[] k = Arrays.copyOf(kernelSize, rank + 2);
        k[rank] = in;
        k[rank + 1] = depthMultiplier;
        kernel = addWeight("kernel", Shape.of(k), depthwiseInitializer, true, depthwiseRegularizer, depthwiseConstraint);
        if (useBias) bias = addWeight("bias", Shape.of(in * depthMultiplier), biasInitializer, true, biasRegularizer, biasConstraint);
        inputSpec = new InputSpec(rank + 2, null, Map.of(channelAxis(), in));
    }

    @Override public Tensor call(Tensor inputs, boolean training) {
        Tensor y = Ops.depthwiseConv(inputs, kernel.value(), strides, padding, dataFormat, dilationRate);
        return finish(y);
    }

    /** Adds the bias (broadcast on the channel axis) and applies the activation. */
    protected Tensor finish(Tensor y) {
        if (useBias) {
            Tensor b = bias.value();
            if (dataFormat.equals("channels_first")) {
                int[] d = new int[rank + 1];
                Arrays.fill(d, 1);
                d[0] = b.shape().dim(0);
                b = Ops.reshape(b, d);
            }
            y = Ops.add(y, b);
        }
        return activation.apply(y);
    }

    @Override public Shape computeOutputShape(Shape inputShape) {
        boolean first = dataFormat.equals("channels_first");
        int[] out = inputShape.dims();
        for (int i = 0; i < rank; i++) {
            int axis = first ? i + 2 : i + 1, n = out[axis];
            if (n != Shape.UNKNOWN) out[axis] = BaseConv.outputLength(n, kernelSize[i], strides[i], dilationRate[i], padding);
        }
        int c = first ? 1 : rank + 1;
        if (out[c] != Shape.UNKNOWN) out[c] = outputChannels(out[c]);
        return Shape.of(out);
    }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("depth_multiplier", depthMultiplier);
        c.put("kernel_size", BaseConv.boxed(kernelSize));
        c.put("strides", BaseConv.boxed(strides));
        c.put("padding", padding);
        c.put("data_format", dataFormat);
        c.put("dilation_rate", BaseConv.boxed(dilationRate));
        c.put("activation", activation.name());
        c.put("use_bias", useBias);
        c.put("depthwise_initializer", serialize("keras.initializers", depthwiseInitializer.className(), depthwiseInitializer.getConfig()));
        c.put("bias_initializer", serialize("keras.initializers", biasInitializer.className(), biasInitializer.getConfig()));
        c.put("depthwise_regularizer", Regularizers.serialize(depthwiseRegularizer));
        c.put("bias_regularizer", Regularizers.serialize(biasRegularizer));
        c.put("activity_regularizer", Regularizers.serialize(activityRegularizer()));
        c.put("depthwise_constraint", Constraints.serialize(depthwiseConstraint));
        c.put("bias_constraint", Constraints.serialize(biasConstraint));
        return c;
    }

    protected T readConfig(Layers.Config c) {
        if (c.has("depth_multiplier")) depthMultiplier(c.integer("depth_multiplier", 1));
        else c.raw("depth_multiplier");
        if (c.has("strides")) strides(ConvConfigs.ints(c, "strides"));
        else c.raw("strides");
        if (c.has("padding")) padding(c.string("padding", "valid"));
        if (c.has("data_format")) dataFormat(c.string("data_format", "channels_last"));
        else c.raw("data_format");
        if (c.has("dilation_rate")) dilationRate(ConvConfigs.ints(c, "dilation_rate"));
        activation(c.activation("activation"));
        if (c.has("use_bias")) useBias(c.bool("use_bias", true));
        if (c.has("depthwise_initializer")) depthwiseInitializer(c.initializer("depthwise_initializer"));
        if (c.has("bias_initializer")) biasInitializer(c.initializer("bias_initializer"));
        depthwiseRegularizer(c.regularizer("depthwise_regularizer"));
        biasRegularizer(c.regularizer("bias_regularizer"));
        depthwiseConstraint(c.constraint("depthwise_constraint"));
        biasConstraint(c.constraint("bias_constraint"));
        return self();
    }
}
