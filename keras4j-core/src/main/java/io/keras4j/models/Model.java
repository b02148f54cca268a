package io.keras4j.models;

import io.keras4j.autodiff.Variable;
import io.keras4j.callbacks.Callback;
import io.keras4j.callbacks.History;
import io.keras4j.layers.KerasTensor;
import io.keras4j.layers.Layer;
import io.keras4j.layers.Node;
import io.keras4j.tensor.Shape;
import io.keras4j.losses.Loss;
import io.keras4j.losses.Losses;
import io.keras4j.optimizers.Optimizer;
import io.keras4j.optimizers.Optimizers;
import io.keras4j.tensor.Tensor;
import io.keras4j.trainers.FitOptions;
import io.keras4j.trainers.Trainer;
import io.keras4j.utils.ModelSummary;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A layer with training and inference: {@code compile}, {@code fit}, {@code evaluate},
 * {@code predict}, {@code summary} (Keras's {@code Model}). Built from symbolic tensors it is a
 * Functional model: {@code new Model(inputs, outputs)}, any graph of layer calls, several inputs
 * and outputs, shared layers, models used as layers. {@link Sequential} is the linear stack.
 */
public class Model extends Layer {
    private final Trainer trainer = new Trainer(this);
    private final Functional graph;
    private volatile boolean stopTraining;

    /** For subclasses that define the computation themselves ({@link Sequential}). */
    protected Model() { graph = null; }

    /** A Functional model with one input and one output. */
    public Model(KerasTensor input, KerasTensor output) { this(List.of(input), List.of(output)); }

    /** A Functional model: every layer call between {@code inputs} and {@code outputs}. */
    public Model(List<KerasTensor> inputs, List<KerasTensor> outputs) {
        graph = Functional.of(inputs, outputs);
        List<Shape> shapes = new ArrayList<>();
        for (KerasTensor in : inputs) shapes.add(in.shape());
        ensureBuiltAll(shapes);
    }

    /** The model's layers in order (a Functional model's input layers first, as in Keras). */
    public List<Layer> layers() {
        if (graph == null) throw new IllegalStateException("Model " + name() + " has no layer graph; subclasses must override layers()");
        return graph.layers();
    }

    @Override protected List<Layer> sublayers() { return layers(); }

    /** The symbolic inputs of a Functional model (empty for others). */
    public List<KerasTensor> inputs() { return graph == null ? List.of() : graph.inputs(); }

    /** The symbolic outputs of a Functional model (empty for others). */
    public List<KerasTensor> outputs() { return graph == null ? List.of() : graph.outputs(); }

    /** The layer calls of a Functional model in execution order (empty for others). */
    public List<Node> graphNodes() { return graph == null ? List.of() : graph.nodes(); }

    /** Names of the outputs (their layers' names), as Keras keys per-output losses and metrics. */
    public List<String> outputNames() {
        List<String> names = new ArrayList<>();
        for (KerasTensor o : outputs()) names.add(o.name());
        return names;
    }

    public List<String> inputNames() {
        List<String> names = new ArrayList<>();
        for (KerasTensor i : inputs()) names.add(i.name());
        return names;
    }

    @Override protected void buildAll(List<Shape> inputShapes) {
        if (graph == null) super.buildAll(inputShapes);
    }

    @Override public Tensor call(Tensor inputs, boolean training) {
        List<Tensor> out = callAll(List.of(inputs), training);
        if (out.size() != 1) throw new IllegalStateException("Model " + name() + " has " + out.size() + " outputs; use predictAll/applyAll");
        return out.get(0);
    }

    @Override protected List<Tensor> callAll(List<Tensor> inputs, boolean training) {
        if (graph == null) return super.callAll(inputs, training);
        return remember(inputs, graph.runMasked(inputs, null, training));
    }

    // The inputs of the last graph run and the masks its outputs carried: a model called inside
    // another model is asked for its output masks right after the call, with the same tensors,
    // and running the graph again only for them would double the cost.
    private List<Tensor> lastInputs = List.of();
    private List<Tensor> lastOutputMasks = List.of();

    private List<Tensor> remember(List<Tensor> inputs, Functional.Run run) {
        lastInputs = new ArrayList<>(inputs);
        lastOutputMasks = run.masks();
        return run.outputs();
    }

    /** Keras's {@code Functional.call(inputs, mask=...)}: the masks go on the graph's input tensors. */
    @Override protected List<Tensor> callAllMasked(List<Tensor> inputs, List<Tensor> masks, boolean training) {
        if (graph == null) return super.callAllMasked(inputs, masks, training);
        return remember(inputs, graph.runMasked(inputs, masks, training));
    }

    /**
     * The masks the graph's layers put on its outputs (a nested model passes on, e.g., the mask of
     * an {@code Embedding(mask_zero=True)} inside it), as Keras's outputs keep their
     * {@code _keras_mask}.
     */
    @Override public List<Tensor> computeMasks(List<Tensor> inputs, List<Tensor> masks) {
        if (graph == null) return super.computeMasks(inputs, masks);
        boolean same = inputs.size() == lastInputs.size();
        for (int i = 0; same && i < inputs.size(); i++) same = inputs.get(i) == lastInputs.get(i);
        if (same) return lastOutputMasks;
        return io.keras4j.autodiff.GradientTape.stopRecording(() -> graph.runMasked(inputs, masks, false).masks());
    }

    @Override public Shape computeOutputShape(Shape inputShape) {
        List<Shape> s = computeOutputShapes(List.of(inputShape));
        if (s.size() != 1) throw new IllegalStateException("Model " + name() + " has " + s.size() + " outputs");
        return s.get(0);
    }

    @Override public List<Shape> computeOutputShapes(List<Shape> inputShapes) {
        if (graph == null) return super.computeOutputShapes(inputShapes);
        List<Shape> out = new ArrayList<>();
        int batch = inputShapes.get(0).rank() > 0 ? inputShapes.get(0).dim(0) : Shape.UNKNOWN;
        for (Shape s : graph.outputShapes()) out.add(s.rank() > 0 ? s.withDim(0, batch) : s);
        return out;
    }

    public Layer getLayer(String layerName) {
        for (Layer l : layers()) if (l.name().equals(layerName)) return l;
        List<String> names = new ArrayList<>();
        for (Layer l : layers()) names.add(l.name());
        throw new IllegalArgumentException("No such layer: " + layerName + ". Existing layers are: " + names + ".");
    }

    public Layer getLayer(int index) {
        List<Layer> ls = layers();
        if (index < 0 || index >= ls.size()) {
            throw new IllegalArgumentException("Was asked to retrieve layer at index " + index + " but model only has " + ls.size() + " layers.");
        }
        return ls.get(index);
    }

    // ------------------------------------------------------------------ weights

    @Override public List<Variable> weights() {
        List<Variable> out = new ArrayList<>();
        for (Layer l : layers()) out.addAll(l.weights());
        return out;
    }

    public List<Variable> trainableVariables() {
        List<Variable> out = new ArrayList<>();
        for (Layer l : layers()) out.addAll(l.trainableWeights());
        return out;
    }

    public List<Variable> nonTrainableVariables() {
        List<Variable> out = new ArrayList<>();
        for (Layer l : layers()) out.addAll(l.nonTrainableWeights());
        return out;
    }

    @Override public List<Variable> trainableWeights() { return trainableVariables(); }

    @Override public List<Variable> nonTrainableWeights() { return nonTrainableVariables(); }

    // ------------------------------------------------------------------ compile

    /** {@code compile("adam", "sparse_categorical_crossentropy", "accuracy")} with Keras's string identifiers. */
    public void compile(String optimizer, String loss, String... metrics) {
        compile(Optimizers.get(optimizer), Losses.get(loss), Arrays.asList((Object[]) metrics));
    }

    public void compile(Optimizer optimizer, String loss, String... metrics) {
        compile(optimizer, Losses.get(loss), Arrays.asList((Object[]) metrics));
    }

    /** One loss for every output; {@code metrics} (String or Metric) apply to every output. */
    public void compile(Optimizer optimizer, Loss loss, List<?> metrics) {
        trainer.compile(optimizer, List.of(loss), null, List.of(metrics));
    }

    /**
     * With Keras's {@code weighted_metrics}: metrics that are given the sample (and class) weights
     * of fit and evaluate; {@code metrics} ignore them.
     */
    public void compile(Optimizer optimizer, Loss loss, List<?> metrics, List<?> weightedMetrics) {
        trainer.compile(optimizer, List.of(loss), null, List.of(metrics), List.of(weightedMetrics));
    }

    /** Several outputs with {@code weighted_metrics} per output (or one list for all). */
    public void compile(Optimizer optimizer, List<Loss> losses, List<Double> lossWeights, List<? extends List<?>> metrics,
                        List<? extends List<?>> weightedMetrics) {
        trainer.compile(optimizer, losses, lossWeights, metrics, weightedMetrics);
    }

    /**
     * Several outputs: a loss per output (or one for all), loss weights (null for 1 each), and a
     * metric list per output (or one list for all) — Keras's {@code loss=[...], loss_weights=[...],
     * metrics=[[...], ...]}.
     */
    public void compile(Optimizer optimizer, List<Loss> losses, List<Double> lossWeights, List<? extends List<?>> metrics) {
        trainer.compile(optimizer, losses, lossWeights, metrics);
    }

    /** As above, keyed by output name (Keras's dict form); outputs missing from {@code metrics} get none. */
    public void compile(Optimizer optimizer, Map<String, Loss> losses, Map<String, Double> lossWeights, Map<String, ? extends List<?>> metrics) {
        List<String> names = outputNames();
        List<Loss> l = new ArrayList<>();
        List<Double> w = lossWeights == null ? null : new ArrayList<>();
        List<List<?>> m = new ArrayList<>();
        for (String n : names) {
            if (!losses.containsKey(n)) throw new IllegalArgumentException("No loss given for output '" + n + "'. Outputs: " + names);
            l.add(losses.get(n));
            if (w != null) w.add(lossWeights.getOrDefault(n, 1.0));
            List<?> forOutput = metrics == null ? null : metrics.get(n);
            m.add(forOutput == null ? List.of() : forOutput);
        }
        for (String k : losses.keySet()) {
            if (!names.contains(k)) throw new IllegalArgumentException("Unknown output '" + k + "' in `loss`. Outputs: " + names);
        }
        trainer.compile(optimizer, l, w, m);
    }

    /** The keyed form with {@code weighted_metrics} by output name (outputs missing from it get none). */
    public void compile(Optimizer optimizer, Map<String, Loss> losses, Map<String, Double> lossWeights, Map<String, ? extends List<?>> metrics,
                        Map<String, ? extends List<?>> weightedMetrics) {
        compile(optimizer, losses, lossWeights, metrics);
        List<List<?>> l = new ArrayList<>();
        List<List<?>> w = new ArrayList<>();
        List<Loss> ls = new ArrayList<>();
        List<Double> lw = lossWeights == null ? null : new ArrayList<>();
        for (String n : outputNames()) {
            ls.add(losses.get(n));
            if (lw != null) lw.add(lossWeights.getOrDefault(n, 1.0));
            List<?> m = metrics == null ? null : metrics.get(n);
            l.add(m == null ? List.of() : m);
            List<?> wm = weightedMetrics == null ? null : weightedMetrics.get(n);
            w.add(wm == null ? List.of() : wm);
        }
        for (String k : weightedMetrics == null ? java.util.Set.<String>of() : weightedMetrics.keySet()) {
            if (!outputNames().contains(k)) throw new IllegalArgumentException("Unknown output '" + k + "' in `weighted_metrics`. Outputs: " + outputNames());
        }
        trainer.compile(optimizer, ls, lw, l, w);
    }

    public boolean compiled() { return trainer.compiled(); }

    public Optimizer optimizer() { return trainer.optimizer(); }

    public Loss loss() { return trainer.loss(); }

    // ------------------------------------------------------------------ training and inference

    public History fit(Tensor x, Tensor y) { return fit(x, y, new FitOptions()); }

    public History fit(Tensor x, Tensor y, FitOptions options) { return trainer.fit(List.of(x), List.of(y), options); }

    /** Several inputs or outputs: one array each, in the model's order. */
    public History fit(List<Tensor> x, List<Tensor> y, FitOptions options) { return trainer.fit(x, y, options); }

    /**
     * Trains on a {@link io.keras4j.data.Dataset} of (x, y[, sample_weight]) batches; an epoch is a
     * full pass, or {@code stepsPerEpoch} batches (Keras's {@code fit(dataset, ...)}).
     */
    public History fit(io.keras4j.data.Dataset<io.keras4j.data.Element> data, FitOptions options) { return trainer.fit(data, options); }

    public History fit(io.keras4j.data.Dataset<io.keras4j.data.Element> data) { return fit(data, new FitOptions()); }

    /** Arrays keyed by input and output names. */
    public History fit(Map<String, Tensor> x, Map<String, Tensor> y, FitOptions options) {
        return trainer.fit(byName(x, inputNames(), "input"), byName(y, outputNames(), "output"), options);
    }

    private static List<Tensor> byName(Map<String, Tensor> m, List<String> names, String what) {
        List<Tensor> out = new ArrayList<>();
        for (String n : names) {
            Tensor t = m.get(n);
            if (t == null) throw new IllegalArgumentException("No data given for " + what + " '" + n + "'. Expected keys: " + names + ", received: " + m.keySet());
            out.add(t);
        }
        if (m.size() != names.size()) throw new IllegalArgumentException("Unknown " + what + " names in " + m.keySet() + ". Expected keys: " + names);
        return out;
    }

    /** The loss and metrics on (x, y), by name (Keras's {@code evaluate(..., return_dict=True)}). */
    public Map<String, Double> evaluate(Tensor x, Tensor y) { return evaluate(x, y, 32, 1); }

    public Map<String, Double> evaluate(Tensor x, Tensor y, int batchSize, int verbose, Callback... callbacks) {
        return trainer.evaluate(List.of(x), List.of(y), batchSize, verbose, List.of(callbacks));
    }

    public Map<String, Double> evaluate(List<Tensor> x, List<Tensor> y, int batchSize, int verbose, Callback... callbacks) {
        return trainer.evaluate(x, y, batchSize, verbose, List.of(callbacks));
    }

    /** Keras's {@code evaluate(x, y, sample_weight=...)}: weights per sample (or per timestep) for the loss and weighted metrics. */
    public Map<String, Double> evaluate(Tensor x, Tensor y, Tensor sampleWeight, int batchSize, int verbose, Callback... callbacks) {
        return trainer.evaluate(List.of(x), List.of(y), sampleWeight == null ? null : List.of(sampleWeight), batchSize, verbose, List.of(callbacks));
    }

    /** Several inputs or outputs: one sample-weight array (or null) per output, or a single per-sample one for all. */
    public Map<String, Double> evaluate(List<Tensor> x, List<Tensor> y, List<Tensor> sampleWeight, int batchSize, int verbose, Callback... callbacks) {
        return trainer.evaluate(x, y, sampleWeight, batchSize, verbose, List.of(callbacks));
    }

    public Map<String, Double> evaluate(Map<String, Tensor> x, Map<String, Tensor> y, int batchSize, int verbose, Callback... callbacks) {
        return trainer.evaluate(byName(x, inputNames(), "input"), byName(y, outputNames(), "output"), batchSize, verbose, List.of(callbacks));
    }

    public Tensor predict(Tensor x) { return predict(x, 32, 0); }

    public Tensor predict(Tensor x, int batchSize, int verbose, Callback... callbacks) {
        List<Tensor> out = trainer.predict(List.of(x), batchSize, verbose, List.of(callbacks));
        if (out.size() != 1) throw new IllegalStateException("Model " + name() + " has " + out.size() + " outputs; use predictAll");
        return out.get(0);
    }

    /** Predictions of a model with several inputs or outputs: one array per output. */
    public List<Tensor> predictAll(List<Tensor> x) { return predictAll(x, 32, 0); }

    public List<Tensor> predictAll(List<Tensor> x, int batchSize, int verbose, Callback... callbacks) {
        return trainer.predict(x, batchSize, verbose, List.of(callbacks));
    }

    /** The loss and metrics over a dataset of (x, y[, sample_weight]) batches, until it runs out. */
    public Map<String, Double> evaluate(io.keras4j.data.Dataset<io.keras4j.data.Element> data) { return evaluate(data, null, 1); }

    /** As above for {@code steps} batches (null: until the dataset runs out; required when it is infinite). */
    public Map<String, Double> evaluate(io.keras4j.data.Dataset<io.keras4j.data.Element> data, Integer steps, int verbose, Callback... callbacks) {
        return trainer.evaluate(data, steps, verbose, List.of(callbacks));
    }

    /** Predictions for every batch of a dataset (targets in its elements are ignored). */
    public Tensor predict(io.keras4j.data.Dataset<io.keras4j.data.Element> data) { return predict(data, null, 0); }

    public Tensor predict(io.keras4j.data.Dataset<io.keras4j.data.Element> data, Integer steps, int verbose, Callback... callbacks) {
        List<Tensor> out = trainer.predict(data, steps, verbose, List.of(callbacks));
        if (out.size() != 1) throw new IllegalStateException("Model " + name() + " has " + out.size() + " outputs; use predictAll");
        return out.get(0);
    }

    /** Predictions of a model with several outputs on a dataset: one array per output. */
    public List<Tensor> predictAll(io.keras4j.data.Dataset<io.keras4j.data.Element> data, Integer steps, int verbose, Callback... callbacks) {
        return trainer.predict(data, steps, verbose, List.of(callbacks));
    }

    /** Predictions keyed by output name. */
    public Map<String, Tensor> predict(Map<String, Tensor> x) {
        List<Tensor> out = predictAll(byName(x, inputNames(), "input"));
        Map<String, Tensor> m = new java.util.LinkedHashMap<>();
        List<String> names = outputNames();
        for (int i = 0; i < out.size(); i++) m.put(names.get(i), out.get(i));
        return m;
    }

    public Map<String, Double> trainOnBatch(Tensor x, Tensor y) { return trainer.trainOnBatch(List.of(x), List.of(y)); }

    public Map<String, Double> trainOnBatch(List<Tensor> x, List<Tensor> y) { return trainer.trainOnBatch(x, y); }

    public Map<String, Double> testOnBatch(Tensor x, Tensor y) { return trainer.testOnBatch(List.of(x), List.of(y)); }

    /** Keras's {@code train_on_batch(x, y, sample_weight, class_weight)}; either may be null, not both set. */
    public Map<String, Double> trainOnBatch(Tensor x, Tensor y, Tensor sampleWeight, Map<Integer, Double> classWeight) {
        return trainer.trainOnBatch(List.of(x), List.of(y), sampleWeight == null ? null : List.of(sampleWeight), classWeight);
    }

    public Map<String, Double> testOnBatch(Tensor x, Tensor y, Tensor sampleWeight) {
        return trainer.testOnBatch(List.of(x), List.of(y), sampleWeight == null ? null : List.of(sampleWeight));
    }

    public Map<String, Double> testOnBatch(List<Tensor> x, List<Tensor> y) { return trainer.testOnBatch(x, y); }

    public Tensor predictOnBatch(Tensor x) { return apply(x, false); }

    public List<Tensor> predictOnBatch(List<Tensor> x) { return applyAll(x, false); }

    /** Set by a callback to end {@code fit} after the current batch (Keras's {@code model.stop_training}). */
    public boolean stopTraining() { return stopTraining; }

    public void setStopTraining(boolean value) { stopTraining = value; }

    // Set by BackupAndRestore in on_train_begin (Keras's model._initial_epoch); fit takes it once.
    private int[] resumePoint;

    /**
     * Makes the {@code fit} that is starting continue at {@code epoch} after {@code batchesDone}
     * batches of it (a callback calls this from {@code onTrainBegin}, as Keras's BackupAndRestore
     * sets {@code model._initial_epoch}).
     */
    public void resumeFrom(int epoch, int batchesDone) {
        if (epoch < 0 || batchesDone < 0) {
            throw new IllegalArgumentException("Cannot resume from epoch " + epoch + ", batch " + batchesDone);
        }
        resumePoint = new int[] {epoch, batchesDone};
    }

    /** The point set by {@link #resumeFrom}, cleared by this call; null when none. */
    public int[] takeResumePoint() {
        int[] p = resumePoint;
        resumePoint = null;
        return p;
    }

    // ------------------------------------------------------------------ saving

    /**
     * Keras's {@code get_config}: a Functional model's layers with their calls, input and output
     * layers ({@link io.keras4j.saving.ModelConfigs}); a subclassed model only name, trainable, dtype.
     */
    @Override public Map<String, Object> getConfig() {
        if (graph == null) return super.getConfig();
        return io.keras4j.saving.ModelConfigs.functionalConfig(this);
    }

    /** Keras's {@code get_compile_config}: what {@code compile} was given, serialized; null when not compiled. */
    public Map<String, Object> getCompileConfig() {
        if (!trainer.compiled()) return null;
        return io.keras4j.saving.CompileConfigs.of(trainer.optimizer(), trainer.compiledLosses(), trainer.compiledLossWeights(), trainer.compiledMetrics(),
                trainer.compiledWeightedMetrics());
    }

    /** Keras's {@code compile_from_config}: compiles as the config says, and builds the optimizer when the model is built. */
    public void compileFromConfig(Map<String, Object> config) { io.keras4j.saving.CompileConfigs.compile(this, config); }

    /** The model's config as JSON, as Keras's {@code to_json()}; {@link Models#modelFromJson} reads it back. */
    public String toJson() { return io.keras4j.saving.ModelConfigs.toJson(this); }

    /** Saves the whole model; the format follows the name ({@code .keras}, {@code .h5}), as Keras. */
    public void save(String path) { save(java.nio.file.Path.of(path)); }

    public void save(java.nio.file.Path path) { io.keras4j.saving.SavingApi.saveModel(this, path, true); }

    /** Saves the weights ({@code .weights.h5}; legacy {@code .h5} too), with the optimizer state when compiled. */
    public void saveWeights(String path) { saveWeights(java.nio.file.Path.of(path)); }

    public void saveWeights(java.nio.file.Path path) { io.keras4j.saving.SavingApi.saveWeights(this, path, true); }

    public void loadWeights(String path) { loadWeights(java.nio.file.Path.of(path)); }

    public void loadWeights(java.nio.file.Path path) { io.keras4j.saving.SavingApi.loadWeights(this, path, false, false); }

    /** Legacy {@code .h5} weights: {@code byName} matches layers by name; {@code skipMismatch} skips shape mismatches. */
    public void loadWeights(java.nio.file.Path path, boolean skipMismatch, boolean byName) {
        io.keras4j.saving.SavingApi.loadWeights(this, path, skipMismatch, byName);
    }

    // ------------------------------------------------------------------ summary

    public void summary() { summary(System.out); }

    public void summary(PrintStream out) { out.print(ModelSummary.render(this)); }

    public String summaryString() { return ModelSummary.render(this); }
}
