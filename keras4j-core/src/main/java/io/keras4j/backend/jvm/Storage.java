package io.keras4j.backend.jvm;

import io.keras4j.tensor.DType;

/** Typed element access on storage arrays, for the generic (non-float32) kernel paths. */
final class Storage {
    private Storage() {}

    static double get(DType dt, Object a, int i) {
        return switch (dt) {
            case FLOAT32 -> ((float[]) a)[i];
            case FLOAT64 -> ((double[]) a)[i];
            case INT32 -> ((int[]) a)[i];
            case INT64 -> ((long[]) a)[i];
            case STRING -> throw io.keras4j.tensor.Tensor.notNumeric(dt);
        };
    }

    static void set(DType dt, Object a, int i, double v) {
        switch (dt) {
            case FLOAT32 -> ((float[]) a)[i] = (float) v;
            case FLOAT64 -> ((double[]) a)[i] = v;
            case INT32 -> ((int[]) a)[i] = (int) v;
            case INT64 -> ((long[]) a)[i] = (long) v;
            case STRING -> throw io.keras4j.tensor.Tensor.notNumeric(dt);
        }
    }

    static int size(int[] shape) {
        int n = 1;
        for (int d : shape) n *= d;
        return n;
    }

    /** Row-major strides of {@code shape} aligned to {@code out}'s axes, zero where broadcast. */
    static int[] broadcastStrides(int[] shape, int[] out) {
        int[] s = new int[out.length];
        int acc = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            int o = i + out.length - shape.length;
            s[o] = shape[i] == 1 && out[o] != 1 ? 0 : acc;
            acc *= shape[i];
        }
        return s;
    }

    static int[] strides(int[] shape) {
        int[] s = new int[shape.length];
        int acc = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= shape[i];
        }
        return s;
    }
}
