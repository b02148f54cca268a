package io.keras4j.optimizers.schedules;

import io.keras4j.optimizers.LearningRateSchedule;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code keras.optimizers.schedules.serialize} and {@code deserialize}: a schedule as Keras writes it
 * in an optimizer's config ({@code {"module": "keras.optimizers.schedules", "class_name":
 * "ExponentialDecay", "config": {...}, "registered_name": null}}) and back.
 */
public final class Schedules {
    private Schedules() {}

    /** Keras's serialised form of a schedule. */
    public static Map<String, Object> serialize(LearningRateSchedule schedule) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("module", "keras.optimizers.schedules");
        m.put("class_name", schedule.className());
        m.put("config", schedule.getConfig());
        m.put("registered_name", null);
        return m;
    }

    /** A schedule from {@code {"class_name": ..., "config": {...}}}. */
    public static LearningRateSchedule deserialize(Map<String, ?> serialized) {
        Object cls = serialized.get("class_name");
        Object config = serialized.get("config");
        if (!(cls instanceof String name) || (config != null && !(config instanceof Map))) {
            throw new IllegalArgumentException("Could not interpret learning rate schedule: " + serialized);
        }
        @SuppressWarnings("unchecked") Map<String, ?> c = config == null ? Map.of() : (Map<String, ?>) config;
        return fromConfig(name, c);
    }

    /** A built-in schedule of Keras class {@code className} from its config, as {@code cls(**config)}. */
    public static LearningRateSchedule fromConfig(String className, Map<String, ?> config) {
        return switch (className) {
            case "ExponentialDecay" -> ExponentialDecay.fromConfig(config);
            case "PiecewiseConstantDecay" -> PiecewiseConstantDecay.fromConfig(config);
            case "PolynomialDecay" -> PolynomialDecay.fromConfig(config);
            case "InverseTimeDecay" -> InverseTimeDecay.fromConfig(config);
            case "CosineDecay" -> CosineDecay.fromConfig(config);
            case "CosineDecayRestarts" -> CosineDecayRestarts.fromConfig(config);
            default -> throw new IllegalArgumentException("Could not locate class '" + className
                    + "'. Make sure custom classes are decorated with `@keras.saving.register_keras_serializable()`.");
        };
    }

    /** Keras's check on every {@code decay_steps} argument. */
    static double positiveSteps(double steps, String argument) {
        if (!(steps > 0)) {
            throw new IllegalArgumentException("Argument `" + argument + "` must be > 0. Received: " + argument + "=" + format(steps));
        }
        return steps;
    }

    /** A step count or boundary as Python prints it: whole numbers as ints (users pass ints). */
    static Object format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < Integer.MAX_VALUE) return (int) v;
        return v;
    }

    /** Reads a config as Python's {@code cls(**config)}: required keys, defaults, unknown keys refused. */
    static final class Reader {
        private final String cls;
        private final Map<String, ?> values;
        private final Set<String> used = new HashSet<>();

        Reader(String cls, Map<String, ?> values) {
            this.cls = cls;
            this.values = values;
        }

        Object raw(String key) {
            used.add(key);
            return values.get(key);
        }

        double required(String key) {
            used.add(key);
            if (!values.containsKey(key)) {
                throw new IllegalArgumentException(cls + ".__init__() missing 1 required positional argument: '" + key + "'");
            }
            return number(key, values.get(key));
        }

        double number(String key, double fallback) {
            used.add(key);
            return values.containsKey(key) ? number(key, values.get(key)) : fallback;
        }

        Double optionalNumber(String key) {
            Object v = raw(key);
            return v == null ? null : number(key, v);
        }

        boolean bool(String key, boolean fallback) {
            Object v = raw(key);
            if (v == null) return fallback;
            if (v instanceof Boolean b) return b;
            throw new IllegalArgumentException("Argument `" + key + "` must be a boolean. Received: " + key + "=" + v);
        }

        String name(String fallback) {
            Object v = raw("name");
            return v == null ? fallback : v.toString();
        }

        double[] numbers(String key) {
            used.add(key);
            if (!values.containsKey(key)) {
                throw new IllegalArgumentException(cls + ".__init__() missing 1 required positional argument: '" + key + "'");
            }
            if (!(values.get(key) instanceof List<?> l)) {
                throw new IllegalArgumentException("Argument `" + key + "` must be a list of numbers. Received: " + key + "=" + values.get(key));
            }
            double[] out = new double[l.size()];
            for (int i = 0; i < out.length; i++) out[i] = number(key, l.get(i));
            return out;
        }

        /** Fails on keys the class does not take; call after reading every argument. */
        <T> T done(T schedule) {
            for (String k : values.keySet()) {
                if (!used.contains(k)) throw new IllegalArgumentException(cls + ".__init__() got an unexpected keyword argument '" + k + "'");
            }
            return schedule;
        }

        private static double number(String key, Object v) {
            if (v instanceof Number n) return n.doubleValue();
            throw new IllegalArgumentException("Argument `" + key + "` must be a number. Received: " + key + "=" + v);
        }
    }
}
