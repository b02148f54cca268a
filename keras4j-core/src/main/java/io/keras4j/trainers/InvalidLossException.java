package io.keras4j.trainers;

import io.keras4j.callbacks.History;

/** Thrown by {@code fit} when the loss becomes NaN or infinite; says where and keeps the history so far. */
public final class InvalidLossException extends ArithmeticException {
    private final int epoch;
    private final int batch;
    private final transient History history;

    public InvalidLossException(double loss, int epoch, int batch, History history) {
        super("Invalid loss value " + loss + " at epoch " + (epoch + 1) + ", batch " + batch
                + ": training stopped. Lower the learning rate, check the inputs for NaN/inf, or clip gradients (clipnorm).");
        this.epoch = epoch;
        this.batch = batch;
        this.history = history;
    }

    /** 0-based epoch index. */
    public int epoch() { return epoch; }

    /** 0-based batch index within the epoch. */
    public int batch() { return batch; }

    public History history() { return history; }
}
