package io.keras4j.layers.attention;

import io.keras4j.ops.Ops;
import io.keras4j.random.Random;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.util.SplittableRandom;

/**
 * What the attention layers share about turning scores into weights: Keras's causal mask, the
 * large negative number that stands for a masked score, and dropout on the weights.
 */
final class AttentionScores {
    /** Keras's stand-in for minus infinity in float32/float64 scores (finite, so gradients stay finite). */
    static final double LARGE_NEGATIVE = 1.0e9;

    private final Long seed;
    private SplittableRandom seeds;

    AttentionScores(Long seed) { this.seed = seed; }

    /** A (1, t, s) mask that is 1 where the query position i may see key position j, i.e. j <= i. */
    static Tensor causalMask(int t, int s) {
        float[] m = new float[t * s];
        for (int i = 0; i < t; i++) for (int j = 0; j <= Math.min(i, s - 1); j++) m[i * s + j] = 1f;
        return Tensor.of(m, 1, t, s);
    }

    /** A mask as 1/0 floats: nonzero entries (True) attend. */
    static Tensor truth(Tensor mask) {
        return Ops.notEqual(Ops.cast(mask, DType.FLOAT32), Tensor.zeros(Shape.scalar(), DType.FLOAT32));
    }

    /** Elementwise AND of two masks (either may be null), as 1/0 floats. */
    static Tensor and(Tensor a, Tensor b) {
        if (a == null) return b == null ? null : truth(b);
        if (b == null) return truth(a);
        return Ops.multiply(truth(a), truth(b));
    }

    /** Inverted dropout on attention weights, as {@code backend.random.dropout}: keep with 1-rate, scale by 1/(1-rate). */
    Tensor dropout(Tensor weights, double rate) {
        Shape s = weights.shape();
        float[] keep = Random.keepMask(s.size(), rate, (float) (1.0 / (1.0 - rate)), Random.noiseSeed(seed, this::streamSeed));
        return Ops.multiply(weights, Ops.cast(Tensor.of(keep, s.dims()), weights.dtype()));
    }

    private long streamSeed() {
        if (seeds == null) seeds = new SplittableRandom(seed != null ? seed : Random.nextSeed());
        return seeds.nextLong();
    }
}
