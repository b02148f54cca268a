package io.keras4j.losses;

import io.keras4j.ops.Ops;
import io.keras4j.tensor.Tensor;

import java.util.Map;

/**
 * {@code keras.losses.CosineSimilarity}: {@code -sum(l2Normalize(yTrue) * l2Normalize(yPred), axis)}
 * per sample, between -1 (same direction) and 1; 0 when either vector is zero.
 */
public final class CosineSimilarity extends Loss {
    private int axis = -1;

    public CosineSimilarity() { super("cosine_similarity"); }

    @Override public CosineSimilarity name(String name) { super.name(name); return this; }

    @Override public CosineSimilarity reduction(String reduction) { super.reduction(reduction); return this; }

    /** The features axis along which similarity is measured (default -1). */
    public CosineSimilarity axis(int axis) { this.axis = axis; return this; }

    public int axis() { return axis; }

    @Override public Tensor call(Tensor yTrue, Tensor yPred) {
        Tensor[] tp = squeezeOrExpandToSameRank(yTrue, yPred);
        return compute(tp[0], tp[1], axis);
    }

    /** Keras's {@code cosine_similarity} function. */
    static Tensor compute(Tensor yTrue, Tensor yPred, int axis) {
        Tensor[] tp = squeezeOrExpandToSameRank(Ops.cast(yTrue, yPred.dtype()), yPred);
        // Keras's normalize: x / sqrt(max(sum(x^2), epsilon^2)), so a zero vector stays zero.
        Tensor t = Ops.l2Normalize(tp[0], axis, EPSILON * EPSILON);
        Tensor p = Ops.l2Normalize(tp[1], axis, EPSILON * EPSILON);
        return Ops.negative(Ops.sum(Ops.multiply(t, p), axis, false));
    }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("axis", axis);
        return config;
    }

    public static CosineSimilarity fromConfig(Map<String, ?> config) {
        return configure(new CosineSimilarity(), config).axis((int) number(config, "axis", -1));
    }
}
