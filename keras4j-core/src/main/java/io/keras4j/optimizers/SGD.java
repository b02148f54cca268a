package io.keras4j.optimizers;

import io.keras4j.autodiff.Variable;

import java.util.List;
import java.util.Map;

/**
 * Gradient descent with optional (Nesterov) momentum, as {@code keras.optimizers.SGD}:
 * <pre>
 * momentum == 0:  w -= learning_rate * g
 * otherwise:      m = momentum * m - learning_rate * g
 *                 w += m                                       (nesterov: w += momentum * m - learning_rate * g)
 * </pre>
 * Defaults: learning_rate 0.01, momentum 0, nesterov false. The "momentum" slots exist only when
 * momentum is not 0.
 */
public class SGD extends Optimizer {
    private double momentum = 0.0;
    private boolean nesterov = false;
    private List<Variable> momentums = List.of();

    public SGD() {
        super(0.01);
    }

    public static SGD fromConfig(Map<String, Object> config) {
        SGD optimizer = new SGD();
        optimizer.applyConfig(config);
        return optimizer;
    }

    @Override public String className() { return "SGD"; }

    public double momentum() { return momentum; }

    public SGD momentum(double momentum) {
        if (!(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException("`momentum` must be a float between [0, 1]. Received: momentum=" + momentum);
        }
        if ((momentum == 0) != (this.momentum == 0)) checkNotBuilt("momentum");
        this.momentum = momentum;
        return this;
    }

    public boolean nesterov() { return nesterov; }

    public SGD nesterov(boolean nesterov) {
        this.nesterov = nesterov;
        return this;
    }

    @Override protected void buildSlots(List<Variable> variables) {
        if (momentum != 0) momentums = addOptimizerVariables(variables, 0, "momentum").get(0);
    }

    @Override protected void updateStep(int index, Variable variable, Object gradient, double learningRate) {
        Object data = variable.peek().data();
        boolean nest = nesterov;
        // One loop per variant, without branches inside: a branch kept the JIT from vectorizing.
        if (data instanceof float[] w) {
            float[] g = (float[]) gradient;
            float lr = (float) learningRate, mu = (float) momentum;
            if (momentum == 0) {
                forChunks(w.length, (from, to) -> {
                    for (int i = from; i < to; i++) w[i] -= g[i] * lr;
                });
                return;
            }
            float[] m = (float[]) momentums.get(index).peek().data();
            if (nest) {
                forChunks(w.length, (from, to) -> {
                    for (int i = from; i < to; i++) {
                        float mi = flush(m[i] * mu - g[i] * lr);
                        m[i] = mi;
                        w[i] += mi * mu - g[i] * lr;
                    }
                });
            } else {
                forChunks(w.length, (from, to) -> {
                    for (int i = from; i < to; i++) {
                        float mi = flush(m[i] * mu - g[i] * lr);
                        m[i] = mi;
                        w[i] += mi;
                    }
                });
            }
        } else {
            double[] w = (double[]) data, g = (double[]) gradient;
            double lr = learningRate, mu = momentum;
            if (momentum == 0) {
                forChunks(w.length, (from, to) -> {
                    for (int i = from; i < to; i++) w[i] -= g[i] * lr;
                });
                return;
            }
            double[] m = (double[]) momentums.get(index).peek().data();
            if (nest) {
                forChunks(w.length, (from, to) -> {
                    for (int i = from; i < to; i++) {
                        double mi = flush(m[i] * mu - g[i] * lr);
                        m[i] = mi;
                        w[i] += mi * mu - g[i] * lr;
                    }
                });
            } else {
                forChunks(w.length, (from, to) -> {
                    for (int i = from; i < to; i++) {
                        double mi = flush(m[i] * mu - g[i] * lr);
                        m[i] = mi;
                        w[i] += mi;
                    }
                });
            }
        }
    }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("momentum", momentum);
        config.put("nesterov", nesterov);
        return config;
    }

    @Override protected boolean setOption(String key, Object value) {
        switch (key) {
            case "momentum" -> momentum(number(key, value));
            case "nesterov" -> nesterov(bool(key, value));
            default -> { return super.setOption(key, value); }
        }
        return true;
    }

    // Covariant returns, so that options chain in any order.
    @Override public SGD name(String name) { super.name(name); return this; }
    @Override public SGD learningRate(double learningRate) { super.learningRate(learningRate); return this; }
    @Override public SGD learningRate(LearningRateSchedule schedule) { super.learningRate(schedule); return this; }
    @Override public SGD weightDecay(double weightDecay) { super.weightDecay(weightDecay); return this; }
    @Override public SGD clipnorm(double clipnorm) { super.clipnorm(clipnorm); return this; }
    @Override public SGD clipvalue(double clipvalue) { super.clipvalue(clipvalue); return this; }
    @Override public SGD globalClipnorm(double globalClipnorm) { super.globalClipnorm(globalClipnorm); return this; }
    @Override public SGD lossScaleFactor(double lossScaleFactor) { super.lossScaleFactor(lossScaleFactor); return this; }
}
