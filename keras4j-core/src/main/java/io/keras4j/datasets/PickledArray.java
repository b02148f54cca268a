package io.keras4j.datasets;

import io.keras4j.tensor.Tensor;

import java.util.List;

/**
 * A numpy array as its pickle describes it ({@code ndarray.__reduce__}): shape, dtype, order
 * and either the raw bytes (numeric arrays) or the elements (object arrays).
 */
final class PickledArray {
    private int[] shape;
    private String dtype;
    private boolean fortran;
    private byte[] raw;
    private List<?> objects;

    int[] shape() { return shape.clone(); }

    /** numpy's dtype string with byte order, e.g. {@code "|u1"}, {@code "<f8"}, {@code "|O"}. */
    String dtype() { return dtype; }

    /** The elements of an object array, in C order. */
    List<?> objects() {
        if (objects == null) throw new IllegalStateException("not an object array: " + dtype);
        return objects;
    }

    /** A numeric array as a tensor (see {@link Npy#toTensor}). */
    Tensor tensor() {
        if (raw == null) throw new IllegalStateException("not a numeric array: " + dtype);
        return Npy.toTensor(raw, 0, dtype, fortran, shape);
    }

    /** The raw bytes of a numeric array (C order unless {@code fortran}). */
    byte[] raw() {
        if (raw == null) throw new IllegalStateException("not a numeric array: " + dtype);
        return raw;
    }

    /** {@code ndarray.__setstate__((version, shape, dtype, is_fortran, data))}. */
    void setState(Object[] s) {
        int i = s.length == 5 ? 1 : 0; // the version comes first in protocol >= 1 states
        Object[] dims = (Object[]) s[i];
        shape = new int[dims.length];
        for (int k = 0; k < dims.length; k++) shape[k] = ((Number) dims[k]).intValue();
        DTypeValue d = (DTypeValue) s[i + 1];
        dtype = d.descr();
        fortran = Boolean.TRUE.equals(s[i + 2]);
        Object data = s[i + 3];
        if (data instanceof List<?> l) objects = l;
        else if (data instanceof byte[] b) raw = b;
        else if (data instanceof String str) { // Python 2 str: one char per byte
            raw = new byte[str.length()];
            for (int k = 0; k < raw.length; k++) raw[k] = (byte) str.charAt(k);
        } else throw new IllegalArgumentException("Unsupported array data in pickle: " + (data == null ? "None" : data.getClass().getSimpleName()));
    }

    /** {@code numpy.dtype(name, align, copy)} with {@code __setstate__((version, byteorder, ...))}. */
    static final class DTypeValue {
        private final String name;
        private String byteOrder = "|";

        DTypeValue(String name) { this.name = name; }

        void setState(Object[] s) {
            if (s.length > 1 && s[1] != null) byteOrder = RestrictedUnpickler.text(s[1]);
        }

        String descr() {
            if (name.equals("O") || name.startsWith("O")) return "|O";
            String order = byteOrder.equals("=") ? "<" : byteOrder; // "=" is native; numpy pickles are written on little-endian machines
            return order + name;
        }
    }
}
