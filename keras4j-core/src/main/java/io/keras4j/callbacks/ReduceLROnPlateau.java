package io.keras4j.callbacks;

import io.keras4j.optimizers.Optimizer;

import java.util.Map;

/**
 * Multiplies the learning rate by {@code factor} when a monitored quantity has not improved for
 * {@code patience} epochs (Keras's {@code ReduceLROnPlateau}), then waits {@code cooldown} epochs
 * before counting again; never below {@code min_lr}. Adds "learning_rate" to the epoch logs.
 * An optimizer with a {@code LearningRateSchedule} cannot have its rate set, and fails as in Keras.
 */
public class ReduceLROnPlateau extends MonitorCallback {
    private double factor = 0.1;
    private int patience = 10;
    private int verbose;
    private int cooldown;
    private double minLr;

    private int cooldownCounter;
    private int wait;

    /** Keras's defaults: monitor "val_loss", factor 0.1, patience 10, min_delta 1e-4, cooldown 0, min_lr 0. */
    public ReduceLROnPlateau() { super(1e-4); }

    public ReduceLROnPlateau monitor(String value) { setMonitor(value); return this; }

    public ReduceLROnPlateau mode(String value) { setMode(value); return this; }

    public ReduceLROnPlateau minDelta(double value) { setMinDelta(value); return this; }

    /** {@code new_lr = lr * factor}; must be below 1. */
    public ReduceLROnPlateau factor(double value) {
        if (!(value < 1.0)) throw new IllegalArgumentException("ReduceLROnPlateau does not support a factor >= 1.0. Received factor=" + value);
        factor = value;
        return this;
    }

    public ReduceLROnPlateau patience(int value) {
        if (value < 0) throw new IllegalArgumentException("Argument `patience` must be a non-negative integer. Received: patience=" + value);
        patience = value;
        return this;
    }

    public ReduceLROnPlateau verbose(int value) { verbose = value; return this; }

    /** Epochs to wait after a reduction before counting epochs without improvement again. */
    public ReduceLROnPlateau cooldown(int value) {
        if (value < 0) throw new IllegalArgumentException("Argument `cooldown` must be a non-negative integer. Received: cooldown=" + value);
        cooldown = value;
        return this;
    }

    public ReduceLROnPlateau minLr(double value) {
        if (!(value >= 0)) throw new IllegalArgumentException("Argument `min_lr` must be a float >= 0. Received: min_lr=" + value);
        minLr = value;
        return this;
    }

    public double factor() { return factor; }

    public int patience() { return patience; }

    public int cooldown() { return cooldown; }

    public double minLr() { return minLr; }

    @Override public void onTrainBegin(Map<String, Double> logs) {
        best = null;
        cooldownCounter = 0;
        wait = 0;
    }

    @Override public void onEpochEnd(int epoch, Map<String, Double> logs) {
        resolveDirection();
        Optimizer optimizer = model.optimizer();
        if (logs != null) logs.put("learning_rate", optimizer.learningRate());
        Double current = logs == null ? null : logs.get(monitor);
        if (current == null) {
            warn("Learning rate reduction is conditioned on metric `" + monitor + "` which is not available. Available metrics are: " + keys(logs) + ".");
            return;
        }
        if (cooldownCounter > 0) {
            cooldownCounter--;
            wait = 0;
        }
        if (isImprovement(current, best)) {
            best = current;
            wait = 0;
        } else if (cooldownCounter <= 0) {
            wait++;
            if (wait >= patience && reduce(optimizer, epoch)) {
                cooldownCounter = cooldown;
                wait = 0;
            }
        }
    }

    private boolean reduce(Optimizer optimizer, int epoch) {
        double old = optimizer.learningRate();
        // Keras compares the float32 rate with float32(min_lr): at the floor nothing more happens.
        if (!(old > (float) minLr)) return false;
        double lr = Math.max(old * factor, minLr);
        optimizer.learningRate(lr);
        if (verbose > 0) System.out.println("\nEpoch " + (epoch + 1) + ": ReduceLROnPlateau reducing learning rate to " + lr + ".");
        return true;
    }
}
