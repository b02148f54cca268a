package io.keras4j.layers.regularization;

import io.keras4j.random.Random;

import java.util.SplittableRandom;

/**
 * Keras's {@code SeedGenerator} as the noise layers use it: a stream of seeds, one per training
 * call, fixed by the layer's seed or, without one, drawn once from the global generator.
 */
final class SeedGenerator {
    private final Long seed;
    private SplittableRandom seeds;

    SeedGenerator(Long seed) { this.seed = seed; }

    long next() { return Random.noiseSeed(seed, this::fromStream); }

    private long fromStream() {
        if (seeds == null) seeds = new SplittableRandom(seed != null ? seed : Random.nextSeed());
        return seeds.nextLong();
    }
}
