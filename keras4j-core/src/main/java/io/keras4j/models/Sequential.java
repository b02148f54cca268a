package io.keras4j.models;

import io.keras4j.layers.KerasTensor;
import io.keras4j.layers.Layer;
import io.keras4j.layers.core.InputLayer;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A linear stack of layers (Keras's {@code Sequential}). With an {@code Input} first it is built
 * at once, so {@code summary()} shows every shape; without one it is built on the first batch.
 */
public final class Sequential extends Model {
    private final List<Layer> layers = new ArrayList<>();
    private InputLayer inputLayer;

    public Sequential(Layer... layers) {
        for (Layer l : layers) add(l);
    }

    public Sequential(KerasTensor input, Layer... layers) {
        add(input);
        for (Layer l : layers) add(l);
    }

    /** Adds the model's input (the result of {@code Input.of(...)}). */
    public Sequential add(KerasTensor input) {
        if (!(input.source() instanceof InputLayer il)) {
            throw new IllegalArgumentException("Only input tensors may be passed to Sequential.add(); received: " + input);
        }
        return add(il);
    }

    public Sequential add(Layer layer) {
        if (layer == null) throw new IllegalArgumentException("Only instances of Layer can be added to a Sequential model. Received: null");
        if (layer instanceof InputLayer il) {
            if (inputLayer != null || !layers.isEmpty()) {
                throw new IllegalArgumentException("Sequential model '" + name() + "' has already been configured to use an input; an InputLayer can only be its first layer.");
            }
            inputLayer = il;
            return this;
        }
        for (Layer l : layers) {
            if (l.name().equals(layer.name())) {
                throw new IllegalArgumentException("All layers added to a Sequential model should have unique names. Name '" + layer.name()
                        + "' is already the name of a layer in this model. Update the `name` argument to pass a unique name.");
            }
        }
        layers.add(layer);
        if (inputLayer != null) buildFrom(inputLayer.batchShape());
        return this;
    }

    /** Removes the last layer (Keras's {@code pop}). */
    public Layer pop() {
        if (layers.isEmpty()) throw new IllegalStateException("There are no layers in the model.");
        return layers.remove(layers.size() - 1);
    }

    @Override public List<Layer> layers() { return Collections.unmodifiableList(layers); }

    public InputLayer inputLayer() { return inputLayer; }

    /** Builds every layer for inputs of this shape (batch dimension first). */
    public void buildFrom(Shape inputShape) {
        Shape s = inputShape;
        for (Layer l : layers) {
            l.ensureBuilt(s);
            s = l.computeOutputShape(s);
        }
    }

    @Override public void build(Shape inputShape) { buildFrom(inputShape); }

    /** The input shape with batch dimension, when known (from an Input or the first batch). */
    public Shape inputShape() {
        if (inputLayer != null) return inputLayer.batchShape();
        return layers.isEmpty() ? null : layers.get(0).builtInputShape();
    }

    /** Each layer's output shape for the known input shape, or null when the model is not built. */
    public List<Shape> outputShapes() {
        Shape s = inputShape();
        if (s == null) return null;
        List<Shape> out = new ArrayList<>();
        for (Layer l : layers) {
            s = l.computeOutputShape(s.withDim(0, Shape.UNKNOWN));
            out.add(s);
        }
        return out;
    }

    @Override public Tensor call(Tensor inputs, boolean training) { return callMasked(inputs, null, training); }

    // The input of the last call and the mask its output carried (see Model#computeMasks).
    private Tensor lastInput;
    private Tensor lastOutputMask;

    /** Keras's {@code Sequential.call(inputs, mask=...)}: the first layer sees the given mask. */
    @Override protected Tensor callMasked(Tensor inputs, Tensor inputMask, boolean training) {
        if (layers.isEmpty()) throw new IllegalStateException("Sequential model '" + name() + "' has no layers; add layers before calling it.");
        if (inputLayer != null) checkInput(inputs.shape());
        Tensor x = inputs, mask = inputMask;
        for (Layer l : layers) {
            // Each layer sees the mask its predecessor computed (Keras's _keras_mask), e.g. Embedding(mask_zero) → LSTM.
            List<Tensor> ys = l.applyAll(List.of(x), Collections.singletonList(mask), training);
            if (ys.size() != 1) {
                throw new IllegalArgumentException("All layers in a Sequential model should have a single output tensor. For multi-output "
                        + "layers, use the functional API. Layer " + l.name() + " returned " + ys.size() + " tensors.");
            }
            Tensor y = ys.get(0);
            mask = l.computeMasks(List.of(x), Collections.singletonList(mask)).get(0);
            x = y;
        }
        lastInput = inputs;
        lastOutputMask = mask;
        return x;
    }

    /** The mask the last layer put on the output, which a Sequential nested in another model passes on. */
    @Override public List<Tensor> computeMasks(List<Tensor> inputs, List<Tensor> masks) {
        if (inputs.size() == 1 && inputs.get(0) == lastInput) return Collections.singletonList(lastOutputMask);
        Tensor mask = masks.isEmpty() ? null : masks.get(0);
        return io.keras4j.autodiff.GradientTape.stopRecording(() -> {
            callMasked(inputs.get(0), mask, false);
            return Collections.singletonList(lastOutputMask);
        });
    }

    private void checkInput(Shape got) {
        Shape want = inputLayer.batchShape();
        boolean ok = got.rank() == want.rank();
        for (int i = 1; ok && i < want.rank(); i++) ok = want.dim(i) == Shape.UNKNOWN || want.dim(i) == got.dim(i);
        if (!ok) {
            throw new IllegalArgumentException("Input 0 of layer \"" + layers.get(0).name() + "\" is incompatible with the layer: expected shape="
                    + want + ", found shape=" + got);
        }
    }

    @Override public Shape computeOutputShape(Shape inputShape) {
        Shape s = inputShape;
        for (Layer l : layers) s = l.computeOutputShape(s);
        return s;
    }

    /** Keras's {@code get_config}: name, trainable, dtype, the layers (InputLayer first) and the build input shape. */
    @Override public Map<String, Object> getConfig() { return io.keras4j.saving.ModelConfigs.sequentialConfig(this); }
}
