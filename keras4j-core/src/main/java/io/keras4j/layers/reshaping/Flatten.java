package io.keras4j.layers.reshaping;

import io.keras4j.layers.Layer;
import io.keras4j.ops.Ops;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.util.Map;

/** Flattens every axis but the batch axis (Keras's {@code Flatten}; channels_last order). */
public final class Flatten extends Layer {
    private String dataFormat = "channels_last";

    /** "channels_first" inputs are moved to channels_last before flattening, as Keras does. */
    public Flatten dataFormat(String value) {
        if (!value.equals("channels_last") && !value.equals("channels_first")) {
            throw new IllegalArgumentException("The `data_format` argument must be one of {'channels_first', 'channels_last'}. Received: data_format=" + value);
        }
        this.dataFormat = value;
        return this;
    }

    @Override public Tensor call(Tensor inputs, boolean training) {
        Tensor x = inputs;
        if (dataFormat.equals("channels_first") && x.rank() > 2) {
            int[] perm = new int[x.rank()];
            perm[0] = 0;
            for (int i = 1; i < x.rank() - 1; i++) perm[i] = i + 1;
            perm[x.rank() - 1] = 1;
            x = Ops.transpose(x, perm);
        }
        return Ops.reshape(x, x.shape().dim(0), x.rank() == 1 ? 1 : -1);
    }

    @Override public Shape computeOutputShape(Shape inputShape) {
        int n = 1;
        for (int i = 1; i < inputShape.rank(); i++) {
            int d = inputShape.dim(i);
            if (d == Shape.UNKNOWN) return Shape.of(inputShape.dim(0), Shape.UNKNOWN);
            n *= d;
        }
        return Shape.of(inputShape.dim(0), n);
    }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("data_format", dataFormat);
        return c;
    }
}
