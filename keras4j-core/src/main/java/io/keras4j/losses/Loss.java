package io.keras4j.losses;

import io.keras4j.ops.Ops;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Base class of all losses, as {@code keras.losses.Loss}: {@link #call} gives one loss value per
 * sample, {@link #apply} weights those values and reduces them as Keras's {@code Loss.__call__}.
 * <pre>{@code
 * Loss loss = new CategoricalCrossentropy().fromLogits(true).reduction("sum");
 * Tensor value = loss.apply(yTrue, yPred, sampleWeight);
 * }</pre>
 * Subclasses implement {@code call}; optional Keras arguments are chained setters.
 */
public abstract class Loss {
    /** Keras's {@code backend.epsilon()}: the margin used to clip probabilities and divisors. */
    static final double EPSILON = 1e-7;

    private static final List<String> REDUCTIONS =
            List.of("sum_over_batch_size", "sum", "mean", "mean_with_sample_weight", "none");

    private String name;
    private String reduction = "sum_over_batch_size";

    /** A loss named after its class in snake_case ({@code MyLoss} → {@code my_loss}), as Keras's auto_name. */
    protected Loss() { this.name = snakeCase(getClass().getSimpleName()); }

    /** A loss with the given name. */
    protected Loss(String name) { this.name = name; }

    public String name() { return name; }

    public Loss name(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("Invalid value for argument `name`: expected a non-empty string. Received: name=" + name);
        }
        this.name = name;
        return this;
    }

    /** The reduction; null stands for Keras's {@code None} (no reduction, like "none"). */
    public String reduction() { return reduction; }

    /**
     * One of "sum_over_batch_size" (default), "sum", "mean", "mean_with_sample_weight", "none" or
     * null (Keras's None).
     */
    public Loss reduction(String reduction) {
        this.reduction = standardizeReduction(reduction);
        return this;
    }

    private static String standardizeReduction(String reduction) {
        if (reduction != null && !REDUCTIONS.contains(reduction)) {
            throw new IllegalArgumentException("Invalid value for argument `reduction`. Expected one of "
                    + REDUCTIONS + " or None. Received: reduction=" + reduction);
        }
        return reduction;
    }

    /** The Keras class name used in configs ({@code "CategoricalCrossentropy"}). */
    public String className() { return getClass().getSimpleName(); }

    /** The unreduced loss: one value per sample, yTrue and yPred already in the same float dtype. */
    public abstract Tensor call(Tensor yTrue, Tensor yPred);

    /**
     * The entries of {@link #call}'s result that count (1) or are ignored (0), or null when all
     * count. Keras attaches this as a mask to the result; here the loss is asked for it.
     */
    protected Tensor mask(Tensor yTrue, Tensor yPred) { return null; }

    /** The loss reduced as configured, with all samples weighted equally. */
    public Tensor apply(Tensor yTrue, Tensor yPred) { return apply(yTrue, yPred, null); }

    /**
     * The loss of a batch: {@code call}, times {@code sampleWeight} (null for none; broadcast over
     * the per-sample losses), reduced as configured. yTrue is cast to yPred's dtype (float32 when
     * yPred is an integer tensor, as Keras's floatx).
     */
    public Tensor apply(Tensor yTrue, Tensor yPred, Tensor sampleWeight) {
        DType dtype = yPred.dtype().isFloating() ? yPred.dtype() : DType.FLOAT32;
        Tensor p = Ops.cast(yPred, dtype);
        Tensor t = Ops.cast(yTrue, dtype);
        return reduceWeightedValues(call(t, p), sampleWeight, mask(t, p), reduction);
    }

    /** Keras's config keys: {@code name}, {@code reduction}; subclasses add their arguments. */
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", name);
        config.put("reduction", reduction);
        return config;
    }

    /** Sets name and reduction from a Keras config, for the subclasses' {@code fromConfig}. */
    static <L extends Loss> L configure(L loss, Map<String, ?> config) {
        if (config.get("name") != null) loss.name((String) config.get("name"));
        if (config.containsKey("reduction")) loss.reduction((String) config.get("reduction"));
        return loss;
    }

    static double number(Map<String, ?> config, String key, double fallback) {
        Object v = config.get(key);
        return v == null ? fallback : ((Number) v).doubleValue();
    }

    // ------------------------------------------------------------------ Keras's loss.py helpers

    /**
     * Keras's {@code reduce_weighted_values}: merges the mask into the sample weights, multiplies,
     * then reduces. "sum_over_batch_size" and "mean" divide the sum by the number of elements of the
     * weighted losses, "mean_with_sample_weight" by the sum of the weights; a masked mean divides
     * by the number of valid entries.
     */
    public static Tensor reduceWeightedValues(Tensor values, Tensor sampleWeight, Tensor mask, String reduction) {
        standardizeReduction(reduction);
        Tensor weight = sampleWeight == null ? null : Ops.cast(sampleWeight, values.dtype());
        if (mask != null) weight = applyMask(weight, Ops.cast(mask, values.dtype()), reduction);
        if (weight != null) {
            Tensor[] vw = squeezeOrExpandToSameRank(values, weight);
            values = Ops.multiply(vw[0], vw[1]);
        }
        return reduceValues(values, weight, reduction);
    }

    private static Tensor applyMask(Tensor sampleWeight, Tensor mask, String reduction) {
        Tensor floatMask = mask;
        if ("mean".equals(reduction) || "sum_over_batch_size".equals(reduction)) {
            // Valid entries get weight total/valid so that dividing by the total averages over valid ones.
            Tensor total = Tensor.scalar(mask.size(), mask.dtype());
            Tensor perValid = divideNoNan(total, Ops.sum(mask));
            floatMask = Ops.where(mask, perValid, 0.0);
        }
        if (sampleWeight == null) return floatMask;
        Tensor[] mw = squeezeOrExpandToSameRank(floatMask, sampleWeight);
        return Ops.multiply(mw[1], mw[0]);
    }

    private static Tensor reduceValues(Tensor values, Tensor sampleWeight, String reduction) {
        if (reduction == null || reduction.equals("none") || values.rank() == 0
                || (values.rank() == 1 && values.size() == 0)) {
            return values;
        }
        Tensor loss = Ops.sum(values);
        if (reduction.equals("sum")) return loss;
        Tensor divisor = reduction.equals("mean_with_sample_weight") && sampleWeight != null
                ? Ops.sum(sampleWeight)
                : Tensor.scalar(values.size(), loss.dtype());
        return divideNoNan(loss, divisor);
    }

    /** a / b, and 0 where b is 0 (Keras's divide_no_nan). */
    private static Tensor divideNoNan(Tensor a, Tensor b) {
        Tensor zero = Ops.equal(b, 0.0);
        return Ops.where(zero, 0.0, Ops.divide(a, Ops.where(zero, 1.0, b)));
    }

    /**
     * Keras's {@code squeeze_or_expand_to_same_rank}: when the ranks differ by one and the longer
     * tensor ends in a dimension of size 1, squeezes it (or expands the other when that one has rank
     * 1). Returns {x1, x2}.
     */
    public static Tensor[] squeezeOrExpandToSameRank(Tensor x1, Tensor x2) {
        int r1 = x1.rank(), r2 = x2.rank();
        if (r1 == r2 + 1 && x1.shape().dim(-1) == 1) {
            if (r2 == 1) x2 = Ops.expandDims(x2, -1);
            else x1 = Ops.squeeze(x1, -1);
        } else if (r2 == r1 + 1 && x2.shape().dim(-1) == 1) {
            if (r1 == 1) x1 = Ops.expandDims(x1, -1);
            else x2 = Ops.squeeze(x2, -1);
        }
        return new Tensor[] {x1, x2};
    }

    private static String snakeCase(String camel) {
        return camel.replaceAll("(.)([A-Z][a-z]+)", "$1_$2").replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
    }
}
