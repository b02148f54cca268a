package io.keras4j.wrappers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * {@code nIter} settings drawn at random, as scikit-learn's {@code ParameterSampler}: each name
 * maps to a {@link Distribution} or to a list of values (drawn uniformly). When every name maps
 * to a list, the settings are drawn from the grid without replacement (and there are at most as
 * many as the grid has); otherwise each setting is drawn independently. The same seed gives the
 * same settings.
 */
public final class ParameterSampler {
    private final List<Params> settings;
    private final boolean exhausted;

    public ParameterSampler(Map<String, ?> distributions, int nIter, long seed) {
        if (nIter < 1) {
            throw new IllegalArgumentException("The 'n_iter' parameter of RandomizedSearchCV must be an int in the range [1, inf). Got " + nIter + " instead.");
        }
        if (distributions == null || distributions.isEmpty()) {
            throw new IllegalArgumentException("Argument `param_distributions` must name at least one parameter. Received: param_distributions=" + distributions);
        }
        Map<String, Object> sorted = new TreeMap<>();
        boolean allLists = true;
        for (Map.Entry<String, ?> e : distributions.entrySet()) {
            Object d = e.getValue();
            if (d instanceof List<?> l) {
                if (l.isEmpty()) throw new IllegalArgumentException("Parameter distribution for parameter '" + e.getKey() + "' needs to be a non-empty sequence, got: " + l);
            } else if (d instanceof Distribution) {
                allLists = false;
            } else {
                throw new IllegalArgumentException("Parameter distribution for parameter '" + e.getKey()
                        + "' must be a list of values or a Distribution (uniform, logUniform, randInt, choice). Received: " + d);
            }
            sorted.put(e.getKey(), d);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        List<Params> out = new ArrayList<>();
        if (allLists) {
            @SuppressWarnings("unchecked")
            ParameterGrid grid = new ParameterGrid((Map<String, List<?>>) (Map<String, ?>) sorted);
            int n = Math.min(nIter, grid.size());
            exhausted = grid.size() < nIter;
            // A partial Fisher-Yates shuffle: n distinct grid indices.
            int[] idx = new int[grid.size()];
            for (int i = 0; i < idx.length; i++) idx[i] = i;
            for (int i = 0; i < n; i++) {
                int j = i + rng.nextInt(idx.length - i);
                int t = idx[i];
                idx[i] = idx[j];
                idx[j] = t;
                out.add(grid.get(idx[i]));
            }
        } else {
            exhausted = false;
            for (int i = 0; i < nIter; i++) {
                Map<String, Object> p = new LinkedHashMap<>();
                for (Map.Entry<String, Object> e : sorted.entrySet()) {
                    Object d = e.getValue();
                    p.put(e.getKey(), d instanceof Distribution dist ? dist.sample(rng) : ((List<?>) d).get(rng.nextInt(((List<?>) d).size())));
                }
                out.add(Params.of(p));
            }
        }
        settings = Collections.unmodifiableList(out);
    }

    /** Whether the lists allowed fewer settings than {@code nIter} (all of them were taken). */
    public boolean exhausted() { return exhausted; }

    public int size() { return settings.size(); }

    public List<Params> settings() { return settings; }
}
