package io.keras4j.conformance;

import io.keras4j.losses.Loss;
import io.keras4j.losses.Losses;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One entry of {@code losses.json}: the loss built from its config must give
 * {@code expected_per_sample} without reduction and {@code expected} with its own reduction.
 */
final class LossCase {
    private LossCase() {}

    static CaseResult run(String id, Map<String, Object> entry) {
        String className = String.valueOf(entry.get("loss"));
        try {
            Losses.get(className);
        } catch (IllegalArgumentException e) {
            return CaseResult.skipped(id, "loss " + className + " not supported yet");
        }
        try {
            Map<String, Object> config = entry.get("config") instanceof Map<?, ?> m ? CaseSet.map(m) : Map.of();
            Tensor yTrue = CaseSet.tensor(entry.get("y_true"), DType.FLOAT32, false);
            Tensor yPred = CaseSet.tensor(entry.get("y_pred"), DType.FLOAT32, false);
            if (entry.containsKey("expected_per_sample")) {
                // The loss function itself: the same arguments, nothing reduced.
                Map<String, Object> unreduced = new LinkedHashMap<>(config);
                unreduced.put("reduction", "none");
                Tensor got = loss(className, unreduced).apply(yTrue, yPred);
                String mismatch = Tolerance.LOSSES.mismatch(got, CaseSet.tensor(entry.get("expected_per_sample"), DType.FLOAT32, false));
                if (mismatch != null) return CaseResult.failed(id, "per sample: " + mismatch);
            }
            if (entry.containsKey("expected")) {
                Tensor got = loss(className, config).apply(yTrue, yPred);
                String mismatch = Tolerance.LOSSES.mismatch(got, CaseSet.tensor(entry.get("expected"), DType.FLOAT32, false));
                if (mismatch != null) return CaseResult.failed(id, "reduced: " + mismatch);
            }
            return CaseResult.passed(id);
        } catch (UnsupportedOperationException e) {
            return CaseResult.skipped(id, e.getMessage());
        } catch (RuntimeException e) {
            return CaseResult.failed(id, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static Loss loss(String className, Map<String, Object> config) {
        return Losses.get(Map.of("class_name", className, "config", config));
    }
}
