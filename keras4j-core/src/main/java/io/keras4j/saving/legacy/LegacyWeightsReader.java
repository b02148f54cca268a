package io.keras4j.saving.legacy;

import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.keras4j.autodiff.Variable;
import io.keras4j.layers.Layer;
import io.keras4j.models.Model;
import io.keras4j.saving.ModelFileException;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads a legacy weights group (a file's {@code model_weights}, or the root of a Keras 2
 * {@code save_weights} file) into a model, as Keras's {@code load_weights_from_hdf5_group} (by
 * position) and {@code load_weights_from_hdf5_group_by_name} do. Each layer group lists its arrays
 * in {@code weight_names}, which are assigned in that order to the layer's weights in the legacy
 * order (trainable, then non-trainable). Nothing is assigned before every array of a layer has been
 * read and checked, so a bad file does not leave a layer half-loaded.
 */
final class LegacyWeightsReader {
    private static final System.Logger LOG = System.getLogger(LegacyWeightsReader.class.getName());

    private final Group group;
    private final long fileSize;

    LegacyWeightsReader(Group group, long fileSize) {
        this.group = group;
        this.fileSize = fileSize;
    }

    /** A layer's weights in the order legacy files store them (Keras's {@code _legacy_weights}). */
    static List<Variable> legacyWeights(Layer layer) {
        List<Variable> out = new ArrayList<>(layer.trainableWeights());
        out.addAll(layer.nonTrainableWeights());
        return out;
    }

    /** The layer names the group lists, in order. */
    List<String> layerNames() { return H5Attributes.strings(group, "layer_names"); }

    /** The group of a saved layer. */
    Group layerGroup(String name) {
        Node n = group.getChild(name);
        if (!(n instanceof Group g)) {
            throw new ModelFileException("Layer '" + name + "' is listed in layer_names of " + group.getPath() + " but its group is "
                    + (n == null ? "missing" : "not a group"));
        }
        return g;
    }

    /** The weight names a saved layer lists. */
    List<String> weightNames(String layer) { return H5Attributes.strings(layerGroup(layer), "weight_names"); }

    /** The datasets of a saved layer, in weight_names order, without reading their data. */
    List<Dataset> datasets(String layer) {
        Group g = layerGroup(layer);
        List<Dataset> out = new ArrayList<>();
        for (String w : H5Attributes.strings(g, "weight_names")) out.add(H5Datasets.find(g, w));
        return out;
    }

    /** Keras's positional loading: layers with weights pair up, in order, with saved layers that list weights. */
    void loadByPosition(Model model, boolean skipMismatch) {
        List<Layer> layers = new ArrayList<>();
        for (Layer l : model.layers()) if (!legacyWeights(l).isEmpty()) layers.add(l);
        List<String> saved = new ArrayList<>();
        for (String name : layerNames()) if (!weightNames(name).isEmpty()) saved.add(name);
        if (saved.size() != layers.size()) {
            String hint = layers.isEmpty() && !model.layers().isEmpty() && !saved.isEmpty()
                    ? " The model has no weights yet: build it (give it an Input, or call it once) before loading weights." : "";
            throw new ModelFileException("Layer count mismatch when loading weights from file. Model expected " + layers.size()
                    + " layers, found " + saved.size() + " saved layers." + hint);
        }
        for (int k = 0; k < saved.size(); k++) {
            Layer layer = layers.get(k);
            List<Variable> vars = legacyWeights(layer);
            List<Dataset> ds = datasets(saved.get(k));
            if (ds.size() != vars.size()) {
                throw new ModelFileException("Weight count mismatch for layer #" + k + " (named " + layer.name() + " in the current model, "
                        + saved.get(k) + " in the save file). Layer expects " + vars.size() + " weight(s). Received " + ds.size()
                        + " saved weight(s)");
            }
            assign(vars, ds, skipMismatch, "layer #" + k + " (named " + layer.name() + ")");
        }
        loadTopLevel(model, skipMismatch, false);
    }

