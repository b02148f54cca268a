package io.keras4j.layers;

import io.keras4j.autodiff.Variable;
import io.keras4j.constraints.Constraint;
import io.keras4j.initializers.Initializer;
import io.keras4j.ops.Ops;
import io.keras4j.regularizers.Regularizer;
import io.keras4j.regularizers.Regularizers;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The base of every layer, with Keras's contract: {@link #build} creates the weights with
 * {@link #addWeight} once the input shape is known, {@link #call} computes the output from
 * {@code ops} only, {@link #computeOutputShape} predicts it, and {@link #getConfig} describes the
 * layer with Keras's JSON keys. Shapes passed to build/computeOutputShape include the batch
 * dimension (-1 when unknown, Keras's None).
 */
public abstract class Layer {
    private static final Map<String, AtomicInteger> NAME_COUNTS = new ConcurrentHashMap<>();

    private String name;
    private boolean trainable = true;
    private boolean built;
    private DType dtype = DType.FLOAT32;
    private final List<Variable> weights = new ArrayList<>();
    private final List<Tensor> addedLosses = new ArrayList<>();
    /** Whether each weight is trainable when the layer is (moving statistics never are). */
    private final Map<Variable, Boolean> naturallyTrainable = new java.util.IdentityHashMap<>();
    /** The weights that have a regularizer, in creation order (Variable compares by identity). */
    private final Map<Variable, Regularizer> weightRegularizers = new LinkedHashMap<>();
    private Regularizer activityRegularizer;
    protected InputSpec inputSpec;
    private Shape builtInputShape;

    protected Layer() {}

    // ------------------------------------------------------------------ naming

    /** Keras's automatic names: the class name in snake case, then _1, _2, ... for later ones. */
    protected String defaultName() {
        String prefix = snakeCase(getClass().getSimpleName());
        int n = NAME_COUNTS.computeIfAbsent(prefix, k -> new AtomicInteger()).getAndIncrement();
        return n == 0 ? prefix : prefix + "_" + n;
    }

    /** CamelCase to snake_case as Keras does it ("Conv2D" → "conv2d", "InputLayer" → "input_layer"). */
    public static String snakeCase(String s) {
        String a = s.replaceAll("(.)([A-Z][a-z]+)", "$1_$2");
        return a.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    /** Resets automatic naming (Keras's {@code keras.backend.clear_session}). */
    public static void clearSession() { NAME_COUNTS.clear(); }

    public String name() {
        if (name == null) name = defaultName();
        return name;
    }

    /** Sets the layer's name (Keras's {@code name=} argument). */
    @SuppressWarnings("unchecked")
    public <T extends Layer> T name(String newName) {
        if (newName == null || newName.isBlank()) throw new IllegalArgumentException("Layer name must be a non-empty string, received: '" + newName + "'");
        if (newName.contains("/")) throw new IllegalArgumentException("Argument `name` must be a string without '/', received: name=" + newName);
        this.name = newName;
        return (T) this;
    }

    public String className() { return getClass().getSimpleName(); }

    // ------------------------------------------------------------------ state

    public boolean trainable() { return trainable; }

    @SuppressWarnings("unchecked")
    public <T extends Layer> T trainable(boolean value) {
        this.trainable = value;
        for (Variable v : weights) v.setTrainable(value && isTrainableByNature(v));
        for (Layer l : sublayers()) l.trainable(value); // freezing a model freezes every layer in it, as in Keras
        return (T) this;
    }

    /**
     * Adds a loss term computed in {@link #call} (an activity penalty, Keras's {@code add_loss});
     * the trainer adds every term of the last forward pass to the model's loss.
     */
    protected final void addLoss(Tensor loss) { addedLosses.add(loss); }

    /**
     * The loss terms added during the last call, then the penalties of the trainable weights that
     * have a regularizer, of this layer and the layers inside it. As in Keras 3 the weight penalties
     * are computed here, from the current weights, rather than recorded by each call: a layer
     * called twice is penalised once, and a trainer that asks inside its gradient tape gets
     * gradients through them (reading a weight's value() makes the tape watch it).
     */
    public List<Tensor> losses() {
        List<Tensor> all = new ArrayList<>(addedLosses);
        for (Map.Entry<Variable, Regularizer> e : weightRegularizers.entrySet()) {
            if (e.getKey().trainable()) all.add(e.getValue().call(e.getKey().value()));
        }
        for (Layer l : sublayers()) all.addAll(l.losses());
        return all;
    }

    /** Forgets the added loss terms (the trainer does this before each forward pass). */
    public void clearLosses() {
        addedLosses.clear();
        for (Layer l : sublayers()) l.clearLosses();
    }

    /** Layers this one contains (a model's layers, a wrapper's inner layer); none by default. */
    protected List<Layer> sublayers() { return List.of(); }

    private boolean isTrainableByNature(Variable v) { return naturallyTrainable.getOrDefault(v, true); }

    public DType dtype() { return dtype; }

    @SuppressWarnings("unchecked")
    public <T extends Layer> T dtype(DType value) {
        this.dtype = value;
        return (T) this;
    }

    public boolean built() { return built; }

    /** Setters of layer arguments call this: arguments are frozen once the weights exist. */
    protected void checkNotBuilt() {
        if (built) throw new IllegalStateException("Layer " + name() + " is already built; set its arguments before first use");
    }

    /** The regularizer of the layer's outputs (Keras's {@code activity_regularizer}), or null. */
    public Regularizer activityRegularizer() { return activityRegularizer; }

    /**
     * Penalises the layer's outputs: each call adds {@code regularizer(output) / batch_size} to the
     * losses, as Keras 3 does (so that the strength does not depend on the batch size).
     */
    @SuppressWarnings("unchecked")
    public <T extends Layer> T activityRegularizer(Regularizer regularizer) {
        this.activityRegularizer = regularizer;
        return (T) this;
    }

    /** {@link #activityRegularizer(Regularizer)} by Keras name ("l2", "l1", ...). */
    public <T extends Layer> T activityRegularizer(String identifier) { return activityRegularizer(Regularizers.get(identifier)); }

    /** The input shape the layer was built for (with batch dimension), or null before build. */
    public Shape builtInputShape() { return builtInputShape; }

    // ------------------------------------------------------------------ Keras contract

    /** Creates the layer's weights for inputs of this shape. The default has no weights. */
    public void build(Shape inputShape) {}

    /** The layer's computation; uses only {@code io.keras4j.ops}. */
    public abstract Tensor call(Tensor inputs, boolean training);

    /** The output shape for an input shape (both with the batch dimension). */
    public abstract Shape computeOutputShape(Shape inputShape);

    /**
     * Writes files this layer needs besides its weights (a lookup layer's vocabulary) into
     * {@code dir}, as Keras's {@code save_assets}: the {@code .keras} saver gives each layer its
     * own folder under {@code assets/}. Most layers have none.
     */
    public void saveAssets(java.nio.file.Path dir) throws java.io.IOException {}

    /** Reads back what {@link #saveAssets} wrote (Keras's {@code load_assets}). */
    public void loadAssets(java.nio.file.Path dir) throws java.io.IOException {}

    /** Keras's config: the constructor arguments under Keras's JSON keys. */
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", name());
        c.put("trainable", trainable);
        c.put("dtype", dtype.kerasName());
        if (activityRegularizer != null) c.put("activity_regularizer", activityRegularizer.serialize());
        return c;
    }

    /** Keras's serialised form of a nested object: module, class_name, config, registered_name. */
    protected static Map<String, Object> serialize(String module, String className, Map<String, Object> config) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("module", module);
        m.put("class_name", className);
        m.put("config", config);
        m.put("registered_name", null);
        return m;
    }

    // ------------------------------------------------------------------ calling

    /** Builds on first use (checking the input spec), then calls; as Keras's {@code __call__}. */
    public final Tensor apply(Tensor inputs, boolean training) {
        List<Tensor> out = applyAll(List.of(inputs), training);
        if (out.size() != 1) throw new IllegalStateException("Layer " + name() + " returns " + out.size() + " outputs; use applyAll");
        return out.get(0);
    }

    public final Tensor apply(Tensor inputs) { return apply(inputs, false); }

    /** The multi-input, multi-output form of {@link #apply(Tensor, boolean)}. */
    public final List<Tensor> applyAll(List<Tensor> inputs, boolean training) {
        List<Shape> shapes = new ArrayList<>();
        for (Tensor t : inputs) shapes.add(t.shape());
        ensureBuiltAll(shapes);
        checkInputSpec(shapes);
        return addActivityLosses(callAll(castInputs(inputs), training));
    }

    /** Keras 3's activity penalty: {@code regularizer(output)} divided by the batch size, per output. */
    private List<Tensor> addActivityLosses(List<Tensor> outputs) {
        if (activityRegularizer == null) return outputs;
        for (Tensor out : outputs) {
            if (out == null) continue;
            Tensor loss = activityRegularizer.call(out);
            if (out.rank() > 0) {
                int batch = out.shape().dim(0);
                // divide_no_nan: an empty batch adds no penalty.
                loss = batch == 0 ? Ops.multiply(loss, 0.0) : Ops.divide(loss, batch);
            }
            addLoss(loss);
        }
        return outputs;
    }

    /** Floating inputs in the layer's dtype (Keras's autocasting); integer inputs stay as they are. */
    private List<Tensor> castInputs(List<Tensor> inputs) {
        List<Tensor> cast = new ArrayList<>(inputs.size());
        for (Tensor t : inputs) {
            cast.add(t.dtype() != dtype && t.dtype().isFloating() && dtype.isFloating() ? io.keras4j.ops.Ops.cast(t, dtype) : t);
        }
        return cast;
    }

    /** Calls the layer on a symbolic tensor (Functional API): builds it and records the call. */
    public final KerasTensor apply(KerasTensor input) { return single(applyAll(List.of(input))); }

    /** Calls a multi-input layer (merging layers, attention) on symbolic tensors. */
    public final KerasTensor apply(KerasTensor first, KerasTensor... more) {
        List<KerasTensor> all = new ArrayList<>();
        all.add(first);
        all.addAll(List.of(more));
        return single(applyAll(all));
    }

    private KerasTensor single(List<KerasTensor> outs) {
        if (outs.size() != 1) throw new IllegalStateException("Layer " + name() + " returns " + outs.size() + " outputs; use applyAll");
        return outs.get(0);
    }

    /** The symbolic call with any number of inputs and outputs. */
    public final List<KerasTensor> applyAll(List<KerasTensor> inputs) {
        if (inputs.isEmpty()) throw new IllegalArgumentException("Layer " + name() + " was called without inputs");
        List<Shape> shapes = new ArrayList<>();
        for (KerasTensor t : inputs) shapes.add(t.shape());
        ensureBuiltAll(shapes);
        checkInputSpec(shapes);
        return new Node(this, inputs, computeOutputShapes(shapes), dtype).outputs();
    }

    /** A symbolic tensor produced by this layer from nothing: the output of an input layer. */
    protected final KerasTensor sourceTensor(Shape shape) {
        return new Node(this, List.of(), List.of(shape), dtype).outputs().get(0);
    }

    // ------------------------------------------------------------------ masking (Keras 3)

    /**
     * Whether the layer passes a mask on (Keras's {@code supports_masking}): true for layers that
     * keep the time axis meaning of their input (Dense, Activation, Dropout, ...). A layer that does
     * not drops the mask, as Keras does.
     */
    public boolean supportsMasking() { return false; }

    /** The mask of the output for an input and its mask (null: no mask); Keras's {@code compute_mask}. */
    public Tensor computeMask(Tensor inputs, Tensor mask) { return supportsMasking() ? mask : null; }

    /** The computation given the input's mask (may be null); the default ignores the mask. */
    protected Tensor callMasked(Tensor inputs, Tensor mask, boolean training) { return call(inputs, training); }

    /**
     * The masked form of {@link #callAll}: {@code masks} holds one mask (or null) per input. The
     * default hands a single input's mask to {@link #callMasked} and calls without masks otherwise.
     */
    protected List<Tensor> callAllMasked(List<Tensor> inputs, List<Tensor> masks, boolean training) {
        if (inputs.size() == 1 && masks.get(0) != null) return List.of(callMasked(inputs.get(0), masks.get(0), training));
        return callAll(inputs, training);
    }

    /**
     * The masks of the outputs (null entries for none) for inputs and their masks; as in Keras only
     * the first input's mask counts, and only a layer that supports masking passes one on.
     */
    public List<Tensor> computeMasks(List<Tensor> inputs, List<Tensor> masks) {
        Tensor first = masks.isEmpty() ? null : masks.get(0);
        return java.util.Collections.singletonList(supportsMasking() ? computeMask(inputs.get(0), first) : null);
    }

    /**
     * {@link #applyAll(List, boolean)} with the inputs' masks (a null list or null entries: none),
     * as Keras's {@code __call__} passes {@code mask=} to layers whose inputs carry one.
     */
    public final List<Tensor> applyAll(List<Tensor> inputs, List<Tensor> masks, boolean training) {
        boolean any = false;
        if (masks != null) for (Tensor m : masks) any |= m != null;
        if (!any) return applyAll(inputs, training);
        if (masks.size() != inputs.size()) throw new IllegalArgumentException("Layer " + name() + " received " + inputs.size() + " inputs but " + masks.size() + " masks");
        List<Shape> shapes = new ArrayList<>();
        for (Tensor t : inputs) shapes.add(t.shape());
        ensureBuiltAll(shapes);
        checkInputSpec(shapes);
        return addActivityLosses(callAllMasked(castInputs(inputs), masks, training));
    }

    /** The computation on several inputs; the default is the single-input {@link #call}. */
    protected List<Tensor> callAll(List<Tensor> inputs, boolean training) {
        requireOneInput(inputs.size());
        return List.of(call(inputs.get(0), training));
    }

    /** Output shapes for several inputs; the default is the single-input {@link #computeOutputShape}. */
    public List<Shape> computeOutputShapes(List<Shape> inputShapes) {
        requireOneInput(inputShapes.size());
        return List.of(computeOutputShape(inputShapes.get(0)));
    }

    /** Creates the weights for several inputs; the default is the single-input {@link #build}. */
    protected void buildAll(List<Shape> inputShapes) {
        requireOneInput(inputShapes.size());
        build(inputShapes.get(0));
    }

    private void requireOneInput(int n) {
        if (n != 1) throw new IllegalArgumentException("Layer " + name() + " expects 1 input, but it received " + n + " input tensors");
    }

    /**
     * Checks the input spec against every input; a layer whose extra inputs are of another kind
     * (an RNN's initial states) checks only those the spec describes.
     */
    protected void checkInputSpec(List<Shape> inputShapes) {
        if (inputSpec != null) for (int i = 0; i < inputShapes.size(); i++) inputSpec.check(this, i, inputShapes.get(i));
    }

    /** Builds the layer for inputs of this shape (batch dimension first) unless already built. */
    public final void ensureBuilt(Shape inputShape) { ensureBuiltAll(List.of(inputShape)); }

    public final void ensureBuiltAll(List<Shape> inputShapes) {
        if (built) return;
        checkInputSpec(inputShapes);
        buildAll(inputShapes);
        builtInputShape = inputShapes.get(0);
        built = true;
    }

    // ------------------------------------------------------------------ weights

    /** Adds a weight during {@link #build}, initialised by {@code initializer}. */
    protected Variable addWeight(String weightName, Shape shape, Initializer initializer, boolean isTrainable) {
        Variable v = new Variable(name() + "/" + weightName, initializer.generate(shape, dtype), isTrainable && trainable);
        naturallyTrainable.put(v, isTrainable);
        weights.add(v);
        return v;
    }

    /**
     * Adds a weight with a regularizer (its penalty joins {@link #losses}) and a constraint (the
     * optimizer projects the weight with it after each update); either may be null.
     */
    protected Variable addWeight(String weightName, Shape shape, Initializer initializer, boolean isTrainable,
                                 Regularizer regularizer, Constraint constraint) {
        Variable v = addWeight(weightName, shape, initializer, isTrainable);
        if (regularizer != null) weightRegularizers.put(v, regularizer);
        v.setConstraint(constraint);
        return v;
    }

    /** All weights in creation order. */
    public List<Variable> weights() { return Collections.unmodifiableList(weights); }

    public List<Variable> trainableWeights() {
        List<Variable> out = new ArrayList<>();
        for (Variable v : weights) if (v.trainable()) out.add(v);
        return out;
    }

    public List<Variable> nonTrainableWeights() {
        List<Variable> out = new ArrayList<>();
        for (Variable v : weights) if (!v.trainable()) out.add(v);
        return out;
    }

    /** Copies of the weight values, in creation order (Keras's {@code get_weights}). */
    public List<Tensor> getWeights() {
        List<Tensor> out = new ArrayList<>();
        for (Variable v : weights()) out.add(v.numpy());
        return out;
    }

    /** Sets the weight values (Keras's {@code set_weights}); counts and shapes must match. */
    public void setWeights(List<Tensor> values) {
        List<Variable> ws = weights();
        if (values.size() != ws.size()) {
            throw new IllegalArgumentException("Layer " + name() + " expects " + ws.size() + " weights, but the weight list received "
                    + values.size() + " arrays");
        }
        for (int i = 0; i < ws.size(); i++) {
            if (!ws.get(i).shape().equals(values.get(i).shape())) {
                throw new IllegalArgumentException("Layer " + name() + " weight shape " + ws.get(i).shape()
                        + " is not compatible with provided weight shape " + values.get(i).shape());
            }
        }
        for (int i = 0; i < ws.size(); i++) ws.get(i).assign(values.get(i));
    }

    public long countParams() {
        long n = 0;
        for (Variable v : weights()) n += v.shape().size();
        return n;
    }

    @Override public String toString() { return "<" + className() + " name=" + name() + ", built=" + built + ">"; }
}
