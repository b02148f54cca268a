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
     * Keras's {@code return_state}: the states come back after the output. Until layers return
     * several tensors, {@link #apply} gives the output only; {@link #callWithStates} gives all.
     */
    public RNN returnState(boolean value) { checkNotBuilt(); returnState = value; return this; }

    public RNN goBackwards(boolean value) { checkNotBuilt(); goBackwards = value; return this; }

    public RNN stateful(boolean value) { checkNotBuilt(); stateful = value; return this; }

    /** Accepted for Keras compatibility; the loop is the same either way here. */
    public RNN unroll(boolean value) { unroll = value; return this; }

    private void checkNotBuilt() {
        if (built()) throw new IllegalStateException("Layer " + name() + " is already built; set its arguments before first use");
    }

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

    /**
     * Runs the sequence from {@code initialState} (null: zeros, or the kept states when stateful).
     * Returns [output, final states...]: for LSTM [output, h, c].
     */
    public List<Tensor> callWithStates(Tensor inputs, List<Tensor> initialState, boolean training) {
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

        List<Tensor> outputs = new ArrayList<>();
        Tensor last = null;
        for (int s = 0; s < steps; s++) {
            int t = goBackwards ? steps - 1 - s : s;
            Tensor xt = Ops.reshape(Ops.slice(projected, new int[] {0, t, 0}, new int[] {batch, 1, width}), batch, width);
            List<Tensor> result = cell.step(xt, current, recurrentMask);
            last = result.get(0);
            current = result.subList(1, result.size());
            if (returnSequences) outputs.add(last);
        }
        if (stateful) {
            List<Tensor> kept = new ArrayList<>();
            for (Tensor st : current) kept.add(Ops.stopGradient(st));
            states = kept;
        }
        List<Tensor> out = new ArrayList<>();
        out.add(returnSequences ? Ops.stack(outputs, 1) : last);
        out.addAll(current);
        return out;
    }

    private List<Tensor> initialStates(int batch, List<Tensor> given) {
        if (given != null) {
            if (given.size() != cell.stateSize().size()) {
                throw new IllegalArgumentException("Layer " + name() + " expects " + cell.stateSize().size()
                        + " state(s), but it received " + given.size() + " initial state(s).");
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
        c.put("zero_output_for_mask", false);
        return c;
    }


    /** The RNN keys followed by the cell's arguments (not its name, trainable or dtype). */
    Map<String, Object> rnnConfigWithCellArguments() {
        Map<String, Object> c = rnnConfig();
        Map<String, Object> cellConfig = cell.getConfig();
        for (String k : List.of("name", "trainable", "dtype")) cellConfig.remove(k);
        c.putAll(cellConfig);
        c.put("activity_regularizer", null);
        return c;
    }
}
