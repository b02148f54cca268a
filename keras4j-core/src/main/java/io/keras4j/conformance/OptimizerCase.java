package io.keras4j.conformance;

import io.keras4j.autodiff.Variable;
import io.keras4j.optimizers.Optimizer;
import io.keras4j.optimizers.Optimizers;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One entry of {@code optimizers.json}: a fresh optimizer from its config applies each step's
 * gradients in turn (the first step is iteration 1) and must leave the variables at the values
 * Keras recorded after every step.
 */
final class OptimizerCase {
    private OptimizerCase() {}

    static CaseResult run(String id, Map<String, Object> entry) {
        String className = String.valueOf(entry.get("optimizer"));
        try {
            Optimizers.get(className);
        } catch (IllegalArgumentException e) {
            return CaseResult.skipped(id, "optimizer " + className + " not supported yet");
        }
        try {
            Map<String, Object> config = entry.get("config") instanceof Map<?, ?> m ? CaseSet.map(m) : Map.of();
            Optimizer optimizer = Optimizers.fromConfig(className, config);
            List<Variable> variables = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (Object v : (List<?>) entry.get("variables")) {
                String name = String.valueOf(CaseSet.map(v).getOrDefault("name", "variable_" + variables.size()));
                names.add(name);
                variables.add(new Variable(name, CaseSet.tensor(v, DType.FLOAT32, false), true));
            }
            List<?> steps = (List<?>) entry.get("gradients");
            List<?> expected = (List<?>) entry.get("expected");
            if (steps.size() != expected.size()) return CaseResult.failed(id, steps.size() + " gradient steps but " + expected.size() + " expected steps");
            for (int s = 0; s < steps.size(); s++) {
                List<Tensor> grads = new ArrayList<>();
                for (Object g : (List<?>) steps.get(s)) grads.add(CaseSet.tensor(g, DType.FLOAT32, false));
                optimizer.apply(grads, variables);
                List<?> want = (List<?>) expected.get(s);
                for (int k = 0; k < variables.size(); k++) {
                    String mismatch = Tolerance.OPTIMIZERS.mismatch(variables.get(k).numpy(), CaseSet.tensor(want.get(k), DType.FLOAT32, false));
                    if (mismatch != null) return CaseResult.failed(id, "step " + (s + 1) + ", variable '" + names.get(k) + "': " + mismatch);
                }
            }
            return CaseResult.passed(id);
        } catch (UnsupportedOperationException e) {
            return CaseResult.skipped(id, e.getMessage());
        } catch (RuntimeException e) {
            return CaseResult.failed(id, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
