package io.keras4j.initializers;

import io.keras4j.random.Random;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Values whose variance is {@code scale / n}, with {@code n} the fan-in, the fan-out or their mean
 * ({@code mode}), drawn from a truncated normal, a normal or a uniform distribution
 * ({@code distribution}), as {@code keras.initializers.VarianceScaling}. Defaults: scale 1,
 * {@code "fan_in"}, {@code "truncated_normal"}.
 */
public class VarianceScaling extends RandomInitializer {
    /**
     * The standard deviation of a unit normal truncated to [-2, 2]: the truncated draw is divided
     * by it so that the values keep the variance the mode asks for.
     */
    static final double TRUNCATED_STDDEV = 0.87962566103423978;

    /** Number of input and output units a weight of some shape connects. */
    public record Fans(long fanIn, long fanOut) {}

    private final double scale;
    private final String mode;
    private final String distribution;
    private final int[] inputAxes;
    private final int[] outputAxes;

    public VarianceScaling() { this(1.0, "fan_in", "truncated_normal", null); }

    public VarianceScaling(double scale, String mode, String distribution) { this(scale, mode, distribution, null); }

    public VarianceScaling(double scale, String mode, String distribution, Long seed) {
        this(scale, mode, distribution, seed, null, null);
    }

    /**
     * With {@code inputAxes} and {@code outputAxes} (both non-null) the fans are the products of
     * those dimensions of the shape instead of Keras's rule for dense and convolution kernels.
     */
    public VarianceScaling(double scale, String mode, String distribution, Long seed, int[] inputAxes, int[] outputAxes) {
        super(seed);
        if (!(scale > 0)) throw new IllegalArgumentException("Argument `scale` must be positive float. Received: scale=" + scale);
        if (mode == null || !List.of("fan_in", "fan_out", "fan_avg").contains(mode)) {
            throw new IllegalArgumentException("Invalid `mode` argument: " + mode + ". Please use one of {'fan_in', 'fan_out', 'fan_avg'}");
        }
        String d = distribution == null ? null : distribution.toLowerCase(Locale.ROOT);
        if ("normal".equals(d)) d = "truncated_normal"; // Keras 2's name for the truncated form
        if (d == null || !List.of("uniform", "truncated_normal", "untruncated_normal").contains(d)) {
            throw new IllegalArgumentException("Invalid `distribution` argument: " + distribution
                    + ". Please use one of {'uniform', 'truncated_normal', 'untruncated_normal'}");
        }
        this.scale = scale;
        this.mode = mode;
        this.distribution = d;
        this.inputAxes = inputAxes == null ? null : inputAxes.clone();
        this.outputAxes = outputAxes == null ? null : outputAxes.clone();
    }

    public double scale() { return scale; }

    public String mode() { return mode; }

    public String distribution() { return distribution; }

    /**
     * Keras's fans: a vector's length for both; {@code (in, out)} for a matrix; for a convolution
     * kernel {@code (k..., in, out)} both multiplied by the receptive field {@code prod(k...)}.
     */
    public static Fans computeFans(Shape shape) { return computeFans(shape, null, null); }

    public static Fans computeFans(Shape shape, int[] inputAxes, int[] outputAxes) {
        if (inputAxes != null && outputAxes != null) {
            long in = 1, out = 1;
            for (int a : inputAxes) in *= shape.dim(a);
            for (int a : outputAxes) out *= shape.dim(a);
            return new Fans(in, out);
        }
        int r = shape.rank();
        if (r == 0) return new Fans(1, 1);
        if (r == 1) return new Fans(shape.dim(0), shape.dim(0));
        if (r == 2) return new Fans(shape.dim(0), shape.dim(1));
        long receptiveField = 1;
        for (int i = 0; i < r - 2; i++) receptiveField *= shape.dim(i);
        return new Fans(shape.dim(-2) * receptiveField, shape.dim(-1) * receptiveField);
    }

    @Override public Tensor generate(Shape shape, DType dtype) {
        Fans f = computeFans(shape, inputAxes, outputAxes);
        double n = switch (mode) {
            case "fan_in" -> f.fanIn();
            case "fan_out" -> f.fanOut();
            default -> (f.fanIn() + f.fanOut()) / 2.0;
        };
        double variance = scale / Math.max(1.0, n);
        return switch (distribution) {
            case "truncated_normal" -> Random.truncatedNormal(shape, 0, Math.sqrt(variance) / TRUNCATED_STDDEV, dtype, effectiveSeed());
            case "untruncated_normal" -> Random.normal(shape, 0, Math.sqrt(variance), dtype, effectiveSeed());
            default -> {
                double limit = Math.sqrt(3 * variance);
                yield Random.uniform(shape, -limit, limit, dtype, effectiveSeed());
            }
        };
    }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("scale", scale);
        c.put("mode", mode);
        c.put("distribution", distribution);
        c.put("input_axes", axesConfig(inputAxes));
        c.put("output_axes", axesConfig(outputAxes));
        return c;
    }

    /** The config of the fixed-argument subclasses (GlorotUniform, ...): only what they take. */
    Map<String, Object> presetConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("input_axes", axesConfig(inputAxes));
        c.put("output_axes", axesConfig(outputAxes));
        return c;
    }

    private static List<Integer> axesConfig(int[] axes) {
        if (axes == null) return null;
        List<Integer> l = new ArrayList<>();
        for (int a : axes) l.add(a);
        return l;
    }
}
