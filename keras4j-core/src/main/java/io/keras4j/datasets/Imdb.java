package io.keras4j.datasets;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keras4j.tensor.Tensor;
import io.keras4j.utils.FileUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Keras's {@code keras.datasets.imdb}: 25,000 training and 25,000 test movie reviews labelled by
 * sentiment (1 positive, 0 negative), each a sequence of word indices ranked by frequency.
 * Downloaded on first use from Keras's location ({@code imdb.npz}, 17 MB, sha256-checked).
 *
 * <p>{@code new Imdb().numWords(10000).loadData()} is Keras's {@code imdb.load_data(num_words=10000)};
 * the setters are Keras's arguments with its defaults. The reviews are shuffled with
 * {@code np.random.RandomState(seed)} as Keras shuffles them, so the same seed gives the same order.
 * {@code x} comes as a list of {@code int[]} of varying length, {@code y} as int64 {@code (n,)}.
 */
public final class Imdb {
    static final String ORIGIN_FOLDER = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/";
    static final String SHA256 = "69664113be75683a8fe16e3ed0ab59fda8886cb3cd7ada244f7d9544e4676b9f";
    static final String WORD_INDEX_MD5 = "bfafd718b763782e994055a2d397834f";

    private String path = "imdb.npz";
    private Integer numWords;
    private int skipTop;
    private Integer maxlen;
    private long seed = 113;
    private Integer startChar = 1;
    private Integer oovChar = 2;
    private int indexFrom = 3;

    /** The cache file name (Keras's {@code path}). */
    public Imdb path(String value) { path = value; return this; }

    /** Keep only the {@code numWords} most frequent words; others become {@code oovChar}. Null keeps all. */
    public Imdb numWords(Integer value) {
        if (value != null && value < 0) throw new IllegalArgumentException("Argument `num_words` must be a non-negative integer or None. Received: num_words=" + value);
        numWords = value;
        return this;
    }

    /** Also replace the {@code skipTop} most frequent words by {@code oovChar}. */
    public Imdb skipTop(int value) { skipTop = value; return this; }

    /** Drop reviews of {@code maxlen} or more indices (the start mark counts). Null keeps all. */
    public Imdb maxlen(Integer value) { maxlen = value; return this; }

    /** The shuffling seed (default 113). */
    public Imdb seed(long value) { seed = value; return this; }

    /** The index that starts every review (default 1); null for none. */
    public Imdb startChar(Integer value) { startChar = value; return this; }

    /** The index of cut-out words (default 2); null drops them instead. */
    public Imdb oovChar(Integer value) { oovChar = value; return this; }

    /** Word indices start at this value (default 3, leaving 0 pad, 1 start, 2 oov). */
    public Imdb indexFrom(int value) { indexFrom = value; return this; }

    /** Downloads {@code imdb.npz} if needed and loads it with these settings. */
    public SequenceSplit loadData() {
        return loadData(FileUtils.getFile(path, ORIGIN_FOLDER + "imdb.npz", new FileUtils.Options().fileHash(SHA256)));
    }

    /** Loads an {@code imdb.npz} already on disk (no download, no checksum) with these settings. */
    public SequenceSplit loadData(Path npzFile) {
        Map<String, PickledArray> f;
        try {
            f = Npy.loadNpz(npzFile);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + npzFile, e);
        }
        List<int[]> xTrain = Npy.intLists(need(f, "x_train", npzFile));
        long[] yTrain = longs(need(f, "y_train", npzFile));
        List<int[]> xTest = Npy.intLists(need(f, "x_test", npzFile));
        long[] yTest = longs(need(f, "y_test", npzFile));

        NumpyRandomState rng = new NumpyRandomState(seed);
        int[] order = rng.shuffledIndices(xTrain.size());
        xTrain = WordSequences.permute(xTrain, order);
        yTrain = WordSequences.permute(yTrain, order);
        order = rng.shuffledIndices(xTest.size());
        xTest = WordSequences.permute(xTest, order);
        yTest = WordSequences.permute(yTest, order);

        if (startChar != null || indexFrom != 0) {
            xTrain = WordSequences.offset(xTrain, startChar, indexFrom);
            xTest = WordSequences.offset(xTest, startChar, indexFrom);
        }
        if (maxlen != null && maxlen != 0) {
            List<Long> kept = new ArrayList<>();
            xTrain = WordSequences.removeLong(maxlen, xTrain, yTrain, kept);
            yTrain = WordSequences.toLongs(kept);
            kept.clear();
            xTest = WordSequences.removeLong(maxlen, xTest, yTest, kept);
            yTest = WordSequences.toLongs(kept);
            if (xTrain.isEmpty() || xTest.isEmpty()) {
                throw new IllegalArgumentException("After filtering for sequences shorter than maxlen=" + maxlen + ", no sequence was kept. Increase maxlen.");
            }
        }
        List<int[]> xs = new ArrayList<>(xTrain);
        xs.addAll(xTest);
        xs = WordSequences.limit(xs, numWords, skipTop, oovChar);
        int idx = xTrain.size();
        return new SequenceSplit(xs.subList(0, idx), Tensor.ofLongs(yTrain, yTrain.length), xs.subList(idx, xs.size()), Tensor.ofLongs(yTest, yTest.length));
    }

    /** Keras's {@code imdb.get_word_index()}: word → rank (1 is the most frequent); add {@code indexFrom} to match the data. */
    public static Map<String, Integer> getWordIndex() {
        return readWordIndex(FileUtils.getFile("imdb_word_index.json", ORIGIN_FOLDER + "imdb_word_index.json",
                new FileUtils.Options().fileHash(WORD_INDEX_MD5)));
    }

    static Map<String, Integer> readWordIndex(Path json) {
        try {
            return new ObjectMapper().readValue(json.toFile(), new TypeReference<Map<String, Integer>>() {});
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the word index " + json, e);
        }
    }

    static PickledArray need(Map<String, PickledArray> f, String name, Path file) {
        PickledArray a = f.get(name);
        if (a == null) throw new IllegalArgumentException(file + " has no array named '" + name + "' (it has " + f.keySet() + ")");
        return a;
    }

    static long[] longs(PickledArray a) {
        Tensor t = a.tensor();
        long[] out = new long[t.size()];
        for (int i = 0; i < out.length; i++) out[i] = (long) t.getDouble(i);
        return out;
    }

}
