package io.keras4j.examples;

import io.keras4j.datasets.Digits;
import io.keras4j.datasets.Split;
import io.keras4j.layers.core.Dense;
import io.keras4j.layers.core.Input;
import io.keras4j.layers.regularization.Dropout;
import io.keras4j.models.Model;
import io.keras4j.models.Sequential;
import io.keras4j.optimizers.Adam;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;
import io.keras4j.wrappers.GridSearchCV;
import io.keras4j.wrappers.SearchResults;
import io.keras4j.wrappers.StratifiedKFold;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Hyperparameter search as Keras users do it with scikit-learn's {@code GridSearchCV} around a
 * Keras model ({@code keras.wrappers.SKLearnClassifier}): a function builds the model from a
 * setting, every setting of the grid is trained and scored by 3-fold stratified cross-validation,
 * the best is refitted on all the training data and scored on the held-out test set. Offline, on
 * the bundled handwritten digits (64 pixels as features): an MLP with {@code units} hidden units,
 * {@code dropout} and Adam's {@code learning_rate}. About half a minute on two cores.
 */
public final class GridSearch {
    static final long SEED = 42;
    static final Map<String, List<?>> GRID = Map.of(
            "units", List.of(32, 128),
            "dropout", List.of(0.0, 0.2),
            "learning_rate", List.of(1e-3, 1e-2));
    static final int EPOCHS = 20;

    private GridSearch() {}

    public static void main(String[] args) {
        if (args.length > 0) {
            System.out.println("Usage: keras4j example grid_search\n\nSearches units x dropout x learning rate of an MLP on the bundled digits by 3-fold cross-validation.");
            return;
        }
        Split data = flattened(Digits.loadData(0.2, SEED));
        GridSearchCV search = search(EPOCHS).verbose(1);
        SearchResults results = search.fit(data.xTrain(), data.yTrain());
        System.out.println(results);
        System.out.println("Best parameters: " + search.bestParams());
        System.out.printf(Locale.ROOT, "Best cross-validation accuracy: %.4f%n", search.bestScore());
        double test = search.bestModel().evaluate(data.xTest(), data.yTest(), 32, 0).get("accuracy");
        System.out.printf(Locale.ROOT, "Test accuracy of the refitted best model: %.4f%n", test);
    }

    static GridSearchCV search(int epochs) {
        return new GridSearchCV(GridSearch::build, GRID).cv(new StratifiedKFold(3).shuffle(true).seed(0)).epochs(epochs).batchSize(32).seed(SEED);
    }

    /** The model for one setting of the grid. */
    static Model build(io.keras4j.wrappers.Params p) {
        Sequential m = new Sequential(
                Input.of(64),
                new Dense(p.getInt("units"), "relu"),
                new Dropout(p.getDouble("dropout")),
                new Dense(10, "softmax"));
        m.compile(new Adam().learningRate(p.getDouble("learning_rate")), "sparse_categorical_crossentropy", "accuracy");
        return m;
    }

    /** 8×8 images as 64 features in [0, 1]. */
    static Split flattened(Split d) {
        return new Split(flat(d.xTrain()), d.yTrain(), flat(d.xTest()), d.yTest());
    }

    private static Tensor flat(Tensor x) {
        float[] v = x.toFloatArray();
        for (int i = 0; i < v.length; i++) v[i] /= 16f;
        return Tensor.wrap(v, Shape.of(x.shape().dim(0), 64));
    }
}
