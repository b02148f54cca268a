package io.keras4j.activations;

import io.keras4j.ops.Ops;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The functions of {@code keras.activations} (Keras 3 definitions), built from {@link Ops} so that
 * every one is differentiable, and {@link #get} resolving Keras's string names.
 */
public final class Activations {
    /** SELU's constants (Klambauer et al., 2017), to the precision Keras writes them. */
    static final double SELU_ALPHA = 1.6732632423543772848170429916717;
    static final double SELU_SCALE = 1.0507009873554804934193349852946;

    private Activations() {}

    // ------------------------------------------------------------------ rectifiers

    public static Tensor relu(Tensor x) { return Ops.relu(x); }

    /**
     * Keras's general ReLU: {@code x} above {@code threshold}, {@code negativeSlope * (x - threshold)}
     * below it, saturating at {@code maxValue} when that is not null.
     */
    public static Tensor relu(Tensor x, double negativeSlope, Double maxValue, double threshold) {
        if (negativeSlope != 0 && maxValue == null && threshold == 0) return leakyRelu(x, negativeSlope);
        Tensor negativePart = null;
        if (negativeSlope != 0) negativePart = Ops.relu(Ops.add(Ops.negative(x), threshold));
        Tensor y = threshold != 0 ? Ops.where(Ops.greater(x, threshold), x, 0.0) : Ops.relu(x);
        if (maxValue != null) y = Ops.clip(y, 0, maxValue);
        if (negativePart != null) y = Ops.subtract(y, Ops.multiply(negativePart, negativeSlope));
        return y;
    }

    public static Tensor relu6(Tensor x) { return Ops.clip(x, 0, 6); }

    public static Tensor leakyRelu(Tensor x) { return leakyRelu(x, 0.2); }

    public static Tensor leakyRelu(Tensor x, double negativeSlope) {
        return Ops.where(Ops.greaterEqual(x, 0.0), x, Ops.multiply(x, negativeSlope));
    }

    public static Tensor elu(Tensor x) { return elu(x, 1.0); }

    /** {@code x} for {@code x >= 0}, else {@code alpha * (exp(x) - 1)}. */
    public static Tensor elu(Tensor x, double alpha) {
        // expm1 sees min(x, 0) so that a large positive x cannot overflow to inf, which the unused
        // branch's gradient would turn into 0 * inf = NaN.
        Tensor negative = Ops.multiply(Ops.expm1(Ops.minimum(x, 0.0)), alpha);
        return Ops.where(Ops.greaterEqual(x, 0.0), x, negative);
    }

    public static Tensor selu(Tensor x) { return Ops.multiply(elu(x, SELU_ALPHA), SELU_SCALE); }

    public static Tensor celu(Tensor x) { return celu(x, 1.0); }

    /** {@code max(x, 0) + alpha * (exp(min(x, 0) / alpha) - 1)}. */
    public static Tensor celu(Tensor x, double alpha) {
        return Ops.add(Ops.relu(x), Ops.multiply(Ops.expm1(Ops.divide(Ops.minimum(x, 0.0), alpha)), alpha));
    }

    /** {@code x} where {@code x > threshold}, else {@code defaultValue}. */
    public static Tensor threshold(Tensor x, double threshold, double defaultValue) {
        return Ops.where(Ops.greater(x, threshold), x, defaultValue);
    }

    // ------------------------------------------------------------------ smooth gates

    public static Tensor sigmoid(Tensor x) { return Ops.sigmoid(x); }

    public static Tensor logSigmoid(Tensor x) { return Ops.negative(Ops.softplus(Ops.negative(x))); }

    public static Tensor tanh(Tensor x) { return Ops.tanh(x); }

    public static Tensor tanhShrink(Tensor x) { return Ops.subtract(x, Ops.tanh(x)); }

    public static Tensor softplus(Tensor x) { return Ops.softplus(x); }

    public static Tensor softsign(Tensor x) { return Ops.divide(x, Ops.add(Ops.abs(x), 1.0)); }

    /** Swish: {@code x * sigmoid(x)}. */
    public static Tensor silu(Tensor x) { return Ops.multiply(x, Ops.sigmoid(x)); }

    public static Tensor swish(Tensor x) { return silu(x); }

    /** Keras's default is the exact form, {@code x * (1 + erf(x / sqrt(2))) / 2}. */
    public static Tensor gelu(Tensor x) { return gelu(x, false); }

    /** GELU; {@code approximate} uses the tanh form {@code x/2 * (1 + tanh(sqrt(2/pi) * (x + 0.044715 x^3)))}. */
    public static Tensor gelu(Tensor x, boolean approximate) {
        if (approximate) {
            Tensor inner = Ops.multiply(Ops.add(x, Ops.multiply(Ops.power(x, 3), 0.044715)), Math.sqrt(2 / Math.PI));
            return Ops.multiply(Ops.multiply(x, 0.5), Ops.add(Ops.tanh(inner), 1.0));
        }
        return Ops.multiply(Ops.multiply(x, 0.5), Ops.add(Ops.erf(Ops.divide(x, Math.sqrt(2))), 1.0));
    }

    /** {@code x * tanh(softplus(x))}. */
    public static Tensor mish(Tensor x) { return Ops.multiply(x, Ops.tanh(Ops.softplus(x))); }

    public static Tensor squareplus(Tensor x) { return squareplus(x, 4); }

    /** {@code (x + sqrt(x^2 + b)) / 2}. */
    public static Tensor squareplus(Tensor x, double b) {
        return Ops.multiply(Ops.add(x, Ops.sqrt(Ops.add(Ops.square(x), b))), 0.5);
    }

    public static Tensor exponential(Tensor x) { return Ops.exp(x); }

    public static Tensor linear(Tensor x) { return x; }

    // ------------------------------------------------------------------ piecewise-linear

    /** Keras 3's hard sigmoid, {@code relu6(x + 3) / 6}. */
    public static Tensor hardSigmoid(Tensor x) { return Ops.divide(relu6(Ops.add(x, 3.0)), 6.0); }

    /**
     * Keras 2's hard sigmoid, {@code clip(0.2 x + 0.5, 0, 1)}: what {@code "hard_sigmoid"} meant in
     * models saved by Keras 2 (and the default recurrent activation of its LSTM and GRU).
     */
    public static Tensor hardSigmoidKeras2(Tensor x) { return Ops.clip(Ops.add(Ops.multiply(x, 0.2), 0.5), 0, 1); }

    /** Hard swish: {@code x * hardSigmoid(x)}. */
    public static Tensor hardSilu(Tensor x) { return Ops.multiply(x, hardSigmoid(x)); }

    public static Tensor hardSwish(Tensor x) { return hardSilu(x); }

    public static Tensor hardTanh(Tensor x) { return Ops.clip(x, -1, 1); }

    public static Tensor hardShrink(Tensor x) { return hardShrink(x, 0.5); }

    /** {@code x} where {@code |x| > threshold}, else 0. */
    public static Tensor hardShrink(Tensor x, double threshold) {
        return Ops.where(Ops.greater(Ops.abs(x), threshold), x, 0.0);
    }

    public static Tensor softShrink(Tensor x) { return softShrink(x, 0.5); }

    /** {@code x - threshold} above {@code threshold}, {@code x + threshold} below {@code -threshold}, else 0. */
    public static Tensor softShrink(Tensor x, double threshold) {
        Tensor inner = Ops.where(Ops.less(x, -threshold), Ops.add(x, threshold), 0.0);
        return Ops.where(Ops.greater(x, threshold), Ops.subtract(x, threshold), inner);
    }

    /** 0 for {@code x <= -1}, {@code (x + 1)^2 / 4} for {@code -1 < x < 1}, {@code x} for {@code x >= 1}. */
    public static Tensor sparsePlus(Tensor x) {
        Tensor middle = Ops.where(Ops.less(x, 1.0), Ops.multiply(Ops.square(Ops.add(x, 1.0)), 0.25), x);
        return Ops.where(Ops.lessEqual(x, -1.0), 0.0, middle);
    }

    /** 0 for {@code x <= -1}, {@code (x + 1) / 2} for {@code -1 < x < 1}, 1 for {@code x >= 1}. */
    public static Tensor sparseSigmoid(Tensor x) { return Ops.clip(Ops.multiply(Ops.add(x, 1.0), 0.5), 0, 1); }

    // ------------------------------------------------------------------ along an axis

    public static Tensor softmax(Tensor x) { return softmax(x, -1); }

    /** {@code exp(x) / sum(exp(x))} along {@code axis}, shifted by the maximum for stability. */
    public static Tensor softmax(Tensor x, int axis) { return Ops.softmax(x, axis); }

    public static Tensor logSoftmax(Tensor x) { return logSoftmax(x, -1); }

    public static Tensor logSoftmax(Tensor x, int axis) { return Ops.logSoftmax(x, axis); }

    public static Tensor glu(Tensor x) { return glu(x, -1); }

    /** Gated linear unit: splits {@code x} in halves {@code a, b} along {@code axis}, returns {@code a * sigmoid(b)}. */
    public static Tensor glu(Tensor x, int axis) {
        int a = x.shape().normalizeAxis(axis);
        int n = x.shape().dim(a);
        if (n % 2 != 0) {
            throw new IllegalArgumentException("axis size must be divisible by 2. Received: x.shape=" + x.shape() + " with axis=" + axis);
        }
        int[] size = x.shape().dims();
        size[a] = n / 2;
        int[] begin = new int[x.rank()];
        Tensor first = Ops.slice(x, begin, size);
        begin[a] = n / 2;
        return Ops.multiply(first, Ops.sigmoid(Ops.slice(x, begin, size)));
    }

    public static Tensor sparsemax(Tensor x) { return sparsemax(x, -1); }

    /**
     * Sparsemax (Martins and Astudillo, 2016): {@code max(x - tau, 0)} with {@code tau} chosen so
     * that each slice along {@code axis} sums to 1. Which entries are in the support is found by
     * sorting, outside the tape; {@code tau = (sum of the support - 1) / k} is then computed with
     * ops, so the gradient is the exact Jacobian of sparsemax.
     * <p>Keras's backends (3.16) sum the running totals over the support instead of taking the
     * last one; that agrees with this definition only when the support has one element, the only
     * case its tests check, and otherwise gives slices that do not sum to 1. This follows the
     * paper's definition, which Keras's docstring states.
     */
    public static Tensor sparsemax(Tensor x, int axis) {
        Tensor support = Tensor.wrap(supportMask(x, axis), x.shape());
        Tensor mask = Ops.cast(support, x.dtype());
        Tensor k = Ops.sum(mask, axis, true);
        Tensor tau = Ops.divide(Ops.subtract(Ops.sum(Ops.multiply(x, mask), axis, true), 1.0), k);
        return Ops.relu(Ops.subtract(x, tau));
    }

    private static double[] supportMask(Tensor x, int axis) {
        Shape s = x.shape();
        int a = s.normalizeAxis(axis);
        int n = s.dim(a), inner = s.strides()[a], outer = s.size() / Math.max(1, n * inner);
        double[] v = x.toDoubleArray(), mask = new double[v.length], lane = new double[n];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * n * inner + i;
                for (int j = 0; j < n; j++) lane[j] = v[base + j * inner];
                double[] sorted = lane.clone();
                Arrays.sort(sorted);
                double cumsum = 0, tau = 0;
                for (int r = 1; r <= n; r++) {
                    double z = sorted[n - r];
                    cumsum += z;
                    if (1 + r * z > cumsum) tau = (cumsum - 1) / r; else break;
                }
                for (int j = 0; j < n; j++) mask[base + j * inner] = lane[j] > tau ? 1 : 0;
            }
        }
        return mask;
    }

    // ------------------------------------------------------------------ lookup by name

    /** Keras's names, with the arguments each function accepts besides {@code x}. */
    private static final Map<String, List<String>> NAMES = table();

    private static Map<String, List<String>> table() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("relu", List.of("negative_slope", "max_value", "threshold"));
        m.put("leaky_relu", List.of("negative_slope"));
        m.put("relu6", List.of());
        m.put("softmax", List.of("axis"));
        m.put("celu", List.of("alpha"));
        m.put("elu", List.of("alpha"));
        m.put("selu", List.of());
        m.put("softplus", List.of());
        m.put("softsign", List.of());
        m.put("squareplus", List.of("b"));
        m.put("soft_shrink", List.of("threshold"));
        m.put("sparse_plus", List.of());
        m.put("silu", List.of());
        m.put("swish", List.of());
        m.put("gelu", List.of("approximate"));
        m.put("glu", List.of("axis"));
        m.put("tanh", List.of());
        m.put("tanh_shrink", List.of());
        m.put("threshold", List.of("threshold", "default_value"));
        m.put("sigmoid", List.of());
        m.put("sparse_sigmoid", List.of());
        m.put("exponential", List.of());
        m.put("hard_sigmoid", List.of());
        m.put("hard_silu", List.of());
        m.put("hard_swish", List.of());
        m.put("hard_tanh", List.of());
        m.put("hard_shrink", List.of("threshold"));
        m.put("linear", List.of());
        m.put("mish", List.of());
        m.put("log_softmax", List.of("axis"));
        m.put("log_sigmoid", List.of());
        m.put("sparsemax", List.of("axis"));
        return Collections.unmodifiableMap(m);
    }

    /** Every name {@link #get} accepts, sorted. */
    public static Set<String> names() { return Collections.unmodifiableSet(new TreeSet<>(NAMES.keySet())); }

    /** The activation Keras's {@code keras.activations.get(name)} returns; null gives {@code linear}. */
    public static ActivationFunction get(String name) { return get(name, Map.of()); }

    /**
     * The named activation with keyword arguments, e.g. {@code get("relu", Map.of("max_value", 6))}.
     * Keys are Keras's snake_case argument names; Keras 2's {@code alpha} is accepted for
     * {@code relu} and {@code leaky_relu} as the negative slope.
     */
    public static ActivationFunction get(String name, Map<String, ?> kwargs) {
        if (name == null) name = "linear";
        List<String> accepted = NAMES.get(name);
        if (accepted == null) {
            throw new IllegalArgumentException("Could not interpret activation function identifier: " + name
                    + ". Valid names are: " + String.join(", ", names()));
        }
        Kwargs k = new Kwargs(name, kwargs == null ? Map.of() : kwargs);
        ActivationFunction f = switch (name) {
            case "relu" -> {
                double slope = k.number("negative_slope", k.number("alpha", 0.0));
                Double maxValue = k.has("max_value") && k.raw("max_value") != null ? k.number("max_value", 0) : null;
                double threshold = k.number("threshold", 0.0);
                k.consume("max_value");
                yield slope == 0 && maxValue == null && threshold == 0 ? Activations::relu : x -> relu(x, slope, maxValue, threshold);
            }
            case "leaky_relu" -> {
                double slope = k.number("negative_slope", k.number("alpha", 0.2));
                yield x -> leakyRelu(x, slope);
            }
            case "relu6" -> Activations::relu6;
            case "softmax" -> { int axis = k.integer("axis", -1); yield x -> softmax(x, axis); }
            case "log_softmax" -> { int axis = k.integer("axis", -1); yield x -> logSoftmax(x, axis); }
            case "glu" -> { int axis = k.integer("axis", -1); yield x -> glu(x, axis); }
            case "sparsemax" -> { int axis = k.integer("axis", -1); yield x -> sparsemax(x, axis); }
            case "celu" -> { double alpha = k.number("alpha", 1.0); yield x -> celu(x, alpha); }
            case "elu" -> { double alpha = k.number("alpha", 1.0); yield x -> elu(x, alpha); }
            case "selu" -> Activations::selu;
            case "softplus" -> Activations::softplus;
            case "softsign" -> Activations::softsign;
            case "squareplus" -> { double b = k.number("b", 4.0); yield x -> squareplus(x, b); }
            case "soft_shrink" -> { double t = k.number("threshold", 0.5); yield x -> softShrink(x, t); }
            case "hard_shrink" -> { double t = k.number("threshold", 0.5); yield x -> hardShrink(x, t); }
            case "sparse_plus" -> Activations::sparsePlus;
            case "silu", "swish" -> Activations::silu;
            case "gelu" -> { boolean approximate = k.bool("approximate", false); yield x -> gelu(x, approximate); }
            case "tanh" -> Activations::tanh;
            case "tanh_shrink" -> Activations::tanhShrink;
            case "threshold" -> {
                double t = k.required("threshold"), d = k.required("default_value");
                yield x -> threshold(x, t, d);
            }
            case "sigmoid" -> Activations::sigmoid;
            case "sparse_sigmoid" -> Activations::sparseSigmoid;
            case "exponential" -> Activations::exponential;
            case "hard_sigmoid" -> Activations::hardSigmoid;
            case "hard_silu", "hard_swish" -> Activations::hardSilu;
            case "hard_tanh" -> Activations::hardTanh;
            case "linear" -> Activations::linear;
            case "mish" -> Activations::mish;
            case "log_sigmoid" -> Activations::logSigmoid;
            default -> throw new IllegalStateException("no definition for activation " + name);
        };
        k.rejectUnused(accepted);
        return ActivationFunction.named(canonical(name), f);
    }

    /** Keras serialises the aliases under the function's own name. */
    private static String canonical(String name) {
        return switch (name) {
            case "swish" -> "silu";
            case "hard_swish" -> "hard_silu";
            default -> name;
        };
    }

    /** Reads keyword arguments the way a Python call binds them, remembering which were used. */
    private static final class Kwargs {
        private final String function;
        private final Map<String, ?> values;
        private final Set<String> used = new HashSet<>();

        Kwargs(String function, Map<String, ?> values) {
            this.function = function;
            this.values = values;
        }

        boolean has(String key) { return values.containsKey(key); }

        Object raw(String key) { return values.get(key); }

        void consume(String key) { used.add(key); }

        double number(String key, double fallback) {
            if (!values.containsKey(key)) return fallback;
            used.add(key);
            Object v = values.get(key);
            if (v instanceof Number n) return n.doubleValue();
            throw new IllegalArgumentException(function + "(): argument `" + key + "` must be a number. Received: " + key + "=" + v);
        }

        double required(String key) {
            if (!values.containsKey(key)) {
                throw new IllegalArgumentException(function + "() missing required argument: '" + key + "'");
            }
            return number(key, 0);
        }

        int integer(String key, int fallback) {
            double v = number(key, fallback);
            if (v != Math.rint(v)) throw new IllegalArgumentException(function + "(): argument `" + key + "` must be an integer. Received: " + key + "=" + values.get(key));
            return (int) v;
        }

        boolean bool(String key, boolean fallback) {
            if (!values.containsKey(key)) return fallback;
            used.add(key);
            Object v = values.get(key);
            if (v instanceof Boolean b) return b;
            throw new IllegalArgumentException(function + "(): argument `" + key + "` must be a boolean. Received: " + key + "=" + v);
        }

        /** Fails on a key the function does not take, as Python does for an unexpected keyword. */
        void rejectUnused(List<String> accepted) {
            for (String key : values.keySet()) {
                if (!used.contains(key)) {
                    throw new IllegalArgumentException(function + "() got an unexpected keyword argument '" + key
                            + "'. Accepted arguments: " + (accepted.isEmpty() ? "none" : String.join(", ", accepted)));
                }
            }
        }
    }
}
