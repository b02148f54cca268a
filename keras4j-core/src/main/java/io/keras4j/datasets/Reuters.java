package io.keras4j.datasets;

import io.keras4j.tensor.Tensor;
import io.keras4j.utils.FileUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Keras's {@code keras.datasets.reuters}: 11,228 Reuters newswires labelled with 46 topics, each
 * a sequence of word indices ranked by frequency. Downloaded on first use from Keras's location
 * ({@code reuters.npz}, 2 MB, sha256-checked).
 *
 * <p>{@code new Reuters().numWords(10000).loadData()} is Keras's
 * {@code reuters.load_data(num_words=10000)}: the wires are shuffled with
 * {@code np.random.RandomState(seed)}, processed as in {@link Imdb}, and the first
 * {@code int(n * (1 - test_split))} become the training set. {@code y} is int64 {@code (n,)}.
 */
public final class Reuters {
    static final String ORIGIN_FOLDER = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/";
    static final String SHA256 = "d6586e694ee56d7a4e65172e12b3e987c03096cb01eab99753921ef915959916";
    static final String WORD_INDEX_MD5 = "4d44cc38712099c9e383dc6e5f11a921";
    private static final List<String> LABELS = List.of(
            "cocoa", "grain", "veg-oil", "earn", "acq", "wheat", "copper", "housing", "money-supply", "coffee",
            "sugar", "trade", "reserves", "ship", "cotton", "carcass", "crude", "nat-gas", "cpi", "money-fx",
            "interest", "gnp", "meal-feed", "alum", "oilseed", "gold", "tin", "strategic-metal", "livestock", "retail",
            "ipi", "iron-steel", "rubber", "heat", "jobs", "lei", "bop", "zinc", "orange", "pet-chem",
            "dlr", "gas", "silver", "wpi", "hog", "lead");

    private String path = "reuters.npz";
    private Integer numWords;
    private int skipTop;
    private Integer maxlen;
    private double testSplit = 0.2;
    private long seed = 113;
    private Integer startChar = 1;
    private Integer oovChar = 2;
    private int indexFrom = 3;

    /** The cache file name (Keras's {@code path}). */
    public Reuters path(String value) { path = value; return this; }

    /** Keep only the {@code numWords} most frequent words; others become {@code oovChar}. Null keeps all. */
    public Reuters numWords(Integer value) {
        if (value != null && value < 0) throw new IllegalArgumentException("Argument `num_words` must be a non-negative integer or None. Received: num_words=" + value);
        numWords = value;
        return this;
    }

    /** Also replace the {@code skipTop} most frequent words by {@code oovChar}. */
    public Reuters skipTop(int value) { skipTop = value; return this; }

    /** Drop wires of {@code maxlen} or more indices (the start mark counts). Null keeps all. */
    public Reuters maxlen(Integer value) { maxlen = value; return this; }

    /** The fraction of wires held out as the test set (default 0.2). */
    public Reuters testSplit(double value) {
        if (!(value >= 0 && value <= 1)) throw new IllegalArgumentException("Argument `test_split` must be between 0 and 1. Received: test_split=" + value);
        testSplit = value;
        return this;
    }

    /** The shuffling seed (default 113). */
    public Reuters seed(long value) { seed = value; return this; }

    /** The index that starts every wire (default 1); null for none. */
    public Reuters startChar(Integer value) { startChar = value; return this; }

    /** The index of cut-out words (default 2); null drops them instead. */
    public Reuters oovChar(Integer value) { oovChar = value; return this; }

    /** Word indices start at this value (default 3). */
    public Reuters indexFrom(int value) { indexFrom = value; return this; }

    /** Downloads {@code reuters.npz} if needed and loads it with these settings. */
    public SequenceSplit loadData() {
        return loadData(FileUtils.getFile(path, ORIGIN_FOLDER + "reuters.npz", new FileUtils.Options().fileHash(SHA256)));
    }

    /** Loads a {@code reuters.npz} already on disk (no download, no checksum) with these settings. */
    public SequenceSplit loadData(Path npzFile) {
        Map<String, PickledArray> f;
        try {
            f = Npy.loadNpz(npzFile);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + npzFile, e);
        }
        List<int[]> xs = Npy.intLists(Imdb.need(f, "x", npzFile));
        long[] labels = Imdb.longs(Imdb.need(f, "y", npzFile));
        int[] order = new NumpyRandomState(seed).shuffledIndices(xs.size());
        xs = WordSequences.permute(xs, order);
        labels = WordSequences.permute(labels, order);
        // Keras's reuters offsets only when start_char is set or index_from is non-zero (as imdb).
        if (startChar != null || indexFrom != 0) xs = WordSequences.offset(xs, startChar, indexFrom);
        if (maxlen != null && maxlen != 0) {
            List<Long> kept = new ArrayList<>();
            xs = WordSequences.removeLong(maxlen, xs, labels, kept);
            labels = WordSequences.toLongs(kept);
        }
        xs = WordSequences.limit(xs, numWords, skipTop, oovChar);
        int idx = (int) (xs.size() * (1 - testSplit));
        long[] yTrain = Arrays.copyOfRange(labels, 0, idx), yTest = Arrays.copyOfRange(labels, idx, labels.length);
        return new SequenceSplit(xs.subList(0, idx), Tensor.ofLongs(yTrain, yTrain.length), xs.subList(idx, xs.size()), Tensor.ofLongs(yTest, yTest.length));
    }

    /** Keras's {@code reuters.get_word_index()}: word → rank; add {@code indexFrom} to match the data. */
    public static Map<String, Integer> getWordIndex() {
        return Imdb.readWordIndex(FileUtils.getFile("reuters_word_index.json", ORIGIN_FOLDER + "reuters_word_index.json",
                new FileUtils.Options().fileHash(WORD_INDEX_MD5)));
    }

    /** Keras's {@code reuters.get_label_names()}: the 46 topics, index = label. */
    public static List<String> getLabelNames() { return LABELS; }
}
