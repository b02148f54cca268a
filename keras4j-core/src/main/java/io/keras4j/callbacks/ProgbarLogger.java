package io.keras4j.callbacks;

import io.keras4j.utils.Progbar;

import java.io.PrintStream;
import java.util.Map;

/**
 * Prints {@code Epoch 3/10} and a {@link Progbar} per epoch (Keras's {@code ProgbarLogger}); in
 * {@code evaluate} and {@code predict} one bar for the whole pass. Validation inside {@code fit}
 * shows no bar of its own, as in Keras.
 */
public final class ProgbarLogger extends Callback {
    private final PrintStream out;
    private Progbar bar;
    private int epochs;
    private int steps;
    private int verbose;
    private boolean inFit;
    private int seen;

    public ProgbarLogger() { this(System.out); }

    public ProgbarLogger(PrintStream out) { this.out = out; }

    @Override public void setParams(Map<String, Object> p) {
        super.setParams(p);
        epochs = (Integer) p.getOrDefault("epochs", 1);
        Object st = p.get("steps"); // null: unknown until the data runs out (a dataset of unknown length)
        steps = st == null ? -1 : (Integer) st;
        verbose = (Integer) p.getOrDefault("verbose", 1);
    }

    @Override public void onTrainBegin(Map<String, Double> logs) { inFit = true; }

    @Override public void onTrainEnd(Map<String, Double> logs) { inFit = false; }

    @Override public void onEpochBegin(int epoch, Map<String, Double> logs) {
        if (verbose > 0 && epochs > 1) out.println("Epoch " + (epoch + 1) + "/" + epochs);
        bar = new Progbar(steps, verbose, out, "step");
    }

    @Override public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
        seen = batch + 1;
        if (steps < 0 || batch + 1 < steps) bar.update(batch + 1, logs, false);
    }

    @Override public void onEpochEnd(int epoch, Map<String, Double> logs) { finish(logs); }

    /** Keras's {@code _finalize_progbar}: an unknown step count is learnt from the steps seen. */
    private void finish(Map<String, Double> logs) {
        if (steps < 0) {
            steps = seen;
            bar.setTarget(steps);
        }
        bar.update(steps, logs, true);
    }

    @Override public void onTestBegin(Map<String, Double> logs) {
        if (!inFit) bar = new Progbar(steps, verbose, out, "step");
    }

    @Override public void onTestBatchEnd(int batch, Map<String, Double> logs) {
        seen = batch + 1;
        if (!inFit && (steps < 0 || batch + 1 < steps)) bar.update(batch + 1, logs, false);
    }

    @Override public void onTestEnd(Map<String, Double> logs) {
        if (!inFit) finish(logs);
    }

    @Override public void onPredictBegin(Map<String, Double> logs) { bar = new Progbar(steps, verbose, out, "step"); }

    @Override public void onPredictBatchEnd(int batch, Map<String, Double> logs) {
        seen = batch + 1;
        if (steps < 0 || batch + 1 < steps) bar.update(batch + 1, Map.of(), false);
    }

    @Override public void onPredictEnd(Map<String, Double> logs) { finish(Map.of()); }
}
