package io.keras4j.models;

import io.keras4j.layers.KerasTensor;
import io.keras4j.layers.Layer;
import io.keras4j.layers.Node;
import io.keras4j.layers.core.InputLayer;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The graph of a Functional model (Keras's {@code Functional}): the layer calls between the
 * model's inputs and outputs in an order where every call comes after the calls it depends on.
 * Running it maps each symbolic tensor to a value, so a layer called twice runs twice with one
 * set of weights.
 */
final class Functional {
    private final List<KerasTensor> inputs;
    private final List<KerasTensor> outputs;
    private final List<Node> nodes;
    private final List<Layer> layers;

    private Functional(List<KerasTensor> inputs, List<KerasTensor> outputs, List<Node> nodes, List<Layer> layers) {
        this.inputs = inputs;
        this.outputs = outputs;
        this.nodes = nodes;
        this.layers = layers;
    }

    static Functional of(List<KerasTensor> inputs, List<KerasTensor> outputs) {
        if (inputs.isEmpty() || outputs.isEmpty()) throw new IllegalArgumentException("A Functional model needs at least one input and one output");
        for (KerasTensor in : inputs) {
            if (!(in.node().layer() instanceof InputLayer)) {
                throw new IllegalArgumentException("All `inputs` values must be KerasTensors made by `keras.Input`. Received: " + in
                        + " (produced by layer '" + in.source().name() + "')");
            }
        }
        Set<String> inputNames = new LinkedHashSet<>();
        for (KerasTensor in : inputs) {
            if (!inputNames.add(in.name())) throw new IllegalArgumentException("The same input '" + in.name() + "' is given twice in `inputs`");
        }
        List<Node> order = new ArrayList<>();
        Map<Node, Integer> state = new IdentityHashMap<>(); // 1 = on the current path, 2 = done
        for (KerasTensor out : outputs) visit(out.node(), inputs, state, order, new ArrayList<>());
        Set<Layer> layers = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Layer> ordered = new ArrayList<>();
        for (KerasTensor in : inputs) if (layers.add(in.source())) ordered.add(in.source());
        for (Node n : order) if (!n.isInput() && layers.add(n.layer())) ordered.add(n.layer());
        Set<String> names = new java.util.HashSet<>();
        for (Layer l : ordered) {
            if (!names.add(l.name())) {
                throw new IllegalArgumentException("The name \"" + l.name() + "\" is used 2 times in the model. All layer names should be unique.");
            }
        }
        List<Node> calls = new ArrayList<>();
        for (Node n : order) if (!n.isInput()) calls.add(n);
        return new Functional(List.copyOf(inputs), List.copyOf(outputs), calls, Collections.unmodifiableList(ordered));
    }

    /** Depth-first from an output back to the inputs; fails on a missing input or a cycle. */
    private static void visit(Node node, List<KerasTensor> inputs, Map<Node, Integer> state, List<Node> order, List<String> path) {
        Integer s = state.get(node);
        if (s != null && s == 2) return;
        if (s != null) {
            throw new IllegalArgumentException("The graph has a cycle through layer '" + node.layer().name() + "': " + String.join(" -> ", path));
        }
        if (node.isInput()) {
            boolean given = false;
            for (KerasTensor in : inputs) given |= in.node() == node;
            if (!given) {
                throw new IllegalArgumentException("Functional model disconnected: the graph needs input '" + node.layer().name()
                        + "' (reached through " + (path.isEmpty() ? "an output" : String.join(" <- ", path))
                        + "), which is not in the model's `inputs`. Pass it in `inputs`.");
            }
            state.put(node, 2);
            order.add(node);
            return;
        }
        state.put(node, 1);
        path.add(node.layer().name());
        for (KerasTensor in : node.inputs()) visit(in.node(), inputs, state, order, path);
        path.remove(path.size() - 1);
        state.put(node, 2);
        order.add(node);
    }

    List<KerasTensor> inputs() { return inputs; }

    List<KerasTensor> outputs() { return outputs; }

    List<Layer> layers() { return layers; }

    List<Node> nodes() { return nodes; }

    /** Runs the graph on concrete inputs, in the order of {@link #inputs()}. */
    List<Tensor> run(List<Tensor> values, boolean training) { return runMasked(values, null, training).outputs(); }

    /** The outputs of one run and the mask each carries (null where none), in the order of {@link #outputs()}. */
    record Run(List<Tensor> outputs, List<Tensor> masks) {}

    /**
     * Runs the graph with masks on its inputs (null, or null entries: none), as Keras's
     * {@code Functional.call(inputs, mask=...)} sets them on the input tensors; the outputs' masks
     * are what the graph's layers computed, which a model nested in another model passes on.
     */
    Run runMasked(List<Tensor> values, List<Tensor> inputMasks, boolean training) {
        if (values.size() != inputs.size()) {
            throw new IllegalArgumentException("Model expects " + inputs.size() + " input(s), but it received " + values.size() + " input tensors");
        }
        Map<KerasTensor, Tensor> env = new IdentityHashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            checkInput(i, inputs.get(i), values.get(i));
            env.put(inputs.get(i), values.get(i));
        }
        // The mask each tensor carries (Keras's _keras_mask), where a layer computed one.
        Map<KerasTensor, Tensor> masks = new IdentityHashMap<>();
        if (inputMasks != null) {
            for (int i = 0; i < inputs.size() && i < inputMasks.size(); i++) {
                if (inputMasks.get(i) != null) masks.put(inputs.get(i), inputMasks.get(i));
            }
        }
        for (Node n : nodes) {
            List<Tensor> args = new ArrayList<>(n.inputs().size());
            List<Tensor> argMasks = new ArrayList<>(n.inputs().size());
            for (KerasTensor t : n.inputs()) {
                args.add(env.get(t));
                argMasks.add(masks.get(t));
            }
            List<Tensor> outs = n.layer().applyAll(args, argMasks, training);
            List<Tensor> outMasks = n.layer().computeMasks(args, argMasks);
            for (int i = 0; i < outs.size(); i++) {
                env.put(n.outputs().get(i), outs.get(i));
                if (i < outMasks.size() && outMasks.get(i) != null) masks.put(n.outputs().get(i), outMasks.get(i));
            }
        }
        List<Tensor> result = new ArrayList<>(outputs.size());
        List<Tensor> resultMasks = new ArrayList<>(outputs.size());
        for (KerasTensor o : outputs) {
            result.add(env.get(o));
            resultMasks.add(masks.get(o));
        }
        return new Run(result, resultMasks);
    }

    private static void checkInput(int i, KerasTensor spec, Tensor value) {
        Shape want = spec.shape(), got = value.shape();
        boolean ok = want.rank() == got.rank();
        for (int d = 0; ok && d < want.rank(); d++) ok = want.dim(d) == Shape.UNKNOWN || want.dim(d) == got.dim(d);
        if (!ok) {
            throw new IllegalArgumentException("Input " + i + " of the model ('" + spec.name() + "') is incompatible: expected shape="
                    + want + ", found shape=" + got);
        }
    }

    /** Output shapes for input shapes (batch dimension may differ from the declared one). */
    List<Shape> outputShapes() {
        List<Shape> out = new ArrayList<>();
        for (KerasTensor o : outputs) out.add(o.shape());
        return out;
    }
}
