package io.keras4j.layers.regularization;

import io.keras4j.layers.Layer;
import io.keras4j.layers.Layers;
import io.keras4j.ops.Ops;
import io.keras4j.random.Random;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.util.Map;

/**
 * Multiplies by Gaussian noise of mean 1 and standard deviation sqrt(rate / (1 - rate)) in
 * training; the identity at inference (Keras's {@code GaussianDropout}).
 */
public final class GaussianDropout extends Layer {
    private final double rate;
    private Long seed;
    private SeedGenerator seeds = new SeedGenerator(null);

    public GaussianDropout(double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("Invalid value received for argument `rate`. Expected a float value between 0 and 1. Received: rate=" + rate);
        }
        this.rate = rate;
    }

    public GaussianDropout seed(long value) {
        this.seed = value;
        this.seeds = new SeedGenerator(value);
        return this;
    }

    /** From a Keras config: {@code rate} (Keras 1: {@code p}), {@code seed}. */
    public static GaussianDropout fromConfig(Layers.Config c) {
        String key = c.firstPresent("rate", "p");
        if (key == null) throw new IllegalArgumentException("GaussianDropout.__init__() missing 1 required positional argument: 'rate'");
        GaussianDropout l = new GaussianDropout(c.number(key, 0));
        if (c.raw("seed") != null) l.seed(c.integer("seed", 0));
        return l;
    }

    @Override public Tensor call(Tensor inputs, boolean training) {
        if (!training || rate == 0) return inputs;
        DType t = inputs.dtype() == DType.FLOAT64 ? DType.FLOAT64 : DType.FLOAT32;
        double stddev = Math.sqrt(rate / (1.0 - rate));
        return Ops.multiply(inputs, Random.normal(inputs.shape(), 1.0, stddev, t, seeds.next()));
    }

    @Override public Shape computeOutputShape(Shape inputShape) { return inputShape; }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("rate", rate);
        c.put("seed", seed);
        return c;
    }
}
