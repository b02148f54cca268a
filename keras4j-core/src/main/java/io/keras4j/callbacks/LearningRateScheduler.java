package io.keras4j.callbacks;

import java.util.Map;

/**
 * Sets the learning rate at the start of every epoch to {@code schedule(epoch, lr)} (Keras's
 * {@code LearningRateScheduler}), {@code epoch} 0-based and {@code lr} the current rate; adds
 * "learning_rate" to the epoch logs. An optimizer with a {@code LearningRateSchedule} cannot have
 * its rate set, and fails as in Keras.
 */
public class LearningRateScheduler extends Callback {
    /** The schedule: the new learning rate from the 0-based epoch and the current rate. */
    @FunctionalInterface
    public interface Schedule {
        double apply(int epoch, double learningRate);
    }

    private final Schedule schedule;
    private int verbose;

    public LearningRateScheduler(Schedule schedule) {
        if (schedule == null) throw new IllegalArgumentException("Argument `schedule` must be a function. Received: schedule=None");
        this.schedule = schedule;
    }

    public LearningRateScheduler verbose(int value) { verbose = value; return this; }

    @Override public void onEpochBegin(int epoch, Map<String, Double> logs) {
        double lr = schedule.apply(epoch, model.optimizer().learningRate());
        if (Double.isNaN(lr)) throw new IllegalArgumentException("The output of the `schedule` function should be a float. Got: " + lr);
        model.optimizer().learningRate(lr);
        if (verbose > 0) System.out.println("\nEpoch " + (epoch + 1) + ": LearningRateScheduler setting learning rate to " + lr + ".");
    }

    @Override public void onEpochEnd(int epoch, Map<String, Double> logs) {
        if (logs != null) logs.put("learning_rate", model.optimizer().learningRate());
    }
}
