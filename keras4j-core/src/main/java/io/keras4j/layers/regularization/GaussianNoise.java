package io.keras4j.layers.regularization;

import io.keras4j.layers.Layer;
import io.keras4j.layers.Layers;
import io.keras4j.ops.Ops;
import io.keras4j.random.Random;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.util.Map;

/** Adds zero-centred Gaussian noise of standard deviation {@code stddev} in training; the identity at inference (Keras's {@code GaussianNoise}). */
public final class GaussianNoise extends Layer {
    private final double stddev;
    private Long seed;
    private SeedGenerator seeds = new SeedGenerator(null);

    public GaussianNoise(double stddev) {
        if (!(stddev >= 0 && stddev <= 1)) {
            throw new IllegalArgumentException("Invalid value received for argument `stddev`. Expected a float value between 0 and 1. Received: stddev=" + stddev);
        }
        this.stddev = stddev;
    }

    public GaussianNoise seed(long value) {
        this.seed = value;
        this.seeds = new SeedGenerator(value);
        return this;
    }

    /** From a Keras config: {@code stddev} (Keras 1: {@code sigma}), {@code seed}. */
    public static GaussianNoise fromConfig(Layers.Config c) {
        String key = c.firstPresent("stddev", "sigma");
        if (key == null) throw new IllegalArgumentException("GaussianNoise.__init__() missing 1 required positional argument: 'stddev'");
        GaussianNoise l = new GaussianNoise(c.number(key, 0));
        if (c.raw("seed") != null) l.seed(c.integer("seed", 0));
        return l;
    }

    @Override public Tensor call(Tensor inputs, boolean training) {
        if (!training || stddev == 0) return inputs;
        DType t = inputs.dtype() == DType.FLOAT64 ? DType.FLOAT64 : DType.FLOAT32;
        return Ops.add(inputs, Random.normal(inputs.shape(), 0.0, stddev, t, seeds.next()));
    }

    /** Passes the input's mask on unchanged, as Keras (supports_masking=True). */
    @Override public boolean supportsMasking() { return true; }

    @Override public Shape computeOutputShape(Shape inputShape) { return inputShape; }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("stddev", stddev);
        c.put("seed", seed);
        return c;
    }
}
