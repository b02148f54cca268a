package io.keras4j.layers.rnn;

import io.keras4j.autodiff.Variable;
import io.keras4j.layers.InputSpec;
import io.keras4j.layers.Layer;
import io.keras4j.layers.Layers;
import io.keras4j.ops.Ops;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keras's {@code Bidirectional}: runs a copy of the recurrent layer forward and another with
 * {@code go_backwards} over the same inputs and merges the two outputs ({@code "concat"} on the
 * last axis, {@code "sum"}, {@code "mul"}, {@code "ave"}, or null to keep both). With
 * {@code return_sequences} the backward outputs are put back in time order before merging. As in
 * Keras, both copies are rebuilt from the layer's config, named {@code forward_<name>} and
 * {@code backward_<name>}; the weights are the forward layer's then the backward layer's.
 * <pre>{@code
 * Tensor y = new Bidirectional(new LSTM(16).returnSequences(true)).apply(x); // (batch, steps, 32)
 * }</pre>
 */
public final class Bidirectional extends Layer {
    private static final List<String> MERGE_MODES = List.of("sum", "mul", "ave", "concat");

    private final RNN forwardLayer;
    private final RNN backwardLayer;
    private String mergeMode = "concat";

    public Bidirectional(RNN layer) { this(layer, null); }

    /** With an explicit {@code backwardLayer}, which must go backwards and agree with {@code layer} otherwise. */
    public Bidirectional(RNN layer, RNN backwardLayer) {
        if (layer == null) {
            throw new IllegalArgumentException("Please initialize `Bidirectional` layer with a `keras.layers.Layer` instance. Received: None");
        }
        forwardLayer = copy(layer, "forward_" + removePrefix(layer.name(), "forward_"), layer.goBackwards());
        this.backwardLayer = backwardLayer != null ? backwardLayer
                : copy(layer, "backward_" + removePrefix(layer.name(), "backward_"), true);
        verify();
        inputSpec = InputSpec.ndim(3);
    }

    /** Keras's {@code from_config}. */
    public static Bidirectional fromConfig(Layers.Config c) {
        Layer layer = RecurrentConfig.nested(c, "layer");
        Layer backward = c.has("backward_layer") ? RecurrentConfig.nested(c, "backward_layer") : null;
        c.raw("backward_layer");
        if (!(layer instanceof RNN forward) || (backward != null && !(backward instanceof RNN))) {
            throw new UnsupportedOperationException("Bidirectional: wrapping " + layer.className() + " is not supported yet");
        }
        Bidirectional b = new Bidirectional(forward, (RNN) backward);
        // Absent means Keras's default "concat"; an explicit None keeps both outputs.
        b.mergeMode(c.containsKey("merge_mode") ? c.string("merge_mode", null) : "concat");
        c.requireNull("weights");
        return b;
    }

    private static String removePrefix(String s, String prefix) { return s.startsWith(prefix) ? s.substring(prefix.length()) : s; }

    /** A fresh layer from {@code layer}'s config, so that no state or weight is shared with it. */
    private static RNN copy(RNN layer, String name, boolean goBackwards) {
        Map<String, Object> config = new LinkedHashMap<>(layer.getConfig());
        config.put("name", name);
        config.put("go_backwards", goBackwards);
        // Functions are copied over rather than read back by name (see copyFunctionsFrom).
        config.put("activation", "linear");
        if (config.containsKey("recurrent_activation")) config.put("recurrent_activation", "linear");
        RNN copy = (RNN) Layers.fromConfig(layer.className(), config);
        copy.cell().copyFunctionsFrom(layer.cell());
        return copy;
    }

    private void verify() {
        if (forwardLayer.goBackwards() == backwardLayer.goBackwards()) {
            throw new IllegalArgumentException("Forward layer and backward layer should have different `go_backwards` value. Received: "
                    + "forward_layer.go_backwards " + pyBool(forwardLayer.goBackwards()) + ", backward_layer.go_backwards="
                    + pyBool(backwardLayer.goBackwards()));
        }
        check("stateful", forwardLayer.stateful(), backwardLayer.stateful());
        check("return_sequences", forwardLayer.returnSequences(), backwardLayer.returnSequences());
        check("return_state", forwardLayer.returnState(), backwardLayer.returnState());
    }

