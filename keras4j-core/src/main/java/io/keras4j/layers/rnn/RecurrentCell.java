package io.keras4j.layers.rnn;

import io.keras4j.activations.ActivationFunction;
import io.keras4j.activations.Activations;
import io.keras4j.constraints.Constraint;
import io.keras4j.constraints.Constraints;
import io.keras4j.initializers.Initializer;
import io.keras4j.initializers.Initializers;
import io.keras4j.layers.Layer;
import io.keras4j.ops.Ops;
import io.keras4j.random.Random;
import io.keras4j.regularizers.Regularizer;
import io.keras4j.regularizers.Regularizers;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * What {@link RNN} needs of a cell: Keras's cell contract ({@code state_size}, {@code call(inputs,
 * states, training)}) plus the dropout of Keras's {@code DropoutRNNCell}. The step is split in two
 * so that the layer can project the whole sequence by the kernel in one matmul
 * ({@link #projectInputs}) and then run only the recurrent part per time step ({@link #step}).
 *
 * <p>Dropout masks are drawn once per sequence and shared by all its time steps, as Keras does.
 * One input mask and one recurrent mask serve all gates (Keras's {@code implementation=2}); Keras
 * draws one per gate when {@code recurrent_dropout > 0}, which has the same distribution per unit
 * but not the same random numbers.
 */
public abstract class RecurrentCell extends Layer {
    protected final int units;
    protected ActivationFunction activation = Activations.get("tanh");
    protected boolean useBias = true;
    protected Initializer kernelInitializer = Initializers.get("glorot_uniform");
    protected Initializer recurrentInitializer = Initializers.get("orthogonal");
    protected Initializer biasInitializer = Initializers.get("zeros");
    protected Regularizer kernelRegularizer;
    protected Regularizer recurrentRegularizer;
    protected Regularizer biasRegularizer;
    protected Constraint kernelConstraint;
    protected Constraint recurrentConstraint;
    protected Constraint biasConstraint;
    private double dropout;
    private double recurrentDropout;
    private Long seed;
    private SplittableRandom seeds;

    protected RecurrentCell(int units) {
        if (units <= 0) {
            throw new IllegalArgumentException("Received an invalid value for argument `units`, expected a positive integer, got " + units + ".");
        }
        this.units = units;
    }

    public int units() { return units; }

    /** The size of each state tensor (Keras's {@code state_size}); the first state is the output. */
    public abstract List<Integer> stateSize();

    /** Inputs of any rank (..., input_dim) times the kernel, plus the bias of the input side: (..., gates*units). */
    abstract Tensor projectInputs(Tensor inputs);

    /**
     * One time step from this step's projected input (batch, gates*units) and the previous states;
     * {@code recurrentMask} (batch, units) or null multiplies the previous output before the
     * recurrent kernel. Returns [output, new states...].
     */
    abstract List<Tensor> step(Tensor projected, List<Tensor> states, Tensor recurrentMask);

    /**
     * The whole sequence in one fused primitive, or null when this cell has none for its
     * configuration (the layer then runs {@link #step} per time step). {@code projected} (batch,
     * steps, gates*units) from {@link #projectInputs}; no recurrent dropout and no mask. Returns
     * [outputs (batch, steps, units) in processing order, or null unless {@code sequences}; the
     * last output; the final states...].
     */
    List<Tensor> runFused(Tensor projected, List<Tensor> states, boolean reverse, boolean sequences) { return null; }

    /**
     * Whether {@code fn} computes {@code reference}, probed at a few points in float64: an
     * activation is a function object (a lambda has no name to compare), and a fused kernel may
     * stand in for it only where it is the standard function.
     */
    static boolean computes(ActivationFunction fn, java.util.function.DoubleUnaryOperator reference) {
        double[] probe = {-6.5, -2, -0.7, -0.05, 0, 0.3, 1.1, 4};
        try {
            Tensor y = io.keras4j.autodiff.GradientTape.stopRecording(() -> fn.apply(Tensor.of(probe, probe.length)));
            if (!y.shape().equals(Shape.of(probe.length))) return false;
            double[] got = y.toDoubleArray();
            for (int i = 0; i < probe.length; i++) {
                if (!(Math.abs(got[i] - reference.applyAsDouble(probe[i])) <= 1e-12)) return false;
            }
            return true;
        } catch (RuntimeException e) {
            return false; // a function that cannot take float64 vectors is not the standard one
        }
    }

    // ------------------------------------------------------------------ options shared by the cells

    void setActivation(ActivationFunction fn) { checkNotBuilt(); activation = fn == null ? Activations.get("linear") : fn; }

    /**
     * Takes the activation functions of {@code other}: a copy made from a config would read
     * {@code "hard_sigmoid"} by Keras 3's definition, or could not read a lambda at all.
     */
    void copyFunctionsFrom(RecurrentCell other) { activation = other.activation; }

    void setUseBias(boolean value) { checkNotBuilt(); useBias = value; }

    void setKernelInitializer(Initializer init) { checkNotBuilt(); kernelInitializer = init; }

    void setRecurrentInitializer(Initializer init) { checkNotBuilt(); recurrentInitializer = init; }

    void setBiasInitializer(Initializer init) { checkNotBuilt(); biasInitializer = init; }

    void setKernelRegularizer(Regularizer r) { checkNotBuilt(); kernelRegularizer = r; }

    void setRecurrentRegularizer(Regularizer r) { checkNotBuilt(); recurrentRegularizer = r; }

    void setBiasRegularizer(Regularizer r) { checkNotBuilt(); biasRegularizer = r; }

    void setKernelConstraint(Constraint c) { checkNotBuilt(); kernelConstraint = c; }

    void setRecurrentConstraint(Constraint c) { checkNotBuilt(); recurrentConstraint = c; }

    void setBiasConstraint(Constraint c) { checkNotBuilt(); biasConstraint = c; }

    public Regularizer kernelRegularizer() { return kernelRegularizer; }

    public Regularizer recurrentRegularizer() { return recurrentRegularizer; }

    public Regularizer biasRegularizer() { return biasRegularizer; }

    public Constraint kernelConstraint() { return kernelConstraint; }

    public Constraint recurrentConstraint() { return recurrentConstraint; }

    public Constraint biasConstraint() { return biasConstraint; }

    void setDropout(double rate) { dropout = clampRate(rate); }

    void setRecurrentDropout(double rate) { recurrentDropout = clampRate(rate); }

    void setSeed(Long value) { seed = value; seeds = null; }

    /** Keras clips the rates into [0, 1] rather than refusing them. */
    private static double clampRate(double rate) { return Math.min(1.0, Math.max(0.0, rate)); }

    public ActivationFunction activation() { return activation; }

    public double dropout() { return dropout; }

    public double recurrentDropout() { return recurrentDropout; }

    public Long seed() { return seed; }

    // ------------------------------------------------------------------ calling

    /** Keras's cell call: one time step of {@code inputs} (batch, input_dim). Returns [output, new states...]. */
    public List<Tensor> call(Tensor inputs, List<Tensor> states, boolean training) {
        ensureBuilt(inputs.shape());
        Tensor inputMask = dropoutMask(inputs.shape(), dropout, inputs.dtype(), training);
        Tensor x = inputMask == null ? inputs : Ops.multiply(inputs, inputMask);
        Tensor recurrentMask = dropoutMask(Shape.of(inputs.shape().dim(0), units), recurrentDropout, inputs.dtype(), training);
        return step(projectInputs(x), states, recurrentMask);
    }

    @Override public Tensor call(Tensor inputs, boolean training) {
        throw new UnsupportedOperationException("Layer " + name() + " is a recurrent cell: call it with its states "
                + "(call(inputs, states, training)) or wrap it in an RNN layer.");
    }

    /** Zeros for every state, Keras's {@code get_initial_state}. */
    public List<Tensor> getInitialState(int batchSize) {
        List<Tensor> out = new ArrayList<>();
        for (int size : stateSize()) out.add(Tensor.zeros(Shape.of(batchSize, size), dtype()));
        return out;
    }

    /** The input dropout mask (null when none), shape as given, fixed for a whole sequence. */
    Tensor inputDropoutMask(Shape shape, DType dtype, boolean training) { return dropoutMask(shape, dropout, dtype, training); }

    Tensor recurrentDropoutMask(int batch, DType dtype, boolean training) {
        return dropoutMask(Shape.of(batch, units), recurrentDropout, dtype, training);
    }

    private long streamSeed() {
        if (seeds == null) seeds = new SplittableRandom(seed != null ? seed : Random.nextSeed());
        return seeds.nextLong();
    }

    private Tensor dropoutMask(Shape shape, double rate, DType dtype, boolean training) {
        if (!training || rate <= 0 || rate >= 1) return null;
        // Keras's SeedGenerator: a stream of seeds fixed at creation from the seed or the global generator.
        float[] keep = Random.keepMask(shape.size(), rate, (float) (1.0 / (1.0 - rate)), Random.noiseSeed(seed, this::streamSeed));
        return Ops.cast(Tensor.wrap(keep, shape), dtype);
    }

    @Override public Shape computeOutputShape(Shape inputShape) { return inputShape.withDim(-1, units); }

    /** The keys every Keras cell writes. */
    Map<String, Object> cellConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("units", units);
        c.put("activation", activation.name());
        return c;
    }

    void putCommonConfig(Map<String, Object> c) {
        c.put("use_bias", useBias);
        c.put("kernel_initializer", serialize("keras.initializers", kernelInitializer.className(), kernelInitializer.getConfig()));
        c.put("recurrent_initializer", serialize("keras.initializers", recurrentInitializer.className(), recurrentInitializer.getConfig()));
        c.put("bias_initializer", serialize("keras.initializers", biasInitializer.className(), biasInitializer.getConfig()));
    }

    void putRegularizationConfig(Map<String, Object> c) {
        c.put("kernel_regularizer", Regularizers.serialize(kernelRegularizer));
        c.put("recurrent_regularizer", Regularizers.serialize(recurrentRegularizer));
        c.put("bias_regularizer", Regularizers.serialize(biasRegularizer));
        c.put("kernel_constraint", Constraints.serialize(kernelConstraint));
        c.put("recurrent_constraint", Constraints.serialize(recurrentConstraint));
        c.put("bias_constraint", Constraints.serialize(biasConstraint));
        c.put("dropout", dropout);
        c.put("recurrent_dropout", recurrentDropout);
        c.put("seed", seed);
    }

    // ------------------------------------------------------------------ math shared by the cells

    /** Columns [from, from+count) of a (batch, n) matrix. */
    static Tensor columns(Tensor x, int from, int count) {
        return Ops.slice(x, new int[] {0, from}, new int[] {x.shape().dim(0), count});
    }

    /** Columns [from, from+count) of a weight matrix (rows, n). */
    static Tensor kernelColumns(Tensor w, int from, int count) {
        return Ops.slice(w, new int[] {0, from}, new int[] {w.shape().dim(0), count});
    }
}
