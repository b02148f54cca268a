package io.keras4j.callbacks;

import io.keras4j.models.Model;

import java.util.Map;

/**
 * Keras's callback hooks. Every method does nothing by default; {@code logs} maps metric names
 * ("loss", "accuracy", "val_loss", ...) to values, as Keras's logs dict.
 */
public abstract class Callback {
    protected Model model;
    protected Map<String, Object> params = Map.of();

    public void setModel(Model model) { this.model = model; }

    public Model model() { return model; }

    /** Training parameters: "epochs", "steps", "verbose". */
    public void setParams(Map<String, Object> params) { this.params = params; }

    public void onTrainBegin(Map<String, Double> logs) {}

    public void onTrainEnd(Map<String, Double> logs) {}

    public void onEpochBegin(int epoch, Map<String, Double> logs) {}

    public void onEpochEnd(int epoch, Map<String, Double> logs) {}

    public void onTrainBatchBegin(int batch, Map<String, Double> logs) {}

    public void onTrainBatchEnd(int batch, Map<String, Double> logs) {}

    public void onTestBegin(Map<String, Double> logs) {}

    public void onTestEnd(Map<String, Double> logs) {}

    public void onTestBatchBegin(int batch, Map<String, Double> logs) {}

    public void onTestBatchEnd(int batch, Map<String, Double> logs) {}

    public void onPredictBegin(Map<String, Double> logs) {}

    public void onPredictEnd(Map<String, Double> logs) {}

    public void onPredictBatchBegin(int batch, Map<String, Double> logs) {}

    public void onPredictBatchEnd(int batch, Map<String, Double> logs) {}
}
