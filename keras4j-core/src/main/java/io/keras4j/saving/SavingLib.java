package io.keras4j.saving;

import io.keras4j.autodiff.Variable;
import io.keras4j.layers.Layer;
import io.keras4j.layers.core.InputLayer;
import io.keras4j.layers.rnn.Bidirectional;
import io.keras4j.layers.rnn.RNN;
import io.keras4j.layers.rnn.TimeDistributed;
import io.keras4j.models.Model;
import io.keras4j.optimizers.Optimizer;
import io.keras4j.tensor.Tensor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keras 3's {@code saving_lib}: the walk over a model that gives every object with state its path
 * in the weights store ({@code _save_state} / {@code _load_state}), {@code .weights.h5} files, and
 * the {@code .keras} archive ({@link KerasArchive}).
 *
 * <p>The walk: an object's own variables go to {@code <path>/vars}; then its children, a model's
 * {@code layers} first (without input layers), then its {@code optimizer}; a recurrent layer's
 * {@code cell}; a {@code Bidirectional}'s {@code backward_layer} and {@code forward_layer} (Keras
 * visits attributes in sorted order); a {@code TimeDistributed}'s {@code layer}. Elements of a list
 * are named by their snake-cased Keras class name made unique in the list ({@code dense},
 * {@code dense_1}, ...), not by their layer names. An object reached twice is written once.
 */
public final class SavingLib {
    private SavingLib() {}

    private static final System.Logger LOG = System.getLogger(SavingLib.class.getName());

    /** Called for each object with state, in walk order. */
    interface StateVisitor {
        void visit(Object saveable, String path, String name, List<Variable> variables) throws IOException;
    }

    /** Walks {@code root} as Keras's {@code _save_state} does. */
    static void walk(Object root, StateVisitor visitor) throws IOException {
        visit(root, "", Collections.newSetFromMap(new IdentityHashMap<>()), visitor);
    }

    private static void visit(Object obj, String path, Set<Object> visited, StateVisitor visitor) throws IOException {
        if (!visited.add(obj)) return;
        Map<String, Object> children = children(obj);
        visitor.visit(obj, path, name(obj), ownVariables(obj, children));
        for (Map.Entry<String, Object> c : children.entrySet()) {
            String childPath = path.isEmpty() ? c.getKey() : path + "/" + c.getKey();
            if (c.getValue() instanceof List<?> list) {
                Map<String, Integer> used = new HashMap<>();
                for (Object element : list) {
                    String base = snakeCase(kerasClassName(element));
                    Integer n = used.merge(base, 0, (a, b) -> a + 1);
                    visit(element, childPath + "/" + (n == 0 ? base : base + "_" + n), visited, visitor);
                }
            } else {
                visit(c.getValue(), childPath, visited, visitor);
            }
        }
    }

