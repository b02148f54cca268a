package io.keras4j.examples;

import io.keras4j.callbacks.History;
import io.keras4j.datasets.Iris;
import io.keras4j.layers.core.Dense;
import io.keras4j.layers.core.Input;
import io.keras4j.models.Sequential;
import io.keras4j.ops.Ops;
import io.keras4j.optimizers.SGD;
import io.keras4j.tensor.Tensor;
import io.keras4j.trainers.FitOptions;
import io.keras4j.utils.RandomSeed;

import java.util.Locale;
import java.util.Map;

/**
 * Classifies Fisher's Iris flowers with a small multilayer perceptron, the classic first Keras
 * model: 4 measurements → Dense 16 relu → Dense 3 softmax, SGD with momentum, sparse categorical
 * cross-entropy. A stratified 20% of the flowers is held out as the test set; the features are
 * standardised with the training set's mean and standard deviation only, so nothing about the
 * test flowers leaks into training. Prints the model summary, trains with the progress bar and
 * prints {@code Test accuracy: 0.9667}. Takes a few seconds.
 *
 * <p>{@link #run} returns the trained model with its history, so that the later steps (saving the
 * model, drawing the training curves) can be added after it.
 */
public final class IrisMlp {
    /**
     * Fixes the split, the initial weights and the shuffling, so every run prints the same. The
     * split matters most: over 30 random splits this model averages 96% test accuracy, from 90%
     * to 100%, because a few versicolor and virginica flowers overlap. With this split one test
     * flower is always misclassified (0.9667), whatever the initial weights.
     */
    public static final long SEED = 42;
    static final String DESCRIPTION = "an MLP on the Iris flowers (4 -> Dense 16 relu -> Dense 3 softmax, SGD with momentum)";
    static final int EPOCHS = 100;
    static final int BATCH_SIZE = 16;

    private IrisMlp() {}

    /** What a run produced. */
    public record Result(Sequential model, History history, Map<String, Double> testMetrics) {
        public double testAccuracy() { return testMetrics.get("accuracy"); }
    }

    public static void main(String[] args) {
        if (args.length > 0) {
            System.out.println("Usage: keras4j example iris_mlp\n\nTrains " + DESCRIPTION + " and prints the test accuracy.");
            return;
        }
        Result r = run(1);
        System.out.printf(Locale.ROOT, "Test accuracy: %.4f%n", r.testAccuracy());
    }

    /** Trains and evaluates; {@code verbose} as in {@code fit} (0 silent, 1 progress bar, 2 a line per epoch). */
    public static Result run(int verbose) { return run(verbose, SEED); }

    /** As {@link #run(int)} with another seed for the split, the initial weights and the shuffling. */
    public static Result run(int verbose, long seed) {
        RandomSeed.setRandomSeed(seed);
        Iris.Split data = Iris.loadData(0.2, seed);
        Standardizer scale = Standardizer.fit(data.xTrain());
        Tensor xTrain = scale.apply(data.xTrain()), xTest = scale.apply(data.xTest());

        Sequential model = new Sequential(
                Input.of(4),
                new Dense(16, "relu"),
                new Dense(3, "softmax"));
        if (verbose > 0) model.summary();
        model.compile(new SGD().learningRate(0.01).momentum(0.9), "sparse_categorical_crossentropy", "accuracy");
        History history = model.fit(xTrain, data.yTrain(), new FitOptions().epochs(EPOCHS).batchSize(BATCH_SIZE).verbose(verbose));
        Map<String, Double> test = model.evaluate(xTest, data.yTest(), 32, verbose > 0 ? 1 : 0);
        return new Result(model, history, test);
    }

    /** Per-feature {@code (x - mean) / std} with statistics of the data it was fitted on. */
    record Standardizer(Tensor mean, Tensor std) {
        static Standardizer fit(Tensor x) {
            return new Standardizer(Ops.mean(x, 0, true), Ops.sqrt(Ops.var(x, new int[] {0}, true)));
        }

        Tensor apply(Tensor x) { return Ops.divide(Ops.subtract(x, mean), std); }
    }
}
