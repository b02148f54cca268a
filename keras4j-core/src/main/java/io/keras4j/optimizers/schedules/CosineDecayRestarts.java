package io.keras4j.optimizers.schedules;

import io.keras4j.optimizers.LearningRateSchedule;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keras's {@code CosineDecayRestarts} (SGDR): cosine decay over first_decay_steps, then restarts,
 * each period {@code t_mul} times longer than the one before and starting {@code m_mul} times
 * lower. Within restart i at fraction f of its period the rate is
 * {@code initial * ((1 - alpha) * 0.5 * m_mul^i * (1 + cos(pi * f)) + alpha)}. Defaults: t_mul 2,
 * m_mul 1, alpha 0, name "SGDRDecay".
 */
public final class CosineDecayRestarts implements LearningRateSchedule {
    private final double initialLearningRate;
    private final double firstDecaySteps;
    private double tMul = 2.0;
    private double mMul = 1.0;
    private double alpha = 0.0;
    private String name = "SGDRDecay";

    public CosineDecayRestarts(double initialLearningRate, double firstDecaySteps) {
        this.initialLearningRate = initialLearningRate;
        this.firstDecaySteps = Schedules.positiveSteps(firstDecaySteps, "first_decay_steps");
    }

    /** How much longer each period is than the one before. */
    public CosineDecayRestarts tMul(double value) {
        tMul = value;
        return this;
    }

    /** How much lower each restart starts than the one before. */
    public CosineDecayRestarts mMul(double value) {
        mMul = value;
        return this;
    }

    public CosineDecayRestarts alpha(double value) {
        alpha = value;
        return this;
    }

    public CosineDecayRestarts name(String value) {
        name = value;
        return this;
    }

    public double tMul() { return tMul; }

    public double mMul() { return mMul; }

    public double alpha() { return alpha; }

    public String name() { return name; }

    @Override public double at(long step) {
        double fraction = step / firstDecaySteps;
        double restart;
        if (tMul == 1.0) {
            restart = Math.floor(fraction);
            fraction -= restart;
        } else {
            // Periods 1, t, t², ...: restart i begins at fraction (1 - t^i) / (1 - t).
            restart = Math.floor(Math.log(1.0 - fraction * (1.0 - tMul)) / Math.log(tMul));
            double before = (1.0 - Math.pow(tMul, restart)) / (1.0 - tMul);
            fraction = (fraction - before) / Math.pow(tMul, restart);
        }
        double cosine = 0.5 * Math.pow(mMul, restart) * (1.0 + Math.cos(Math.PI * fraction));
        return initialLearningRate * ((1 - alpha) * cosine + alpha);
    }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("initial_learning_rate", initialLearningRate);
        c.put("first_decay_steps", Schedules.format(firstDecaySteps));
        c.put("t_mul", tMul);
        c.put("m_mul", mMul);
        c.put("alpha", alpha);
        c.put("name", name);
        return c;
    }

    public static CosineDecayRestarts fromConfig(Map<String, ?> config) {
        Schedules.Reader r = new Schedules.Reader("CosineDecayRestarts", config);
        CosineDecayRestarts s = new CosineDecayRestarts(r.required("initial_learning_rate"), r.required("first_decay_steps"));
        s.tMul(r.number("t_mul", 2.0)).mMul(r.number("m_mul", 1.0)).alpha(r.number("alpha", 0.0)).name(r.name("SGDRDecay"));
        return r.done(s);
    }

    @Override public String toString() { return "<CosineDecayRestarts " + getConfig() + ">"; }
}
