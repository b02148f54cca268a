package io.keras4j.optimizers.schedules;

import io.keras4j.optimizers.LearningRateSchedule;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keras's {@code ExponentialDecay}: {@code initial_learning_rate * decay_rate ^ (step / decay_steps)},
 * with the exponent floored when {@code staircase} is on (the rate then drops at whole multiples
 * of decay_steps only).
 * <pre>{@code new Adam().learningRate(new ExponentialDecay(0.1, 1000, 0.96).staircase(true))}</pre>
 */
public final class ExponentialDecay implements LearningRateSchedule {
    private final double initialLearningRate;
    private final double decaySteps;
    private final double decayRate;
    private boolean staircase = false;
    private String name = "ExponentialDecay";

    public ExponentialDecay(double initialLearningRate, double decaySteps, double decayRate) {
        this.initialLearningRate = initialLearningRate;
        this.decaySteps = Schedules.positiveSteps(decaySteps, "decay_steps");
        this.decayRate = decayRate;
    }

    public ExponentialDecay staircase(boolean value) {
        staircase = value;
        return this;
    }

    public ExponentialDecay name(String value) {
        name = value;
        return this;
    }

    public boolean staircase() { return staircase; }

    public String name() { return name; }

    @Override public double at(long step) {
        double p = step / decaySteps;
        if (staircase) p = Math.floor(p);
        return initialLearningRate * Math.pow(decayRate, p);
    }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("initial_learning_rate", initialLearningRate);
        c.put("decay_steps", Schedules.format(decaySteps));
        c.put("decay_rate", decayRate);
        c.put("staircase", staircase);
        c.put("name", name);
        return c;
    }

    public static ExponentialDecay fromConfig(Map<String, ?> config) {
        Schedules.Reader r = new Schedules.Reader("ExponentialDecay", config);
        ExponentialDecay s = new ExponentialDecay(r.required("initial_learning_rate"), r.required("decay_steps"), r.required("decay_rate"));
        return r.done(s.staircase(r.bool("staircase", false)).name(r.name("ExponentialDecay")));
    }

    @Override public String toString() { return "<ExponentialDecay " + getConfig() + ">"; }
}
