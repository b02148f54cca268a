package io.keras4j.saving;

import io.keras4j.constraints.Constraint;
import io.keras4j.constraints.Constraints;
import io.keras4j.initializers.Initializer;
import io.keras4j.initializers.Initializers;
import io.keras4j.layers.Layer;
import io.keras4j.layers.Layers;
import io.keras4j.layers.core.InputLayer;
import io.keras4j.losses.Loss;
import io.keras4j.losses.Losses;
import io.keras4j.metrics.Metric;
import io.keras4j.metrics.Metrics;
import io.keras4j.models.Model;
import io.keras4j.optimizers.LearningRateSchedule;
import io.keras4j.optimizers.Optimizer;
import io.keras4j.optimizers.Optimizers;
import io.keras4j.optimizers.schedules.Schedules;
import io.keras4j.regularizers.Regularizer;
import io.keras4j.regularizers.Regularizers;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keras 3's {@code serialize_keras_object} / {@code deserialize_keras_object}: every Keras object
 * as a dict {@code {"module", "class_name", "config", "registered_name"}} (layers also with
 * {@code build_config}), the form {@code config.json} of a {@code .keras} file holds. Built-in
 * classes are found through their own registries ({@link Layers}, {@link Optimizers}, ...), user
 * classes through {@link ObjectRegistry}.
 *
 * <p>Safe mode (on by default, as in Keras) refuses what would run code from the file: Python
 * lambdas ({@code __lambda__}) and {@code Lambda} layers whose function is not registered here.
 */
public final class SerializationLib {
    private SerializationLib() {}

    private static final ThreadLocal<Boolean> SAFE_MODE = ThreadLocal.withInitial(() -> null);
    private static volatile boolean unsafeGlobally;

    /** Keras's {@code keras.config.enable_unsafe_deserialization()}. */
    public static void enableUnsafeDeserialization() { unsafeGlobally = true; }

    /** Whether deserialization on this thread refuses code from files (Keras's {@code in_safe_mode}). */
    public static boolean inSafeMode() {
        Boolean scoped = SAFE_MODE.get();
        if (scoped != null) return scoped;
        return !unsafeGlobally;
    }

    /** Runs {@code body} with safe mode set as given (Keras's {@code SafeModeScope}). */
    static <T> T withSafeMode(boolean safeMode, java.util.function.Supplier<T> body) {
        Boolean before = SAFE_MODE.get();
        SAFE_MODE.set(safeMode);
        try {
            return body.get();
        } finally {
            SAFE_MODE.set(before);
        }
    }

    // ------------------------------------------------------------------ serialize

