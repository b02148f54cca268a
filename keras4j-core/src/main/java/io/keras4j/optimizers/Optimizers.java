package io.keras4j.optimizers;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Finds optimizers by the names Keras accepts, as {@code keras.optimizers.get}, and reads and
 * writes their configs. Names are Keras class names compared case-insensitively ("adam", "Adam",
 * "rmsprop", "SGD"); each comes with Keras's defaults.
 */
public final class Optimizers {

    private static final Map<String, Function<Map<String, Object>, Optimizer>> BY_NAME = new LinkedHashMap<>();

    static {
        BY_NAME.put("adadelta", Adadelta::fromConfig);
        BY_NAME.put("adagrad", Adagrad::fromConfig);
        BY_NAME.put("adam", Adam::fromConfig);
        BY_NAME.put("adamax", Adamax::fromConfig);
        BY_NAME.put("adamw", AdamW::fromConfig);
        BY_NAME.put("nadam", Nadam::fromConfig);
        BY_NAME.put("rmsprop", RMSprop::fromConfig);
        BY_NAME.put("sgd", SGD::fromConfig);
    }

    private Optimizers() {}

    /** A new optimizer with Keras's defaults: {@code get("adam")}. */
    public static Optimizer get(String identifier) {
        return fromConfig(identifier, Map.of());
    }

    /** A new optimizer of Keras class {@code className} (any case) built from a Keras config. */
    public static Optimizer fromConfig(String className, Map<String, Object> config) {
        Function<Map<String, Object>, Optimizer> factory =
                className == null ? null : BY_NAME.get(className.toLowerCase(Locale.ROOT));
        if (factory == null) {
            throw new IllegalArgumentException("Could not interpret optimizer identifier: " + Optimizer.repr(className)
                    + ". Expected one of: " + String.join(", ", BY_NAME.keySet()) + " (case-insensitive)");
        }
        return factory.apply(config == null ? Map.of() : config);
    }

    /**
     * An optimizer from its serialized form {@code {"class_name": "Adam", "config": {...}}}, as
     * {@code keras.optimizers.deserialize}.
     */
    @SuppressWarnings("unchecked")
    public static Optimizer deserialize(Map<String, Object> serialized) {
        Object className = serialized.get("class_name");
        if (!(className instanceof String name)) {
            throw new IllegalArgumentException("Could not interpret optimizer identifier: " + serialized);
        }
        Object config = serialized.get("config");
        if (config != null && !(config instanceof Map)) {
            throw new IllegalArgumentException("The `config` of an optimizer must be a dict. Received: config=" + config);
        }
        return fromConfig(name, (Map<String, Object>) config);
    }

    /** The serialized form Keras writes in {@code compile_config}: module, class_name, config, registered_name. */
    public static Map<String, Object> serialize(Optimizer optimizer) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("module", "keras.optimizers");
        out.put("class_name", optimizer.className());
        out.put("config", optimizer.getConfig());
        out.put("registered_name", null);
        return out;
    }
}