    /** Keras's by-name loading: every saved layer feeds the model layers of the same name; others are skipped. */
    void loadByName(Model model, boolean skipMismatch) {
        Map<String, List<Layer>> index = new LinkedHashMap<>();
        for (Layer l : model.layers()) index.computeIfAbsent(l.name(), n -> new ArrayList<>()).add(l);
        List<String> names = layerNames();
        for (int k = 0; k < names.size(); k++) {
            List<Layer> targets = index.getOrDefault(names.get(k), List.of());
            if (targets.isEmpty()) continue;
            List<Dataset> ds = datasets(names.get(k));
            for (Layer layer : targets) {
                List<Variable> vars = legacyWeights(layer);
                if (ds.size() != vars.size()) {
                    String msg = "Weight count mismatch for layer #" + k + " (named " + layer.name() + "). Layer expects " + vars.size()
                            + " weight(s). Received " + ds.size() + " saved weight(s)";
                    if (skipMismatch) {
                        LOG.log(System.Logger.Level.WARNING, "Skipping loading of weights for layer #" + k + " (named " + layer.name()
                                + ") due to mismatch in number of weights. Layer expects " + vars.size() + " weight(s). Received "
                                + ds.size() + " saved weight(s)");
                        continue;
                    }
                    throw new ModelFileException(msg);
                }
                assign(vars, ds, skipMismatch, "layer #" + k + " (named " + layer.name() + ")");
            }
        }
        loadTopLevel(model, skipMismatch, true);
    }

    /** Keras 3 files carry the model's own variables in {@code top_level_model_weights}; ours has none. */
    private void loadTopLevel(Model model, boolean skipMismatch, boolean byName) {
        if (!(group.getChild("top_level_model_weights") instanceof Group)) return;
        List<Dataset> ds = datasets("top_level_model_weights");
        if (ds.isEmpty()) return;
        String msg = "Weight count mismatch for top-level weights " + (byName ? "of model" : "when loading weights from file")
                + ". Model expects 0 top-level weight(s). Received " + ds.size() + " saved top-level weight(s)";
        if (byName && skipMismatch) {
            LOG.log(System.Logger.Level.WARNING, msg);
            return;
        }
        throw new ModelFileException(msg);
    }

    /**
     * Checks every array's shape against its variable, then assigns them. With {@code skipMismatch}
     * a disagreeing array is skipped with a warning (Keras's {@code _set_weights}).
     */
    private void assign(List<Variable> vars, List<Dataset> ds, boolean skipMismatch, String where) {
        List<Tensor> values = new ArrayList<>(vars.size());
        for (int i = 0; i < vars.size(); i++) {
            Shape expected = vars.get(i).shape();
            Shape received = H5Datasets.shape(ds.get(i));
            if (!expected.equals(received)) {
                String msg = "mismatch in shape for weight " + vars.get(i).name() + " (saved as " + ds.get(i).getPath()
                        + "). Weight expects shape " + pyShape(expected) + ". Received saved weight with shape " + pyShape(received);
                if (skipMismatch) {
                    LOG.log(System.Logger.Level.WARNING, "Skipping loading weights for " + where + " due to " + msg);
                    values.add(null);
                    continue;
                }
                throw new ModelFileException("Shape mismatch in " + where + ": " + msg);
            }
            values.add(H5Datasets.read(ds.get(i), fileSize));
        }
        for (int i = 0; i < vars.size(); i++) if (values.get(i) != null) vars.get(i).assign(values.get(i));
    }

    /** A shape as Keras prints it: {@code (4, 6)}, {@code (6,)}. */
    static String pyShape(Shape s) {
        int[] d = s.dims();
        if (d.length == 1) return "(" + d[0] + ",)";
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < d.length; i++) sb.append(i > 0 ? ", " : "").append(d[i] < 0 ? "None" : d[i]);
        return sb.append(')').toString();
    }
}