    /** Keras's {@code naming.to_snake_case}. */
    private static String snakeCase(String name) {
        String s = name.replaceAll("\\W+", "");
        s = s.replaceAll("(.)([A-Z][a-z]+)", "$1_$2");
        return s.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    /** The Python class name Keras would see: a Functional model is {@code Functional}. */
    static String kerasClassName(Object obj) {
        if (obj instanceof io.keras4j.models.Sequential) return "Sequential";
        if (obj instanceof Model m && !m.inputs().isEmpty() && m.getClass() == Model.class) return "Functional";
        if (obj instanceof Layer l) return l.className();
        if (obj instanceof Optimizer o) return o.className();
        return obj.getClass().getSimpleName();
    }

    private static String name(Object obj) {
        if (obj instanceof Layer l) return l.name();
        if (obj instanceof Optimizer o) return o.name();
        return null;
    }

    /** The saveable attributes of an object, in the order Keras visits them. */
    static Map<String, Object> children(Object obj) {
        Map<String, Object> c = new LinkedHashMap<>();
        if (obj instanceof Model m) {
            List<Layer> layers = new ArrayList<>();
            for (Layer l : m.inputs().isEmpty() ? m.layers() : kerasLayerOrder(m)) if (!(l instanceof InputLayer)) layers.add(l);
            c.put("layers", layers);
            if (m.compiled()) c.put("optimizer", m.optimizer());
        } else if (obj instanceof RNN r) {
            c.put("cell", r.cell());
        } else if (obj instanceof Bidirectional b) {
            c.put("backward_layer", b.backwardLayer());
            c.put("forward_layer", b.forwardLayer());
        } else if (obj instanceof TimeDistributed t) {
            c.put("layer", t.layer());
        }
        return c;
    }

    /**
     * A Functional model's layers in Keras's order ({@code keras/src/ops/function.py map_graph}),
     * which decides which layer is {@code dense} and which {@code dense_1} in a weights file: a
     * depth-first walk from the outputs numbers the layers as it first meets them; each call's
     * depth is its longest distance to an output and a layer's depth the largest of its calls;
     * layers come by decreasing depth, ties in walk order. Model inputs come first among equals.
     */
    public static List<Layer> kerasLayerOrder(Model model) {
        Map<Layer, Integer> index = new IdentityHashMap<>();
        List<io.keras4j.layers.Node> decreasing = new ArrayList<>();
        Set<io.keras4j.layers.Node> finished = Collections.newSetFromMap(new IdentityHashMap<>());
        for (io.keras4j.layers.KerasTensor out : model.outputs()) buildMap(out, model.inputs(), finished, decreasing, index);
        Map<io.keras4j.layers.Node, Integer> nodeDepth = new IdentityHashMap<>();
        Map<Layer, Integer> layerDepth = new java.util.LinkedHashMap<>();
        for (int i = decreasing.size() - 1; i >= 0; i--) {
            io.keras4j.layers.Node node = decreasing.get(i);
            int depth = Math.max(nodeDepth.getOrDefault(node, 0), layerDepth.getOrDefault(node.layer(), 0));
            layerDepth.put(node.layer(), depth);
            nodeDepth.put(node, depth);
            if (model.inputs().stream().anyMatch(t -> node.outputs().contains(t))) continue;
            for (io.keras4j.layers.KerasTensor t : node.inputs()) nodeDepth.merge(t.node(), depth + 1, Math::max);
        }
        for (io.keras4j.layers.KerasTensor in : model.inputs()) {
            if (!layerDepth.containsKey(in.source())) {
                layerDepth.put(in.source(), 0);
                index.put(in.source(), -1);
            }
        }
        List<Layer> ordered = new ArrayList<>(layerDepth.keySet());
        ordered.sort((a, b) -> {
            int d = Integer.compare(layerDepth.get(b), layerDepth.get(a));
            return d != 0 ? d : Integer.compare(index.get(a), index.get(b));
        });
        return ordered;
    }

    private static void buildMap(io.keras4j.layers.KerasTensor tensor, List<io.keras4j.layers.KerasTensor> inputs,
                                 Set<io.keras4j.layers.Node> finished, List<io.keras4j.layers.Node> decreasing, Map<Layer, Integer> index) {
        io.keras4j.layers.Node node = tensor.node();
        if (finished.contains(node)) return;
        index.putIfAbsent(node.layer(), index.size());
        if (!node.isInput() && !inputs.contains(tensor)) {
            for (io.keras4j.layers.KerasTensor t : node.inputs()) buildMap(t, inputs, finished, decreasing, index);
        }
        finished.add(node);
        decreasing.add(node);
    }

    /** The variables an object saves itself: all of its variables that none of its children holds. */
    private static List<Variable> ownVariables(Object obj, Map<String, Object> children) {
        List<Variable> all;
        if (obj instanceof Optimizer o) return o.variables();
        if (obj instanceof Model) return List.of();
        if (!(obj instanceof Layer layer)) return List.of();
        all = layer.weights();
        if (children.isEmpty()) return all;
        Set<Variable> held = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Object child : children.values()) {
            if (child instanceof Layer l) held.addAll(l.weights());
            else if (child instanceof List<?> list) for (Object e : list) if (e instanceof Layer l) held.addAll(l.weights());
        }
        List<Variable> own = new ArrayList<>();
        for (Variable v : all) if (!held.contains(v)) own.add(v);
        return own;
    }

    // ------------------------------------------------------------------ weights store

