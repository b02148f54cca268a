package io.keras4j.examples;

import io.keras4j.callbacks.History;
import io.keras4j.datasets.Imdb;
import io.keras4j.datasets.SequenceSplit;
import io.keras4j.layers.KerasTensor;
import io.keras4j.layers.core.Dense;
import io.keras4j.layers.core.Embedding;
import io.keras4j.layers.core.Input;
import io.keras4j.layers.rnn.Bidirectional;
import io.keras4j.layers.rnn.LSTM;
import io.keras4j.models.Model;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;
import io.keras4j.trainers.FitOptions;
import io.keras4j.utils.RandomSeed;
import io.keras4j.utils.SequenceUtils;

import java.util.List;
import java.util.Locale;

/**
 * Keras's "Bidirectional LSTM on IMDB" example (keras.io/examples/nlp/bidirectional_lstm_imdb):
 * the 20,000 most frequent words, reviews cut or padded to 200 words, Embedding 128 → two
 * Bidirectional LSTM 64 → Dense 1 sigmoid; Adam, binary cross-entropy, batch 32, 2 epochs,
 * validated on the test reviews. Downloads {@code imdb.npz} (17 MB) once. The full run takes
 * long on a laptop's CPU; {@code --limit N} trains and validates on the first N reviews of each set.
 */
public final class ImdbLstm {
    static final int MAX_FEATURES = 20000;
    static final int MAXLEN = 200;
    static final int BATCH_SIZE = 32;
    static final int EPOCHS = 2;
    static final long SEED = 42;

    private static final String USAGE = """
            Usage: keras4j example imdb_lstm [--epochs N] [--limit N]

            Trains Keras's bidirectional LSTM on the IMDB reviews (downloaded once) and prints the
            validation accuracy.
              --epochs N   passes over the training reviews (default 2, as Keras)
              --limit N    use only the first N training and N test reviews (default: all 25,000)
            """;

    private ImdbLstm() {}

    public static void main(String[] args) {
        Args a = Args.parse("imdb_lstm", USAGE, args, List.of("--epochs", "--limit"));
        if (a.help) {
            System.out.print(USAGE);
            return;
        }
        int epochs = a.positive("imdb_lstm", USAGE, "--epochs", EPOCHS);
        int limit = a.positive("imdb_lstm", USAGE, "--limit", Integer.MAX_VALUE);
        SequenceSplit data = Args.download("imdb_lstm", () -> new Imdb().numWords(MAX_FEATURES).loadData());
        System.out.println(data.xTrain().size() + " Training sequences");
        System.out.println(data.xTest().size() + " Validation sequences");
        int nTrain = Math.min(limit, data.xTrain().size()), nTest = Math.min(limit, data.xTest().size());
        Tensor xTrain = SequenceUtils.padSequences(data.xTrain().subList(0, nTrain), MAXLEN);
        Tensor xVal = SequenceUtils.padSequences(data.xTest().subList(0, nTest), MAXLEN);
        Tensor yTrain = head(data.yTrain(), nTrain), yVal = head(data.yTest(), nTest);
        Model model = build(MAX_FEATURES);
        model.summary();
        History h = train(model, xTrain, yTrain, xVal, yVal, epochs, 1);
        List<Double> acc = h.history().get("val_accuracy");
        System.out.printf(Locale.ROOT, "Validation accuracy: %.4f%n", acc.get(acc.size() - 1));
    }

    /** The Keras example's model for a vocabulary of {@code maxFeatures} word indices. */
    static Model build(int maxFeatures) {
        RandomSeed.setRandomSeed(SEED);
        KerasTensor inputs = Input.of(Shape.of(-1), DType.INT32, null); // variable-length int sequences
        KerasTensor x = new Embedding(maxFeatures, 128).apply(inputs);
        x = new Bidirectional(new LSTM(64).returnSequences(true)).apply(x);
        x = new Bidirectional(new LSTM(64)).apply(x);
        KerasTensor outputs = new Dense(1, "sigmoid").apply(x);
        return new Model(inputs, outputs);
    }

    static History train(Model model, Tensor xTrain, Tensor yTrain, Tensor xVal, Tensor yVal, int epochs, int verbose) {
        model.compile("adam", "binary_crossentropy", "accuracy");
        return model.fit(xTrain, floats(yTrain), new FitOptions().batchSize(BATCH_SIZE).epochs(epochs)
                .validationData(xVal, floats(yVal)).verbose(verbose));
    }

    /** The int64 labels as float32 (n, 1), the shape and type of the sigmoid output. */
    static Tensor floats(Tensor y) {
        float[] v = new float[y.size()];
        for (int i = 0; i < v.length; i++) v[i] = (float) y.getDouble(i);
        return Tensor.wrap(v, Shape.of(v.length, 1));
    }

    static Tensor head(Tensor y, int n) {
        long[] v = new long[n];
        for (int i = 0; i < n; i++) v[i] = (long) y.getDouble(i);
        return Tensor.ofLongs(v, n);
    }

}
