package io.keras4j.layers.regularization;

import io.keras4j.layers.Layer;
import io.keras4j.ops.Ops;
import io.keras4j.random.Random;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Keras's {@code Dropout}: in training, zeroes each input unit with probability {@code rate} and
 * scales the rest by 1/(1-rate); at inference, the identity. {@code noiseShape} (1 where the mask
 * is shared, as Keras) broadcasts one mask over some axes.
 */
public final class Dropout extends Layer {
    private final double rate;
    private int[] noiseShape;
    private Long seed;
    private SplittableRandom seeds;

    public Dropout(double rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("Invalid value received for argument `rate`. Expected a float value between 0 and 1 (1 excluded). Received: rate=" + rate);
        }
        this.rate = rate;
    }

    /** The mask's shape, batch dimension first; -1 takes the input's dimension (Keras's None). */
    public Dropout noiseShape(int... shape) {
        this.noiseShape = shape.clone();
        return this;
    }

    public Dropout seed(long value) {
        this.seed = value;
        this.seeds = null;
        return this;
    }

    public double rate() { return rate; }

    private long nextSeed() {
        // Keras's SeedGenerator: a stream of seeds fixed at creation from the seed or the global generator.
        if (seeds == null) seeds = new SplittableRandom(seed != null ? seed : Random.nextSeed());
        return seeds.nextLong();
    }

    @Override public Tensor call(Tensor inputs, boolean training) {
        if (!training || rate == 0) return inputs;
        Shape maskShape = inputs.shape();
        if (noiseShape != null) {
            int[] d = noiseShape.clone();
            for (int i = 0; i < d.length; i++) if (d[i] == -1) d[i] = inputs.shape().dim(i);
            maskShape = Shape.of(d);
        }
        float[] keep = Random.keepMask(maskShape.size(), rate, (float) (1.0 / (1.0 - rate)), Random.noiseSeed(seed, this::nextSeed));
        Tensor mask = Ops.cast(Tensor.wrap(keep, maskShape), inputs.dtype() == DType.FLOAT64 ? DType.FLOAT64 : DType.FLOAT32);
        return Ops.multiply(inputs, mask);
    }

    /** Passes the input's mask on unchanged, as Keras (supports_masking=True). */
    @Override public boolean supportsMasking() { return true; }

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
