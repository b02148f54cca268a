package io.keras4j.saving.legacy;

import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.api.WritableGroup;
import io.keras4j.saving.ModelFileException;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.lang.reflect.Array;

/**
 * Weight arrays in HDF5 files: reading a dataset into a tensor (after checking that its declared
 * size is plausible, so a corrupted header cannot make us allocate gigabytes) and writing a tensor
 * as a dataset of its own dtype, as h5py's {@code create_dataset(name, val.shape, dtype=val.dtype)}.
 */
final class H5Datasets {
    private H5Datasets() {}

    /**
     * The dataset at {@code path} below {@code group} (a weight name such as
     * {@code dense_1/kernel:0}, which h5py stores in nested groups), or a clear error.
     */
    static Dataset find(Group group, String path) {
        Node node;
        try {
            node = group.getByPath(path);
        } catch (RuntimeException e) {
            node = null;
        }
        if (!(node instanceof Dataset ds)) {
            throw new ModelFileException("Weight '" + path + "' listed in the weight_names of " + group.getPath() + " is "
                    + (node == null ? "missing from the file" : "not a dataset"));
        }
        return ds;
    }

    /** The shape the dataset declares, without reading its data. */
    static Shape shape(Dataset ds) {
        if (ds.isScalar()) return Shape.scalar();
        int[] dims = ds.getDimensions();
        for (int d : dims) {
            if (d < 0) throw new ModelFileException("Dataset " + ds.getPath() + " has a negative dimension: " + java.util.Arrays.toString(dims));
        }
        return Shape.of(dims);
    }

    /** Reads the dataset as a tensor: float32, float64, int32 or int64 (smaller integers widen to int32). */
    static Tensor read(Dataset ds, long fileSize) {
        Shape shape = shape(ds);
        long elements = 1;
        for (int d : shape.dims()) {
            elements *= d;
            if (elements > Integer.MAX_VALUE) throw new ModelFileException("Dataset " + ds.getPath() + " is too large: shape " + shape);
        }
        // Contiguous unfiltered data must lie inside the file; a header claiming more is corrupt.
        if (ds.getFilters().isEmpty() && fileSize > 0 && ds.getSizeInBytes() > fileSize) {
            throw new ModelFileException("Dataset " + ds.getPath() + " claims " + ds.getSizeInBytes() + " bytes of data (shape " + shape
                    + ") but the file has only " + fileSize + " bytes");
        }
        Object flat = ds.isScalar() ? ds.getData() : ds.getDataFlat();
        int[] dims = shape.dims();
        if (flat instanceof float[] f) return Tensor.of(f, dims);
        if (flat instanceof double[] d) return Tensor.of(d, dims);
        if (flat instanceof long[] l) return Tensor.ofLongs(l, dims);
        if (flat instanceof int[] i) return Tensor.ofInts(i, dims);
        if (flat instanceof Float f) return Tensor.of(new float[] {f}, dims);
        if (flat instanceof Double d) return Tensor.of(new double[] {d}, dims);
        if (flat instanceof Long l) return Tensor.ofLongs(new long[] {l}, dims);
        if (flat instanceof Number n) return Tensor.ofInts(new int[] {n.intValue()}, dims);
        if (flat != null && flat.getClass().isArray() && flat.getClass().getComponentType().isPrimitive()) {
            int n = Array.getLength(flat);
            int[] widened = new int[n];
            for (int k = 0; k < n; k++) widened[k] = ((Number) Array.get(flat, k)).intValue();
            return Tensor.ofInts(widened, dims);
        }
        throw new ModelFileException("Dataset " + ds.getPath() + " holds " + (flat == null ? "no data" : flat.getClass().getSimpleName())
                + ", not numbers");
    }

    /**
     * Writes {@code value} at {@code path} below {@code group}, creating the groups that the
     * {@code /}-separated path names (h5py does the same for {@code create_dataset("a/b")}).
     */
    static void write(WritableGroup group, String path, Tensor value) {
        String[] parts = path.split("/");
        WritableGroup g = group;
        for (int i = 0; i < parts.length - 1; i++) {
            Node child = g.getChildren().get(parts[i]);
            g = child instanceof WritableGroup wg ? wg : g.putGroup(parts[i]);
        }
        g.putDataset(parts[parts.length - 1], nested(value));
    }

    /** The tensor as jhdf wants it: a boxed scalar, or a Java array nested once per dimension. */
    private static Object nested(Tensor t) {
        int[] dims = t.shape().dims();
        Object flat = t.data();
        if (dims.length == 0) {
            return switch (t.dtype()) {
                case FLOAT32 -> ((float[]) flat)[0];
                case FLOAT64 -> ((double[]) flat)[0];
                case INT32 -> ((int[]) flat)[0];
                case INT64 -> ((long[]) flat)[0];
                default -> throw new IllegalArgumentException("Cannot save a " + t.dtype() + " tensor in HDF5");
            };
        }
        if (t.dtype() == DType.STRING) throw new IllegalArgumentException("Cannot save a string tensor as an HDF5 weight");
        return nest(flat, dims, 0, 0);
    }

    private static Object nest(Object flat, int[] dims, int axis, int offset) {
        int n = dims[axis];
        if (axis == dims.length - 1) {
            Object row = Array.newInstance(flat.getClass().getComponentType(), n);
            System.arraycopy(flat, offset, row, 0, n);
            return row;
        }
        int inner = 1;
        for (int d = axis + 1; d < dims.length; d++) inner *= dims[d];
        Object out = Array.newInstance(componentFor(flat, dims.length - axis - 1), n);
        for (int i = 0; i < n; i++) Array.set(out, i, nest(flat, dims, axis + 1, offset + i * inner));
        return out;
    }

    private static Class<?> componentFor(Object flat, int depth) {
        Class<?> c = flat.getClass().getComponentType();
        for (int i = 0; i < depth; i++) c = Array.newInstance(c, 0).getClass();
        return c;
    }
}
