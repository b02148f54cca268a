package io.keras4j.saving.legacy;

import io.jhdf.api.Attribute;
import io.jhdf.api.Node;
import io.keras4j.saving.ModelFileException;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the string attributes of legacy Keras files in every encoding real files use: variable-length
 * strings, fixed-length byte strings ({@code |S9}), arrays of either, an EMPTY list stored by h5py
 * as an empty float64 array, and lists split into {@code name0}, {@code name1}, ... chunks when they
 * exceed HDF5's object header limit (Keras's {@code load_attributes_from_hdf5_group}).
 */
final class H5Attributes {
    private H5Attributes() {}

    /** The string attribute {@code name} of {@code node}, or null when absent. */
    static String string(Node node, String name) {
        Attribute a = node.getAttributes().get(name);
        if (a == null) return null;
        List<String> values = values(a, node);
        if (values.size() != 1) {
            throw new ModelFileException("Attribute '" + name + "' of " + node.getPath() + " should be one string; found " + values.size() + " values");
        }
        return values.get(0);
    }

    /** The string-list attribute {@code name}, joined from its chunks; empty when absent. */
    static List<String> strings(Node node, String name) {
        var attrs = node.getAttributes();
        Attribute a = attrs.get(name);
        if (a != null) return values(a, node);
        List<String> out = new ArrayList<>();
        for (int chunk = 0; attrs.containsKey(name + chunk); chunk++) out.addAll(values(attrs.get(name + chunk), node));
        return out;
    }

    private static List<String> values(Attribute a, Node node) {
        if (a.isEmpty()) return List.of();
        Object data = a.getData();
        if (data == null) return List.of();
        List<String> out = new ArrayList<>();
        if (data instanceof String s) {
            out.add(s);
        } else if (data instanceof byte[] bytes) {
            out.add(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
        } else if (data.getClass().isArray()) {
            int n = Array.getLength(data);
            for (int i = 0; i < n; i++) {
                Object e = Array.get(data, i);
                if (!(e instanceof String s)) {
                    throw new ModelFileException("Attribute '" + a.getName() + "' of " + node.getPath() + " should hold strings; found "
                            + (e == null ? "null" : e.getClass().getSimpleName()) + " values");
                }
                out.add(s);
            }
        } else {
            throw new ModelFileException("Attribute '" + a.getName() + "' of " + node.getPath() + " should hold strings; found a "
                    + data.getClass().getSimpleName());
        }
        return out;
    }
}
