package io.keras4j.optimizers;

import java.util.Map;

/**
 * Adam with decoupled weight decay, as {@code keras.optimizers.AdamW}: Adam's update preceded by
 * {@code w -= w * weight_decay * learning_rate}, the weight decay every Keras 3 optimizer has, here
 * on by default (weight_decay 0.004) and required.
 */
public class AdamW extends Adam {

    public AdamW() {
        super.weightDecay(0.004);
    }

    public static AdamW fromConfig(Map<String, Object> config) {
        AdamW optimizer = new AdamW();
        optimizer.applyConfig(config);
        return optimizer;
    }

    @Override public String className() { return "AdamW"; }

    @Override protected boolean setOption(String key, Object value) {
        if (key.equals("weight_decay") && value == null) {
            throw new IllegalArgumentException("Argument `weight_decay` must be a float. Received: weight_decay=None");
        }
        return super.setOption(key, value);
    }

    // Covariant returns, so that options chain in any order.
    @Override public AdamW beta1(double beta1) { super.beta1(beta1); return this; }
    @Override public AdamW beta2(double beta2) { super.beta2(beta2); return this; }
    @Override public AdamW epsilon(double epsilon) { super.epsilon(epsilon); return this; }
    @Override public AdamW amsgrad(boolean amsgrad) { super.amsgrad(amsgrad); return this; }
    @Override public AdamW name(String name) { super.name(name); return this; }
    @Override public AdamW learningRate(double learningRate) { super.learningRate(learningRate); return this; }
    @Override public AdamW learningRate(LearningRateSchedule schedule) { super.learningRate(schedule); return this; }
    @Override public AdamW weightDecay(double weightDecay) { super.weightDecay(weightDecay); return this; }
    @Override public AdamW clipnorm(double clipnorm) { super.clipnorm(clipnorm); return this; }
    @Override public AdamW clipvalue(double clipvalue) { super.clipvalue(clipvalue); return this; }
    @Override public AdamW globalClipnorm(double globalClipnorm) { super.globalClipnorm(globalClipnorm); return this; }
    @Override public AdamW lossScaleFactor(double lossScaleFactor) { super.lossScaleFactor(lossScaleFactor); return this; }
}
