package io.keras4j.callbacks;

import io.keras4j.models.Model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Calls each hook on every callback in order (Keras's {@code CallbackList}). */
public final class CallbackList extends Callback {
    private final List<Callback> callbacks;

    public CallbackList(List<Callback> callbacks) { this.callbacks = new ArrayList<>(callbacks); }

    public List<Callback> callbacks() { return callbacks; }

    @Override public void setModel(Model m) { super.setModel(m); callbacks.forEach(c -> c.setModel(m)); }

    @Override public void setParams(Map<String, Object> p) { super.setParams(p); callbacks.forEach(c -> c.setParams(p)); }

    @Override public void onTrainBegin(Map<String, Double> logs) { callbacks.forEach(c -> c.onTrainBegin(logs)); }

    @Override public void onTrainEnd(Map<String, Double> logs) { callbacks.forEach(c -> c.onTrainEnd(logs)); }

    @Override public void onEpochBegin(int e, Map<String, Double> logs) { callbacks.forEach(c -> c.onEpochBegin(e, logs)); }

    @Override public void onEpochEnd(int e, Map<String, Double> logs) { callbacks.forEach(c -> c.onEpochEnd(e, logs)); }

    @Override public void onTrainBatchBegin(int b, Map<String, Double> logs) { callbacks.forEach(c -> c.onTrainBatchBegin(b, logs)); }

    @Override public void onTrainBatchEnd(int b, Map<String, Double> logs) { callbacks.forEach(c -> c.onTrainBatchEnd(b, logs)); }

    @Override public void onTestBegin(Map<String, Double> logs) { callbacks.forEach(c -> c.onTestBegin(logs)); }

    @Override public void onTestEnd(Map<String, Double> logs) { callbacks.forEach(c -> c.onTestEnd(logs)); }

    @Override public void onTestBatchBegin(int b, Map<String, Double> logs) { callbacks.forEach(c -> c.onTestBatchBegin(b, logs)); }

    @Override public void onTestBatchEnd(int b, Map<String, Double> logs) { callbacks.forEach(c -> c.onTestBatchEnd(b, logs)); }

    @Override public void onPredictBegin(Map<String, Double> logs) { callbacks.forEach(c -> c.onPredictBegin(logs)); }

    @Override public void onPredictEnd(Map<String, Double> logs) { callbacks.forEach(c -> c.onPredictEnd(logs)); }

    @Override public void onPredictBatchBegin(int b, Map<String, Double> logs) { callbacks.forEach(c -> c.onPredictBatchBegin(b, logs)); }

    @Override public void onPredictBatchEnd(int b, Map<String, Double> logs) { callbacks.forEach(c -> c.onPredictBatchEnd(b, logs)); }
}
