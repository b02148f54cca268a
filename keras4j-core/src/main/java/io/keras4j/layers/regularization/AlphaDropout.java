package io.keras4j.layers.regularization;

import io.keras4j.layers.Layer;
import io.keras4j.layers.Layers;
import io.keras4j.ops.Ops;
import io.keras4j.random.Random;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Dropout for SELU networks (Keras's {@code AlphaDropout}): dropped units are set to SELU's
 * negative saturation -alpha*scale, then {@code a*x + b} restores the mean and variance the
 * inputs had. The identity at inference.
 */
public final class AlphaDropout extends Layer {
    private static final double ALPHA = 1.6732632423543772848170429916717;
    private static final double SCALE = 1.0507009873554804934193349852946;

    private final double rate;
    private int[] noiseShape;
    private Long seed;
    private SeedGenerator seeds = new SeedGenerator(null);

    public AlphaDropout(double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("Invalid value received for argument `rate`. Expected a float value between 0 and 1. Received: rate=" + rate);
        }
        this.rate = rate;
    }

    /** The mask's shape, batch dimension first; -1 takes the input's dimension (Keras's None). */
    public AlphaDropout noiseShape(int... shape) {
        this.noiseShape = shape.clone();
        return this;
    }

    public AlphaDropout seed(long value) {
        this.seed = value;
        this.seeds = new SeedGenerator(value);
        return this;
    }

    /** From a Keras config: {@code rate}, {@code noise_shape}, {@code seed}. */
    public static AlphaDropout fromConfig(Layers.Config c) {
        if (!c.has("rate")) throw new IllegalArgumentException("AlphaDropout.__init__() missing 1 required positional argument: 'rate'");
        AlphaDropout l = new AlphaDropout(c.number("rate", 0));
        if (c.has("noise_shape")) l.noiseShape(c.ints("noise_shape"));
        else c.raw("noise_shape");
        if (c.raw("seed") != null) l.seed(c.integer("seed", 0));
        return l;
    }

    @Override public Tensor call(Tensor inputs, boolean training) {
        if (!training || rate == 0) return inputs;
        Shape maskShape = inputs.shape();
        if (noiseShape != null) {
            int[] d = noiseShape.clone();
            for (int i = 0; i < d.length; i++) if (d[i] == -1) d[i] = inputs.shape().dim(i);
            maskShape = Shape.of(d);
        }
        DType t = inputs.dtype() == DType.FLOAT64 ? DType.FLOAT64 : DType.FLOAT32;
        Tensor kept = Ops.greaterEqual(Random.uniform(maskShape, 0, 1, t, seeds.next()), rate);
        double alphaP = -ALPHA * SCALE;
        double a = Math.pow((1 - rate) * (1 + rate * alphaP * alphaP), -0.5);
        double b = -a * alphaP * rate;
        Tensor x = Ops.add(Ops.multiply(inputs, kept), Ops.multiply(Ops.subtract(1.0, kept), alphaP));
        return Ops.add(Ops.multiply(x, a), b);
    }

    @Override public Shape computeOutputShape(Shape inputShape) { return inputShape; }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("rate", rate);
        c.put("seed", seed);
        List<Object> ns = null;
        if (noiseShape != null) {
            ns = new ArrayList<>();
            for (int d : noiseShape) ns.add(d == -1 ? null : d);
        }
        c.put("noise_shape", ns);
        return c;
    }
}
