package io.keras4j.saving.legacy;

import io.jhdf.api.WritableGroup;
import io.keras4j.autodiff.Variable;
import io.keras4j.layers.Layer;
import io.keras4j.models.Model;
import io.keras4j.optimizers.Optimizer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes weights in the legacy layout, as Keras 3's {@code save_weights_to_hdf5_group} and
 * {@code save_optimizer_weights_to_hdf5_group}: attribute {@code layer_names} (model.layers order),
 * {@code backend}, {@code keras_version}; one group per layer (created in name order, as Keras
 * does) with attribute {@code weight_names} listing each variable's path, and the arrays stored at
 * those paths inside the layer group.
 *
 * <p>One deliberate difference: Keras also lists weightless layers (InputLayer, Dropout, ...) with
 * an empty group and an empty {@code weight_names}, and adds an empty
 * {@code top_level_model_weights} group. jhdf 0.9.4 can write neither an empty string array nor,
 * reliably, a group without children (it may corrupt the object written after it), so weightless
 * layers are left out of the file. Keras's loaders skip weightless layers on both sides anyway
 * (by position they pair only layers that have weights; by name an unlisted layer is simply not
 * loaded), so Keras and keras4j load these files the same.
 */
final class LegacyWeightsWriter {
    private LegacyWeightsWriter() {}

    static void writeModelWeights(WritableGroup group, Model model, String kerasVersion, String backend) {
        List<Layer> layers = new ArrayList<>();
        for (Layer l : model.layers()) if (!LegacyWeightsReader.legacyWeights(l).isEmpty()) layers.add(l);
        List<String> names = new ArrayList<>();
        for (Layer l : layers) names.add(l.name());
        putStrings(group, "layer_names", names);
        group.putAttribute("backend", backend);
        group.putAttribute("keras_version", kerasVersion);
        List<Layer> sorted = new ArrayList<>(layers);
        sorted.sort(Comparator.comparing(Layer::name));
        for (Layer l : sorted) writeSubset(group.putGroup(l.name()), LegacyWeightsReader.legacyWeights(l), null);
    }

    /** Writes the optimizer's variables (iteration count, learning rate, slots) under {@code optimizer_weights}. */
    static void writeOptimizerWeights(WritableGroup root, Optimizer optimizer) {
        List<Variable> vars = optimizer.variables();
        if (vars.isEmpty()) return;
        writeSubset(root.putGroup("optimizer_weights"), vars, optimizer.name());
    }

    /** The paths Keras would name these variables with: the variable path, {@code prefix/} added where it has none. */
    static List<String> weightNames(List<Variable> vars, String prefix) {
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Variable v : vars) {
            String base = prefix != null && !v.name().contains("/") ? prefix + "/" + v.name() : v.name();
            String name = base;
            // Two variables with one path (e.g. two unnamed cells) would overwrite each other's dataset.
            for (int k = 1; !seen.add(name); k++) name = base + "_" + k;
            names.add(name);
        }
        return names;
    }

    private static void writeSubset(WritableGroup group, List<Variable> vars, String prefix) {
        List<String> names = weightNames(vars, prefix);
        putStrings(group, "weight_names", names);
        for (int i = 0; i < vars.size(); i++) H5Datasets.write(group, names.get(i), vars.get(i).peek());
    }

    /** HDF5's object header limit, which Keras keeps every attribute under. */
    static final int HDF5_OBJECT_HEADER_LIMIT = 64512;

    /**
     * A string-array attribute; an empty list is left out (see the class comment). As Keras's
     * {@code save_attributes_to_hdf5_group}, a list whose fixed-length encoding exceeds the object
     * header limit is split into the fewest equal chunks {@code name0}, {@code name1}, ... that fit.
     */
    static void putStrings(WritableGroup group, String name, List<String> values) {
        if (values.isEmpty()) return;
        int width = 1;
        for (String v : values) {
            int len = v.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            if (len > HDF5_OBJECT_HEADER_LIMIT) {
                throw new IllegalArgumentException("The following attributes cannot be saved to HDF5 file because they are larger than "
                        + HDF5_OBJECT_HEADER_LIMIT + " bytes: [" + v.substring(0, Math.min(80, v.length())) + "...]");
            }
            width = Math.max(width, len);
        }
        int chunks = 1;
        while (chunkBytes(values.size(), chunks, width) > HDF5_OBJECT_HEADER_LIMIT) chunks++;
        if (chunks == 1) {
            group.putAttribute(name, values.toArray(new String[0]));
            return;
        }
        // numpy's array_split: the first (n % chunks) chunks get one extra element.
        int n = values.size(), base = n / chunks, extra = n % chunks, from = 0;
        for (int c = 0; c < chunks; c++) {
            int size = base + (c < extra ? 1 : 0);
            group.putAttribute(name + c, values.subList(from, from + size).toArray(new String[0]));
            from += size;
        }
    }

    private static long chunkBytes(int n, int chunks, int width) {
        return (long) ((n + chunks - 1) / chunks) * width;
    }
}