    private static void check(String attribute, boolean forward, boolean backward) {
        if (forward != backward) {
            throw new IllegalArgumentException("Forward layer and backward layer are expected to have the same value for attribute \""
                    + attribute + "\", got \"" + pyBool(forward) + "\" for forward layer and \"" + pyBool(backward) + "\" for backward layer");
        }
    }

    private static String pyBool(boolean b) { return b ? "True" : "False"; }

    /** {@code "concat"} (default), {@code "sum"}, {@code "mul"}, {@code "ave"}, or null for both outputs unmerged. */
    public Bidirectional mergeMode(String mode) {
        if (mode != null && !MERGE_MODES.contains(mode)) {
            throw new IllegalArgumentException("Invalid merge mode. Received: " + mode + ". Merge mode should be one of "
                    + "{\"sum\", \"mul\", \"ave\", \"concat\", None}");
        }
        mergeMode = mode;
        return this;
    }

    public String mergeMode() { return mergeMode; }

    public RNN forwardLayer() { return forwardLayer; }

    public RNN backwardLayer() { return backwardLayer; }

    @Override public void build(Shape inputShape) {
        forwardLayer.dtype(dtype());
        backwardLayer.dtype(dtype());
        forwardLayer.ensureBuilt(inputShape);
        backwardLayer.ensureBuilt(inputShape);
    }

    @Override public Tensor call(Tensor inputs, boolean training) {
        if (mergeMode == null) {
            throw new UnsupportedOperationException("Layer " + name() + " has merge_mode=None and returns two tensors: use applyAll.");
        }
        return callWithStates(inputs, null, training).get(0);
    }

    // ------------------------------------------------------------------ several inputs and outputs

    /** The input spec describes the sequences only; the initial states are checked when used. */
    @Override protected void checkInputSpec(List<Shape> inputShapes) {
        if (inputSpec != null) inputSpec.check(this, 0, inputShapes.get(0));
    }

    /** Inputs after the first are the initial states: the forward layer's, then the backward layer's. */
    @Override protected void buildAll(List<Shape> inputShapes) { build(inputShapes.get(0)); }

    @Override protected List<Tensor> callAll(List<Tensor> inputs, boolean training) {
        return callAllMasked(inputs, java.util.Collections.nCopies(inputs.size(), (Tensor) null), training);
    }

    /** [output] (two with merge_mode None), then with return_state the forward states and the backward states. */
    @Override protected List<Tensor> callAllMasked(List<Tensor> inputs, List<Tensor> masks, boolean training) {
        List<Tensor> initial = inputs.size() > 1 ? inputs.subList(1, inputs.size()) : null;
        List<Tensor> all = callWithStates(inputs.get(0), initial, masks.get(0), training);
        return forwardLayer.returnState() ? all : all.subList(0, mergeMode == null ? 2 : 1);
    }

    @Override public List<Shape> computeOutputShapes(List<Shape> inputShapes) {
        Shape in = inputShapes.get(0);
        List<Shape> out = new ArrayList<>();
        if (mergeMode == null) {
            Shape s = forwardLayer.computeOutputShape(in);
            out.add(s);
            out.add(s);
        } else {
            out.add(computeOutputShape(in));
        }
        if (forwardLayer.returnState()) {
            for (int size : forwardLayer.cell().stateSize()) out.add(Shape.of(in.dim(0), size));
            for (int size : backwardLayer.cell().stateSize()) out.add(Shape.of(in.dim(0), size));
        }
        return out;
    }

    // ------------------------------------------------------------------ masking

    @Override public boolean supportsMasking() { return true; }

    @Override public Tensor computeMask(Tensor inputs, Tensor mask) { return forwardLayer.returnSequences() ? mask : null; }

    @Override public List<Tensor> computeMasks(List<Tensor> inputs, List<Tensor> masks) {
        Tensor m = computeMask(inputs.get(0), masks.isEmpty() ? null : masks.get(0));
        List<Tensor> out = new ArrayList<>();
        out.add(m);
        if (mergeMode == null) out.add(m);
        if (forwardLayer.returnState()) {
            int n = forwardLayer.cell().stateSize().size() + backwardLayer.cell().stateSize().size();
            for (int i = 0; i < n; i++) out.add(null);
        }
        return out;
    }

