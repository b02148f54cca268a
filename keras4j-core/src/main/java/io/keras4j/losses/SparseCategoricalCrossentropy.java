package io.keras4j.losses;

import io.keras4j.ops.Ops;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.util.Map;

/**
 * {@code keras.losses.SparseCategoricalCrossentropy}: categorical crossentropy for integer labels,
 * given as int or float tensors of shape {@code (batch,)} or {@code (batch, 1)} (generally yPred's
 * shape without, or with size 1 on, the classes axis). With {@code ignoreClass}, entries of that
 * label lose nothing and are left out of the "sum_over_batch_size" average.
 */
public final class SparseCategoricalCrossentropy extends Loss {
    private boolean fromLogits;
    private Integer ignoreClass;
    private int axis = -1;

    public SparseCategoricalCrossentropy() { super("sparse_categorical_crossentropy"); }

    @Override public SparseCategoricalCrossentropy name(String name) { super.name(name); return this; }

    @Override public SparseCategoricalCrossentropy reduction(String reduction) { super.reduction(reduction); return this; }

    /** Whether yPred holds logits rather than probabilities (default false). */
    public SparseCategoricalCrossentropy fromLogits(boolean fromLogits) { this.fromLogits = fromLogits; return this; }

    public boolean fromLogits() { return fromLogits; }

    /** A label to leave out, such as a segmentation map's void class (default: none). */
    public SparseCategoricalCrossentropy ignoreClass(int ignoreClass) { this.ignoreClass = ignoreClass; return this; }

    /** The ignored label, or null when every class counts. */
    public Integer ignoreClass() { return ignoreClass; }

    /** The classes axis of yPred (default -1). */
    public SparseCategoricalCrossentropy axis(int axis) { this.axis = axis; return this; }

    public int axis() { return axis; }

    @Override public Tensor call(Tensor yTrue, Tensor yPred) {
        Tensor[] tp = squeezeOrExpandToSameRank(yTrue, yPred);
        return compute(tp[0], tp[1], fromLogits, ignoreClass, axis);
    }

    @Override protected Tensor mask(Tensor yTrue, Tensor yPred) {
        if (ignoreClass == null) return null;
        Tensor[] tp = squeezeOrExpandToSameRank(yTrue, yPred);
        return Ops.notEqual(labels(tp[0], tp[1], axis), Tensor.scalar(ignoreClass, DType.INT32));
    }

    /** Keras's {@code sparse_categorical_crossentropy} function; ignoreClass may be null. */
    static Tensor compute(Tensor yTrue, Tensor yPred, boolean fromLogits, Integer ignoreClass, int axis) {
        int classAxis = yPred.shape().normalizeAxis(axis);
        Tensor labels = labels(yTrue, yPred, axis);
        Tensor valid = null;
        if (ignoreClass != null) {
            valid = Ops.notEqual(labels, Tensor.scalar(ignoreClass, DType.INT32));
            labels = Ops.where(valid, labels, Tensor.scalar(0, DType.INT32));
        }
        int numClasses = yPred.shape().dim(classAxis);
        checkRange(labels, numClasses);
        Tensor oneHot = Ops.oneHot(labels, numClasses, yPred.dtype());
        if (classAxis != yPred.rank() - 1) oneHot = Ops.transpose(oneHot, lastAxisTo(classAxis, yPred.rank()));
        Tensor logProb = CategoricalCrossentropy.logProbabilities(yPred, fromLogits, classAxis);
        Tensor result = Ops.negative(Ops.sum(Ops.multiply(oneHot, logProb), classAxis, false));
        return valid == null ? result : Ops.where(valid, result, 0.0);
    }

    /** The labels as int32, with a size-1 classes axis dropped, checked against yPred's shape. */
    private static Tensor labels(Tensor yTrue, Tensor yPred, int axis) {
        if (yPred.rank() < 1) {
            throw new IllegalArgumentException("Argument `output` must be at least rank 1. Received: output.shape=" + yPred.shape());
        }
        int classAxis = yPred.shape().normalizeAxis(axis);
        Tensor t = yTrue;
        if (t.rank() == yPred.rank() && t.shape().dim(classAxis) == 1) t = Ops.squeeze(t, classAxis);
        int[] expected = new int[yPred.rank() - 1];
        for (int i = 0, j = 0; i < yPred.rank(); i++) if (i != classAxis) expected[j++] = yPred.shape().dim(i);
        if (!t.shape().equals(Shape.of(expected))) {
            throw new IllegalArgumentException("Arguments `target` and `output` must have the same shape up until the last dimension: "
                    + "target.shape=" + t.shape() + ", output.shape=" + yPred.shape());
        }
        return Ops.cast(t, DType.INT32);
    }

    private static void checkRange(Tensor labels, int numClasses) {
        for (int i = 0; i < labels.size(); i++) {
            double v = labels.getDouble(i);
            if (v < 0 || v >= numClasses) {
                throw new IllegalArgumentException("Received a label value of " + (long) v
                        + " which is outside the valid range of [0, " + numClasses + ").");
            }
        }
    }

    /** The permutation that moves the last axis of a rank-n tensor to position {@code to}. */
    private static int[] lastAxisTo(int to, int n) {
        int[] perm = new int[n];
        for (int i = 0, j = 0; i < n; i++) perm[i] = i == to ? n - 1 : j++;
        return perm;
    }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("from_logits", fromLogits);
        config.put("ignore_class", ignoreClass);
        config.put("axis", axis);
        return config;
    }

    public static SparseCategoricalCrossentropy fromConfig(Map<String, ?> config) {
        SparseCategoricalCrossentropy loss = configure(new SparseCategoricalCrossentropy(), config)
                .fromLogits(Boolean.TRUE.equals(config.get("from_logits")))
                .axis((int) number(config, "axis", -1));
        if (config.get("ignore_class") != null) loss.ignoreClass(((Number) config.get("ignore_class")).intValue());
        return loss;
    }
}
