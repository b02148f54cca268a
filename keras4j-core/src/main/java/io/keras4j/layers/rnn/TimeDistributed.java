package io.keras4j.layers.rnn;

import io.keras4j.autodiff.Variable;
import io.keras4j.layers.InputSpec;
import io.keras4j.layers.Layer;
import io.keras4j.layers.Layers;
import io.keras4j.layers.normalization.BatchNormalization;
import io.keras4j.ops.Ops;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.util.List;
import java.util.Map;

/**
 * Keras's {@code TimeDistributed}: applies the same layer (one set of weights) to every time step
 * of (batch, timesteps, ...) inputs. The steps are folded into the batch, so the wrapped layer
 * runs once on (batch * timesteps, ...), then unfolded. Its weights are the wrapped layer's.
 * <pre>{@code
 * Tensor y = new TimeDistributed(new Dense(8)).apply(x); // (batch, steps, 16) → (batch, steps, 8)
 * }</pre>
 */
public final class TimeDistributed extends Layer {
    private final Layer layer;

    public TimeDistributed(Layer layer) {
        if (layer == null) {
            throw new IllegalArgumentException("Please initialize `TimeDistributed` layer with a `keras.layers.Layer` instance. Received: None");
        }
        this.layer = layer;
        inputSpec = InputSpec.minNdim(3);
    }

    /** Keras's {@code from_config}. */
    public static TimeDistributed fromConfig(Layers.Config c) { return new TimeDistributed(RecurrentConfig.nested(c, "layer")); }

    public Layer layer() { return layer; }

    /** The input shape of one time step: the time axis removed. */
    private static Shape stepShape(Shape inputShape) {
        int[] d = inputShape.dims();
        int[] out = new int[d.length - 1];
        out[0] = d[0];
        System.arraycopy(d, 2, out, 1, d.length - 2);
        return Shape.of(out);
    }

    @Override public void build(Shape inputShape) {
        if (inputShape.rank() < 3) {
            throw new IllegalArgumentException("`TimeDistributed` Layer should be passed an `input_shape` with at least 3 dimensions, received: " + inputShape);
        }
        layer.dtype(dtype());
        layer.ensureBuilt(stepShape(inputShape));
    }

    @Override public Tensor call(Tensor inputs, boolean training) { return callMasked(inputs, null, training); }

    /**
     * Keras hands the wrapped layer each step's slice of the mask, {@code mask[:, i]}; folded into
     * the batch, that is the mask reshaped alike. TimeDistributed itself passes no mask on (Keras
     * sets {@code supports_masking = False}).
     */
    @Override protected Tensor callMasked(Tensor inputs, Tensor mask, boolean training) {
        Shape s = inputs.shape();
        int batch = s.dim(0), steps = s.dim(1);
        if (mask != null) checkMask(mask.shape(), s);
        if (training && layer instanceof BatchNormalization) return perStep(inputs, mask, training);
        Tensor folded = Ops.reshape(inputs, stepShape(s).withDim(0, batch * steps));
        Tensor foldedMask = mask == null ? null : Ops.reshape(mask, stepShape(mask.shape()).withDim(0, batch * steps));
        Tensor y = layer.applyAll(List.of(folded), java.util.Collections.singletonList(foldedMask), training).get(0);
        return Ops.reshape(y, y.shape().withDim(0, steps).prepend(batch));
    }

    /**
     * One call per time step, as Keras runs it: folding the steps into the batch would give a
     * training-mode BatchNormalization the moments of all steps at once instead of one step's.
     */
    private Tensor perStep(Tensor inputs, Tensor mask, boolean training) {
        int steps = inputs.shape().dim(1);
        List<Tensor> outs = new java.util.ArrayList<>(steps);
        for (int t = 0; t < steps; t++) {
            Tensor x = step(inputs, t);
            Tensor m = mask == null ? null : step(mask, t);
            outs.add(layer.applyAll(List.of(x), java.util.Collections.singletonList(m), training).get(0));
        }
        return Ops.stack(outs, 1);
    }

    /** inputs[:, t], the time axis removed. */
    private static Tensor step(Tensor x, int t) {
        int[] begin = new int[x.rank()];
        int[] size = x.shape().dims();
        begin[1] = t;
        size[1] = 1;
        return Ops.reshape(Ops.slice(x, begin, size), stepShape(x.shape()));
    }

    private static void checkMask(Shape mask, Shape input) {
        if (mask.rank() < 2) {
            throw new IllegalArgumentException("The `mask` passed to the `TimeDistributed` layer must be at least 2D (e.g., `(batch_size, "
                    + "timesteps)`), but it has " + mask.rank() + " dimension(s) with shape " + mask + ".");
        }
        boolean batchMismatch = input.dim(0) != Shape.UNKNOWN && mask.dim(0) != Shape.UNKNOWN && input.dim(0) != mask.dim(0);
        boolean timeMismatch = input.dim(1) != Shape.UNKNOWN && mask.dim(1) != Shape.UNKNOWN && input.dim(1) != mask.dim(1);
        if (batchMismatch || timeMismatch) {
            throw new IllegalArgumentException("The `mask` passed to the `TimeDistributed` layer has a shape " + mask + " that is incompatible "
                    + "with the input shape " + input + ". The first two dimensions of the mask (batch size and timesteps) must match the "
                    + "input's first two dimensions. Expected mask shape prefix: (" + input.dim(0) + ", " + input.dim(1) + ").");
        }
    }

    @Override public Shape computeOutputShape(Shape inputShape) {
        Shape step = layer.computeOutputShape(stepShape(inputShape));
        return step.withDim(0, inputShape.dim(1)).prepend(inputShape.dim(0));
    }

    @Override protected List<Layer> sublayers() { return List.of(layer); }

    @Override public List<Variable> weights() { return layer.weights(); }

    @Override public List<Variable> trainableWeights() { return layer.trainableWeights(); }

    @Override public List<Variable> nonTrainableWeights() { return layer.nonTrainableWeights(); }

    @Override @SuppressWarnings("unchecked")
    public <T extends Layer> T trainable(boolean value) {
        super.trainable(value);
        if (layer != null) layer.trainable(value);
        return (T) this;
    }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("layer", serialize("keras.layers", layer.className(), layer.getConfig()));
        return c;
    }
}
