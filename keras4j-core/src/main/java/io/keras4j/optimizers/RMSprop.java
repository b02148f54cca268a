package io.keras4j.optimizers;

import io.keras4j.autodiff.Variable;

import java.util.List;
import java.util.Map;

/**
 * RMSprop, as {@code keras.optimizers.RMSprop}:
 * <pre>
 * v = rho * v + (1 - rho) * g^2
 * centered:  a = rho * a + (1 - rho) * g;  d = v - a^2 + epsilon
 * otherwise: d = v + epsilon
 * inc = learning_rate * g / sqrt(d)
 * momentum > 0: m = momentum * m + inc;  w -= m
 * otherwise:    w -= inc
 * </pre>
 * Defaults: learning_rate 0.001, rho 0.9, momentum 0, epsilon 1e-7, centered false. Slots, each
 * group over all variables: "velocity", then "momentum" (momentum > 0), then "average_gradient"
 * (centered).
 */
public class RMSprop extends Optimizer {
    private double rho = 0.9;
    private double momentum = 0.0;
    private double epsilon = 1e-7;
    private boolean centered = false;
    private List<Variable> velocities;
    private List<Variable> momentums;
    private List<Variable> averageGradients;

    public RMSprop() {
        super(0.001);
    }

    public static RMSprop fromConfig(Map<String, Object> config) {
        RMSprop optimizer = new RMSprop();
        optimizer.applyConfig(config);
        return optimizer;
    }

    @Override public String className() { return "RMSprop"; }

    public double rho() { return rho; }

    public RMSprop rho(double rho) {
        this.rho = rho;
        return this;
    }

    public double momentum() { return momentum; }

    public RMSprop momentum(double momentum) {
        if ((momentum > 0) != (this.momentum > 0)) checkNotBuilt("momentum");
        this.momentum = momentum;
        return this;
    }

    public double epsilon() { return epsilon; }

    public RMSprop epsilon(double epsilon) {
        this.epsilon = epsilon;
        return this;
    }

    public boolean centered() { return centered; }

    public RMSprop centered(boolean centered) {
        if (centered != this.centered) checkNotBuilt("centered");
        this.centered = centered;
        return this;
    }

    @Override protected void buildSlots(List<Variable> variables) {
        velocities = addOptimizerVariables(variables, 0, "velocity").get(0);
        if (momentum > 0) momentums = addOptimizerVariables(variables, 0, "momentum").get(0);
        if (centered) averageGradients = addOptimizerVariables(variables, 0, "average_gradient").get(0);
    }

    @Override protected void updateStep(int index, Variable variable, Object gradient, double learningRate) {
        Object data = variable.peek().data();
        Object vData = velocities.get(index).peek().data();
        Object mData = momentum > 0 ? momentums.get(index).peek().data() : null;
        Object aData = centered ? averageGradients.get(index).peek().data() : null;
        if (data instanceof float[] w) {
            updateFloat(w, (float[]) gradient, (float[]) vData, (float[]) mData, (float[]) aData, (float) learningRate);
        } else {
            updateDouble((double[]) data, (double[]) gradient, (double[]) vData, (double[]) mData, (double[]) aData, learningRate);
        }
    }

    // One loop per variant, without branches inside: a branch kept the JIT from vectorizing.
    private void updateFloat(float[] w, float[] g, float[] v, float[] m, float[] a, float lr) {
        float r = (float) rho, c = (float) (1 - rho), mu = (float) momentum, eps = (float) epsilon;
        if (a == null && m == null) {
            forChunks(w.length, (from, to) -> {
                for (int i = from; i < to; i++) {
                    float gi = g[i];
                    float vi = flushNonNegative(r * v[i] + c * (gi * gi));
                    v[i] = vi;
                    w[i] -= lr * gi / (float) Math.sqrt(vi + eps);
                }
            });
        } else if (a == null) {
            forChunks(w.length, (from, to) -> {
                for (int i = from; i < to; i++) {
                    float gi = g[i];
                    float vi = flushNonNegative(r * v[i] + c * (gi * gi));
                    float mi = flush(mu * m[i] + lr * gi / (float) Math.sqrt(vi + eps));
                    v[i] = vi;
                    m[i] = mi;
                    w[i] -= mi;
                }
            });
        } else if (m == null) {
            forChunks(w.length, (from, to) -> {
                for (int i = from; i < to; i++) {
                    float gi = g[i];
                    float vi = flushNonNegative(r * v[i] + c * (gi * gi));
                    float ai = flush(r * a[i] + c * gi);
                    v[i] = vi;
                    a[i] = ai;
                    w[i] -= lr * gi / (float) Math.sqrt(vi - ai * ai + eps);
                }
            });
        } else {
            // Two loops per tile: as one, the body was too large for the JIT to vectorize.
            forChunks(w.length, (from, to) -> {
                for (int start = from; start < to; start += TILE) {
                    int end = Math.min(to, start + TILE);
                    for (int i = start; i < end; i++) {
                        float gi = g[i];
                        v[i] = flushNonNegative(r * v[i] + c * (gi * gi));
                        a[i] = flush(r * a[i] + c * gi);
                    }
                    for (int i = start; i < end; i++) {
                        float mi = flush(mu * m[i] + lr * g[i] / (float) Math.sqrt(v[i] - a[i] * a[i] + eps));
                        m[i] = mi;
                        w[i] -= mi;
                    }
                }
            });
        }
    }

