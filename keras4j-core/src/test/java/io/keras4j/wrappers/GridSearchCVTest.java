package io.keras4j.wrappers;

import io.keras4j.datasets.Iris;
import io.keras4j.layers.core.Dense;
import io.keras4j.layers.core.Input;
import io.keras4j.models.Model;
import io.keras4j.models.Sequential;
import io.keras4j.tensor.Tensor;
import io.keras4j.utils.RandomSeed;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.*;

class GridSearchCVTest {
    static final Function<Params, Model> BUILD = p -> {
        Sequential m = new Sequential(Input.of(4), new Dense(p.getInt("units", 8), "relu"), new Dense(3, "softmax"));
        m.compile(p.getString("optimizer"), "sparse_categorical_crossentropy", "accuracy");
        return m;
    };

    static final Map<String, List<?>> GRID = Map.of("optimizer", List.of("adam", "sgd"), "batch_size", List.of(16, 32));

    private static SearchResults search(long seed, int nJobs) { return search(seed, nJobs, "accuracy"); }

    private static SearchResults search(long seed, int nJobs, String scoring) {
        Iris.Data d = Iris.loadData();
        return new GridSearchCV(BUILD, GRID).cv(3).epochs(3).seed(seed).nJobs(nJobs).scoring(scoring).refit(false).fit(d.x(), d.y());
    }

    @Test void twoOptimizersTimesTwoBatchSizesThreeFolds() {
        SearchResults r = search(7, 1);
        assertEquals(4, r.size());
        assertEquals(3, r.nSplits());
        assertEquals("accuracy", r.scoring());
        assertTrue(r.greaterIsBetter());
        // scikit-learn's ParameterGrid order: names sorted, the last varying fastest.
        assertEquals(Map.of("batch_size", 16, "optimizer", "adam"), r.rows().get(0).params().asMap());
        assertEquals(Map.of("batch_size", 16, "optimizer", "sgd"), r.rows().get(1).params().asMap());
        assertEquals(Map.of("batch_size", 32, "optimizer", "adam"), r.rows().get(2).params().asMap());
        assertEquals(Map.of("batch_size", 32, "optimizer", "sgd"), r.rows().get(3).params().asMap());
        for (SearchResults.Row row : r.rows()) {
            double[] s = row.scores();
            assertEquals(3, s.length);
            double mean = (s[0] + s[1] + s[2]) / 3;
            double std = Math.sqrt(((s[0] - mean) * (s[0] - mean) + (s[1] - mean) * (s[1] - mean) + (s[2] - mean) * (s[2] - mean)) / 3);
            assertEquals(mean, row.mean(), 1e-12);
            assertEquals(std, row.std(), 1e-12);
            // Stratified 3-fold on Iris: 50 test flowers per fold, so each accuracy is a multiple of 1/50.
            for (double v : s) {
                assertTrue(v >= 0 && v <= 1);
                assertEquals(Math.round(v * 50), v * 50, 1e-9);
            }
        }
        // The best setting has the highest mean and rank 1; ranks agree with the order of the means.
        SearchResults.Row best = r.rows().get(r.bestIndex());
        assertEquals(1, best.rank());
        for (SearchResults.Row row : r.rows()) {
            assertTrue(row.mean() <= best.mean());
            for (SearchResults.Row other : r.rows()) if (other.mean() > row.mean()) assertTrue(other.rank() < row.rank());
        }
        assertEquals(best.params(), r.bestParams());
        assertEquals(best.mean(), r.bestScore());
        String table = r.toString();
        assertTrue(table.contains("mean_test_score") && table.contains("std_test_score") && table.contains("batch_size") && table.contains("optimizer"), table);
        assertEquals(2 + 1 + 4, table.split("\n").length, table);
    }

    @Test void sameSeedRepeatsExactlyWhateverTheGlobalSeedAndParallelism() {
        // Scored by the test loss, a continuous value: any change in initialisation or shuffling shows.
        RandomSeed.setRandomSeed(1);
        SearchResults a = search(7, 1, "loss");
        RandomSeed.setRandomSeed(999);
        SearchResults b = search(7, 1, "loss");
        SearchResults c = search(7, 2, "loss");
        SearchResults other = search(8, 1, "loss");
        for (int i = 0; i < 4; i++) {
            assertArrayEquals(a.rows().get(i).scores(), b.rows().get(i).scores(), "setting " + i + " differs between runs");
            assertArrayEquals(a.rows().get(i).scores(), c.rows().get(i).scores(), "setting " + i + " differs with nJobs=2");
            assertFalse(java.util.Arrays.equals(a.rows().get(i).scores(), other.rows().get(i).scores()), "the search seed had no effect");
        }
        assertEquals(a.bestParams(), c.bestParams());
        assertEquals(a.toString(), c.toString());
    }

