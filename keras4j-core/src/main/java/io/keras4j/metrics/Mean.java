package io.keras4j.metrics;

import io.keras4j.tensor.Tensor;

import java.util.Map;

/**
 * The (weighted) mean of the values it is given, as {@code keras.metrics.Mean}: for values
 * {@code [1, 3, 5, 7]} it is 4, and with sample weights {@code [1, 1, 0, 0]} it is 2.
 * <p>Unlike the other metrics it takes values rather than labels and predictions:
 * {@code updateState(values)} or {@code updateState(values, sampleWeight)}, as Keras's
 * {@code update_state(values, sample_weight=None)}.
 */
public class Mean extends Metric {
    private double total;
    private double count;

    public Mean() { super("mean"); }

    public void updateState(Tensor values) { updateState(values, (Tensor) null); }

    /** Adds {@code values}, weighted by {@code sampleWeight} (nullable), to the running mean. */
    @Override public void updateState(Tensor values, Tensor sampleWeight) {
        accumulate(Values.of(values), sampleWeight == null ? null : Values.of(sampleWeight));
    }

    /** Mean has no labels: Keras's {@code Mean.update_state} takes only values and sample weights. */
    @Override public void updateState(Tensor yTrue, Tensor yPred, Tensor sampleWeight) {
        throw new UnsupportedOperationException("Metric '" + name() + "' (" + className()
                + ") takes values and sample_weight, not (y_true, y_pred, sample_weight): call updateState(values, sampleWeight)");
    }

    void accumulate(Values values, Values sampleWeight) {
        Values[] reduced = samplewise(values, sampleWeight, true);
        total += reduced[0].sum();
        if (reduced[1] != null) count += reduced[1].sum();
        else count += reduced[0].rank() >= 1 ? reduced[0].shape()[0] : 1;
    }

    @Override public double result() { return divideNoNan(total, count); }

    @Override public void resetState() {
        total = 0;
        count = 0;
    }

    /**
     * Keras's {@code reduce_to_samplewise_values}: brings the weights and values to the same rank,
     * reduces values over the axes the weights lack, weights them, and reduces both to one entry
     * per sample. Returns {values, weights (null when none were given)}. Note Keras's consequence
     * for a scalar weight: the whole batch is averaged first and counts as that weight, not as
     * weight × batch size.
     */
    static Values[] samplewise(Values values, Values weight, boolean mean) {
        if (weight != null) {
            Values[] same = Values.sameRank(values, weight, true);
            values = same[0];
            weight = same[1];
            int weightRank = weight.rank();
            if (values.rank() > weightRank) values = values.reduceFrom(weightRank, mean);
            weight = weight.broadcastTo(values.shape(), "sample_weight");
            double[] weighted = new double[values.size()];
            for (int i = 0; i < weighted.length; i++) weighted[i] = values.data()[i] * weight.data()[i];
            values = new Values(weighted, values.shape());
            if (weightRank > 1) weight = weight.reduceFrom(1, mean);
        }
        if (values.rank() > 1) values = values.reduceFrom(1, mean);
        return new Values[] {values, weight};
    }

    /** Keras's {@code from_config}: the config holds only {@code name} and {@code dtype}. */
    public static Mean fromConfig(Map<String, ?> config) { return configure(new Mean(), config); }
}
