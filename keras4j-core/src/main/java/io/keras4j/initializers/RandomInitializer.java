package io.keras4j.initializers;

import io.keras4j.random.Random;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The seed handling Keras's random initializers share. As in Keras 3, an initializer made without
 * a seed draws one from the global generator when it is constructed, and then gives the same values
 * on every call: layers get different weights because each makes its own initializer, and a program
 * that calls {@link Random#setSeed} first repeats exactly.
 */
abstract class RandomInitializer implements Initializer {
    private final Long initSeed;
    private final long seed;

    RandomInitializer(Long seed) {
        this.initSeed = seed;
        this.seed = seed == null ? Random.nextSeed() : seed;
    }

    /** The seed given to the constructor, or null when it was drawn from the global generator. */
    public Long seed() { return initSeed; }

    /** The seed every call uses. */
    long effectiveSeed() { return seed; }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("seed", initSeed);
        return c;
    }

    @Override public String toString() { return className() + getConfig(); }
}
