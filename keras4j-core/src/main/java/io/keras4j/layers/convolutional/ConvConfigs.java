package io.keras4j.layers.convolutional;

import io.keras4j.layers.Layers;

import java.util.List;

/** Reading Keras's "int or tuple of ints" arguments from a config. */
public final class ConvConfigs {
    private ConvConfigs() {}

    /** An integer (one element) or a list of integers, as Keras accepts for kernel_size, strides, pool_size, ... */
    public static int[] ints(Layers.Config c, String key) {
        Object v = c.raw(key);
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) return new int[] {n.intValue()};
        if (v instanceof List<?>) return c.ints(key);
        throw new IllegalArgumentException(c.className() + ": argument `" + key + "` must be an integer or a tuple of integers. Received: " + key + "=" + v);
    }
}
