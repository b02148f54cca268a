package io.keras4j.examples;

import io.keras4j.datasets.Iris;
import io.keras4j.layers.core.Dense;
import io.keras4j.layers.core.Input;
import io.keras4j.models.Model;
import io.keras4j.models.Sequential;
import io.keras4j.optimizers.Adam;
import io.keras4j.optimizers.Optimizer;
import io.keras4j.optimizers.SGD;
import io.keras4j.tensor.Tensor;
import io.keras4j.wrappers.GridSearchCV;
import io.keras4j.wrappers.Params;
import io.keras4j.wrappers.SearchResults;
import io.keras4j.wrappers.StratifiedKFold;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A grid search on the Iris MLP, as scikit-learn's {@code GridSearchCV} over a Keras model: hidden
 * units × optimizer × batch size, each setting scored by 3-fold stratified cross-validation on the
 * training flowers; the best setting is then trained on all of them and tested on the held-out
 * 20%. The same seed prints the same table, however many trials run at once.
 */
public final class IrisSearch {
    static final String DESCRIPTION = "a grid search (units x optimizer x batch size, 3-fold stratified CV) over the Iris MLP";

    private IrisSearch() {}

    /** The model for one setting of the hyperparameters. */
    static Model build(Params p) {
        Sequential m = new Sequential(Input.of(4), new Dense(p.getInt("units"), "relu"), new Dense(3, "softmax"));
        Optimizer opt = p.getString("optimizer").equals("sgd") ? new SGD().learningRate(0.01).momentum(0.9) : new Adam().learningRate(0.01);
        m.compile(opt, "sparse_categorical_crossentropy", "accuracy");
        return m;
    }

    public static void main(String[] args) {
        if (args.length > 0) {
            System.out.println("Usage: keras4j example iris_search\n\nRuns " + DESCRIPTION + ", prints the results table and the best setting's test accuracy.");
            return;
        }
        Result r = run(30, -1);
        System.out.println(r.results());
        System.out.println("Best parameters: " + r.results().bestParams());
        System.out.printf(Locale.ROOT, "Best mean CV accuracy: %.4f%nTest accuracy of the refitted best model: %.4f%n", r.results().bestScore(), r.testAccuracy());
    }

    /** The search's results and the refitted best model's test accuracy. */
    public record Result(SearchResults results, double testAccuracy) {}

    /** Runs the search with {@code epochs} per fit and {@code nJobs} trials at once (-1: one per processor). */
    public static Result run(int epochs, int nJobs) {
        Iris.Split data = Iris.loadData(0.2, IrisMlp.SEED);
        IrisMlp.Standardizer scale = IrisMlp.Standardizer.fit(data.xTrain());
        Tensor xTrain = scale.apply(data.xTrain()), xTest = scale.apply(data.xTest());
        GridSearchCV search = new GridSearchCV(IrisSearch::build, Map.of(
                        "units", List.of(4, 16),
                        "optimizer", List.of("adam", "sgd"),
                        "batch_size", List.of(8, 32)))
                .cv(new StratifiedKFold(3).shuffle(true).seed(IrisMlp.SEED))
                .epochs(epochs)
                .nJobs(nJobs)
                .seed(IrisMlp.SEED);
        SearchResults results = search.fit(xTrain, data.yTrain());
        Map<String, Double> test = search.bestModel().evaluate(xTest, data.yTest(), 32, 0);
        return new Result(results, test.get("accuracy"));
    }
}
