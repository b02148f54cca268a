package io.keras4j.saving;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.api.WritableGroup;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The variables store of Keras 3 ({@code saving_lib.H5IOStore}): one HDF5 file in which each
 * object's variables are datasets {@code "0"}, {@code "1"}, ... of a group {@code <path>/vars}
 * carrying the object's {@code name} as attribute; the root object's variables are in
 * {@code /vars}. It is both {@code model.weights.h5} inside a {@code .keras} archive and a
 * {@code .weights.h5} file.
 *
 * <p>Objects without variables get no group. Keras writes an empty {@code vars} group for them
 * when it knows their name, but its reader treats a missing group as "no variables", and the HDF5
 * writer used here (jhdf 0.9.4) corrupts files that hold an empty group next to other objects.
 */
final class H5IOStore {
    private H5IOStore() {}

    /** Collects the entries in memory, then writes the file at once (jhdf writes on close). */
    static final class Writer {
        private record Entry(String name, List<Tensor> values) {}

        private final Map<String, Entry> entries = new LinkedHashMap<>();

        /** Records the variables of the object at {@code path} ("" for the root). */
        void put(String path, String name, List<Tensor> values) {
            if (values.isEmpty()) return;
            entries.put(path, new Entry(name, values));
        }

        void write(Path file) throws IOException {
            try (WritableHdfFile h5 = HdfFile.write(file)) {
                Map<String, WritableGroup> groups = new HashMap<>();
                for (Map.Entry<String, Entry> e : entries.entrySet()) {
                    String varsPath = e.getKey().isEmpty() ? "vars" : e.getKey() + "/vars";
                    WritableGroup vars = group(h5, groups, varsPath);
                    if (e.getValue().name() != null) vars.putAttribute("name", e.getValue().name());
                    List<Tensor> values = e.getValue().values();
                    for (int i = 0; i < values.size(); i++) vars.putDataset(Integer.toString(i), javaArray(values.get(i), varsPath + "/" + i));
                }
            } catch (RuntimeException e) {
                throw new IOException("Could not write HDF5 file " + file + ": " + e.getMessage(), e);
            }
        }

        private static WritableGroup group(WritableHdfFile h5, Map<String, WritableGroup> groups, String path) {
            WritableGroup g = groups.get(path);
            if (g != null) return g;
            int slash = path.lastIndexOf('/');
            WritableGroup parent = slash < 0 ? null : group(h5, groups, path.substring(0, slash));
            String name = path.substring(slash + 1);
            g = parent == null ? h5.putGroup(name) : parent.putGroup(name);
            groups.put(path, g);
            return g;
        }
    }

    /** A tensor as the nested Java array (or boxed scalar) jhdf writes with the tensor's shape and dtype. */
    static Object javaArray(Tensor t, String where) {
        Object data = t.data();
        int[] dims = t.shape().dims();
        if (dims.length == 0) {
            return switch (t.dtype()) {
                case FLOAT32 -> ((float[]) data)[0];
                case FLOAT64 -> ((double[]) data)[0];
                case INT32 -> ((int[]) data)[0];
                case INT64 -> ((long[]) data)[0];
                default -> throw new IllegalArgumentException("Cannot save variable " + where + " of dtype " + t.dtype());
            };
        }
        for (int d : dims) {
            if (d == 0) throw new IllegalArgumentException("Cannot save variable " + where + " of shape " + t.shape() + ": it has no elements");
        }
        if (dims.length == 1) return data;
        Object out = Array.newInstance(data.getClass().getComponentType(), dims);
        fill(out, data, dims, 0, 0);
        return out;
    }

    private static int fill(Object target, Object flat, int[] dims, int axis, int offset) {
        int n = dims[axis];
        if (axis == dims.length - 1) {
            System.arraycopy(flat, offset, target, 0, n);
            return offset + n;
        }
        for (int i = 0; i < n; i++) offset = fill(Array.get(target, i), flat, dims, axis + 1, offset);
        return offset;
    }

    /** Reads a store; a file that is not HDF5 is a {@link ModelFileException}. */
    static final class Reader implements AutoCloseable {
        private final HdfFile h5;
        private final String file;

