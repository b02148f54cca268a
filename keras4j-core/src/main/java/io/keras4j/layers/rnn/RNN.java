package io.keras4j.layers.rnn;

import io.keras4j.autodiff.Variable;
import io.keras4j.layers.InputSpec;
import io.keras4j.layers.Layer;
import io.keras4j.layers.Layers;
import io.keras4j.ops.Ops;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Keras's {@code RNN}: runs a cell over the time axis of (batch, timesteps, features) inputs and
 * returns the last output, or every output with {@code returnSequences}. {@code goBackwards}
 * processes the sequence in reverse and returns the outputs in that processing order, as Keras.
 * {@code stateful} keeps the final states of one call as the initial states of the next (the
 * batch size must then be fixed) until {@link #resetStates}. The cell's weights are the layer's.
 * With {@code returnState} {@link #applyAll} returns [output, states...]; inputs after the first
 * are the initial states. A (batch, timesteps) mask (from {@code Masking} or
 * {@code Embedding(mask_zero)}) makes masked steps keep the previous output and states.
 * <pre>{@code
 * Tensor y = new RNN(new LSTMCell(8)).returnSequences(true).apply(x);
 * }</pre>
 */
public class RNN extends Layer {
    private final RecurrentCell cell;
    private boolean returnSequences;
    private boolean returnState;
    private boolean goBackwards;
    private boolean stateful;
    private boolean unroll;
    private boolean zeroOutputForMask;
    private List<Tensor> states;

    public RNN(RecurrentCell cell) {
        if (cell == null) throw new IllegalArgumentException("Argument `cell` should have a `call` method. Received: cell=None");
        this.cell = cell;
        this.inputSpec = InputSpec.ndim(3);
    }

    /** Keras's {@code from_config}: the cell is a serialized SimpleRNNCell, LSTMCell or GRUCell. */
    public static RNN fromConfig(Layers.Config c) {
        Layer cell = RecurrentConfig.nested(c, "cell");
        if (!(cell instanceof RecurrentCell rc)) {
            throw new UnsupportedOperationException("RNN: cell " + cell.className() + " is not supported yet");
        }
        return RecurrentConfig.readLayer(c, new RNN(rc));
    }

    public RecurrentCell cell() { return cell; }

    public RNN returnSequences(boolean value) { checkNotBuilt(); returnSequences = value; return this; }

    /**
     * Keras's {@code return_state}: the layer returns [output, states...] (LSTM: [output, h, c]),
     * through {@link #applyAll}; {@link #apply} then refuses, as the layer has several outputs.
     */
    public RNN returnState(boolean value) { checkNotBuilt(); returnState = value; return this; }

    public RNN goBackwards(boolean value) { checkNotBuilt(); goBackwards = value; return this; }

    public RNN stateful(boolean value) { checkNotBuilt(); stateful = value; return this; }

    /**
     * Keras's {@code zero_output_for_mask}: with {@code returnSequences} and a mask, masked steps
     * output zeros instead of the previous step's output.
     */
    public RNN zeroOutputForMask(boolean value) { checkNotBuilt(); zeroOutputForMask = value; return this; }

    public boolean zeroOutputForMask() { return zeroOutputForMask; }

    /** Accepted for Keras compatibility; the loop is the same either way here. */
    public RNN unroll(boolean value) { unroll = value; return this; }

    public boolean returnSequences() { return returnSequences; }

    public boolean returnState() { return returnState; }

    public boolean goBackwards() { return goBackwards; }

    public boolean stateful() { return stateful; }

    // ------------------------------------------------------------------ Keras contract

    @Override public void build(Shape inputShape) {
        if (stateful && inputShape.dim(0) == Shape.UNKNOWN) {
            throw new IllegalArgumentException("If a RNN is stateful, it needs to know its batch size. Specify the batch "
                    + "size of your input tensors: \n- If using a Sequential model, specify the batch size by passing a "
                    + "`batch_input_shape` argument to your first layer.\n- If using the functional API, specify the batch "
                    + "size by passing a `batch_shape` argument to your Input layer.");
        }
        if (cell.dtype() != dtype()) cell.dtype(dtype());
        cell.ensureBuilt(Shape.of(inputShape.dim(0), inputShape.dim(-1)));
        inputSpec = new InputSpec(3, null, Map.of(-1, inputShape.dim(-1)));
    }

    @Override public Tensor call(Tensor inputs, boolean training) { return callWithStates(inputs, null, training).get(0); }

    @Override protected Tensor callMasked(Tensor inputs, Tensor mask, boolean training) {
        return callWithStates(inputs, null, mask, training).get(0);
    }

    // ------------------------------------------------------------------ several inputs and outputs

    /** The input spec describes the sequences only; the initial states are checked when used. */
    @Override protected void checkInputSpec(List<Shape> inputShapes) {
        if (inputSpec != null) inputSpec.check(this, 0, inputShapes.get(0));
    }

    /** Inputs after the first are the initial states (Keras's {@code initial_state=}). */
    @Override protected void buildAll(List<Shape> inputShapes) { build(inputShapes.get(0)); }

    /** [sequences, initial states...] → [output] or, with returnState, [output, final states...]. */
    @Override protected List<Tensor> callAll(List<Tensor> inputs, boolean training) {
        return callAllMasked(inputs, java.util.Collections.nCopies(inputs.size(), (Tensor) null), training);
    }

    @Override protected List<Tensor> callAllMasked(List<Tensor> inputs, List<Tensor> masks, boolean training) {
        List<Tensor> initial = inputs.size() > 1 ? inputs.subList(1, inputs.size()) : null;
        List<Tensor> all = callWithStates(inputs.get(0), initial, masks.get(0), training);
        return returnState ? all : List.of(all.get(0));
    }

    @Override public List<Shape> computeOutputShapes(List<Shape> inputShapes) {
        Shape in = inputShapes.get(0);
        List<Shape> out = new ArrayList<>();
        out.add(computeOutputShape(in));
        if (returnState) for (int size : cell.stateSize()) out.add(Shape.of(in.dim(0), size));
        return out;
    }

    // ------------------------------------------------------------------ masking

    /** Masks are per time step: the output keeps the mask only while it keeps the time axis. */
    @Override public boolean supportsMasking() { return true; }

    @Override public Tensor computeMask(Tensor inputs, Tensor mask) { return returnSequences ? mask : null; }

    @Override public List<Tensor> computeMasks(List<Tensor> inputs, List<Tensor> masks) {
        List<Tensor> out = new ArrayList<>();
        out.add(computeMask(inputs.get(0), masks.isEmpty() ? null : masks.get(0)));
        if (returnState) for (int i = 0; i < cell.stateSize().size(); i++) out.add(null); // states carry no mask
        return out;
    }

    /**
     * Runs the sequence from {@code initialState} (null: zeros, or the kept states when stateful).
     * Returns [output, final states...]: for LSTM [output, h, c].
     */
    public List<Tensor> callWithStates(Tensor inputs, List<Tensor> initialState, boolean training) {
        return callWithStates(inputs, initialState, null, training);
    }

    /**
     * As {@link #callWithStates(Tensor, List, boolean)} with a (batch, timesteps) {@code mask}
     * (nonzero: use the step; null: every step). At a masked step the output and the states stay
     * those of the previous step (zeros before the first), as Keras's backend {@code rnn}.
     */
    public List<Tensor> callWithStates(Tensor inputs, List<Tensor> initialState, Tensor mask, boolean training) {
        ensureBuilt(inputs.shape());
        if (inputSpec != null) inputSpec.check(this, 0, inputs.shape());
        if (inputs.dtype() != dtype() && inputs.dtype().isFloating()) inputs = Ops.cast(inputs, dtype());
        int batch = inputs.shape().dim(0), steps = inputs.shape().dim(1), features = inputs.shape().dim(2);
        List<Tensor> current = initialStates(batch, initialState);

        Tensor inputMask = cell.inputDropoutMask(Shape.of(batch, 1, features), inputs.dtype(), training);
        if (inputMask != null) inputs = Ops.multiply(inputs, inputMask);
        // One matmul for the input side of every time step; only the recurrent part is sequential.
        Tensor projected = cell.projectInputs(inputs);
        int width = projected.shape().dim(2);
        Tensor recurrentMask = cell.recurrentDropoutMask(batch, inputs.dtype(), training);
        if (mask != null) checkMask(mask, batch, steps);
        if (mask == null && recurrentMask == null) {
            List<Tensor> fused = cell.runFused(projected, current, goBackwards, returnSequences);
            if (fused != null) return finish(fused.get(returnSequences ? 0 : 1), fused.subList(2, fused.size()));
        }

        List<Tensor> outputs = new ArrayList<>();
        Tensor last = null;
        for (int s = 0; s < steps; s++) {
            int t = goBackwards ? steps - 1 - s : s;
            Tensor xt = Ops.reshape(Ops.slice(projected, new int[] {0, t, 0}, new int[] {batch, 1, width}), batch, width);
            List<Tensor> result = cell.step(xt, current, recurrentMask);
            Tensor output = result.get(0);
            List<Tensor> next = result.subList(1, result.size());
            if (mask != null) {
                Tensor keep = stepMask(mask, t, batch, inputs);
                Tensor previous = last != null ? last : Ops.zerosLike(output);
                Tensor sequenceOutput = Ops.where(keep, output, zeroOutputForMask ? Ops.zerosLike(output) : previous);
                output = Ops.where(keep, output, previous);
                List<Tensor> kept = new ArrayList<>(next.size());
                for (int i = 0; i < next.size(); i++) kept.add(Ops.where(keep, next.get(i), current.get(i)));
                next = kept;
                if (returnSequences) outputs.add(sequenceOutput);
            } else if (returnSequences) {
                outputs.add(output);
            }
            last = output;
            current = next;
        }
        return finish(returnSequences ? Ops.stack(outputs, 1) : last, current);
    }

    /** [output, final states...], keeping the final states of a stateful layer for its next call. */
    private List<Tensor> finish(Tensor output, List<Tensor> finalStates) {
        if (stateful) {
            List<Tensor> kept = new ArrayList<>();
            for (Tensor st : finalStates) kept.add(Ops.stopGradient(st));
            states = kept;
        }
        List<Tensor> out = new ArrayList<>();
        out.add(output);
        out.addAll(finalStates);
        return out;
    }

    private void checkMask(Tensor mask, int batch, int steps) {
        Shape m = mask.shape();
        if (m.rank() != 2 || m.dim(0) != batch || m.dim(1) != steps) {
            throw new IllegalArgumentException("Layer " + name() + ": the mask must have shape (batch_size, timesteps) = (" + batch + ", "
                    + steps + "). Received: mask.shape=" + m);
        }
    }

    /** The mask of step {@code t} as a (batch, 1) column in the inputs' dtype, 1 where the step is used. */
    private static Tensor stepMask(Tensor mask, int t, int batch, Tensor inputs) {
        Tensor column = Ops.slice(mask, new int[] {0, t}, new int[] {batch, 1});
        return Ops.stopGradient(column.dtype() == inputs.dtype() ? column : Ops.cast(column, inputs.dtype()));
    }

    private List<Tensor> initialStates(int batch, List<Tensor> given) {
        if (given != null) {
            if (given.size() != cell.stateSize().size()) {
                throw new IllegalArgumentException("Layer " + name() + " expects " + cell.stateSize().size()
                        + " state(s), but it received " + given.size() + " initial state(s).");
            }
            for (int i = 0; i < given.size(); i++) {
                Shape want = Shape.of(batch, cell.stateSize().get(i));
                if (!given.get(i).shape().equals(want)) {
                    throw new IllegalArgumentException("Layer " + name() + ": initial state " + i + " must have shape " + want
                            + " (batch_size, state_size). Received: shape=" + given.get(i).shape());
                }
            }
            return given;
        }
        if (!stateful) return cell.getInitialState(batch);
        if (states == null) states = cell.getInitialState(batch);
        if (states.get(0).shape().dim(0) != batch) {
            throw new IllegalArgumentException("Layer " + name() + " is stateful for a batch size of " + states.get(0).shape().dim(0)
                    + ", but received inputs with batch size " + batch + ". A stateful RNN needs the same batch size at every call.");
        }
        return states;
    }

    /** Zeros the states a stateful layer keeps between calls (Keras's {@code reset_states}). */
    public void resetStates() { states = null; }

    /** The states kept between calls of a stateful layer, or null before the first call. */
    public List<Tensor> states() { return states; }

    @Override public Shape computeOutputShape(Shape inputShape) {
        return returnSequences ? Shape.of(inputShape.dim(0), inputShape.dim(1), cell.units())
                : Shape.of(inputShape.dim(0), cell.units());
    }

    // ------------------------------------------------------------------ weights live in the cell

    @Override public List<Variable> weights() { return cell.weights(); }

    /** The cell, so that its weight penalties (kernel/recurrent/bias regularizers) join this layer's losses. */
    @Override protected List<Layer> sublayers() { return List.of(cell); }

    @Override public List<Variable> trainableWeights() { return cell.trainableWeights(); }

    @Override public List<Variable> nonTrainableWeights() { return cell.nonTrainableWeights(); }

    @Override @SuppressWarnings("unchecked")
    public <T extends Layer> T trainable(boolean value) {
        super.trainable(value);
        cell.trainable(value);
        return (T) this;
    }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> c = rnnConfig();
        c.put("cell", serialize("keras.layers", cell.className(), cell.getConfig()));
        return c;
    }

    /** Keras's RNN keys without the cell: SimpleRNN, LSTM and GRU write the cell's own keys instead. */
    Map<String, Object> rnnConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("return_sequences", returnSequences);
        c.put("return_state", returnState);
        c.put("go_backwards", goBackwards);
        c.put("stateful", stateful);
        c.put("unroll", unroll);
        c.put("zero_output_for_mask", zeroOutputForMask);
        return c;
    }

    /** The RNN keys followed by the cell's arguments (not its name, trainable or dtype). */
    Map<String, Object> rnnConfigWithCellArguments() {
        Map<String, Object> c = rnnConfig();
        Map<String, Object> cellConfig = cell.getConfig();
        for (String k : List.of("name", "trainable", "dtype")) cellConfig.remove(k);
        c.putAll(cellConfig);
        c.put("activity_regularizer", io.keras4j.regularizers.Regularizers.serialize(activityRegularizer()));
        return c;
    }
}
