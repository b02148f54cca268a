package io.keras4j.saving;

import io.keras4j.losses.Loss;
import io.keras4j.losses.Losses;
import io.keras4j.models.Model;
import io.keras4j.optimizers.Optimizer;
import io.keras4j.optimizers.Optimizers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keras's {@code compile_config} ({@code Trainer.get_compile_config} / {@code compile_from_config}):
 * the optimizer, losses, loss weights and metrics given to {@code compile}, serialized as Keras
 * does, so that a loaded model trains on with the same settings.
 */
public final class CompileConfigs {
    private CompileConfigs() {}

    /** The compile config; one output's loss and metrics are written bare, several as lists (Keras's forms). */
    public static Map<String, Object> of(Optimizer optimizer, List<Loss> losses, List<Double> lossWeights,
                                         List<List<Object>> metrics, List<List<Object>> weightedMetrics) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("optimizer", SerializationLib.serializeKerasObject(optimizer));
        c.put("loss", losses.size() == 1 ? SerializationLib.serializeKerasObject(losses.get(0)) : SerializationLib.serializeKerasObject(losses));
        c.put("loss_weights", lossWeights == null ? null : new ArrayList<>(lossWeights));
        c.put("metrics", metricsConfig(metrics));
        c.put("weighted_metrics", metricsConfig(weightedMetrics));
        c.put("run_eagerly", false);
        c.put("steps_per_execution", 1);
        c.put("jit_compile", false);
        return c;
    }

    private static Object metricsConfig(List<List<Object>> metrics) {
        if (metrics == null) return null;
        boolean any = false;
        for (List<Object> m : metrics) any |= !m.isEmpty();
        if (!any) return null;
        if (metrics.size() == 1) return SerializationLib.serializeKerasObject(metrics.get(0));
        return SerializationLib.serializeKerasObject(metrics);
    }

    /** Compiles {@code model} from a compile config (Keras 3's, or Keras 2's {@code training_config} keys). */
    public static void compile(Model model, Map<String, Object> config) {
        Object opt = config.containsKey("optimizer") ? config.get("optimizer") : config.get("optimizer_config");
        Optimizer optimizer;
        if (opt instanceof String s) optimizer = Optimizers.get(s);
        else if (opt instanceof Map<?, ?> m && SerializationLib.deserializeKerasObject(inModule(m, "keras.optimizers")) instanceof Optimizer o) optimizer = o;
        else if (opt instanceof Map<?, ?> m && m.get("class_name") instanceof String cls) {
            optimizer = SerializationLib.deserializeOptimizer(cls, ModelConfigs.map(m.get("config") == null ? new LinkedHashMap<>() : m.get("config")));
        } else throw new IllegalArgumentException("Could not interpret optimizer identifier in the compile config: " + opt);
        int outputs = Math.max(1, model.outputs().size());
        List<Loss> losses = new ArrayList<>();
        Object loss = config.get("loss");
        if (loss instanceof List<?> l) for (Object o : l) losses.add(loss(o));
        else if (loss instanceof Map<?, ?> m && !m.containsKey("class_name")) {
            for (String name : model.outputNames()) losses.add(loss(m.get(name)));
        } else losses.add(loss(loss));
        List<Double> weights = null;
        if (config.get("loss_weights") instanceof List<?> w) {
            weights = new ArrayList<>();
            for (Object o : w) weights.add(((Number) o).doubleValue());
        }
        model.compile(optimizer, losses, weights, metrics(config.get("metrics"), outputs), metrics(config.get("weighted_metrics"), outputs));
        // Keras builds the optimizer here when the model is built, so that its slots can be loaded next.
        if (model.layers().stream().allMatch(io.keras4j.layers.Layer::built)) optimizer.build(model.trainableVariables());
    }

    private static Loss loss(Object o) {
        if (o instanceof String s) return Losses.get(s);
        if (o instanceof Map<?, ?> m) {
            Object obj = SerializationLib.deserializeKerasObject(inModule(m, "keras.losses"));
            if (obj instanceof Loss l) return l;
            if (obj instanceof String s) return Losses.get(s);
        }
        throw new IllegalArgumentException("Could not interpret loss identifier in the compile config: " + o);
    }

    /** One list for every output, or one per output. */
    private static List<List<Object>> metrics(Object spec, int outputs) {
        if (spec == null) return List.of(List.of());
        if (!(spec instanceof List<?> list)) spec = List.of(spec);
        List<?> list = (List<?>) spec;
        boolean perOutput = !list.isEmpty() && list.stream().allMatch(e -> e instanceof List || e == null);
        List<List<Object>> out = new ArrayList<>();
        if (perOutput) {
            for (Object e : list) out.add(metricList(e == null ? List.of() : (List<?>) e));
        } else {
            out.add(metricList(list));
        }
        return out;
    }

    private static List<Object> metricList(List<?> specs) {
        List<Object> out = new ArrayList<>();
        for (Object s : specs) out.add(s instanceof Map<?, ?> m ? SerializationLib.deserializeKerasObject(inModule(m, "keras.metrics")) : s);
        return out;
    }

    /**
     * Keras 2 files and hand-written configs name built-in objects without a {@code module}
     * ({@code {"class_name": "Adam", "config": {...}}}); Keras resolves those from the caller's
     * own module (its {@code module_objects}), which the compile config's key tells here.
     */
    static Map<String, Object> inModule(Map<?, ?> serialized, String module) {
        Map<String, Object> m = new LinkedHashMap<>(ModelConfigs.map(serialized));
        if (m.get("class_name") instanceof String && !m.containsKey("module") && !m.containsKey("registered_name")) m.put("module", module);
        return m;
    }
}
