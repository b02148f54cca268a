package io.keras4j.bench;

import io.keras4j.layers.core.Dense;
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
        add(new Spec("cnn", "seed CNN 28x28x1 conv32-pool-conv64-pool-conv64-d64-d10, batch 64", 64, new int[] {28, 28, 1}, false, 0, null));
        add(new Spec("cnn_dropout", "seed CNN dropout conv32-pool-drop-d128-drop-d10, batch 128", 128, new int[] {28, 28, 1}, false, 0, null));
        add(new Spec("cifar_cnn", "CIFAR CNN 32x32x3 conv32-pool-conv64-pool-conv64-d64-d10, batch 64", 64, new int[] {32, 32, 3}, false, 0, null));
        add(new Spec("lstm", "LSTM T=80 F=128 units=128 -> d1 sigmoid, batch 64", 64, new int[] {80, 128}, true, 0, null));
    }

    private ReferenceModels() {}

    private static void add(Spec s) { ALL.put(s.id(), s); }

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
