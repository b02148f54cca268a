package io.keras4j.layers.reshaping;

import io.keras4j.tensor.Shape;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The argument checks Keras's reshaping layers share ({@code keras.src.utils.argument_validation}). */
final class ArgumentValidation {
    private ArgumentValidation() {}

    /** An int or a tuple of {@code n} ints, all > 0 (or >= 0 with {@code allowZero}), as Keras's standardize_tuple. */
    static int[] standardizeTuple(int[] value, int n, String name, boolean allowZero) {
        String msg = "The `" + name + "` argument must be a tuple of " + n + " integers. Received " + name + "=" + pythonTuple(value);
        if (value.length == 1 && n != 1) {
            int[] t = new int[n];
            Arrays.fill(t, value[0]);
            value = t;
        }
        if (value.length != n) throw new IllegalArgumentException(msg);
        Set<Integer> bad = new LinkedHashSet<>();
        for (int v : value) if (allowZero ? v < 0 : v <= 0) bad.add(v);
        if (!bad.isEmpty()) {
            String set = bad.toString().replace('[', '{').replace(']', '}');
            throw new IllegalArgumentException(msg + ", including values " + set + " that do not satisfy `value " + (allowZero ? ">= 0" : "> 0") + "`");
        }
        return value.clone();
    }

    /** Each spatial axis's (before, after) pair, every number >= 0, as the 2D/3D padding and cropping layers take it. */
    static int[][] standardizePairs(int[][] value, int n, String name) {
        if (value.length != n) {
            throw new IllegalArgumentException("`" + name + "` should have " + (n == 2 ? "two" : "three") + " elements. Received: " + name + "=" + pythonPairs(value) + ".");
        }
        String[] ordinal = {"1st", "2nd", "3rd"};
        int[][] out = new int[n][];
        for (int i = 0; i < n; i++) out[i] = standardizeTuple(value[i], 2, ordinal[i] + " entry of " + name, true);
        return out;
    }

    static String standardizeDataFormat(String value) {
        if (value == null) return "channels_last";
        if (!value.equals("channels_last") && !value.equals("channels_first")) {
            throw new IllegalArgumentException("The `data_format` argument must be one of {'channels_first', 'channels_last'}. Received: data_format=" + value);
        }
        return value;
    }

    /** The input axes that hold the {@code n} spatial dimensions of a rank n+2 input. */
    static int[] spatialAxes(String dataFormat, int n) {
        int[] axes = new int[n];
        for (int i = 0; i < n; i++) axes[i] = dataFormat.equals("channels_first") ? i + 2 : i + 1;
        return axes;
    }

    /** The output shape after adding {@code delta[i]} to each spatial axis (unknown stays unknown). */
    static Shape grow(Shape s, int[] axes, int[] delta) {
        int[] d = s.dims();
        for (int i = 0; i < axes.length; i++) if (d[axes[i]] != Shape.UNKNOWN) d[axes[i]] += delta[i];
        return Shape.of(d);
    }

    static List<Object> list(int... values) {
        List<Object> l = new ArrayList<>();
        for (int v : values) l.add(v);
        return l;
    }

    static List<Object> pairsList(int[][] pairs) {
        List<Object> l = new ArrayList<>();
        for (int[] p : pairs) l.add(list(p));
        return l;
    }

    static String pythonTuple(int[] v) {
        if (v.length == 1) return Integer.toString(v[0]);
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < v.length; i++) b.append(i == 0 ? "" : ", ").append(v[i]);
        return b.append(')').toString();
    }

    static String pythonPairs(int[][] v) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < v.length; i++) b.append(i == 0 ? "" : ", ").append(pythonTuple(v[i]));
        return b.append(')').toString();
    }

    /** What {@code Layers.Config.integerOrInts} returns (an Integer or an int[]) as an int[]. */
    static int[] intOrInts(Object value) { return value instanceof int[] a ? a : new int[] {(Integer) value}; }
}
