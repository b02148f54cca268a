package io.keras4j.wrappers;

import io.keras4j.models.Model;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Search over {@code nIter} settings drawn at random, as scikit-learn's {@code RandomizedSearchCV}:
 * each parameter maps to a {@link Distribution} (uniform, log-uniform, integer range) or a list of
 * values. The settings come from the search seed ({@link #seed}), so the same seed samples and
 * scores the same settings.
 * <pre>{@code
 * new RandomizedSearchCV(build, Map.of(
 *         "learning_rate", Distribution.logUniform(1e-4, 1e-1),
 *         "units", Distribution.randInt(4, 65),
 *         "optimizer", List.of("adam", "rmsprop")), 10).seed(0).fit(x, y);
 * }</pre>
 */
public final class RandomizedSearchCV extends BaseSearchCV<RandomizedSearchCV> {
    private final Map<String, ?> distributions;
    private final int nIter;

    /** scikit-learn's default draws 10 settings. */
    public RandomizedSearchCV(Function<Params, Model> model, Map<String, ?> paramDistributions) { this(model, paramDistributions, 10); }

    public RandomizedSearchCV(Function<Params, Model> model, Map<String, ?> paramDistributions, int nIter) {
        super(model);
        // Validated now (empty map, empty lists, nIter < 1) rather than at fit time.
        new ParameterSampler(paramDistributions, nIter, 0);
        this.distributions = Map.copyOf(paramDistributions);
        this.nIter = nIter;
    }

    public int nIter() { return nIter; }

    @Override protected List<Params> candidates(long seed) {
        ParameterSampler sampler = new ParameterSampler(distributions, nIter, seed);
        if (sampler.exhausted()) {
            System.err.println("UserWarning: The total space of parameters " + sampler.size() + " is smaller than n_iter=" + nIter + ". Running "
                    + sampler.size() + " iterations. For exhaustive searches, use GridSearchCV.");
        }
        return sampler.settings();
    }
}
