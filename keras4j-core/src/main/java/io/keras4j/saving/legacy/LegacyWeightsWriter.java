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

    /** A string-array attribute; an empty list is left out (see the class comment). */
    static void putStrings(WritableGroup group, String name, List<String> values) {
        if (!values.isEmpty()) group.putAttribute(name, values.toArray(new String[0]));
    }
}