    private void updateDouble(double[] w, double[] g, double[] v, double[] m, double[] a, double lr) {
        double r = rho, c = 1 - rho, mu = momentum, eps = epsilon;
        if (a == null && m == null) {
            forChunks(w.length, (from, to) -> {
                for (int i = from; i < to; i++) {
                    double gi = g[i];
                    double vi = flushNonNegative(r * v[i] + c * (gi * gi));
                    v[i] = vi;
                    w[i] -= lr * gi / Math.sqrt(vi + eps);
                }
            });
        } else if (a == null) {
            forChunks(w.length, (from, to) -> {
                for (int i = from; i < to; i++) {
                    double gi = g[i];
                    double vi = flushNonNegative(r * v[i] + c * (gi * gi));
                    double mi = flush(mu * m[i] + lr * gi / Math.sqrt(vi + eps));
                    v[i] = vi;
                    m[i] = mi;
                    w[i] -= mi;
                }
            });
        } else if (m == null) {
            forChunks(w.length, (from, to) -> {
                for (int i = from; i < to; i++) {
                    double gi = g[i];
                    double vi = flushNonNegative(r * v[i] + c * (gi * gi));
                    double ai = flush(r * a[i] + c * gi);
                    v[i] = vi;
                    a[i] = ai;
                    w[i] -= lr * gi / Math.sqrt(vi - ai * ai + eps);
                }
            });
        } else {
            forChunks(w.length, (from, to) -> {
                for (int start = from; start < to; start += TILE) {
                    int end = Math.min(to, start + TILE);
                    for (int i = start; i < end; i++) {
                        double gi = g[i];
                        v[i] = flushNonNegative(r * v[i] + c * (gi * gi));
                        a[i] = flush(r * a[i] + c * gi);
                    }
                    for (int i = start; i < end; i++) {
                        double mi = flush(mu * m[i] + lr * g[i] / Math.sqrt(v[i] - a[i] * a[i] + eps));
                        m[i] = mi;
                        w[i] -= mi;
                    }
                }
            });
        }
    }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("rho", rho);
        config.put("momentum", momentum);
        config.put("epsilon", epsilon);
        config.put("centered", centered);
        return config;
    }

    @Override protected boolean setOption(String key, Object value) {
        switch (key) {
            case "rho" -> rho(number(key, value));
            case "momentum" -> momentum(number(key, value));
            case "epsilon" -> epsilon(number(key, value));
            case "centered" -> centered(bool(key, value));
            default -> { return super.setOption(key, value); }
        }
        return true;
    }

    // Covariant returns, so that options chain in any order.
    @Override public RMSprop name(String name) { super.name(name); return this; }
    @Override public RMSprop learningRate(double learningRate) { super.learningRate(learningRate); return this; }
    @Override public RMSprop learningRate(LearningRateSchedule schedule) { super.learningRate(schedule); return this; }
    @Override public RMSprop weightDecay(double weightDecay) { super.weightDecay(weightDecay); return this; }
    @Override public RMSprop clipnorm(double clipnorm) { super.clipnorm(clipnorm); return this; }
    @Override public RMSprop clipvalue(double clipvalue) { super.clipvalue(clipvalue); return this; }
    @Override public RMSprop globalClipnorm(double globalClipnorm) { super.globalClipnorm(globalClipnorm); return this; }
    @Override public RMSprop lossScaleFactor(double lossScaleFactor) { super.lossScaleFactor(lossScaleFactor); return this; }
}
