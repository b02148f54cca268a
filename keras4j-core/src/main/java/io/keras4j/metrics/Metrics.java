package io.keras4j.metrics;

import io.keras4j.tensor.Shape;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Metrics by name, as {@code keras.metrics.get} and the trainer's {@code compile_utils.get_metric}.
 * <pre>{@code
 * Metrics.get("mse")                               // a new MeanSquaredError, named "mean_squared_error"
 * Metrics.get("SparseCategoricalAccuracy")
 * Metrics.get("acc", "sparse_categorical_crossentropy", y.shape(), yPred.shape())  // as compile(metrics=["acc"])
 * }</pre>
 */
public final class Metrics {
    private static final Map<String, Supplier<Metric>> BY_NAME = new LinkedHashMap<>();

    /** Class name → factory from a Keras config ({@code get_config} keys); one line per built-in metric. */
    private static final Map<String, Function<Map<String, ?>, Metric>> CLASSES = new LinkedHashMap<>();

    static {
        // Keras registers each class under its name and its snake_case name, plus a few aliases
        register(Accuracy::fromConfig, "Accuracy", "acc");
        register(BinaryAccuracy::fromConfig, "BinaryAccuracy");
        register(CategoricalAccuracy::fromConfig, "CategoricalAccuracy");
        register(SparseCategoricalAccuracy::fromConfig, "SparseCategoricalAccuracy");
        register(TopKCategoricalAccuracy::fromConfig, "TopKCategoricalAccuracy");
        register(SparseTopKCategoricalAccuracy::fromConfig, "SparseTopKCategoricalAccuracy");
        register(Precision::fromConfig, "Precision");
        register(Recall::fromConfig, "Recall");
        register(AUC::fromConfig, "AUC");
        register(F1Score::fromConfig, "F1Score");
        register(FBetaScore::fromConfig, "FBetaScore");
        register(MeanSquaredError::fromConfig, "MeanSquaredError", "mse", "MSE");
        register(RootMeanSquaredError::fromConfig, "RootMeanSquaredError", "rmse", "RMSE");
        register(MeanAbsoluteError::fromConfig, "MeanAbsoluteError", "mae", "MAE");
        register(Mean::fromConfig, "Mean");
        register(Sum::fromConfig, "Sum");
    }

    private Metrics() {}

    private static void register(Function<Map<String, ?>, Metric> fromConfig, String className, String... aliases) {
        CLASSES.put(className, fromConfig);
        Supplier<Metric> factory = () -> fromConfig.apply(Map.of());
        BY_NAME.put(className, factory);
        BY_NAME.put(snakeCase(className), factory);
        for (String alias : aliases) BY_NAME.put(alias, factory);
    }

