package io.keras4j.layers.rnn;

import io.keras4j.autodiff.Variable;
import io.keras4j.layers.InputSpec;
import io.keras4j.layers.Layer;
import io.keras4j.layers.Layers;
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

    @Override public Tensor call(Tensor inputs, boolean training) {
        Shape s = inputs.shape();
        int batch = s.dim(0), steps = s.dim(1);
        Tensor folded = Ops.reshape(inputs, stepShape(s).withDim(0, batch * steps));
        Tensor y = layer.apply(folded, training);
        return Ops.reshape(y, y.shape().withDim(0, steps).prepend(batch));
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
