package io.keras4j.optimizers;

import io.keras4j.autodiff.Variable;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Tensor;

import java.util.List;
import java.util.Map;

/**
 * Nadam, Adam with Nesterov momentum, as {@code keras.optimizers.Nadam}, with Dozat's momentum
 * schedule {@code u_t = beta_1 * (1 - 0.5 * 0.96^t)}. At step t, once per step
 * {@code prod *= u_t} (prod starts at 1), then per variable:
 * <pre>
 * m += (g - m) * (1 - beta_1)
 * v += (g^2 - v) * (1 - beta_2)
 * m_hat = u_{t+1} * m / (1 - prod * u_{t+1}) + (1 - u_t) * g / (1 - prod)
 * v_hat = v / (1 - beta_2^t)
 * w -= learning_rate * m_hat / (sqrt(v_hat) + epsilon)
 * </pre>
 * Defaults: learning_rate 0.001, beta_1 0.9, beta_2 0.999, epsilon 1e-7. Variables: "momentum" and
 * "velocity" interleaved per variable, then the scalar product, in the first variable's dtype
 * (Keras leaves it unnamed, hence "variable").
 */
public class Nadam extends Optimizer {
    private double beta1 = 0.9;
    private double beta2 = 0.999;
    private double epsilon = 1e-7;
    private List<Variable> momentums;
    private List<Variable> velocities;
    private Variable uProduct;

    public Nadam() {
        super(0.001);
    }

    public static Nadam fromConfig(Map<String, Object> config) {
        Nadam optimizer = new Nadam();
        optimizer.applyConfig(config);
        return optimizer;
    }

    @Override public String className() { return "Nadam"; }

    public double beta1() { return beta1; }

    public Nadam beta1(double beta1) {
        this.beta1 = beta1;
        return this;
    }

    public double beta2() { return beta2; }

    public Nadam beta2(double beta2) {
        this.beta2 = beta2;
        return this;
    }

    public double epsilon() { return epsilon; }

    public Nadam epsilon(double epsilon) {
        this.epsilon = epsilon;
        return this;
    }

    @Override protected void buildSlots(List<Variable> variables) {
        DType dtype = variables.isEmpty() ? DType.FLOAT32 : variables.get(0).dtype();
        List<List<Variable>> slots = addOptimizerVariables(variables, 0, "momentum", "velocity");
        momentums = slots.get(0);
        velocities = slots.get(1);
        uProduct = addVariable("variable", Tensor.scalar(1, dtype));
    }

    private double u(long step) {
        return beta1 * (1 - 0.5 * Math.pow(0.96, step));
    }

    @Override protected void beforeUpdateSteps(double learningRate) {
        double product = uProduct.peek().getDouble(0) * u(iterations() + 1);
        // Stored in the variable's dtype, so a float32 product rounds as Keras's does.
        Object data = uProduct.peek().data();
        if (data instanceof float[] f) f[0] = (float) product;
        else ((double[]) data)[0] = product;
    }

    @Override protected void updateStep(int index, Variable variable, Object gradient, double learningRate) {
        long t = iterations() + 1;
        double uT = u(t), uNext = u(t + 1);
        double product = uProduct.peek().getDouble(0);
        // m_hat = cm * m + cg * g and v_hat = cv * v, with the step's scalars folded together.
        double cm = uNext / (1 - product * uNext), cg = (1 - uT) / (1 - product), cv = 1 / (1 - Math.pow(beta2, t));
        Object data = variable.peek().data();
        Object mData = momentums.get(index).peek().data(), vData = velocities.get(index).peek().data();
        if (data instanceof float[] w) {
            float[] g = (float[]) gradient, m = (float[]) mData, v = (float[]) vData;
            float c1 = (float) (1 - beta1), c2 = (float) (1 - beta2), eps = (float) epsilon, lr = (float) learningRate;
            float fm = (float) cm, fg = (float) cg, fv = (float) cv;
            forChunks(w.length, (from, to) -> {
                for (int i = from; i < to; i++) {
                    float gi = g[i];
                    float mi = flush(m[i] + (gi - m[i]) * c1);
                    float vi = flushNonNegative(v[i] + (gi * gi - v[i]) * c2);
                    m[i] = mi;
                    v[i] = vi;
                    float mHat = fm * mi + fg * gi;
                    w[i] -= mHat * lr / ((float) Math.sqrt(vi * fv) + eps);
                }
            });
        } else {
            double[] w = (double[]) data, g = (double[]) gradient, m = (double[]) mData, v = (double[]) vData;
            double c1 = 1 - beta1, c2 = 1 - beta2, eps = epsilon, lr = learningRate;
            forChunks(w.length, (from, to) -> {
                for (int i = from; i < to; i++) {
                    double gi = g[i];
                    double mi = flush(m[i] + (gi - m[i]) * c1);
                    double vi = flushNonNegative(v[i] + (gi * gi - v[i]) * c2);
                    m[i] = mi;
                    v[i] = vi;
                    double mHat = cm * mi + cg * gi;
                    w[i] -= mHat * lr / (Math.sqrt(vi * cv) + eps);
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
    @Override public Nadam name(String name) { super.name(name); return this; }
    @Override public Nadam learningRate(double learningRate) { super.learningRate(learningRate); return this; }
    @Override public Nadam learningRate(LearningRateSchedule schedule) { super.learningRate(schedule); return this; }
    @Override public Nadam weightDecay(double weightDecay) { super.weightDecay(weightDecay); return this; }
    @Override public Nadam clipnorm(double clipnorm) { super.clipnorm(clipnorm); return this; }
    @Override public Nadam clipvalue(double clipvalue) { super.clipvalue(clipvalue); return this; }
    @Override public Nadam globalClipnorm(double globalClipnorm) { super.globalClipnorm(globalClipnorm); return this; }
    @Override public Nadam lossScaleFactor(double lossScaleFactor) { super.lossScaleFactor(lossScaleFactor); return this; }
}
