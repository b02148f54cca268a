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
import java.util.List;
import java.util.Map;

/**
 * Keras's {@code BaseConv}: the N-D convolution layer behind Conv1D/2D/3D. Kernel (k..., in /
 * groups, filters) and bias (filters), as Keras stores them; {@code activation(conv(x, kernel) +
 * bias)}. Arguments are checked when set, with Keras's messages.
 */
public abstract class BaseConv<T extends BaseConv<T>> extends Layer {
    protected final int rank;
    protected final int filters;
    protected final int[] kernelSize;
    protected int[] strides;
    protected String padding = "valid";
    protected String dataFormat = "channels_last";
    protected int[] dilationRate;
    protected int groups = 1;
    protected ActivationFunction activation = Activations.get("linear");
    protected boolean useBias = true;
    protected Initializer kernelInitializer = Initializers.get("glorot_uniform");
    protected Initializer biasInitializer = Initializers.get("zeros");
    protected Regularizer kernelRegularizer;
    protected Regularizer biasRegularizer;
    protected Constraint kernelConstraint;
    protected Constraint biasConstraint;
    protected Variable kernel;
    protected Variable bias;

    protected BaseConv(int rank, int filters, int[] kernelSize) {
        this.rank = rank;
        if (filters <= 0) {
            throw new IllegalArgumentException("Invalid value for argument `filters`. Expected a strictly positive value. Received filters=" + filters);
        }
        this.filters = filters;
        this.kernelSize = tuple("kernel_size", kernelSize, rank);
        for (int k : this.kernelSize) {
            if (k <= 0) throw new IllegalArgumentException("The argument `kernel_size` cannot contain 0. Received kernel_size=" + pyTuple(this.kernelSize));
        }
        this.strides = ones(rank);
        this.dilationRate = ones(rank);
        this.inputSpec = InputSpec.minNdim(rank + 2);
    }

    @SuppressWarnings("unchecked")
    private T self() { return (T) this; }

    public T strides(int... values) {
        checkNotBuilt();
        int[] s = tuple("strides", values, rank);
        for (int v : s) if (v <= 0) throw new IllegalArgumentException("The argument `strides` cannot contains 0. Received strides=" + pyTuple(s));
        this.strides = s;
        checkStridesWithDilation();
        return self();
    }

    public T padding(String value) {
        checkNotBuilt();
        String p = value == null ? "" : value.toLowerCase(java.util.Locale.ROOT);
        boolean ok = p.equals("valid") || p.equals("same") || (p.equals("causal") && allowsCausal());
        if (!ok) {
            throw new IllegalArgumentException("The `padding` argument must be a string, one of " + (allowsCausal() ? "{'valid', 'same', 'causal'}" : "{'valid', 'same'}")
                    + ". Received: padding=" + value);
        }
        this.padding = p;
        return self();
    }

    /** Only Conv1D takes "causal" padding. */
    protected boolean allowsCausal() { return false; }

    public T dataFormat(String value) {
        checkNotBuilt();
        String f = value == null ? "channels_last" : value.toLowerCase(java.util.Locale.ROOT);
        if (!f.equals("channels_last") && !f.equals("channels_first")) {
            throw new IllegalArgumentException("The `data_format` argument must be one of \"channels_first\", \"channels_last\". Received: data_format=" + value);
        }
        this.dataFormat = f;
        return self();
    }

    public T dilationRate(int... values) {
        checkNotBuilt();
        int[] d = tuple("dilation_rate", values, rank);
        for (int v : d) if (v <= 0) throw new IllegalArgumentException("The argument `dilation_rate` cannot contain 0. Received dilation_rate=" + pyTuple(d));
        this.dilationRate = d;
        checkStridesWithDilation();
        return self();
    }

    public T groups(int value) {
        checkNotBuilt();
        if (value <= 0) throw new IllegalArgumentException("The number of groups must be a positive integer. Received: groups=" + value + ".");
        if (filters % value != 0) {
            throw new IllegalArgumentException("The number of filters must be evenly divisible by the number of groups. Received: groups="
                    + value + ", filters=" + filters + ".");
        }
        this.groups = value;
        return self();
    }

    public T activation(String name) { return activation(Activations.get(name)); }

    public T activation(ActivationFunction fn) {
        checkNotBuilt();
        this.activation = fn == null ? Activations.get("linear") : fn;
        return self();
    }

    public T useBias(boolean value) {
        checkNotBuilt();
        this.useBias = value;
        return self();
    }

