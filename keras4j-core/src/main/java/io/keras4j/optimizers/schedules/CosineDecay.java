package io.keras4j.optimizers.schedules;

import io.keras4j.optimizers.LearningRateSchedule;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keras's {@code CosineDecay} with optional linear warmup. Without {@code warmup_target}:
 * {@code initial * ((1 - alpha) * 0.5 * (1 + cos(pi * min(step, decay_steps) / decay_steps)) + alpha)}.
 * With it, the rate first rises linearly from initial_learning_rate to warmup_target over
 * warmup_steps, then decays from warmup_target as above over the next decay_steps (step capped at
 * decay_steps + warmup_steps). Defaults: alpha 0, no warmup.
 */
public final class CosineDecay implements LearningRateSchedule {
    private final double initialLearningRate;
    private final double decaySteps;
    private double alpha = 0.0;
    private Double warmupTarget;
    private double warmupSteps = 0;
    private String name = "CosineDecay";

    public CosineDecay(double initialLearningRate, double decaySteps) {
        this.initialLearningRate = initialLearningRate;
        this.decaySteps = Schedules.positiveSteps(decaySteps, "decay_steps");
    }

    /** The floor, as a fraction of the rate decayed from. */
    public CosineDecay alpha(double value) {
        alpha = value;
        return this;
    }

    /** The rate reached at the end of the warmup; null for no warmup. */
    public CosineDecay warmupTarget(Double value) {
        warmupTarget = value;
        return this;
    }

    public CosineDecay warmupSteps(double value) {
        warmupSteps = value;
        return this;
    }

    public CosineDecay name(String value) {
        name = value;
        return this;
    }

    public double alpha() { return alpha; }

    public Double warmupTarget() { return warmupTarget; }

    public double warmupSteps() { return warmupSteps; }

    public String name() { return name; }

    @Override public double at(long step) {
        double s = step;
        if (warmupTarget == null) return decay(Math.min(s, decaySteps), initialLearningRate);
        s = Math.min(s, decaySteps + warmupSteps);
        if (s < warmupSteps) return (warmupTarget - initialLearningRate) * (s / warmupSteps) + initialLearningRate;
        return decay(s - warmupSteps, warmupTarget);
    }

    private double decay(double step, double from) {
        double cosine = 0.5 * (1.0 + Math.cos(Math.PI * (step / decaySteps)));
        return from * ((1 - alpha) * cosine + alpha);
    }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("initial_learning_rate", initialLearningRate);
        c.put("decay_steps", Schedules.format(decaySteps));
        c.put("alpha", alpha);
        c.put("name", name);
        c.put("warmup_target", warmupTarget);
        c.put("warmup_steps", Schedules.format(warmupSteps));
        return c;
    }

    public static CosineDecay fromConfig(Map<String, ?> config) {
        Schedules.Reader r = new Schedules.Reader("CosineDecay", config);
        CosineDecay s = new CosineDecay(r.required("initial_learning_rate"), r.required("decay_steps"));
        s.alpha(r.number("alpha", 0.0)).name(r.name("CosineDecay")).warmupTarget(r.optionalNumber("warmup_target"))
                .warmupSteps(r.number("warmup_steps", 0));
        return r.done(s);
    }

    @Override public String toString() { return "<CosineDecay " + getConfig() + ">"; }
}
