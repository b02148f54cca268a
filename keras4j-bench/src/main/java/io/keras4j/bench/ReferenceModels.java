package io.keras4j.bench;

import io.keras4j.layers.convolutional.Conv2D;
import io.keras4j.layers.core.Dense;
import io.keras4j.layers.pooling.MaxPooling2D;
import io.keras4j.layers.reshaping.Flatten;
import io.keras4j.layers.rnn.LSTM;
import io.keras4j.layers.core.Input;
import io.keras4j.layers.regularization.Dropout;
import io.keras4j.models.Sequential;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The reference models of {@code bench/README.md}, with the ids, batch sizes and descriptions the
 * peers' scripts use. A model whose layers keras4j does not have yet has no builder.
 */
final class ReferenceModels {

    /**
     * One model: {@code sampleShape} without the batch axis; {@code binary} for a sigmoid output
     * with binary cross-entropy (else softmax over 10 classes); {@code fwdFlopsPerSample} counts
     * 2 × multiply-adds of the Dense/Conv/LSTM layers, as the peer's hooks count them.
     */
    record Spec(String id, String description, int batch, int[] sampleShape, boolean binary, long fwdFlopsPerSample,
                Supplier<Sequential> builder) {
        boolean available() { return builder != null; }
    }

    static final Map<String, Spec> ALL = new LinkedHashMap<>();

    static {
        add(new Spec("mlp", "MLP 784-512-512-10, dropout 0.2, batch 128", 128, new int[] {784}, false,
                2L * (784 * 512 + 512 * 512 + 512 * 10), ReferenceModels::mlp));
        // FLOPs as the peer's hooks count them: 2·cin·kh·kw·cout·ho·wo per conv, 2·in·out per dense, 2·4·h·(i+h)·T per LSTM.
        add(new Spec("cnn", "seed CNN 28x28x1 conv32-pool-conv64-pool-conv64-d64-d10, batch 64", 64, new int[] {28, 28, 1}, false,
                conv(1, 32, 26) + conv(32, 64, 11) + conv(64, 64, 3) + 2L * 576 * 64 + 2L * 64 * 10, () -> cnn(28, 1)));
        add(new Spec("cnn_dropout", "seed CNN dropout conv32-pool-drop-d128-drop-d10, batch 128", 128, new int[] {28, 28, 1}, false,
                conv(1, 32, 26) + 2L * 5408 * 128 + 2L * 128 * 10, ReferenceModels::cnnDropout));
        add(new Spec("cifar_cnn", "CIFAR CNN 32x32x3 conv32-pool-conv64-pool-conv64-d64-d10, batch 64", 64, new int[] {32, 32, 3}, false,
                conv(3, 32, 30) + conv(32, 64, 13) + conv(64, 64, 4) + 2L * 1024 * 64 + 2L * 64 * 10, () -> cnn(32, 3)));
        add(new Spec("lstm", "LSTM T=80 F=128 units=128 -> d1 sigmoid, batch 64", 64, new int[] {80, 128}, true,
                2L * 4 * 128 * (128 + 128) * 80 + 2L * 128, ReferenceModels::lstm));
    }

    private ReferenceModels() {}

    private static void add(Spec s) { ALL.put(s.id(), s); }

    /** FLOPs of a 3×3 convolution with a square output of side {@code out}. */
    private static long conv(int cin, int cout, int out) { return 2L * cin * 9 * cout * out * out; }

    static Sequential cnn(int side, int channels) {
        return new Sequential(
                Input.of(side, side, channels),
                new Conv2D(32, 3).activation("relu"),
                new MaxPooling2D(2),
                new Conv2D(64, 3).activation("relu"),
                new MaxPooling2D(2),
                new Conv2D(64, 3).activation("relu"),
                new Flatten(),
                new Dense(64, "relu"),
                new Dense(10, "softmax"));
    }

    static Sequential cnnDropout() {
        return new Sequential(
                Input.of(28, 28, 1),
                new Conv2D(32, 3).activation("relu"),
                new MaxPooling2D(2),
                new Dropout(0.25),
                new Flatten(),
                new Dense(128, "relu"),
                new Dropout(0.5),
                new Dense(10, "softmax"));
    }

    static Sequential lstm() {
        return new Sequential(Input.of(80, 128), new LSTM(128), new Dense(1, "sigmoid"));
    }

    static Sequential mlp() {
        return new Sequential(
                Input.of(784),
                new Dense(512, "relu"),
                new Dropout(0.2),
                new Dense(512, "relu"),
                new Dropout(0.2),
                new Dense(10, "softmax"));
    }
}