    public T kernelInitializer(String name) { return kernelInitializer(Initializers.get(name)); }

    public T kernelInitializer(Initializer init) {
        checkNotBuilt();
        this.kernelInitializer = init;
        return self();
    }

    public T biasInitializer(String name) { return biasInitializer(Initializers.get(name)); }

    public T biasInitializer(Initializer init) {
        checkNotBuilt();
        this.biasInitializer = init;
        return self();
    }

    public T kernelRegularizer(String name) { return kernelRegularizer(Regularizers.get(name)); }

    /** Penalises the kernel: {@code regularizer(kernel)} joins the layer's losses. */
    public T kernelRegularizer(Regularizer regularizer) {
        checkNotBuilt();
        this.kernelRegularizer = regularizer;
        return self();
    }

    public T biasRegularizer(String name) { return biasRegularizer(Regularizers.get(name)); }

    public T biasRegularizer(Regularizer regularizer) {
        checkNotBuilt();
        this.biasRegularizer = regularizer;
        return self();
    }

    public T kernelConstraint(String name) { return kernelConstraint(Constraints.get(name)); }

    /** Projects the kernel after each optimizer update. */
    public T kernelConstraint(Constraint constraint) {
        checkNotBuilt();
        this.kernelConstraint = constraint;
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

    public int filters() { return filters; }

    private void checkStridesWithDilation() {
        boolean stride = Arrays.stream(strides).anyMatch(v -> v > 1), dilation = Arrays.stream(dilationRate).anyMatch(v -> v > 1);
        if (stride && dilation) {
            throw new IllegalArgumentException("`strides > 1` not supported in conjunction with `dilation_rate > 1`. Received: strides="
                    + pyTuple(strides) + " and dilation_rate=" + pyTuple(dilationRate));
        }
    }

    protected int channelAxis() { return dataFormat.equals("channels_first") ? 1 : -1; }

    @Override public void build(Shape inputShape) {
        computeOutputShape(inputShape); // refuses a "valid" kernel larger than the input before any weight is made
        int in = inputShape.dim(channelAxis());
        if (in == Shape.UNKNOWN) {
            throw new IllegalArgumentException("The channel dimension of the inputs should be defined. The input_shape received is "
                    + inputShape + ", where axis " + channelAxis() + " (0-based) is the channel dimension, which found to be `None`.");
        }
        if (in % groups != 0) {
            throw new IllegalArgumentException("The number of input channels must be evenly divisible by the number of groups. Received groups="
                    + groups + ", but the input has " + in + " channels (full input shape is " + inputShape + ").");
        }
        int[] k = Arrays.copyOf(kernelSize, rank + 2);
        k[rank] = in / groups;
        k[rank + 1] = filters;
        kernel = addWeight("kernel", Shape.of(k), kernelInitializer, true, kernelRegularizer, kernelConstraint);
        if (useBias) bias = addWeight("bias", Shape.of(filters), biasInitializer, true, biasRegularizer, biasConstraint);
        inputSpec = new InputSpec(null, rank + 2, Map.of(channelAxis(), in));
    }

    @Override public Tensor call(Tensor inputs, boolean training) {
        Tensor x = inputs;
        String p = padding;
        if (p.equals("causal")) {
            // Causal: pad only the start of the time axis so output t never sees inputs after t.
            int[][] widths = new int[x.rank()][2];
            widths[dataFormat.equals("channels_first") ? 2 : 1][0] = dilationRate[0] * (kernelSize[0] - 1);
            x = Ops.pad(x, widths);
            p = "valid";
        }
        Tensor y = Ops.conv(x, kernel.value(), strides, p, dataFormat, dilationRate);
        if (useBias) y = Ops.add(y, biasForAdd());
        return activation.apply(y);
    }

    /** The bias shaped to broadcast over the output: (filters) for channels_last, (filters, 1...) for channels_first. */
    protected Tensor biasForAdd() {
        if (dataFormat.equals("channels_last")) return bias.value();
        int[] d = new int[rank + 1];
        Arrays.fill(d, 1);
        d[0] = filters;
        return Ops.reshape(bias.value(), d);
    }

    @Override public Shape computeOutputShape(Shape inputShape) {
        boolean first = dataFormat.equals("channels_first");
        int[] out = new int[rank + 2];
        out[0] = inputShape.dim(0);
        for (int i = 0; i < rank; i++) {
            int n = inputShape.dim(first ? i + 2 : i + 1);
            out[first ? i + 2 : i + 1] = n == Shape.UNKNOWN ? n : outputLength(n, kernelSize[i], strides[i], dilationRate[i], padding);
        }
        out[first ? 1 : rank + 1] = filters;
        return Shape.of(out);
    }

    /** Keras's compute_conv_output_shape: "valid" floor((n - span) / s) + 1, "same" and "causal" floor((n - 1) / s) + 1. */
    static int outputLength(int n, int k, int stride, int dilation, String padding) {
        int span = (k - 1) * dilation + 1;
        if (padding.equals("valid")) {
            if (n - span < 0) {
                // Keras refuses it too: a "valid" kernel larger than the input leaves nothing to compute.
                throw new IllegalArgumentException("Computed output size would be negative: the kernel spans " + span + " cells (kernel size " + k
                        + ", dilation_rate " + dilation + ") but the input has only " + n + " along that axis with padding=\"valid\".");
            }
            return (n - span) / stride + 1;
        }
        return (n - 1) / stride + 1;
    }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("filters", filters);
        c.put("kernel_size", boxed(kernelSize));
        c.put("strides", boxed(strides));
        c.put("padding", padding);
        c.put("data_format", dataFormat);
        c.put("dilation_rate", boxed(dilationRate));
        c.put("groups", groups);
        c.put("activation", activation.name());
        c.put("use_bias", useBias);
        c.put("kernel_initializer", serialize("keras.initializers", kernelInitializer.className(), kernelInitializer.getConfig()));
        c.put("bias_initializer", serialize("keras.initializers", biasInitializer.className(), biasInitializer.getConfig()));
        c.put("kernel_regularizer", Regularizers.serialize(kernelRegularizer));
        c.put("bias_regularizer", Regularizers.serialize(biasRegularizer));
        c.put("activity_regularizer", Regularizers.serialize(activityRegularizer()));
        c.put("kernel_constraint", Constraints.serialize(kernelConstraint));
        c.put("bias_constraint", Constraints.serialize(biasConstraint));
        return c;
    }