    @Override protected Tensor callMasked(Tensor inputs, Tensor mask, boolean training) {
        if (mergeMode == null) return call(inputs, training);
        return callWithStates(inputs, null, mask, training).get(0);
    }

    /**
     * Both directions from {@code initialState} (the forward layer's states then the backward
     * layer's, as Keras splits them; null for zeros). Returns [output, forward states...,
     * backward states...], or [forward output, backward output, states...] when merge_mode is null.
     */
    public List<Tensor> callWithStates(Tensor inputs, List<Tensor> initialState, boolean training) {
        return callWithStates(inputs, initialState, null, training);
    }

    /** As {@link #callWithStates(Tensor, List, boolean)} with a (batch, timesteps) mask for both directions. */
    public List<Tensor> callWithStates(Tensor inputs, List<Tensor> initialState, Tensor mask, boolean training) {
        ensureBuilt(inputs.shape());
        List<Tensor> forwardState = null, backwardState = null;
        if (initialState != null) {
            int half = initialState.size() / 2;
            forwardState = initialState.subList(0, half);
            backwardState = initialState.subList(half, initialState.size());
        }
        List<Tensor> forward = forwardLayer.callWithStates(inputs, forwardState, mask, training);
        List<Tensor> backward = backwardLayer.callWithStates(inputs, backwardState, mask, training);
        Tensor y = forward.get(0), yRev = backward.get(0);
        if (backwardLayer.returnSequences()) yRev = reverseTime(yRev);
        List<Tensor> out = new ArrayList<>();
        if (mergeMode == null) {
            out.add(y);
            out.add(yRev);
        } else {
            out.add(merge(y, yRev));
        }
        out.addAll(forward.subList(1, forward.size()));
        out.addAll(backward.subList(1, backward.size()));
        return out;
    }

    private Tensor merge(Tensor y, Tensor yRev) {
        return switch (mergeMode) {
            case "concat" -> Ops.concatenate(List.of(y, yRev), -1);
            case "sum" -> Ops.add(y, yRev);
            case "mul" -> Ops.multiply(y, yRev);
            case "ave" -> Ops.multiply(Ops.add(y, yRev), 0.5);
            default -> throw new IllegalStateException("merge mode " + mergeMode);
        };
    }

    /** Keras's {@code ops.flip(y, axis=1)}. */
    static Tensor reverseTime(Tensor y) {
        int steps = y.shape().dim(1);
        int[] order = new int[steps];
        for (int i = 0; i < steps; i++) order[i] = steps - 1 - i;
        return Ops.take(y, Tensor.ofInts(order, steps), 1);
    }

    /** Zeros the kept states of both directions when the layers are stateful. */
    public void resetStates() {
        forwardLayer.resetStates();
        backwardLayer.resetStates();
    }

    @Override public Shape computeOutputShape(Shape inputShape) {
        Shape s = forwardLayer.computeOutputShape(inputShape);
        return "concat".equals(mergeMode) ? s.withDim(-1, s.dim(-1) * 2) : s;
    }

    @Override protected List<Layer> sublayers() { return List.of(forwardLayer, backwardLayer); }

    @Override public List<Variable> weights() {
        List<Variable> out = new ArrayList<>(forwardLayer.weights());
        out.addAll(backwardLayer.weights());
        return out;
    }

    @Override public List<Variable> trainableWeights() {
        List<Variable> out = new ArrayList<>(forwardLayer.trainableWeights());
        out.addAll(backwardLayer.trainableWeights());
        return out;
    }

    @Override public List<Variable> nonTrainableWeights() {
        List<Variable> out = new ArrayList<>(forwardLayer.nonTrainableWeights());
        out.addAll(backwardLayer.nonTrainableWeights());
        return out;
    }

    @Override @SuppressWarnings("unchecked")
    public <T extends Layer> T trainable(boolean value) {
        super.trainable(value);
        if (forwardLayer != null) forwardLayer.trainable(value);
        if (backwardLayer != null) backwardLayer.trainable(value);
        return (T) this;
    }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("merge_mode", mergeMode);
        c.put("layer", serialize("keras.layers", forwardLayer.className(), forwardLayer.getConfig()));
        c.put("backward_layer", serialize("keras.layers", backwardLayer.className(), backwardLayer.getConfig()));
        return c;
    }
}
