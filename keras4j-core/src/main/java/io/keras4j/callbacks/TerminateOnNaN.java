package io.keras4j.callbacks;

import java.util.Map;

/**
 * Ends {@code fit} when a batch's loss is NaN or infinite (Keras's {@code TerminateOnNaN}): it
 * sets {@code model.stopTraining}, so fit returns normally after that batch instead of throwing
 * {@code InvalidLossException}; with {@code raiseError(true)} it throws at once.
 */
public class TerminateOnNaN extends Callback {
    private boolean raiseError;

    public TerminateOnNaN() {}

    public TerminateOnNaN raiseError(boolean value) { raiseError = value; return this; }

    @Override public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
        Double loss = logs == null ? null : logs.get("loss");
        if (loss == null || Double.isFinite(loss)) return;
        if (raiseError) {
            throw new IllegalStateException("NaN or Inf loss encountered at batch " + batch + ". Loss value: " + loss
                    + ". Terminating training immediately.");
        }
        System.out.println("Batch " + batch + ": Invalid loss, terminating training");
        model.setStopTraining(true);
    }
}
