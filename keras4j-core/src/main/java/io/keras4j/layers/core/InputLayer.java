package io.keras4j.layers.core;

import io.keras4j.layers.KerasTensor;
import io.keras4j.layers.Layer;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The entry point of a model: declares the shape of one input (Keras's {@code InputLayer}). */
public final class InputLayer extends Layer {
    private final Shape batchShape;
    private KerasTensor output;

    /** @param batchShape the full shape, batch dimension first (-1 for None) */
    public InputLayer(Shape batchShape, DType dtype, String name) {
        if (batchShape.rank() == 0) throw new IllegalArgumentException("Argument `shape` must be a non-empty tuple, received: shape=()");
        this.batchShape = batchShape;
        dtype(dtype);
        if (name != null) name(name);
        ensureBuilt(batchShape); // nothing to build: the summary shows 0 params, not "unbuilt"
    }

    public Shape batchShape() { return batchShape; }

    /** The symbolic tensor this layer outputs. */
    public KerasTensor output() {
        if (output == null) output = sourceTensor(batchShape);
        return output;
    }

    @Override public Tensor call(Tensor inputs, boolean training) { return inputs; }

    @Override public Shape computeOutputShape(Shape inputShape) { return batchShape; }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> c = new java.util.LinkedHashMap<>();
        List<Object> dims = new ArrayList<>();
        for (int d : batchShape.dims()) dims.add(d == Shape.UNKNOWN ? null : d);
        c.put("batch_shape", dims);
        c.put("dtype", dtype().kerasName());
        c.put("sparse", false);
        c.put("name", name());
        return c;
    }
}
