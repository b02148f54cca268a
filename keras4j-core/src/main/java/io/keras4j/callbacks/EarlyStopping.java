package io.keras4j.callbacks;

import io.keras4j.tensor.Tensor;

import java.util.List;
import java.util.Map;

/**
 * Stops {@code fit} when a monitored quantity has stopped improving (Keras's
 * {@code EarlyStopping}): after {@code patience} epochs without an improvement larger than
 * {@code min_delta} it sets {@code model.stopTraining}. With {@code restoreBestWeights(true)} the
 * model ends with the weights of the best epoch.
 * <pre>{@code new EarlyStopping().monitor("val_loss").patience(3).restoreBestWeights(true)}</pre>
 */
public class EarlyStopping extends MonitorCallback {
    private int patience;
    private int verbose;
    private Double baseline;
    private boolean restoreBestWeights;
    private int startFromEpoch;

    private int wait;
    private int stoppedEpoch;
    private int bestEpoch;
    private List<Tensor> bestWeights;

    /** Keras's defaults: monitor "val_loss", min_delta 0, patience 0, mode "auto", no baseline. */
    public EarlyStopping() { super(0); }

    public EarlyStopping monitor(String value) { setMonitor(value); return this; }

    /** "auto", "min" or "max"; an unknown mode falls back to "auto" with a warning, as Keras. */
    public EarlyStopping mode(String value) { setMode(value); return this; }

    /** The smallest change that counts as an improvement; its sign is ignored, as Keras. */
    public EarlyStopping minDelta(double value) { setMinDelta(value); return this; }

    public EarlyStopping patience(int value) {
        if (value < 0) throw new IllegalArgumentException("Argument `patience` must be a non-negative integer. Received: patience=" + value);
        patience = value;
        return this;
    }

    /** 0: silent, 1: a message when it stops or restores weights. */
    public EarlyStopping verbose(int value) { verbose = value; return this; }

    /** Training stops unless the quantity improves on this value within {@code patience} epochs. */
    public EarlyStopping baseline(double value) {
        if (Double.isNaN(value)) throw new IllegalArgumentException("Argument `baseline` must be a number. Received: baseline=" + value);
        baseline = value;
        return this;
    }

    public EarlyStopping restoreBestWeights(boolean value) { restoreBestWeights = value; return this; }

    /** Epochs of warm-up during which nothing is monitored. */
    public EarlyStopping startFromEpoch(int value) {
        if (value < 0) throw new IllegalArgumentException("Argument `start_from_epoch` must be a non-negative integer. Received: start_from_epoch=" + value);
        startFromEpoch = value;
        return this;
    }

    public int patience() { return patience; }

    public Double baseline() { return baseline; }

    public boolean restoreBestWeights() { return restoreBestWeights; }

    public int startFromEpoch() { return startFromEpoch; }

    /** The 0-based epoch at which training was stopped, 0 when it was not. */
    public int stoppedEpoch() { return stoppedEpoch; }

    /** The 0-based epoch with the best monitored value. */
    public int bestEpoch() { return bestEpoch; }

    public Double best() { return best; }

    @Override public void onTrainBegin(Map<String, Double> logs) {
        wait = 0;
        stoppedEpoch = 0;
        best = null;
        bestWeights = null;
        bestEpoch = 0;
    }

    @Override public void onEpochEnd(int epoch, Map<String, Double> logs) {
        resolveDirection();
        Double current = logs == null ? null : logs.get(monitor);
        if (current == null) {
            warn("Early stopping conditioned on metric `" + monitor + "` which is not available. Available metrics are: " + keys(logs));
            return;
        }
        if (epoch < startFromEpoch) return;
        // Keras keeps the first monitored epoch's weights, so that some weights are restored even if none improves.
        if (restoreBestWeights && bestWeights == null) {
            bestWeights = model.getWeights();
            bestEpoch = epoch;
        }
        wait++;
        if (isImprovement(current, best)) {
            best = current;
            bestEpoch = epoch;
            if (restoreBestWeights) bestWeights = model.getWeights();
            // Improving on the best so far only resets the wait once it also beats the baseline.
            if (baseline == null || isImprovement(current, baseline)) wait = 0;
            return;
        }
        if (wait >= patience && epoch > 0) {
            stoppedEpoch = epoch;
            model.setStopTraining(true);
        }
    }

    @Override public void onTrainEnd(Map<String, Double> logs) {
        if (stoppedEpoch > 0 && verbose > 0) System.out.println("Epoch " + (stoppedEpoch + 1) + ": early stopping");
        if (restoreBestWeights && bestWeights != null) {
            if (verbose > 0) System.out.println("Restoring model weights from the end of the best epoch: " + (bestEpoch + 1) + ".");
            model.setWeights(bestWeights);
        }
    }
}
