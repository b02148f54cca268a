package io.keras4j.optimizers;

import java.util.Map;

/**
 * A learning rate that changes with the optimizer's iteration count, as
 * {@code keras.optimizers.schedules.LearningRateSchedule}. An optimizer given one evaluates it at
 * its current {@link Optimizer#iterations()} (0 on the first step) each time it applies gradients.
 * A lambda ({@code step -> 0.1 / (1 + step)}) is a schedule that cannot be saved.
 */
@FunctionalInterface
public interface LearningRateSchedule {

    /** The learning rate for the step that follows {@code step} completed steps. */
    double at(long step);

    /** The Keras class name written in configs. */
    default String className() {
        return getClass().getSimpleName();
    }

    /** The Keras config (snake_case keys); schedules that can be saved override it. */
    default Map<String, Object> getConfig() {
        throw new UnsupportedOperationException("Learning rate schedule '" + className()
                + "' must override `getConfig()` in order to be serializable.");
    }
}
