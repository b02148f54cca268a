package io.keras4j.optimizers;

import io.keras4j.autodiff.Variable;

import java.util.List;
import java.util.Map;

/**
 * Adam, as {@code keras.optimizers.Adam}. At step t (1 on the first step):
 * <pre>
 * m += (g - m) * (1 - beta_1)
 * v += (g^2 - v) * (1 - beta_2)
 * v_hat = max(v_hat, v); v = v_hat                             (amsgrad only)
 * alpha = learning_rate * sqrt(1 - beta_2^t) / (1 - beta_1^t)
 * w -= alpha * m / (sqrt(v) + epsilon)
 * </pre>
 * The bias correction sits in alpha and epsilon outside the square root, as in Keras ("epsilon
 * hat" of the paper). Defaults: learning_rate 0.001, beta_1 0.9, beta_2 0.999, epsilon 1e-7,
 * amsgrad false. Slots: "momentum" and "velocity" per variable, then "velocity_hat" with amsgrad.
 */
public class Adam extends Optimizer {
    private double beta1 = 0.9;
    private double beta2 = 0.999;
    private double epsilon = 1e-7;
    private boolean amsgrad = false;
    private List<Variable> momentums;
    private List<Variable> velocities;
    private List<Variable> velocityHats;

    public Adam() {
        super(0.001);
    }

    public static Adam fromConfig(Map<String, Object> config) {
        Adam optimizer = new Adam();
        optimizer.applyConfig(config);
        return optimizer;
    }

    @Override public String className() { return "Adam"; }

    public double beta1() { return beta1; }

    public Adam beta1(double beta1) {
        this.beta1 = beta1;
        return this;
    }

    public double beta2() { return beta2; }

    public Adam beta2(double beta2) {
        this.beta2 = beta2;
        return this;
    }

    public double epsilon() { return epsilon; }

    public Adam epsilon(double epsilon) {
        this.epsilon = epsilon;
        return this;
    }

    public boolean amsgrad() { return amsgrad; }

    public Adam amsgrad(boolean amsgrad) {
        if (amsgrad != this.amsgrad) checkNotBuilt("amsgrad");
        this.amsgrad = amsgrad;
        return this;
    }

    @Override protected void buildSlots(List<Variable> variables) {
        List<List<Variable>> slots = addOptimizerVariables(variables, 0, "momentum", "velocity");
        momentums = slots.get(0);
        velocities = slots.get(1);
        if (amsgrad) velocityHats = addOptimizerVariables(variables, 0, "velocity_hat").get(0);
    }

    @Override protected void updateStep(int index, Variable variable, Object gradient, double learningRate) {
        long t = iterations() + 1;
        double alpha = learningRate * Math.sqrt(1 - Math.pow(beta2, t)) / (1 - Math.pow(beta1, t));
        Object data = variable.peek().data();
        Object mData = momentums.get(index).peek().data(), vData = velocities.get(index).peek().data();
        Object hatData = amsgrad ? velocityHats.get(index).peek().data() : null;
        // One loop per variant, without branches inside: a branch kept the JIT from vectorizing.
        if (data instanceof float[] w) {
            float[] g = (float[]) gradient, m = (float[]) mData, v = (float[]) vData, vHat = (float[]) hatData;
            float a = (float) alpha, c1 = (float) (1 - beta1), c2 = (float) (1 - beta2), eps = (float) epsilon;
            if (vHat == null) {
                forChunks(w.length, (from, to) -> {
                    for (int i = from; i < to; i++) {
                        float gi = g[i];
                        float mi = flush(m[i] + (gi - m[i]) * c1);
                        float vi = flushNonNegative(v[i] + (gi * gi - v[i]) * c2);
                        m[i] = mi;
                        v[i] = vi;
                        w[i] -= mi * a / ((float) Math.sqrt(vi) + eps);
                    }
                });
            } else {
                // Two loops per tile: as one, the body was too large for the JIT to vectorize.
                forChunks(w.length, (from, to) -> {
                    for (int start = from; start < to; start += TILE) {
                        int end = Math.min(to, start + TILE);
                        for (int i = start; i < end; i++) {
                            float gi = g[i];
                            float vi = flushNonNegative(v[i] + (gi * gi - v[i]) * c2);
                            v[i] = vi;
                            vHat[i] = Math.max(vHat[i], vi);
                        }
                        for (int i = start; i < end; i++) {
                            float mi = flush(m[i] + (g[i] - m[i]) * c1);
                            m[i] = mi;
                            w[i] -= mi * a / ((float) Math.sqrt(vHat[i]) + eps);
                        }
                    }
                });
            }
        } else {
            double[] w = (double[]) data, g = (double[]) gradient, m = (double[]) mData, v = (double[]) vData;
            double[] vHat = (double[]) hatData;
            double c1 = 1 - beta1, c2 = 1 - beta2, eps = epsilon;
            if (vHat == null) {
                forChunks(w.length, (from, to) -> {
                    for (int i = from; i < to; i++) {
                        double gi = g[i];
                        double mi = flush(m[i] + (gi - m[i]) * c1);
                        double vi = flushNonNegative(v[i] + (gi * gi - v[i]) * c2);
                        m[i] = mi;
                        v[i] = vi;
                        w[i] -= mi * alpha / (Math.sqrt(vi) + eps);
                    }
                });
            } else {
                forChunks(w.length, (from, to) -> {
                    for (int start = from; start < to; start += TILE) {
                        int end = Math.min(to, start + TILE);
                        for (int i = start; i < end; i++) {
                            double gi = g[i];
                            double vi = flushNonNegative(v[i] + (gi * gi - v[i]) * c2);
                            v[i] = vi;
                            vHat[i] = Math.max(vHat[i], vi);
                        }
                        for (int i = start; i < end; i++) {
                            double mi = flush(m[i] + (g[i] - m[i]) * c1);
                            m[i] = mi;
                            w[i] -= mi * alpha / (Math.sqrt(vHat[i]) + eps);
                        }
                    }
                });
            }
        }
    }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("beta_1", beta1);
        config.put("beta_2", beta2);
        config.put("epsilon", epsilon);
        config.put("amsgrad", amsgrad);
        return config;
    }

    @Override protected boolean setOption(String key, Object value) {
        switch (key) {
            case "beta_1" -> beta1(number(key, value));
            case "beta_2" -> beta2(number(key, value));
            case "epsilon" -> epsilon(number(key, value));
            case "amsgrad" -> amsgrad(bool(key, value));
            default -> { return super.setOption(key, value); }
        }
        return true;
    }

    // Covariant returns, so that options chain in any order.
    @Override public Adam name(String name) { super.name(name); return this; }
    @Override public Adam learningRate(double learningRate) { super.learningRate(learningRate); return this; }
    @Override public Adam learningRate(LearningRateSchedule schedule) { super.learningRate(schedule); return this; }
    @Override public Adam weightDecay(double weightDecay) { super.weightDecay(weightDecay); return this; }
    @Override public Adam clipnorm(double clipnorm) { super.clipnorm(clipnorm); return this; }
    @Override public Adam clipvalue(double clipvalue) { super.clipvalue(clipvalue); return this; }
    @Override public Adam globalClipnorm(double globalClipnorm) { super.globalClipnorm(globalClipnorm); return this; }
    @Override public Adam lossScaleFactor(double lossScaleFactor) { super.lossScaleFactor(lossScaleFactor); return this; }
}
