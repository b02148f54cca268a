package io.keras4j.optimizers.schedules;

import io.keras4j.optimizers.LearningRateSchedule;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keras's {@code PolynomialDecay}: {@code (initial - end) * (1 - step / decay_steps) ^ power + end}
 * with step capped at decay_steps. With {@code cycle} the step is not capped; decay_steps is
 * stretched instead to the first multiple of itself at or above step (itself at step 0), so the
 * rate jumps back up and decays again. Defaults: end_learning_rate 0.0001, power 1, cycle false.
 */
public final class PolynomialDecay implements LearningRateSchedule {
    private final double initialLearningRate;
    private final double decaySteps;
    private double endLearningRate = 0.0001;
    private double power = 1.0;
    private boolean cycle = false;
    private String name = "PolynomialDecay";

    public PolynomialDecay(double initialLearningRate, double decaySteps) {
        this.initialLearningRate = initialLearningRate;
        this.decaySteps = Schedules.positiveSteps(decaySteps, "decay_steps");
    }

    public PolynomialDecay endLearningRate(double value) {
        endLearningRate = value;
        return this;
    }

    public PolynomialDecay power(double value) {
        power = value;
        return this;
    }

    public PolynomialDecay cycle(boolean value) {
        cycle = value;
        return this;
    }

    public PolynomialDecay name(String value) {
        name = value;
        return this;
    }

    public double endLearningRate() { return endLearningRate; }

    public double power() { return power; }

    public boolean cycle() { return cycle; }

    public String name() { return name; }

    @Override public double at(long step) {
        double s = step;
        double steps = decaySteps;
        if (cycle) steps *= step == 0 ? 1 : Math.ceil(s / decaySteps);
        else s = Math.min(s, steps);
        double p = s / steps;
        return (initialLearningRate - endLearningRate) * Math.pow(1 - p, power) + endLearningRate;
    }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("initial_learning_rate", initialLearningRate);
        c.put("decay_steps", Schedules.format(decaySteps));
        c.put("end_learning_rate", endLearningRate);
        c.put("power", power);
        c.put("cycle", cycle);
        c.put("name", name);
        return c;
    }

    public static PolynomialDecay fromConfig(Map<String, ?> config) {
        Schedules.Reader r = new Schedules.Reader("PolynomialDecay", config);
        PolynomialDecay s = new PolynomialDecay(r.required("initial_learning_rate"), r.required("decay_steps"));
        s.endLearningRate(r.number("end_learning_rate", 0.0001)).power(r.number("power", 1.0)).cycle(r.bool("cycle", false));
        return r.done(s.name(r.name("PolynomialDecay")));
    }

    @Override public String toString() { return "<PolynomialDecay " + getConfig() + ">"; }
}