    /** Keras's {@code to_snake_case}: {@code TopKCategoricalAccuracy} → {@code top_k_categorical_accuracy}, {@code AUC} → {@code auc}. */
    static String snakeCase(String name) {
        String s = name.replaceAll("\\W+", "");
        s = s.replaceAll("(.)([A-Z][a-z]+)", "$1_$2");
        return s.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    /** Every name {@link #get(String)} accepts. */
    public static List<String> names() { return List.copyOf(BY_NAME.keySet()); }

    /**
     * A new metric for a Keras class name ({@code "Precision"}), its snake_case form
     * ({@code "top_k_categorical_accuracy"}) or an alias ({@code "mse"}, {@code "mae"},
     * {@code "rmse"}, {@code "acc"}), with the class's default name and arguments. As in Keras,
     * "accuracy" here is {@link Accuracy} (exact equality); the trainer's "accuracy" goes through
     * {@link #get(String, String, Shape, Shape)}.
     */
    public static Metric get(String identifier) {
        Supplier<Metric> factory = identifier == null ? null : BY_NAME.get(identifier);
        if (factory == null) {
            throw new IllegalArgumentException("Could not interpret metric identifier: " + identifier
                    + ". Expected one of: " + String.join(", ", BY_NAME.keySet()));
        }
        return factory.get();
    }

    /** The Keras class names {@link #fromConfig} reads. */
    public static List<String> classNames() { return List.copyOf(CLASSES.keySet()); }

    /**
     * Keras's {@code Metric.from_config} for a built-in class: the metric that {@code getConfig()}
     * described, every argument included ({@code fromConfig("Precision", Map.of("thresholds", 0.7))}).
     * Unknown keys fail, as Keras's {@code cls(**config)} does.
     */
    public static Metric fromConfig(String className, Map<String, ?> config) {
        Function<Map<String, ?>, Metric> factory = className == null ? null : CLASSES.get(className);
        if (factory == null) {
            throw new IllegalArgumentException("Could not interpret metric identifier: " + className
                    + ". Expected class_name to be one of " + new TreeSet<>(CLASSES.keySet()));
        }
        return factory.apply(config == null ? Map.of() : config);
    }

    /** The metric for a serialised Keras object: {@code {"class_name": "TopKCategoricalAccuracy", "config": {"k": 2, ...}}}. */
    public static Metric get(Map<String, ?> identifier) {
        Object className = identifier.get("class_name");
        Object config = identifier.get("config");
        if (!(className instanceof String c) || (config != null && !(config instanceof Map))) {
            throw new IllegalArgumentException("Could not interpret metric identifier: " + identifier
                    + ". Expected class_name to be one of " + new TreeSet<>(CLASSES.keySet()));
        }
        @SuppressWarnings("unchecked")
        Map<String, ?> m = config == null ? Map.of() : (Map<String, ?>) config;
        return fromConfig(c, m);
    }

    /**
     * The metric {@code compile(metrics=[identifier])} makes once it has seen a batch, as Keras's
     * {@code compile_utils.get_metric}: "accuracy" and "acc" (any case) become the accuracy that fits
     * the loss and shapes ({@link #resolveAccuracy}), anything else comes from {@link #get(String)};
     * either way the metric is named {@code identifier}, the key Keras logs it under.
     */
    public static Metric get(String identifier, String lossName, Shape yTrueShape, Shape yPredShape) {
        if (identifier == null) throw new IllegalArgumentException("Expected metric, received `None`");
        String lower = identifier.toLowerCase(Locale.ROOT);
        Metric metric = lower.equals("accuracy") || lower.equals("acc")
                ? resolveAccuracy(lossName, yTrueShape, yPredShape) : get(identifier);
        metric.name(identifier);
        return metric;
    }

    /**
     * The accuracy for the string "accuracy" in {@code compile}, named "accuracy". Keras 3 decides
     * from the shapes alone: a y_pred whose last dimension is 1 gives {@link BinaryAccuracy}; else
     * a y_true of lower rank than y_pred, or one whose last dimension is 1 while y_pred's is larger,
     * gives {@link SparseCategoricalAccuracy}; else {@link CategoricalAccuracy}. Only where the
     * shapes cannot decide (null, scalar, or y_pred's last dimension unknown) does the loss decide,
     * as in Keras 2: "binary_crossentropy" gives binary, "sparse_categorical_crossentropy" gives
     * sparse, anything else (null included) categorical. {@code lossName} may be a Keras string or
     * class name.
     */
    public static Metric resolveAccuracy(String lossName, Shape yTrueShape, Shape yPredShape) {
        Metric metric;
        boolean shapesKnown = yTrueShape != null && yPredShape != null && yTrueShape.rank() > 0 && yPredShape.rank() > 0;
        int predLast = shapesKnown ? yPredShape.dim(-1) : Shape.UNKNOWN;
        if (predLast == 1) {
            metric = new BinaryAccuracy();
        } else if (shapesKnown && (yTrueShape.rank() < yPredShape.rank() || yTrueShape.dim(-1) == 1 && predLast > 1)) {
            metric = new SparseCategoricalAccuracy();
        } else if (predLast != Shape.UNKNOWN) {
            metric = new CategoricalAccuracy();
        } else {
            metric = accuracyForLoss(lossName);
        }
        metric.name("accuracy");
        return metric;
    }

    private static Metric accuracyForLoss(String lossName) {
        String loss = lossName == null ? "" : snakeCase(lossName);
        return switch (loss) {
            case "binary_crossentropy", "bce" -> new BinaryAccuracy();
            case "sparse_categorical_crossentropy" -> new SparseCategoricalAccuracy();
            default -> new CategoricalAccuracy();
        };
    }
}
