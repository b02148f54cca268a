package io.keras4j.saving.legacy;

import io.keras4j.losses.Loss;
import io.keras4j.losses.Losses;
import io.keras4j.models.Model;
import io.keras4j.optimizers.Optimizer;
import io.keras4j.optimizers.Optimizers;
import io.keras4j.saving.CompileConfigs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code training_config} root attribute of a legacy model file: the compile arguments, with the
 * optimizer under {@code optimizer_config} (Keras's {@code model_metadata} and
 * {@code compile_args_from_training_config}).
 */
final class TrainingConfig {
    private TrainingConfig() {}

    /** What Keras 3 writes for a compiled model: its compile config without the optimizer, plus {@code optimizer_config}. */
    static Map<String, Object> of(Model model) {
        Map<String, Object> c = new LinkedHashMap<>(model.getCompileConfig());
        c.remove("optimizer");
        Optimizer optimizer = model.optimizer();
        Map<String, Object> opt = new LinkedHashMap<>();
        opt.put("class_name", optimizer.className());
        opt.put("config", optimizer.getConfig());
        c.put("optimizer_config", opt);
        return c;
    }

    /** Compiles {@code model} from a training config: Keras 3's through its compile config, older ones leniently. */
    static void compile(Model model, Map<String, Object> training, int kerasVersion) {
        if (kerasVersion < 3) {
            compile(model, training);
            return;
        }
        // Keras 3's compile config names the optimizer as a serialized object of keras.optimizers.
        Map<String, Object> config = new LinkedHashMap<>(training);
        Object opt = config.remove("optimizer_config");
        if (opt instanceof Map<?, ?> m && !m.containsKey("module")) {
            Map<String, Object> serialized = new LinkedHashMap<>();
            serialized.put("module", "keras.optimizers");
            serialized.put("class_name", m.get("class_name"));
            serialized.put("config", m.get("config"));
            serialized.put("registered_name", null);
            opt = serialized;
        }
        config.put("optimizer", opt);
        CompileConfigs.compile(model, config);
    }

    /** Compiles {@code model} from a Keras 1/2 training config ({@code lr}, per-output dicts, metric names). */
    static void compile(Model model, Map<String, Object> training) {
        Optimizer optimizer = optimizer(training.get("optimizer_config"));
        Object lossConfig = training.get("loss");
        if (lossConfig == null) throw new IllegalArgumentException("the training config has no `loss`");
        List<String> outputs = model.outputNames();
        List<Loss> losses = new ArrayList<>();
        if (lossConfig instanceof Map<?, ?> m && !m.containsKey("class_name")) {
            for (String out : outputs.isEmpty() ? List.<String>of() : outputs) {
                if (!m.containsKey(out)) throw new IllegalArgumentException("no loss for output '" + out + "' in " + m.keySet());
                losses.add(loss(m.get(out)));
            }
        } else if (lossConfig instanceof List<?> l) {
            for (Object o : l) losses.add(loss(o));
        } else {
            losses.add(loss(lossConfig));
        }
        List<Double> weights = lossWeights(training.get("loss_weights"), outputs);
        List<List<?>> metrics = metrics(training.get("metrics"), outputs);
        model.compile(optimizer, losses, weights, metrics);
    }

    @SuppressWarnings("unchecked")
    private static Optimizer optimizer(Object config) {
        if (!(config instanceof Map<?, ?> m) || !(m.get("class_name") instanceof String)) {
            throw new IllegalArgumentException("`optimizer_config` must be a dict with a `class_name`. Received: " + config);
        }
        Map<String, Object> serialized = new LinkedHashMap<>((Map<String, Object>) m);
        Object inner = serialized.get("config");
        if (inner instanceof Map<?, ?> c && c.containsKey("lr") && !c.containsKey("learning_rate")) {
            // Keras 2.0-2.2 wrote the learning rate as `lr`.
            Map<String, Object> renamed = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : c.entrySet()) renamed.put("lr".equals(e.getKey()) ? "learning_rate" : (String) e.getKey(), e.getValue());
            serialized.put("config", renamed);
        }
        return Optimizers.deserialize(serialized);
    }

    @SuppressWarnings("unchecked")
    private static Loss loss(Object config) {
        if (config instanceof String s) return Losses.get(s);
        if (config instanceof Map<?, ?> m && m.containsKey("class_name")) return Losses.get((Map<String, ?>) m);
        throw new IllegalArgumentException("a loss must be a name or a serialized loss. Received: " + config);
    }

    private static List<Double> lossWeights(Object config, List<String> outputs) {
        if (config == null) return null;
        List<Double> out = new ArrayList<>();
        if (config instanceof List<?> l) {
            for (Object o : l) out.add(number(o, "loss_weights"));
        } else if (config instanceof Map<?, ?> m) {
            for (String name : outputs) out.add(m.containsKey(name) ? number(m.get(name), "loss_weights") : 1.0);
        } else {
            throw new IllegalArgumentException("`loss_weights` must be a list or a dict. Received: " + config);
        }
        return out;
    }

    private static double number(Object o, String what) {
        if (o instanceof Number n) return n.doubleValue();
        throw new IllegalArgumentException("`" + what + "` must hold numbers. Received: " + o);
    }

    /** Metrics: null, a list for every output, a list of lists, or a dict per output name. */
    private static List<List<?>> metrics(Object config, List<String> outputs) {
        if (config == null) return List.of(List.of());
        if (config instanceof Map<?, ?> m && !m.containsKey("class_name")) {
            List<List<?>> out = new ArrayList<>();
            for (String name : outputs) out.add(metricList(m.get(name)));
            return out.isEmpty() ? List.of(List.of()) : out;
        }
        if (config instanceof List<?> l && !l.isEmpty() && l.stream().allMatch(o -> o == null || o instanceof List)) {
            List<List<?>> out = new ArrayList<>();
            for (Object o : l) out.add(metricList(o));
            return out;
        }
        return List.of(metricList(config));
    }

    private static List<?> metricList(Object config) {
        if (config == null) return List.of();
        List<Object> out = new ArrayList<>();
        for (Object o : config instanceof List<?> l ? l : List.of(config)) {
            if (o instanceof String s) out.add(s);
            else if (o instanceof Map<?, ?> m && m.get("config") instanceof Map<?, ?> c && c.get("name") instanceof String n) out.add(n);
            else if (o instanceof Map<?, ?> m && m.get("class_name") instanceof String n) out.add(n);
            else throw new IllegalArgumentException("a metric must be a name or a serialized metric. Received: " + o);
        }
        return out;
    }
}