    /**
     * The serialized form of {@code obj}: a dict for Keras objects (layers, models, optimizers,
     * schedules, losses, metrics, initializers, regularizers, constraints, tensors), plain JSON
     * values as they are, lists and maps element by element.
     */
    public static Object serializeKerasObject(Object obj) {
        if (obj == null || obj instanceof String || obj instanceof Number || obj instanceof Boolean) return obj;
        if (obj instanceof Layer layer) return serializeLayer(layer);
        if (obj instanceof Optimizer o) return withRegisteredName(Optimizers.serialize(o), o);
        if (obj instanceof LearningRateSchedule s) return withRegisteredName(Schedules.serialize(s), s);
        if (obj instanceof Loss l) return object("keras.losses", l.className(), l.getConfig(), l);
        if (obj instanceof Metric m) return object("keras.metrics", m.className(), m.getConfig(), m);
        if (obj instanceof Initializer i) return withRegisteredName(Initializers.serialize(i), i);
        if (obj instanceof Regularizer r) return withRegisteredName(r.serialize(), r);
        if (obj instanceof Constraint c) return withRegisteredName(c.serialize(), c);
        if (obj instanceof Tensor t) return serializeTensor(t);
        if (obj instanceof Shape s) return dims(s);
        if (obj instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object o : list) out.add(serializeKerasObject(o));
            return out;
        }
        if (obj instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) out.put(String.valueOf(e.getKey()), serializeKerasObject(e.getValue()));
            return out;
        }
        throw new IllegalArgumentException("Cannot serialize object " + obj + " of type " + obj.getClass().getName()
                + ": it is not a Keras object, a tensor, or a JSON value.");
    }

    /** A layer (or model) with module, class_name, config, registered_name and, once built, build_config. */
    public static Map<String, Object> serializeLayer(Layer layer) {
        String registered = ObjectRegistry.registeredName(layer.getClass());
        Map<String, Object> m = new LinkedHashMap<>();
        if (registered != null) {
            m.put("module", layer.getClass().getPackageName());
            m.put("class_name", layer.className());
            m.put("config", layerConfig(layer));
            m.put("registered_name", registered);
        } else if (layer instanceof io.keras4j.models.Sequential) {
            m.put("module", "keras");
            m.put("class_name", "Sequential");
            m.put("config", layer.getConfig());
            m.put("registered_name", null);
        } else if (layer instanceof Model model && !model.inputs().isEmpty()) {
            m.put("module", "keras.src.models.functional");
            m.put("class_name", "Functional");
            m.put("config", layer.getConfig());
            m.put("registered_name", "Functional");
        } else {
            // A user class that is not registered keeps its Java package as module (Keras writes the Python module).
            boolean builtin = layer.getClass().getName().startsWith("io.keras4j.") && Layers.isRegistered(layer.className());
            m.put("module", builtin ? "keras.layers" : layer.getClass().getPackageName());
            m.put("class_name", layer.className());
            m.put("config", layerConfig(layer));
            m.put("registered_name", null);
        }
        if (layer instanceof io.keras4j.models.Sequential seq) {
            // A Sequential is built with its layers (from its input or first batch); Keras records that shape.
            if (seq.inputShape() != null) m.put("build_config", new LinkedHashMap<>(Map.of("input_shape", dims(seq.inputShape()))));
        } else if (layer instanceof Model model && !model.inputs().isEmpty()) {
            // A Functional model is built by construction; Keras writes no build_config for it.
        } else if (layer.built() && !(layer instanceof InputLayer) && layer.builtInputShape() != null) {
            Map<String, Object> build = new LinkedHashMap<>();
            build.put("input_shape", dims(layer.builtInputShape()));
            m.put("build_config", build);
        }
        return m;
    }

    /** The layer's config with its dtype as Keras 3 writes it: a serialized {@code DTypePolicy} (InputLayer keeps the string). */
    private static Map<String, Object> layerConfig(Layer layer) {
        Map<String, Object> config = new LinkedHashMap<>(layer.getConfig());
        if (!(layer instanceof InputLayer) && config.get("dtype") instanceof String d) config.put("dtype", dtypePolicy(d));
        return config;
    }

    /** Keras 3's {@code {"module": "keras", "class_name": "DTypePolicy", "config": {"name": ...}}}. */
    public static Map<String, Object> dtypePolicy(String name) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("module", "keras");
        m.put("class_name", "DTypePolicy");
        m.put("config", new LinkedHashMap<>(Map.of("name", name)));
        m.put("registered_name", null);
        return m;
    }

    private static Map<String, Object> object(String module, String className, Map<String, Object> config, Object obj) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("module", module);
        m.put("class_name", className);
        m.put("config", config);
        m.put("registered_name", null);
        return withRegisteredName(m, obj);
    }

    private static Map<String, Object> withRegisteredName(Map<String, Object> m, Object obj) {
        String registered = ObjectRegistry.registeredName(obj.getClass());
        if (registered == null) return m;
        Map<String, Object> out = new LinkedHashMap<>(m);
        out.put("module", obj.getClass().getPackageName());
        out.put("registered_name", registered);
        return out;
    }

    static List<Object> dims(Shape s) {
        List<Object> out = new ArrayList<>();
        for (int d : s.dims()) out.add(d == Shape.UNKNOWN ? null : d);
        return out;
    }

    /** {@code {"class_name": "__tensor__", "config": {"value": [...], "dtype": "float32"}}}. */
    static Map<String, Object> serializeTensor(Tensor t) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("value", nested(t, 0, 0));
        config.put("dtype", t.dtype().kerasName());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("class_name", "__tensor__");
        m.put("config", config);
        return m;
    }

    private static Object nested(Tensor t, int axis, int offset) {
        if (t.rank() == 0) return scalar(t, 0);
        int n = t.shape().dim(axis);
        int stride = 1;
        for (int a = axis + 1; a < t.rank(); a++) stride *= t.shape().dim(a);
        List<Object> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(axis == t.rank() - 1 ? scalar(t, offset + i) : nested(t, axis + 1, offset + i * stride));
        }
        return out;
    }

    private static Object scalar(Tensor t, int i) {
        return switch (t.dtype()) {
            case INT32, INT64 -> (long) t.getDouble(i);
            default -> t.getDouble(i);
        };
    }

    // ------------------------------------------------------------------ deserialize

    /** {@link #deserializeKerasObject(Object, boolean)} in the current safe mode. */
    public static Object deserializeKerasObject(Object config) { return deserializeKerasObject(config, inSafeMode()); }

    /**
     * The object a serialized config describes (Keras's {@code deserialize_keras_object}): JSON
     * values as they are; a dict with {@code class_name} becomes the Keras object. An unknown class
     * fails with Keras's "Could not locate class" message naming it.
     */
    public static Object deserializeKerasObject(Object config, boolean safeMode) {
        if (!(config instanceof Map<?, ?> raw)) {
            if (config instanceof List<?> list) {
                List<Object> out = new ArrayList<>(list.size());
                for (Object o : list) out.add(deserializeKerasObject(o, safeMode));
                return out;
            }
            return config;
        }
        Map<String, Object> m = stripSharedObjectIds(raw);
        if (!(m.get("class_name") instanceof String className)) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : m.entrySet()) out.put(e.getKey(), deserializeKerasObject(e.getValue(), safeMode));
            return out;
        }
        return withSafeMode(safeMode, () -> deserializeObject(className, m));
    }

    private static Object deserializeObject(String className, Map<String, Object> m) {
        Object innerConfig = m.get("config");
        switch (className) {
            case "__tensor__", "__numpy__" -> { return deserializeTensor(innerConfig); }
            case "__lambda__" -> {
                if (inSafeMode()) throw lambdaRefused();
                throw new UnsupportedOperationException("The file holds a Python lambda, which keras4j cannot run. Register a Java "
                        + "implementation of the object that uses it with ObjectRegistry.");
            }
            case "__bytes__", "__slice__", "__ellipsis__", "__typespec__" ->
                    throw new UnsupportedOperationException("Deserializing " + className + " values is not supported. Received: " + m);
            case "function" -> { return deserializeFunction(m); }
            default -> { }
        }
        String registered = m.get("registered_name") instanceof String s ? s : null;
        Map<String, Object> config = innerConfig instanceof Map<?, ?> c ? stripSharedObjectIds(c) : new LinkedHashMap<>();
        ObjectRegistry.Entry entry = ObjectRegistry.find(registered, className);
        if (entry != null) {
            Object obj = entry.factory().apply(config);
            if (obj instanceof Layer layer) buildFromConfig(layer, m.get("build_config"));
            return obj;
        }
        String module = m.get("module") instanceof String s ? s : null;
        if (className.equals("Sequential") || className.equals("Functional") || className.equals("Model")) {
            return ModelConfigs.fromConfig(m);
        }
        if (module == null || module.startsWith("keras.layers") || module.startsWith("keras.src.layers")) {
            if (className.equals("Lambda")) throw lambdaLayerRefused(config);
            if (Layers.isRegistered(className)) {
                Layer layer = Layers.fromConfig(className, config);
                buildFromConfig(layer, m.get("build_config"));
                return layer;
            }
            if (module != null) throw notFound(className, m);
        }
        String area = module == null ? "" : module.replace("keras.src.", "keras.");
        try {
            if (area.startsWith("keras.optimizers.schedules")) return Schedules.fromConfig(className, config);
            if (area.startsWith("keras.optimizers")) return deserializeOptimizer(className, config);
            if (area.startsWith("keras.initializers")) return Initializers.get(className, config);
            if (area.startsWith("keras.regularizers")) return Regularizers.get(m);
            if (area.startsWith("keras.constraints")) return Constraints.get(m);
            if (area.startsWith("keras.losses")) return Losses.get(m);
            if (area.startsWith("keras.metrics")) return deserializeMetric(className, config);
            if (area.equals("keras") && className.equals("DTypePolicy")) return DType.of(String.valueOf(config.get("name")));
        } catch (IllegalArgumentException e) {
            if (String.valueOf(e.getMessage()).startsWith("Could not interpret")) throw notFound(className, m);
            throw e;
        }
        throw notFound(className, m);
    }

    /** An optimizer; a serialized schedule as its learning rate becomes that schedule. */
    public static Optimizer deserializeOptimizer(String className, Map<String, Object> config) {
        Map<String, Object> c = new LinkedHashMap<>(config);
        if (c.get("learning_rate") instanceof Map<?, ?> schedule) {
            Object s = deserializeKerasObject(schedule);
            if (!(s instanceof LearningRateSchedule lrs)) {
                throw new IllegalArgumentException("Argument `learning_rate` must be a float or a LearningRateSchedule. Received: learning_rate=" + schedule);
            }
            c.put("learning_rate", lrs);
        }
        return Optimizers.fromConfig(className, c);
    }

    /** A built-in metric of that class with every argument its config holds (Keras's {@code Metric.from_config}). */
    private static Metric deserializeMetric(String className, Map<String, Object> config) {
        return Metrics.fromConfig(className, config);
    }

    /** A function: a registered one, or a built-in activation/loss/metric name (kept as the name). */
    private static Object deserializeFunction(Map<String, Object> m) {
        String registered = m.get("registered_name") instanceof String s ? s : null;
        Object name = m.get("config");
        ObjectRegistry.Entry entry = ObjectRegistry.find(registered, name instanceof String s ? s : null);
        if (entry != null) return entry.factory().apply(Map.of());
        String module = m.get("module") instanceof String s ? s : null;
        if (name instanceof String s && (module == null || module.equals("builtins") || module.startsWith("keras"))) return s;
        throw notFound(String.valueOf(name), m);
    }

    /** Keras's {@code build_from_config}: builds the layer for {@code build_config["input_shape"]}. */
    static void buildFromConfig(Layer layer, Object buildConfig) {
        if (layer.built() || !(buildConfig instanceof Map<?, ?> bc)) return;
        Object shape = bc.get("input_shape");
        if (shape instanceof List<?> list && !list.isEmpty() && !(list.get(0) instanceof List)) {
            layer.ensureBuilt(toShape(list));
        } else if (shape instanceof List<?> list && !list.isEmpty()) {
            List<Shape> shapes = new ArrayList<>();
            for (Object s : list) shapes.add(toShape((List<?>) s));
            layer.ensureBuiltAll(shapes);
        }
    }

    static Shape toShape(List<?> dims) {
        int[] d = new int[dims.size()];
        for (int i = 0; i < d.length; i++) {
            Object v = dims.get(i);
            if (v == null) d[i] = Shape.UNKNOWN;
            else if (v instanceof Number n) d[i] = n.intValue();
            else throw new IllegalArgumentException("Invalid shape " + dims + ": dimensions must be integers or None");
        }
        return Shape.of(d);
    }

    /** A {@code __tensor__} / {@code __numpy__} value: nested lists of numbers with a dtype. */
    static Tensor deserializeTensor(Object config) {
        if (!(config instanceof Map<?, ?> c)) throw new IllegalArgumentException("Could not parse tensor config: " + config);
        DType dtype = c.get("dtype") instanceof String s ? DType.of(s) : DType.FLOAT32;
        List<Integer> shape = new ArrayList<>();
        Object v = c.get("value");
        while (v instanceof List<?> l) {
            shape.add(l.size());
            v = l.isEmpty() ? null : l.get(0);
        }
        List<Double> flat = new ArrayList<>();
        flatten(c.get("value"), flat);
        int[] dims = shape.stream().mapToInt(Integer::intValue).toArray();
        if (Shape.of(dims).size() != flat.size()) throw new IllegalArgumentException("Ragged tensor value in config: " + config);
        Tensor t = Tensor.zeros(Shape.of(dims), dtype);
        Object data = t.data();
        for (int i = 0; i < flat.size(); i++) {
            double x = flat.get(i);
            switch (dtype) {
                case FLOAT32 -> ((float[]) data)[i] = (float) x;
                case FLOAT64 -> ((double[]) data)[i] = x;
                case INT32 -> ((int[]) data)[i] = (int) x;
                case INT64 -> ((long[]) data)[i] = (long) x;
                default -> throw new IllegalArgumentException("Unsupported tensor dtype in config: " + dtype);
            }
        }
        return t;
    }

    private static void flatten(Object v, List<Double> out) {
        if (v instanceof List<?> l) for (Object o : l) flatten(o, out);
        else if (v instanceof Number n) out.add(n.doubleValue());
        else if (v instanceof Boolean b) out.add(b ? 1.0 : 0.0);
        else throw new IllegalArgumentException("Non-numeric tensor value in config: " + v);
    }

    /** A deep copy without Keras's {@code shared_object_id} bookkeeping (our configs are values). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> stripSharedObjectIds(Map<?, ?> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if ("shared_object_id".equals(e.getKey())) continue;
            out.put(String.valueOf(e.getKey()), stripValue(e.getValue()));
        }
        return out;
    }

    private static Object stripValue(Object v) {
        if (v instanceof Map<?, ?> m) return stripSharedObjectIds(m);
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object o : l) out.add(stripValue(o));
            return out;
        }
        return v;
    }

    // ------------------------------------------------------------------ errors

    static IllegalArgumentException notFound(String className, Map<String, Object> full) {
        return new IllegalArgumentException("Could not locate class '" + className + "'. Make sure custom classes and "
                + "functions are decorated with `@keras.saving.register_keras_serializable()`. If they are already "
                + "decorated, make sure they are all imported so that the decorator is run before trying to load them. "
                + "(In keras4j: register the class with ObjectRegistry.registerKerasSerializable(package, name, type, factory)"
                + (full.get("registered_name") instanceof String r && r.contains(">")
                        ? " as package=\"" + r.substring(0, r.indexOf('>')) + "\", name=\"" + r.substring(r.indexOf('>') + 1) + "\"" : "")
                + ".) Full object config: " + full);
    }

    static IllegalArgumentException lambdaRefused() {
        return new IllegalArgumentException("Requested the deserialization of a Python lambda. This carries a potential risk "
                + "of arbitrary code execution and thus it is disallowed by default. If you trust the source of the artifact, "
                + "you can override this error by passing `safe_mode=False` to the loading function, or calling "
                + "`keras.config.enable_unsafe_deserialization().");
    }

    /**
     * A {@code Lambda} layer: its function is Python code, which keras4j cannot run. In safe mode
     * Keras's refusal; otherwise the advice to register a Java layer for it.
     */
    private static RuntimeException lambdaLayerRefused(Map<String, Object> config) {
        if (inSafeMode()) {
            return new IllegalArgumentException("Requested the deserialization of a `Lambda` layer whose `function` is a "
                    + "Python lambda. This carries a potential risk of arbitrary code execution and thus it is disallowed by "
                    + "default. If you trust the source of the artifact, you can override this error by passing "
                    + "`safe_mode=False` to the loading function, or calling `keras.config.enable_unsafe_deserialization().");
        }
        return new UnsupportedOperationException("The `Lambda` layer '" + config.get("name") + "' holds Python code, which "
                + "keras4j cannot run. Register a Java implementation for it: ObjectRegistry.registerCustomObject(\"Lambda\", factory).");
    }
}
