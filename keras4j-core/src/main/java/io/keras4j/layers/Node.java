package io.keras4j.layers;

import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One call of a layer on symbolic tensors: the edges of a Functional model's graph. A layer called
 * twice (a shared layer) has two nodes and one set of weights.
 */
public final class Node {
    private final Layer layer;
    private final List<KerasTensor> inputs;
    private final List<KerasTensor> outputs;

    /** Makes the node and its output tensors, and records it on the layer. */
    Node(Layer layer, List<KerasTensor> inputs, List<Shape> outputShapes, DType dtype) {
        this.layer = layer;
        this.inputs = List.copyOf(inputs);
        List<KerasTensor> outs = new ArrayList<>();
        for (int i = 0; i < outputShapes.size(); i++) {
            KerasTensor t = new KerasTensor(outputShapes.get(i), dtype, i);
            t.setNode(this);
            outs.add(t);
        }
        this.outputs = Collections.unmodifiableList(outs);
    }

    public Layer layer() { return layer; }

    public List<KerasTensor> inputs() { return inputs; }

    public List<KerasTensor> outputs() { return outputs; }

    public boolean isInput() { return inputs.isEmpty(); }
}
