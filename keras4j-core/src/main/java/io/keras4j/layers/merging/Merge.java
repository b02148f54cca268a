package io.keras4j.layers.merging;

import io.keras4j.layers.Layer;
import io.keras4j.ops.Ops;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.util.List;

/**
 * The base of the elementwise merging layers (Keras's {@code Merge}): two or more inputs of
 * broadcast-compatible shapes, combined element by element.
 */
public abstract class Merge extends Layer {
    /** Combines the inputs (already checked: at least two). */
    protected abstract Tensor merge(List<Tensor> inputs);

    /** The smallest number of inputs the layer takes. */
    protected int minInputs() { return 2; }

    @Override public final Tensor call(Tensor inputs, boolean training) {
        throw new IllegalArgumentException("A merge layer should be called on a list of inputs. Received: input_shape=" + inputs.shape()
                + " (not a list of shapes)");
    }

    @Override public final Shape computeOutputShape(Shape inputShape) {
        throw new IllegalArgumentException("A merge layer should be called on a list of inputs. Received: input_shape=" + inputShape);
    }

    @Override protected void buildAll(List<Shape> inputShapes) { computeOutputShapes(inputShapes); }

    @Override protected List<Tensor> callAll(List<Tensor> inputs, boolean training) {
        checkCount(inputs.size());
        return List.of(merge(inputs));
    }

    @Override public List<Shape> computeOutputShapes(List<Shape> inputShapes) {
        checkCount(inputShapes.size());
        Shape out = inputShapes.get(0);
        for (Shape s : inputShapes.subList(1, inputShapes.size())) out = broadcast(out, s, inputShapes);
        return List.of(out);
    }

    /** The output mask: where every masked input is unmasked (Keras ANDs the inputs' masks); none without masks. */
    @Override public List<Tensor> computeMasks(List<Tensor> inputs, List<Tensor> masks) {
        Tensor all = null;
        for (Tensor m : masks) {
            if (m == null) continue;
            Tensor on = Ops.cast(Ops.notEqual(m, Ops.zerosLike(m)), DType.FLOAT32);
            all = all == null ? on : Ops.multiply(all, on);
        }
        return java.util.Collections.singletonList(all == null ? null : Ops.stopGradient(all));
    }

    void checkCount(int n) {
        if (n < minInputs()) {
            throw new IllegalArgumentException("A merge layer should be called on a list of at least " + minInputs()
                    + " inputs. Got " + n + " inputs.");
        }
    }

    /** Broadcast with None (-1) allowed: None matches anything. */
    static Shape broadcast(Shape a, Shape b, List<Shape> all) {
        int r = Math.max(a.rank(), b.rank());
        int[] out = new int[r];
        for (int i = 0; i < r; i++) {
            int da = i < r - a.rank() ? 1 : a.dim(i - (r - a.rank()));
            int db = i < r - b.rank() ? 1 : b.dim(i - (r - b.rank()));
            if (da == db || db == 1) out[i] = da;
            else if (da == 1) out[i] = db;
            else if (da == Shape.UNKNOWN) out[i] = db;
            else if (db == Shape.UNKNOWN) out[i] = da;
            else throw new IllegalArgumentException("Inputs have incompatible shapes. Received shapes " + all);
        }
        return Shape.of(out);
    }
}
