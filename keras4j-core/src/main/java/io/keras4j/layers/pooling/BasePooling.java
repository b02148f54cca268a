package io.keras4j.layers.pooling;

import io.keras4j.layers.InputSpec;
import io.keras4j.layers.Layer;
import io.keras4j.layers.Layers;
import io.keras4j.layers.convolutional.ConvConfigs;
import io.keras4j.ops.Ops;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * Keras's {@code BasePooling}: max or average over windows of {@code pool_size} moved by
 * {@code strides} (default: pool_size). "same" padding pads as TensorFlow does and padding cells
 * never count: not in a max, not in an average's divisor.
 */
public abstract class BasePooling<T extends BasePooling<T>> extends Layer {
    private final boolean max;
    protected final int rank;
    protected int[] poolSize;
    protected int[] strides;
    protected String padding = "valid";
    protected String dataFormat = "channels_last";

    protected BasePooling(boolean max, int rank, int[] poolSize) {
        this.max = max;
        this.rank = rank;
        this.poolSize = positiveTuple("pool_size", poolSize, rank);
        this.strides = this.poolSize;
        this.inputSpec = InputSpec.ndim(rank + 2);
    }

    @SuppressWarnings("unchecked")
    private T self() { return (T) this; }

    /** null means pool_size, Keras's default. */
    public T strides(int... values) {
        this.strides = values == null ? poolSize : positiveTuple("strides", values, rank);
        return self();
    }

    public T padding(String value) {
        String p = value == null ? "" : value.toLowerCase(Locale.ROOT);
        if (!p.equals("valid") && !p.equals("same")) {
            throw new IllegalArgumentException("The `padding` argument must be one of \"valid\", \"same\". Received: padding=" + value);
        }
        this.padding = p;
        return self();
    }

    public T dataFormat(String value) {
        this.dataFormat = PoolingFormats.check(value);
        return self();
    }

    @Override public Tensor call(Tensor inputs, boolean training) {
        return max ? Ops.maxPool(inputs, poolSize, strides, padding, dataFormat) : Ops.averagePool(inputs, poolSize, strides, padding, dataFormat);
    }

    /** Keras's compute_pooling_output_shape: "valid" floor((n - pool) / s) + 1, "same" floor((n - 1) / s) + 1. */
    @Override public Shape computeOutputShape(Shape inputShape) {
        boolean first = dataFormat.equals("channels_first");
        int[] d = inputShape.dims();
        for (int i = 0; i < rank; i++) {
            int axis = first ? i + 2 : i + 1, n = d[axis];
            if (n == Shape.UNKNOWN) continue;
            d[axis] = padding.equals("valid") ? (n - poolSize[i] < 0 ? 0 : (n - poolSize[i]) / strides[i] + 1) : (n - 1) / strides[i] + 1;
        }
        return Shape.of(d);
    }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("pool_size", Arrays.stream(poolSize).boxed().toList());
        c.put("padding", padding);
        c.put("strides", Arrays.stream(strides).boxed().toList());
        c.put("data_format", dataFormat);
        return c;
    }

    protected T readConfig(Layers.Config c) {
        if (c.has("strides")) strides(ConvConfigs.ints(c, "strides"));
        else c.raw("strides");
        if (c.has("padding")) padding(c.string("padding", "valid"));
        if (c.has("data_format")) dataFormat(c.string("data_format", "channels_last"));
        else c.raw("data_format");
        return self();
    }

    /** pool_size / strides from a config: one integer or a tuple; absent means {@code fallback}. */
    protected static int[] poolSizeFrom(Layers.Config c, int[] fallback) {
        return c.has("pool_size") ? ConvConfigs.ints(c, "pool_size") : fallbackRead(c, fallback);
    }

    private static int[] fallbackRead(Layers.Config c, int[] fallback) {
        c.raw("pool_size");
        return fallback;
    }

    static int[] positiveTuple(String name, int[] values, int rank) {
        int[] t;
        if (values != null && values.length == 1) {
            t = new int[rank];
            Arrays.fill(t, values[0]);
        } else if (values != null && values.length == rank) {
            t = values.clone();
        } else {
            throw new IllegalArgumentException("The `" + name + "` argument must be a tuple of " + rank + " integers. Received " + name + "="
                    + (values == null ? "None" : Arrays.toString(values)));
        }
        for (int v : t) {
            if (v <= 0) {
                throw new IllegalArgumentException("The `" + name + "` argument must be a tuple of " + rank + " integers. Received " + name + "="
                        + Arrays.toString(values) + ", including values that do not satisfy `value > 0`");
            }
        }
        return t;
    }
}
