package io.keras4j.layers.convolutional;

import io.keras4j.layers.InputSpec;
import io.keras4j.layers.Layers;
import io.keras4j.ops.Ops;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.util.Arrays;
import java.util.Map;

/**
 * Keras's {@code BaseConvTranspose}: the transposed convolution (the input gradient of a
 * convolution), kernel (k..., filters, in) as Keras stores it. Output length per axis as Keras's
 * compute_conv_transpose_output_shape (see {@link Ops#convTranspose}).
 */
public abstract class BaseConvTranspose<T extends BaseConvTranspose<T>> extends BaseConv<T> {
    protected int[] outputPadding;

    protected BaseConvTranspose(int rank, int filters, int[] kernelSize) {
        super(rank, filters, kernelSize);
    }

    @SuppressWarnings("unchecked")
    public T outputPadding(int... values) {
        checkNotBuilt();
        if (values == null) {
            outputPadding = null;
            return (T) this;
        }
        int[] p = tuple("output_padding", values, rank);
        for (int i = 0; i < rank; i++) {
            if (p[i] < 0 || p[i] >= strides[i]) {
                throw new IllegalArgumentException("Strides must be greater than output padding. Received strides=" + pyTuple(strides)
                        + ", output_padding=" + pyTuple(p) + ".");
            }
        }
        outputPadding = p;
        return (T) this;
    }

    @Override public T groups(int value) {
        if (value != 1) throw new IllegalArgumentException(className() + " does not take `groups`; received groups=" + value);
        return super.groups(value);
    }

    @Override public void build(Shape inputShape) {
        int in = inputShape.dim(channelAxis());
        if (in == Shape.UNKNOWN) {
            throw new IllegalArgumentException("The channel dimension of the inputs should be defined. The input_shape received is "
                    + inputShape + ", where axis " + channelAxis() + " (0-based) is the channel dimension, which found to be `None`.");
        }
        int[] k = Arrays.copyOf(kernelSize, rank + 2);
        k[rank] = filters;
        k[rank + 1] = in;
        kernel = addWeight("kernel", Shape.of(k), kernelInitializer, true, kernelRegularizer, kernelConstraint);
        if (useBias) bias = addWeight("bias", Shape.of(filters), biasInitializer, true, biasRegularizer, biasConstraint);
        inputSpec = new InputSpec(null, rank + 2, Map.of(channelAxis(), in));
    }

    @Override public Tensor call(Tensor inputs, boolean training) {
        Tensor y = Ops.convTranspose(inputs, kernel.value(), strides, padding, outputPadding, dataFormat, dilationRate);
        if (useBias) y = Ops.add(y, biasForAdd());
        return activation.apply(y);
    }

    @Override public Shape computeOutputShape(Shape inputShape) {
        boolean first = dataFormat.equals("channels_first");
        int[] out = new int[rank + 2];
        out[0] = inputShape.dim(0);
        for (int i = 0; i < rank; i++) {
            int axis = first ? i + 2 : i + 1, n = inputShape.dim(axis);
            int span = (kernelSize[i] - 1) * dilationRate[i] + 1;
            if (n == Shape.UNKNOWN) out[axis] = n;
            else if (padding.equals("valid")) out[axis] = (n - 1) * strides[i] + span + (outputPadding == null ? Math.max(span, strides[i]) - span : outputPadding[i]);
            else out[axis] = outputPadding == null ? n * strides[i] : (n - 1) * strides[i] + span % 2 + outputPadding[i];
        }
        out[first ? 1 : rank + 1] = filters;
        return Shape.of(out);
    }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.remove("groups");
        // Keras puts output_padding after padding; order does not matter to a JSON reader.
        c.put("output_padding", outputPadding == null ? null : boxed(outputPadding));
        return c;
    }

    @Override protected T readConfig(Layers.Config c) {
        T t = super.readConfig(c);
        if (c.has("output_padding")) outputPadding(ConvConfigs.ints(c, "output_padding"));
        else c.raw("output_padding");
        return t;
    }
}
