package io.keras4j.callbacks;

import java.util.Map;

/**
 * A callback built from functions, one per hook (Keras's {@code LambdaCallback}); hooks not given
 * do nothing. <pre>{@code new LambdaCallback().onEpochEnd((epoch, logs) -> System.out.println(logs.get("loss")))}</pre>
 */
public class LambdaCallback extends Callback {
    /** A hook with an epoch or batch index. */
    @FunctionalInterface
    public interface IndexedHook {
        void accept(int index, Map<String, Double> logs);
    }

    /** A hook without an index (train begin and end). */
    @FunctionalInterface
    public interface Hook {
        void accept(Map<String, Double> logs);
    }

    private IndexedHook epochBegin, epochEnd, trainBatchBegin, trainBatchEnd;
    private Hook trainBegin, trainEnd;

    public LambdaCallback() {}

    public LambdaCallback onEpochBegin(IndexedHook hook) { epochBegin = hook; return this; }

    public LambdaCallback onEpochEnd(IndexedHook hook) { epochEnd = hook; return this; }

    public LambdaCallback onTrainBegin(Hook hook) { trainBegin = hook; return this; }

    public LambdaCallback onTrainEnd(Hook hook) { trainEnd = hook; return this; }

    public LambdaCallback onTrainBatchBegin(IndexedHook hook) { trainBatchBegin = hook; return this; }

    public LambdaCallback onTrainBatchEnd(IndexedHook hook) { trainBatchEnd = hook; return this; }

    @Override public void onEpochBegin(int epoch, Map<String, Double> logs) { if (epochBegin != null) epochBegin.accept(epoch, logs); }

    @Override public void onEpochEnd(int epoch, Map<String, Double> logs) { if (epochEnd != null) epochEnd.accept(epoch, logs); }

    @Override public void onTrainBegin(Map<String, Double> logs) { if (trainBegin != null) trainBegin.accept(logs); }

    @Override public void onTrainEnd(Map<String, Double> logs) { if (trainEnd != null) trainEnd.accept(logs); }

    @Override public void onTrainBatchBegin(int batch, Map<String, Double> logs) { if (trainBatchBegin != null) trainBatchBegin.accept(batch, logs); }

    @Override public void onTrainBatchEnd(int batch, Map<String, Double> logs) { if (trainBatchEnd != null) trainBatchEnd.accept(batch, logs); }
}