        Reader(Path path, String description) {
            this.file = description;
            try {
                if (Files.size(path) < 8) throw new ModelFileException(description + " is not an HDF5 file (too short)");
                this.h5 = new HdfFile(path);
            } catch (ModelFileException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                throw new ModelFileException(description + " is not a readable HDF5 file: " + e.getMessage(), e);
            }
        }

        /**
         * The variables stored for the object at {@code path}, in order, or an empty list when the
         * file has none there (Keras's {@code H5IOStore.get}, with its fallback to the
         * {@code _layer_checkpoint_dependencies} groups of Keras 2.13 files).
         */
        List<Tensor> get(String path) {
            try {
                Group vars = vars(path);
                if (vars == null && !path.isEmpty() && h5.getChildren().containsKey("_layer_checkpoint_dependencies")) {
                    vars = vars(path.replace("layers", "_layer_checkpoint_dependencies"));
                }
                if (vars == null) return List.of();
                Map<String, Node> children = vars.getChildren();
                List<Tensor> out = new ArrayList<>();
                for (int i = 0; i < children.size(); i++) {
                    Node n = children.get(Integer.toString(i));
                    if (!(n instanceof Dataset ds)) {
                        throw new ModelFileException(file + ": group " + vars.getPath() + " should hold datasets \"0\".." + (children.size() - 1)
                                + "; found " + children.keySet());
                    }
                    out.add(tensor(ds));
                }
                return out;
            } catch (ModelFileException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new ModelFileException(file + ": cannot read the variables at '" + path + "': " + e.getMessage(), e);
            }
        }

        /** Whether a group exists at {@code path}. */
        boolean hasPath(String path) { return node(path) != null; }

        private Group vars(String path) {
            Node n = node(path.isEmpty() ? "vars" : path + "/vars");
            return n instanceof Group g ? g : null;
        }

        private Node node(String path) {
            Group g = h5;
            for (String part : path.split("/")) {
                if (part.isEmpty()) continue;
                Node child = g.getChildren().get(part);
                if (child == null) return null;
                if (!(child instanceof Group cg)) return child;
                g = cg;
            }
            return g;
        }

        private Tensor tensor(Dataset ds) {
            int[] dims = ds.getDimensions();
            Object data = ds.isScalar() ? scalarArray(ds.getData()) : ds.getDataFlat();
            Class<?> c = data.getClass().getComponentType();
            DType dtype;
            if (c == float.class) dtype = DType.FLOAT32;
            else if (c == double.class) dtype = DType.FLOAT64;
            else if (c == int.class) dtype = DType.INT32;
            else if (c == long.class) dtype = DType.INT64;
            else if (c == short.class || c == byte.class || c == boolean.class) {
                int n = Array.getLength(data);
                int[] ints = new int[n];
                for (int i = 0; i < n; i++) {
                    Object v = Array.get(data, i);
                    ints[i] = v instanceof Boolean b ? (b ? 1 : 0) : ((Number) v).intValue();
                }
                data = ints;
                dtype = DType.INT32;
            } else {
                throw new ModelFileException(file + ": dataset " + ds.getPath() + " has an unsupported type " + ds.getJavaType().getName());
            }
            if ("bfloat16".equals(attribute(ds, "dtype"))) {
                throw new ModelFileException(file + ": dataset " + ds.getPath() + " holds bfloat16 values, which keras4j does not support");
            }
            return Tensor.wrap(data, Shape.of(dims));
        }

        private static Object attribute(Node n, String name) {
            var a = n.getAttribute(name);
            return a == null ? null : a.getData();
        }

        private static Object scalarArray(Object v) {
            if (v instanceof Float f) return new float[] {f};
            if (v instanceof Double d) return new double[] {d};
            if (v instanceof Integer i) return new int[] {i};
            if (v instanceof Long l) return new long[] {l};
            if (v instanceof Short s) return new int[] {s};
            if (v instanceof Byte b) return new int[] {b};
            if (v != null && v.getClass().isArray()) return v;
            throw new IllegalArgumentException("unsupported scalar " + v);
        }

        @Override public void close() { h5.close(); }
    }
}