    @Test void refitTrainsTheBestSettingOnAllData() {
        Iris.Data d = Iris.loadData();
        GridSearchCV s = new GridSearchCV(BUILD, Map.of("optimizer", List.of("adam"), "epochs", List.of(1, 2))).cv(2).seed(3);
        s.fit(d.x(), d.y());
        Model best = s.bestModel();
        Tensor p = best.predict(d.x());
        assertEquals(150, p.shape().dim(0));
        assertEquals(3, p.shape().dim(1));
        assertTrue(s.bestParams().has("epochs"));
    }

    @Test void scoringByEvaluateLogs() {
        Iris.Data d = Iris.loadData();
        SearchResults r = new GridSearchCV(BUILD, Map.of("optimizer", List.of("adam", "sgd"))).scoring("loss").cv(2).seed(1).refit(false).fit(d.x(), d.y());
        assertFalse(r.greaterIsBetter());
        SearchResults.Row best = r.rows().get(r.bestIndex());
        for (SearchResults.Row row : r.rows()) assertTrue(best.mean() <= row.mean());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new GridSearchCV(BUILD, Map.of("optimizer", List.of("adam"))).scoring("f1").cv(2).seed(1).fit(d.x(), d.y()));
        assertTrue(e.getMessage().contains("Unknown scoring 'f1'") && e.getMessage().contains("accuracy"), e.getMessage());
    }

    @Test void badInput() {
        Iris.Data d = Iris.loadData();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new GridSearchCV(BUILD, Map.of()));
        assertTrue(e.getMessage().contains("param_grid"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new GridSearchCV(BUILD, Map.of("optimizer", List.of())));
        assertEquals("Parameter grid for parameter 'optimizer' needs to be a non-empty sequence, got: []", e.getMessage());

        // The builder asks for a name the grid lacks: failed before any training, naming the valid ones.
        Function<Params, Model> typo = p -> {
            p.getInt("unitz");
            return BUILD.apply(p);
        };
        e = assertThrows(IllegalArgumentException.class, () -> new GridSearchCV(typo, GRID).cv(2).fit(d.x(), d.y()));
        assertTrue(e.getMessage().startsWith("Invalid parameter 'unitz'"), e.getMessage());
        assertTrue(e.getMessage().contains("Valid parameters are: [batch_size, optimizer]"), e.getMessage());

        // The grid names something no build reads.
        e = assertThrows(IllegalArgumentException.class,
                () -> new GridSearchCV(BUILD, Map.of("optimizer", List.of("adam"), "dropuot", List.of(0.1))).cv(2).fit(d.x(), d.y()));
        assertTrue(e.getMessage().startsWith("Invalid parameter 'dropuot'") && e.getMessage().contains("Valid parameters are the ones it reads: [optimizer]."), e.getMessage());

        // Too many folds for 150 samples / for the 50 flowers of each class.
        e = assertThrows(IllegalArgumentException.class, () -> new GridSearchCV(BUILD, GRID).cv(new KFold(151)).fit(d.x(), d.y()));
        assertEquals("Cannot have number of splits n_splits=151 greater than the number of samples: n_samples=150.", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new GridSearchCV(BUILD, GRID).cv(51).fit(d.x(), d.y()));
        assertEquals("n_splits=51 cannot be greater than the number of members in each class.", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new GridSearchCV(BUILD, GRID).cv(1));
        assertEquals("k-fold cross-validation requires at least one train/test split by setting n_splits=2 or more, got n_splits=1.", e.getMessage());

        Function<Params, Model> uncompiled = p -> new Sequential(Input.of(4), new Dense(3, p.getString("optimizer")));
        e = assertThrows(IllegalArgumentException.class, () -> new GridSearchCV(uncompiled, Map.of("optimizer", List.of("relu"))).fit(d.x(), d.y()));
        assertTrue(e.getMessage().contains("uncompiled"), e.getMessage());

        assertThrows(IllegalArgumentException.class, () -> new GridSearchCV(BUILD, GRID).nJobs(0));
        GridSearchCV unfitted = new GridSearchCV(BUILD, GRID);
        IllegalStateException s = assertThrows(IllegalStateException.class, unfitted::bestParams);
        assertTrue(s.getMessage().contains("not fitted yet"), s.getMessage());
        GridSearchCV noRefit = new GridSearchCV(BUILD, Map.of("optimizer", List.of("adam"))).cv(2).refit(false).seed(0);
        noRefit.fit(d.x(), d.y());
        assertThrows(IllegalStateException.class, noRefit::bestModel);
        e = assertThrows(IllegalArgumentException.class, () -> new GridSearchCV(BUILD, GRID).fit(d.x(), Tensor.ofInts(new int[] {0, 1}, 2)));
        assertEquals("Found input variables with inconsistent numbers of samples: [150, 2]", e.getMessage());
    }
}
