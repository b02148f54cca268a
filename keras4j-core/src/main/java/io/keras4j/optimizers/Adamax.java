package io.keras4j.optimizers;

import io.keras4j.autodiff.Variable;

import java.util.List;
import java.util.Map;

/**
 * Adamax, Adam with the infinity norm, as {@code keras.optimizers.Adamax}. At step t:
 * <pre>
 * m += (g - m) * (1 - beta_1)
 * u = max(beta_2 * u, |g|)
 * w -= learning_rate * m / ((1 - beta_1^t) * (u + epsilon))
 * </pre>
 * Defaults: learning_rate 0.001, beta_1 0.9, beta_2 0.999, epsilon 1e-7. Slots, interleaved per
 * variable: "momentum", "norm".
 */
public class Adamax extends Optimizer {
    private double beta1 = 0.9;
    private double beta2 = 0.999;
    private double epsilon = 1e-7;
    private List<Variable> momentums;
    private List<Variable> norms;

    public Adamax() {
        super(0.001);
    }

    public static Adamax fromConfig(Map<String, Object> config) {
        Adamax optimizer = new Adamax();
        optimizer.applyConfig(config);
        return optimizer;
    }

    @Override public String className() { return "Adamax"; }

    public double beta1() { return beta1; }

    public Adamax beta1(double beta1) {
        this.beta1 = beta1;
        return this;
    }

    public double beta2() { return beta2; }

    public Adamax beta2(double beta2) {
        this.beta2 = beta2;
        return this;
    }

    public double epsilon() { return epsilon; }

    public Adamax epsilon(double epsilon) {
        this.epsilon = epsilon;
        return this;
    }

    @Override protected void buildSlots(List<Variable> variables) {
        List<List<Variable>> slots = addOptimizerVariables(variables, 0, "momentum", "norm");
        momentums = slots.get(0);
        norms = slots.get(1);
    }

    @Override protected void updateStep(int index, Variable variable, Object gradient, double learningRate) {
        double correction = 1 - Math.pow(beta1, iterations() + 1);
        Object data = variable.peek().data();
        Object mData = momentums.get(index).peek().data(), uData = norms.get(index).peek().data();
        if (data instanceof float[] w) {
            float[] g = (float[]) gradient, m = (float[]) mData, u = (float[]) uData;
            float c1 = (float) (1 - beta1), b2 = (float) beta2, eps = (float) epsilon;
            float lr = (float) learningRate, corr = (float) correction;
            forChunks(w.length, (from, to) -> {
                for (int i = from; i < to; i++) {
                    float gi = g[i];
                    float mi = flush(m[i] + (gi - m[i]) * c1);
                    float ui = flushNonNegative(Math.max(b2 * u[i], Math.abs(gi)));
                    m[i] = mi;
                    u[i] = ui;
                    w[i] -= lr * mi / (corr * (ui + eps));
                }
            });
        } else {
            double[] w = (double[]) data, g = (double[]) gradient, m = (double[]) mData, u = (double[]) uData;
            double c1 = 1 - beta1, b2 = beta2, eps = epsilon, lr = learningRate;
            forChunks(w.length, (from, to) -> {
                for (int i = from; i < to; i++) {
                    double gi = g[i];
                    double mi = flush(m[i] + (gi - m[i]) * c1);
                    double ui = flushNonNegative(Math.max(b2 * u[i], Math.abs(gi)));
                    m[i] = mi;
                    u[i] = ui;
                    w[i] -= lr * mi / (correction * (ui + eps));
                }
            });
        }
    }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("beta_1", beta1);
        config.put("beta_2", beta2);
        config.put("epsilon", epsilon);
        return config;
    }

    @Override protected boolean setOption(String key, Object value) {
        switch (key) {
            case "beta_1" -> beta1(number(key, value));
            case "beta_2" -> beta2(number(key, value));
            case "epsilon" -> epsilon(number(key, value));
            default -> { return super.setOption(key, value); }
        }
        return true;
    }

    // Covariant returns, so that options chain in any order.
    @Override public Adamax name(String name) { super.name(name); return this; }
    @Override public Adamax learningRate(double learningRate) { super.learningRate(learningRate); return this; }
    @Override public Adamax learningRate(LearningRateSchedule schedule) { super.learningRate(schedule); return this; }
    @Override public Adamax weightDecay(double weightDecay) { super.weightDecay(weightDecay); return this; }
    @Override public Adamax clipnorm(double clipnorm) { super.clipnorm(clipnorm); return this; }
    @Override public Adamax clipvalue(double clipvalue) { super.clipvalue(clipvalue); return this; }
    @Override public Adamax globalClipnorm(double globalClipnorm) { super.globalClipnorm(globalClipnorm); return this; }
    @Override public Adamax lossScaleFactor(double lossScaleFactor) { super.lossScaleFactor(lossScaleFactor); return this; }
}