    /** Reads the arguments every convolution shares from a Keras config (Keras 2 and 3 keys). */
    protected T readConfig(Layers.Config c) {
        if (c.has("strides")) strides(ConvConfigs.ints(c, "strides"));
        else c.raw("strides");
        if (c.has("padding")) padding(c.string("padding", "valid"));
        if (c.has("data_format")) dataFormat(c.string("data_format", "channels_last"));
        else c.raw("data_format");
        if (c.has("dilation_rate")) dilationRate(ConvConfigs.ints(c, "dilation_rate"));
        if (c.has("groups")) groups(c.integer("groups", 1));
        activation(c.activation("activation"));
        if (c.has("use_bias")) useBias(c.bool("use_bias", true));
        if (c.has("kernel_initializer")) kernelInitializer(c.initializer("kernel_initializer"));
        if (c.has("bias_initializer")) biasInitializer(c.initializer("bias_initializer"));
        if (c.has("kernel_regularizer")) kernelRegularizer(c.regularizer("kernel_regularizer"));
        if (c.has("bias_regularizer")) biasRegularizer(c.regularizer("bias_regularizer"));
        if (c.has("kernel_constraint")) kernelConstraint(c.constraint("kernel_constraint"));
        if (c.has("bias_constraint")) biasConstraint(c.constraint("bias_constraint"));
        for (String key : List.of("kernel_regularizer", "bias_regularizer", "kernel_constraint", "bias_constraint")) c.raw(key);
        c.requireNull("lora_rank");
        c.raw("lora_alpha");
        return self();
    }

    // ------------------------------------------------------------------ tuples

    /** Keras's standardize_tuple: one integer is repeated over every spatial axis. */
    static int[] tuple(String name, int[] values, int rank) {
        if (values != null && values.length == 1) {
            int[] t = new int[rank];
            Arrays.fill(t, values[0]);
            return t;
        }
        if (values == null || values.length != rank) {
            throw new IllegalArgumentException("The `" + name + "` argument must be a tuple of " + rank + " integers. Received " + name + "="
                    + (values == null ? "None" : pyTuple(values)));
        }
        return values.clone();
    }

    static int[] ones(int rank) {
        int[] o = new int[rank];
        Arrays.fill(o, 1);
        return o;
    }

    static List<Integer> boxed(int[] v) { return Arrays.stream(v).boxed().toList(); }

    static String pyTuple(int[] v) {
        if (v.length == 1) return "(" + v[0] + ",)";
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < v.length; i++) b.append(i == 0 ? "" : ", ").append(v[i]);
        return b.append(')').toString();
    }
}
