package io.keras4j.utils;

import io.keras4j.random.Random;

/**
 * Keras's {@code keras.utils.set_random_seed}: one call makes a program repeatable, since weight
 * initialisation, shuffling in {@code fit} and dropout all draw their seeds from the global
 * generator of {@link Random} when not given one.
 */
public final class RandomSeed {
    private RandomSeed() {}

    /** Resets the global random generator to a state fixed by {@code seed}. */
    public static void setRandomSeed(long seed) { Random.setSeed(seed); }
}