    /** Writes the model's variables (and its optimizer's, when compiled) to a weights store. */
    static H5IOStore.Writer collect(Model model) throws IOException {
        H5IOStore.Writer writer = new H5IOStore.Writer();
        walk(model, (obj, path, name, vars) -> {
            List<Tensor> values = new ArrayList<>(vars.size());
            for (Variable v : vars) values.add(v.numpy());
            writer.put(path, name, values);
        });
        return writer;
    }

    /**
     * Loads the variables of every object the walk reaches from the store. A layer whose count or
     * shapes differ fails (or, with {@code skipMismatch}, is skipped with a warning); an optimizer
     * whose count differs is skipped with Keras's warning.
     */
    static void loadState(Model model, H5IOStore.Reader store, boolean skipMismatch) throws IOException {
        if (model.compiled() && !model.optimizer().built() && store.hasPath("optimizer")
                && model.layers().stream().allMatch(Layer::built)) {
            model.optimizer().build(model.trainableVariables());
        }
        List<String> errors = new ArrayList<>();
        walk(model, (obj, path, name, vars) -> {
            List<Tensor> values = store.get(path);
            if (obj instanceof Optimizer o) {
                if (values.size() != vars.size()) {
                    LOG.log(System.Logger.Level.WARNING, "Skipping variable loading for optimizer '" + o.name() + "', because it has "
                            + vars.size() + " variables whereas the saved optimizer has " + values.size() + " variables.");
                    return;
                }
            }
            String error = assign(obj, name, vars, values);
            if (error == null) return;
            if (skipMismatch) LOG.log(System.Logger.Level.WARNING, "Skipping loading weights for " + describe(obj, name) + ": " + error);
            else errors.add(error);
        });
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("A total of " + errors.size() + " objects could not be loaded. Example error message: "
                    + errors.get(0) + (errors.size() > 1 ? "\nAll errors:\n" + String.join("\n", errors) : ""));
        }
    }

    private static String describe(Object obj, String name) {
        return (obj instanceof Optimizer ? "optimizer '" : "layer '") + name + "'";
    }

    /** Assigns the values; returns an error message (nothing assigned) when they do not fit. */
    private static String assign(Object obj, String name, List<Variable> vars, List<Tensor> values) {
        if (values.size() != vars.size()) {
            List<String> names = new ArrayList<>();
            for (Variable v : vars) names.add(v.name());
            if (vars.isEmpty() && obj instanceof Layer l && !l.built()) {
                return "Layer '" + name + "' was never built and thus it doesn't have any variables. However the weights file lists "
                        + values.size() + " variables for this layer.";
            }
            return (obj instanceof Optimizer ? "Optimizer '" : "Layer '") + name + "' expected " + vars.size() + " variables, but received "
                    + values.size() + " variables during loading. Expected: " + names;
        }
        for (int i = 0; i < vars.size(); i++) {
            if (!vars.get(i).shape().equals(values.get(i).shape())) {
                return "The shape of the target variable and the shape of the target value in `variable.assign(value)` must match. "
                        + "variable.shape=" + vars.get(i).shape() + ", Received: value.shape=" + values.get(i).shape()
                        + ". Target variable: " + vars.get(i).name() + " of " + describe(obj, name);
            }
        }
        for (int i = 0; i < vars.size(); i++) vars.get(i).assign(values.get(i));
        return null;
    }

    // ------------------------------------------------------------------ .weights.h5

    /** {@code model.save_weights("x.weights.h5")}: the weights store alone, written atomically. */
    public static void saveWeightsOnly(Model model, Path file) {
        try {
            H5IOStore.Writer writer = collect(model);
            AtomicFiles.write(file, writer::write);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not save weights to " + file + ": " + e.getMessage(), e);
        }
    }

    /** {@code model.load_weights} for a {@code .weights.h5} file or the weights of a {@code .keras} archive. */
    public static void loadWeightsOnly(Model model, Path file, boolean skipMismatch) {
        String name = file.getFileName().toString();
        try {
            if (name.endsWith(".keras")) {
                KerasArchive.loadWeights(model, file, skipMismatch);
                return;
            }
            AtomicFiles.requireReadable(file);
            try (H5IOStore.Reader store = new H5IOStore.Reader(file, "Weights file " + file)) {
                loadState(model, store, skipMismatch);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not load weights from " + file + ": " + e.getMessage(), e);
        }
    }
}
