package io.keras4j.wrappers;

import io.keras4j.datasets.Iris;
import io.keras4j.layers.core.Dense;
import io.keras4j.layers.core.Input;
import io.keras4j.models.Model;
import io.keras4j.models.Sequential;
import io.keras4j.optimizers.Adam;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.*;

class RandomizedSearchCVTest {
    static final Map<String, Object> SPACE = Map.of(
            "learning_rate", Distribution.logUniform(1e-4, 1e-1),
            "units", Distribution.randInt(2, 9),
            "momentum", Distribution.uniform(0.5, 0.9),
            "optimizer", List.of("adam", "sgd"));

    @Test void samplerDrawsNIterSettingsReproducibly() {
        ParameterSampler a = new ParameterSampler(SPACE, 25, 11), b = new ParameterSampler(SPACE, 25, 11), c = new ParameterSampler(SPACE, 25, 12);
        assertEquals(25, a.size());
        assertEquals(a.settings(), b.settings());
        assertNotEquals(a.settings(), c.settings());
        Set<Object> optimizers = new HashSet<>();
        for (Params p : a.settings()) {
            double lr = p.getDouble("learning_rate");
            assertTrue(lr >= 1e-4 && lr < 1e-1, "learning_rate " + lr);
            int units = p.getInt("units");
            assertTrue(units >= 2 && units < 9, "units " + units);
            double m = p.getDouble("momentum");
            assertTrue(m >= 0.5 && m < 0.9);
            optimizers.add(p.getString("optimizer"));
        }
        assertEquals(Set.of("adam", "sgd"), optimizers, "25 draws from 2 values reach both");
    }

    @Test void listsOnlyAreDrawnWithoutReplacement() {
        Map<String, Object> lists = Map.of("a", List.of(1, 2, 3), "b", List.of("x", "y"));
        ParameterSampler s = new ParameterSampler(lists, 6, 0);
        assertEquals(6, new HashSet<>(s.settings()).size(), "all 6 grid points, none twice");
        assertEquals(new HashSet<>(new ParameterGrid(Map.of("a", List.of(1, 2, 3), "b", List.of("x", "y"))).settings()), new HashSet<>(s.settings()));
        assertFalse(s.exhausted());
        ParameterSampler more = new ParameterSampler(lists, 10, 0);
        assertEquals(6, more.size());
        assertTrue(more.exhausted());
        assertEquals(4, new HashSet<>(new ParameterSampler(lists, 4, 3).settings()).size());
    }

    @Test void logUniformCoversTheDecadesEvenly() {
        // Half the mass of loguniform(1e-4, 1e-0) lies below 1e-2: check with 4000 draws (sd of the share ~0.008).
        Distribution d = Distribution.logUniform(1e-4, 1);
        java.util.SplittableRandom rng = new java.util.SplittableRandom(0);
        int below = 0;
        for (int i = 0; i < 4000; i++) if ((double) d.sample(rng) < 1e-2) below++;
        assertEquals(0.5, below / 4000.0, 0.04);
    }

    @Test void searchOnIrisRepeatsWithTheSameSeed() {
        Function<Params, Model> build = p -> {
            Sequential m = new Sequential(Input.of(4), new Dense(p.getInt("units"), "relu"), new Dense(3, "softmax"));
            m.compile(new Adam().learningRate(p.getDouble("learning_rate")), "sparse_categorical_crossentropy", "accuracy");
            return m;
        };
        Map<String, Object> space = Map.of("learning_rate", Distribution.logUniform(1e-3, 1e-1), "units", Distribution.randInt(4, 17));
        Iris.Data d = Iris.loadData();
        SearchResults a = new RandomizedSearchCV(build, space, 3).cv(new StratifiedKFold(2).shuffle(true).seed(0)).epochs(2).seed(21).refit(false).fit(d.x(), d.y());
        SearchResults b = new RandomizedSearchCV(build, space, 3).cv(new StratifiedKFold(2).shuffle(true).seed(0)).epochs(2).seed(21).nJobs(2).refit(false).fit(d.x(), d.y());
        assertEquals(3, a.size());
        for (int i = 0; i < 3; i++) {
            assertEquals(a.rows().get(i).params(), b.rows().get(i).params());
            assertArrayEquals(a.rows().get(i).scores(), b.rows().get(i).scores());
        }
        assertEquals(new ParameterSampler(space, 3, 21).settings().get(0), a.rows().get(0).params(), "the settings are the sampler's for the search seed");
    }

    @Test void badInput() {
        Function<Params, Model> build = p -> null;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RandomizedSearchCV(build, SPACE, 0));
        assertEquals("The 'n_iter' parameter of RandomizedSearchCV must be an int in the range [1, inf). Got 0 instead.", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new RandomizedSearchCV(build, Map.of()));
        e = assertThrows(IllegalArgumentException.class, () -> new RandomizedSearchCV(build, Map.of("units", 5)));
        assertTrue(e.getMessage().contains("must be a list of values or a Distribution"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Distribution.logUniform(0, 1));
        assertThrows(IllegalArgumentException.class, () -> Distribution.uniform(1, 1));
        assertThrows(IllegalArgumentException.class, () -> Distribution.randInt(3, 3));
    }
}
