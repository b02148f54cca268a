package io.keras4j.losses;

import io.keras4j.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Keras's loss functions ({@code keras.losses.mean_squared_error}, ...), which return the
 * unreduced per-sample loss, and {@link #get} that resolves Keras's loss identifiers.
 */
public final class Losses {
    private Losses() {}

    /** Class name → factory from a Keras config; one line per built-in loss. */
    private static final Map<String, Function<Map<String, ?>, Loss>> CLASSES = new LinkedHashMap<>();

    /** Keras's function names and their aliases → the class that computes them. */
    private static final Map<String, String> FUNCTIONS = new LinkedHashMap<>();

    static {
        CLASSES.put("MeanSquaredError", MeanSquaredError::fromConfig);
        CLASSES.put("MeanAbsoluteError", MeanAbsoluteError::fromConfig);
        CLASSES.put("MeanAbsolutePercentageError", MeanAbsolutePercentageError::fromConfig);
        CLASSES.put("MeanSquaredLogarithmicError", MeanSquaredLogarithmicError::fromConfig);
        CLASSES.put("CosineSimilarity", CosineSimilarity::fromConfig);
        CLASSES.put("Huber", Huber::fromConfig);
        CLASSES.put("LogCosh", LogCosh::fromConfig);
        CLASSES.put("Hinge", Hinge::fromConfig);
        CLASSES.put("SquaredHinge", SquaredHinge::fromConfig);
        CLASSES.put("CategoricalHinge", CategoricalHinge::fromConfig);
        CLASSES.put("KLDivergence", KLDivergence::fromConfig);
        CLASSES.put("Poisson", Poisson::fromConfig);
        CLASSES.put("BinaryCrossentropy", BinaryCrossentropy::fromConfig);
        CLASSES.put("CategoricalCrossentropy", CategoricalCrossentropy::fromConfig);
        CLASSES.put("SparseCategoricalCrossentropy", SparseCategoricalCrossentropy::fromConfig);

        function("MeanSquaredError", "mean_squared_error", "mse", "MSE");
        function("MeanAbsoluteError", "mean_absolute_error", "mae", "MAE");
        function("MeanAbsolutePercentageError", "mean_absolute_percentage_error", "mape", "MAPE");
        function("MeanSquaredLogarithmicError", "mean_squared_logarithmic_error", "msle", "MSLE");
        function("CosineSimilarity", "cosine_similarity");
        function("Huber", "huber");
        function("LogCosh", "log_cosh", "logcosh");
        function("Hinge", "hinge");
        function("SquaredHinge", "squared_hinge");
        function("CategoricalHinge", "categorical_hinge");
        function("KLDivergence", "kl_divergence", "kld", "KLD", "kullback_leibler_divergence");
        function("Poisson", "poisson");
        function("BinaryCrossentropy", "binary_crossentropy", "bce", "BCE");
        function("CategoricalCrossentropy", "categorical_crossentropy");
        function("SparseCategoricalCrossentropy", "sparse_categorical_crossentropy");
    }

    private static void function(String className, String... names) {
        for (String n : names) FUNCTIONS.put(n, className);
    }

    /**
     * The loss for a Keras identifier: a class name ({@code "CategoricalCrossentropy"}) gives that
     * class with its defaults; a function name or alias ({@code "mse"}, {@code "log_cosh"}) gives
     * the equivalent class named after the identifier, as Keras's {@code compile} wraps functions.
     */
    public static Loss get(String identifier) {
        if (identifier != null && CLASSES.containsKey(identifier)) return CLASSES.get(identifier).apply(Map.of());
        if (identifier != null && FUNCTIONS.containsKey(identifier)) {
            return CLASSES.get(FUNCTIONS.get(identifier)).apply(Map.of()).name(identifier);
        }
        TreeSet<String> valid = new TreeSet<>(CLASSES.keySet());
        valid.addAll(FUNCTIONS.keySet());
        throw new IllegalArgumentException("Could not interpret loss identifier: " + identifier + ". Expected one of " + valid);
    }

    /** The loss for a serialised Keras object: {@code {"class_name": "Huber", "config": {"delta": 2.0}}}. */
    public static Loss get(Map<String, ?> identifier) {
        Object className = identifier.get("class_name");
        Object config = identifier.get("config");
        if (!CLASSES.containsKey(className) || (config != null && !(config instanceof Map))) {
            throw new IllegalArgumentException("Could not interpret loss identifier: " + identifier
                    + ". Expected class_name to be one of " + new TreeSet<>(CLASSES.keySet()));
        }
        @SuppressWarnings("unchecked")
        Map<String, ?> c = config == null ? Map.of() : (Map<String, ?>) config;
        return CLASSES.get(className).apply(c);
    }

    // ------------------------------------------------------------------ regression

    public static Tensor meanSquaredError(Tensor yTrue, Tensor yPred) { return MeanSquaredError.compute(yTrue, yPred); }

    public static Tensor meanAbsoluteError(Tensor yTrue, Tensor yPred) { return MeanAbsoluteError.compute(yTrue, yPred); }

    public static Tensor meanAbsolutePercentageError(Tensor yTrue, Tensor yPred) {
        return MeanAbsolutePercentageError.compute(yTrue, yPred);
    }

    public static Tensor meanSquaredLogarithmicError(Tensor yTrue, Tensor yPred) {
        return MeanSquaredLogarithmicError.compute(yTrue, yPred);
    }

    public static Tensor cosineSimilarity(Tensor yTrue, Tensor yPred) { return CosineSimilarity.compute(yTrue, yPred, -1); }

    public static Tensor cosineSimilarity(Tensor yTrue, Tensor yPred, int axis) { return CosineSimilarity.compute(yTrue, yPred, axis); }

    public static Tensor huber(Tensor yTrue, Tensor yPred) { return Huber.compute(yTrue, yPred, 1.0); }

    public static Tensor huber(Tensor yTrue, Tensor yPred, double delta) { return Huber.compute(yTrue, yPred, delta); }

    public static Tensor logCosh(Tensor yTrue, Tensor yPred) { return LogCosh.compute(yTrue, yPred); }

    // ------------------------------------------------------------------ hinge

    public static Tensor hinge(Tensor yTrue, Tensor yPred) { return Hinge.compute(yTrue, yPred); }

    public static Tensor squaredHinge(Tensor yTrue, Tensor yPred) { return SquaredHinge.compute(yTrue, yPred); }

    public static Tensor categoricalHinge(Tensor yTrue, Tensor yPred) { return CategoricalHinge.compute(yTrue, yPred); }

    // ------------------------------------------------------------------ probabilistic

    public static Tensor klDivergence(Tensor yTrue, Tensor yPred) { return KLDivergence.compute(yTrue, yPred); }

    public static Tensor poisson(Tensor yTrue, Tensor yPred) { return Poisson.compute(yTrue, yPred); }

    public static Tensor binaryCrossentropy(Tensor yTrue, Tensor yPred) {
        return BinaryCrossentropy.compute(yTrue, yPred, false, 0, -1);
    }

    public static Tensor binaryCrossentropy(Tensor yTrue, Tensor yPred, boolean fromLogits, double labelSmoothing) {
        return BinaryCrossentropy.compute(yTrue, yPred, fromLogits, BinaryCrossentropy.checkLabelSmoothing(labelSmoothing), -1);
    }

    public static Tensor binaryCrossentropy(Tensor yTrue, Tensor yPred, boolean fromLogits, double labelSmoothing, int axis) {
        return BinaryCrossentropy.compute(yTrue, yPred, fromLogits, BinaryCrossentropy.checkLabelSmoothing(labelSmoothing), axis);
    }

    public static Tensor categoricalCrossentropy(Tensor yTrue, Tensor yPred) {
        return CategoricalCrossentropy.compute(yTrue, yPred, false, 0, -1);
    }

    public static Tensor categoricalCrossentropy(Tensor yTrue, Tensor yPred, boolean fromLogits, double labelSmoothing) {
        return CategoricalCrossentropy.compute(yTrue, yPred, fromLogits, BinaryCrossentropy.checkLabelSmoothing(labelSmoothing), -1);
    }

    public static Tensor categoricalCrossentropy(Tensor yTrue, Tensor yPred, boolean fromLogits, double labelSmoothing, int axis) {
        return CategoricalCrossentropy.compute(yTrue, yPred, fromLogits, BinaryCrossentropy.checkLabelSmoothing(labelSmoothing), axis);
    }

    public static Tensor sparseCategoricalCrossentropy(Tensor yTrue, Tensor yPred) {
        return SparseCategoricalCrossentropy.compute(yTrue, yPred, false, null, -1);
    }

    public static Tensor sparseCategoricalCrossentropy(Tensor yTrue, Tensor yPred, boolean fromLogits) {
        return SparseCategoricalCrossentropy.compute(yTrue, yPred, fromLogits, null, -1);
    }

    /** With entries labelled {@code ignoreClass} given a loss of 0. */
    public static Tensor sparseCategoricalCrossentropy(Tensor yTrue, Tensor yPred, boolean fromLogits, int ignoreClass) {
        return SparseCategoricalCrossentropy.compute(yTrue, yPred, fromLogits, ignoreClass, -1);
    }
}
