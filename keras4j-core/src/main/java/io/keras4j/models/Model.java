package io.keras4j.models;

import io.keras4j.autodiff.Variable;
import io.keras4j.callbacks.Callback;
import io.keras4j.callbacks.History;
import io.keras4j.layers.Layer;
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
 * {@code predict}, {@code summary} (Keras's {@code Model}). {@link Sequential} is the linear stack;
 * the Functional API builds on the same base.
 */
public abstract class Model extends Layer {
    private final Trainer trainer = new Trainer(this);
    private volatile boolean stopTraining;

    /** The model's layers in order. */
    public abstract List<Layer> layers();

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

    /** Objects and strings may be mixed in {@code metrics} (String or Metric). */
    public void compile(Optimizer optimizer, Loss loss, List<?> metrics) { trainer.compile(optimizer, loss, metrics); }

    public void compile(Optimizer optimizer, String loss, String... metrics) {
        compile(optimizer, Losses.get(loss), Arrays.asList((Object[]) metrics));
    }

    public boolean compiled() { return trainer.compiled(); }

    public Optimizer optimizer() { return trainer.optimizer(); }

    public Loss loss() { return trainer.loss(); }

    // ------------------------------------------------------------------ training and inference

    public History fit(Tensor x, Tensor y) { return fit(x, y, new FitOptions()); }

    public History fit(Tensor x, Tensor y, FitOptions options) { return trainer.fit(x, y, options); }

    /** The loss and metrics on (x, y), by name (Keras's {@code evaluate(..., return_dict=True)}). */
    public Map<String, Double> evaluate(Tensor x, Tensor y) { return evaluate(x, y, 32, 1); }

    public Map<String, Double> evaluate(Tensor x, Tensor y, int batchSize, int verbose, Callback... callbacks) {
        return trainer.evaluate(x, y, batchSize, verbose, List.of(callbacks));
    }

    public Tensor predict(Tensor x) { return predict(x, 32, 0); }

    public Tensor predict(Tensor x, int batchSize, int verbose, Callback... callbacks) {
        return trainer.predict(x, batchSize, verbose, List.of(callbacks));
    }

    public Map<String, Double> trainOnBatch(Tensor x, Tensor y) { return trainer.trainOnBatch(x, y); }

    public Map<String, Double> testOnBatch(Tensor x, Tensor y) { return trainer.testOnBatch(x, y); }

    public Tensor predictOnBatch(Tensor x) { return apply(x, false); }

    /** Set by a callback to end {@code fit} after the current batch (Keras's {@code model.stop_training}). */
    public boolean stopTraining() { return stopTraining; }

    public void setStopTraining(boolean value) { stopTraining = value; }

    // ------------------------------------------------------------------ summary

    public void summary() { summary(System.out); }

    public void summary(PrintStream out) { out.print(ModelSummary.render(this)); }

    public String summaryString() { return ModelSummary.render(this); }
}
