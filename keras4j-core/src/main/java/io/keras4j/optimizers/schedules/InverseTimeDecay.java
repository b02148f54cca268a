package io.keras4j.optimizers.schedules;

import io.keras4j.optimizers.LearningRateSchedule;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keras's {@code InverseTimeDecay}: {@code initial_learning_rate / (1 + decay_rate * step /
 * decay_steps)}, with {@code step / decay_steps} floored when {@code staircase} is on.
 */
public final class InverseTimeDecay implements LearningRateSchedule {
    private final double initialLearningRate;
    private final double decaySteps;
    private final double decayRate;
    private boolean staircase = false;
    private String name = "InverseTimeDecay";

    public InverseTimeDecay(double initialLearningRate, double decaySteps, double decayRate) {
        this.initialLearningRate = initialLearningRate;
        this.decaySteps = Schedules.positiveSteps(decaySteps, "decay_steps");
        this.decayRate = decayRate;
    }

    public InverseTimeDecay staircase(boolean value) {
        staircase = value;
        return this;
    }

    public InverseTimeDecay name(String value) {
        name = value;
        return this;
    }

    public boolean staircase() { return staircase; }

    public String name() { return name; }

    @Override public double at(long step) {
        double p = step / decaySteps;
        if (staircase) p = Math.floor(p);
        return initialLearningRate / (1 + decayRate * p);
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

    public static InverseTimeDecay fromConfig(Map<String, ?> config) {
        Schedules.Reader r = new Schedules.Reader("InverseTimeDecay", config);
        InverseTimeDecay s = new InverseTimeDecay(r.required("initial_learning_rate"), r.required("decay_steps"), r.required("decay_rate"));
        return r.done(s.staircase(r.bool("staircase", false)).name(r.name("InverseTimeDecay")));
    }

    @Override public String toString() { return "<InverseTimeDecay " + getConfig() + ">"; }
}
