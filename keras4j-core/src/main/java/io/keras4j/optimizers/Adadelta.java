package io.keras4j.optimizers;

import io.keras4j.autodiff.Variable;

import java.util.List;
import java.util.Map;

/**
 * Adadelta, as {@code keras.optimizers.Adadelta}:
 * <pre>
 * acc_g = rho * acc_g + (1 - rho) * g^2
 * delta = -sqrt(acc_d + epsilon) * g / sqrt(acc_g + epsilon)
 * acc_d = rho * acc_d + (1 - rho) * delta^2
 * w += learning_rate * delta
 * </pre>
 * Defaults: learning_rate 0.001 (1.0 matches the paper), rho 0.95, epsilon 1e-7. Slots,
 * interleaved per variable: "accumulated_grad", "accumulated_delta_var".
 */
public class Adadelta extends Optimizer {
    private double rho = 0.95;
    private double epsilon = 1e-7;
    private List<Variable> accumulatedGrads;
    private List<Variable> accumulatedDeltaVars;

    public Adadelta() {
        super(0.001);
    }

    public static Adadelta fromConfig(Map<String, Object> config) {
        Adadelta optimizer = new Adadelta();
        optimizer.applyConfig(config);
        return optimizer;
    }

    @Override public String className() { return "Adadelta"; }

    public double rho() { return rho; }

    public Adadelta rho(double rho) {
        this.rho = rho;
        return this;
    }

    public double epsilon() { return epsilon; }

    public Adadelta epsilon(double epsilon) {
        this.epsilon = epsilon;
        return this;
    }

    @Override protected void buildSlots(List<Variable> variables) {
        List<List<Variable>> slots = addOptimizerVariables(variables, 0, "accumulated_grad", "accumulated_delta_var");
        accumulatedGrads = slots.get(0);
        accumulatedDeltaVars = slots.get(1);
    }

    @Override protected void updateStep(int index, Variable variable, Object gradient, double learningRate) {
        Object data = variable.peek().data();
        Object gAccData = accumulatedGrads.get(index).peek().data();
        Object dAccData = accumulatedDeltaVars.get(index).peek().data();
        if (data instanceof float[] w) {
            float[] g = (float[]) gradient, accG = (float[]) gAccData, accD = (float[]) dAccData;
            float r = (float) rho, c = (float) (1 - rho), eps = (float) epsilon, lr = (float) learningRate;
            forChunks(w.length, (from, to) -> {
                for (int i = from; i < to; i++) {
                    float gi = g[i];
                    float ag = flushNonNegative(r * accG[i] + c * (gi * gi));
                    accG[i] = ag;
                    float delta = -((float) Math.sqrt(accD[i] + eps) * gi / (float) Math.sqrt(ag + eps));
                    accD[i] = flushNonNegative(r * accD[i] + c * (delta * delta));
                    w[i] += lr * delta;
                }
            });
        } else {
            double[] w = (double[]) data, g = (double[]) gradient, accG = (double[]) gAccData, accD = (double[]) dAccData;
            double r = rho, c = 1 - rho, eps = epsilon, lr = learningRate;
            forChunks(w.length, (from, to) -> {
                for (int i = from; i < to; i++) {
                    double gi = g[i];
                    double ag = flushNonNegative(r * accG[i] + c * (gi * gi));
                    accG[i] = ag;
                    double delta = -(Math.sqrt(accD[i] + eps) * gi / Math.sqrt(ag + eps));
                    accD[i] = flushNonNegative(r * accD[i] + c * (delta * delta));
                    w[i] += lr * delta;
                }
            });
        }
    }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("rho", rho);
        config.put("epsilon", epsilon);
        return config;
    }

    @Override protected boolean setOption(String key, Object value) {
        switch (key) {
            case "rho" -> rho(number(key, value));
            case "epsilon" -> epsilon(number(key, value));
            default -> { return super.setOption(key, value); }
        }
        return true;
    }

    // Covariant returns, so that options chain in any order.
    @Override public Adadelta name(String name) { super.name(name); return this; }
    @Override public Adadelta learningRate(double learningRate) { super.learningRate(learningRate); return this; }
    @Override public Adadelta learningRate(LearningRateSchedule schedule) { super.learningRate(schedule); return this; }
    @Override public Adadelta weightDecay(double weightDecay) { super.weightDecay(weightDecay); return this; }
    @Override public Adadelta clipnorm(double clipnorm) { super.clipnorm(clipnorm); return this; }
    @Override public Adadelta clipvalue(double clipvalue) { super.clipvalue(clipvalue); return this; }
    @Override public Adadelta globalClipnorm(double globalClipnorm) { super.globalClipnorm(globalClipnorm); return this; }
    @Override public Adadelta lossScaleFactor(double lossScaleFactor) { super.lossScaleFactor(lossScaleFactor); return this; }
}
