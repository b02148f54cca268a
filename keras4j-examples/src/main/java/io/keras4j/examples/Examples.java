package io.keras4j.examples;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The runnable examples by name, as {@code keras4j example NAME} finds them. Names follow the
 * Keras examples' file names ({@code mnist_cnn}, {@code iris_mlp}, ...).
 */
public final class Examples {

    /** One example: its name, a one-line description, and its {@code main}. */
    public record Example(String name, String description, Consumer<String[]> main) {}

    private static final Map<String, Example> ALL = new LinkedHashMap<>();

    static {
        add("mnist_cnn", "Keras's simple MNIST convnet (Conv2D 32 -> pool -> Conv2D 64 -> pool -> Dropout -> Dense 10); "
                + "offline on the bundled digits upscaled to 28x28 by default (test accuracy ~0.96 in about a minute), "
                + "--dataset mnist|fashion_mnist|cifar10 downloads the Keras sets; saves mnist_cnn.keras and mnist_cnn.png", MnistCnn::main);
        add("cifar10_cnn", "Keras's classic CIFAR-10 convnet (two Conv2D blocks, Dense 512, RMSprop 1e-4, batch 32); "
                + "downloads CIFAR-10 once; --epochs (default 10, Keras 100), --limit N for a quick run", Cifar10Cnn::main);
        add("imdb_lstm", "Keras's bidirectional LSTM on IMDB (Embedding 128 -> 2 x Bidirectional LSTM 64 -> Dense 1 sigmoid); "
                + "downloads IMDB once; --limit N trains on the first N reviews", ImdbLstm::main);
        add("cifar10_augmentation", "the CIFAR-10 convnet behind RandomFlip, RandomRotation and RandomZoom preprocessing layers "
                + "and Rescaling; downloads CIFAR-10 once", Cifar10Augmentation::main);
        add("grid_search", "GridSearchCV over units, dropout and learning rate of an MLP on the bundled digits, "
                + "3-fold stratified cross-validation, then the refitted best model's test accuracy", GridSearch::main);
        add("iris_mlp", "MLP on the Iris flowers: 4 -> Dense 16 relu -> Dense 3 softmax, SGD with momentum; "
                + "test accuracy 0.9667 in a few seconds", IrisMlp::main);
        add("iris_search", "Grid search over the Iris MLP (units x optimizer x batch size, 3-fold stratified CV, "
                + "trials in parallel): prints the ranked results table and the refitted best model's test accuracy", IrisSearch::main);
    }

    private Examples() {}

    private static void add(String name, String description, Consumer<String[]> main) {
        ALL.put(name, new Example(name, description, main));
    }

    /** All examples in the order they are listed. */
    public static Map<String, Example> all() { return Collections.unmodifiableMap(ALL); }

    /** The example of that name; an unknown name fails listing the known ones. */
    public static Example get(String name) {
        Example e = ALL.get(name);
        if (e == null) throw new IllegalArgumentException("Unknown example: '" + name + "'. Available examples: " + String.join(", ", ALL.keySet()));
        return e;
    }
}
