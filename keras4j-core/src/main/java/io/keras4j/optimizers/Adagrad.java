package io.keras4j.optimizers;

import io.keras4j.autodiff.Variable;

import java.util.List;
import java.util.Map;

/**
 * Adagrad, as {@code keras.optimizers.Adagrad}:
 * <pre>
 * acc += g^2
 * w -= learning_rate * g / sqrt(acc + epsilon)
 * </pre>
 * The "accumulator" slots start at initial_accumulator_value. Defaults: learning_rate 0.001,
 * initial_accumulator_value 0.1, epsilon 1e-7. The accumulator only grows, so it needs no
 * flushing of tiny values.
 */
public class Adagrad extends Optimizer {
    private double initialAccumulatorValue = 0.1;
    private double epsilon = 1e-7;
    private List<Variable> accumulators;

    public Adagrad() {
        super(0.001);
    }

    public static Adagrad fromConfig(Map<String, Object> config) {
        Adagrad optimizer = new Adagrad();
        optimizer.applyConfig(config);
        return optimizer;
    }

    @Override public String className() { return "Adagrad"; }

    public double initialAccumulatorValue() { return initialAccumulatorValue; }

    public Adagrad initialAccumulatorValue(double initialAccumulatorValue) {
        checkNotBuilt("initial_accumulator_value");
        this.initialAccumulatorValue = initialAccumulatorValue;
        return this;
    }

    public double epsilon() { return epsilon; }

    public Adagrad epsilon(double epsilon) {
        this.epsilon = epsilon;
        return this;
    }

    @Override protected void buildSlots(List<Variable> variables) {
        accumulators = addOptimizerVariables(variables, initialAccumulatorValue, "accumulator").get(0);
    }

    @Override protected void updateStep(int index, Variable variable, Object gradient, double learningRate) {
        Object data = variable.peek().data();
        Object accData = accumulators.get(index).peek().data();
        if (data instanceof float[] w) {
            float[] g = (float[]) gradient, acc = (float[]) accData;
            float lr = (float) learningRate, eps = (float) epsilon;
            forChunks(w.length, (from, to) -> {
                for (int i = from; i < to; i++) {
                    float gi = g[i];
                    float ai = acc[i] + gi * gi;
                    acc[i] = ai;
                    w[i] -= lr * gi / (float) Math.sqrt(ai + eps);
                }
            });
        } else {
            double[] w = (double[]) data, g = (double[]) gradient, acc = (double[]) accData;
            double lr = learningRate, eps = epsilon;
            forChunks(w.length, (from, to) -> {
                for (int i = from; i < to; i++) {
                    double gi = g[i];
                    double ai = acc[i] + gi * gi;
                    acc[i] = ai;
                    w[i] -= lr * gi / Math.sqrt(ai + eps);
                }
            });
        }
    }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("initial_accumulator_value", initialAccumulatorValue);
        config.put("epsilon", epsilon);
        return config;
    }

    @Override protected boolean setOption(String key, Object value) {
        switch (key) {
            case "initial_accumulator_value" -> initialAccumulatorValue(number(key, value));
            case "epsilon" -> epsilon(number(key, value));
            default -> { return super.setOption(key, value); }
        }
        return true;
    }

    // Covariant returns, so that options chain in any order.
    @Override public Adagrad name(String name) { super.name(name); return this; }
    @Override public Adagrad learningRate(double learningRate) { super.learningRate(learningRate); return this; }
    @Override public Adagrad learningRate(LearningRateSchedule schedule) { super.learningRate(schedule); return this; }
    @Override public Adagrad weightDecay(double weightDecay) { super.weightDecay(weightDecay); return this; }
    @Override public Adagrad clipnorm(double clipnorm) { super.clipnorm(clipnorm); return this; }
    @Override public Adagrad clipvalue(double clipvalue) { super.clipvalue(clipvalue); return this; }
    @Override public Adagrad globalClipnorm(double globalClipnorm) { super.globalClipnorm(globalClipnorm); return this; }
    @Override public Adagrad lossScaleFactor(double lossScaleFactor) { super.lossScaleFactor(lossScaleFactor); return this; }
}
