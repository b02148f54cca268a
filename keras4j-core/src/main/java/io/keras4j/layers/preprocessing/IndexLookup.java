package io.keras4j.layers.preprocessing;

import io.keras4j.layers.Layer;
import io.keras4j.layers.Layers;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keras's {@code IndexLookup}, the common part of {@link StringLookup} and {@link IntegerLookup}:
 * a vocabulary of tokens mapped to indices. Index layout as Keras: the mask token at 0 (only in
 * "int" mode, when {@code mask_token} is set), then {@code num_oov_indices} out-of-vocabulary
 * indices, then the vocabulary. Unknown tokens go to the single OOV index, or with several, to
 * {@code hash mod num_oov_indices} (FarmHash64 for strings, floormod for integers unless
 * {@code oov_method="farmhash"}). {@link #adapt} counts tokens and keeps the most frequent,
 * ties broken by the token, higher first, as Keras. Vocabularies set by {@link #adapt} are saved
 * as the asset {@code vocabulary.txt}; those passed as {@code vocabulary} live in the config.
 *
 * @param <T> the layer type, for chained setters
 */
public abstract class IndexLookup<T extends IndexLookup<T>> extends Layer {
    private Integer maxTokens;
    private int numOovIndices = 1;
    private Object maskToken;
    private Object oovToken;
    private boolean invert;
    private String outputMode = "int";
    private boolean padToMaxTokens;
    private String oovMethod = "floormod";
    private long[] salt;

    /** The vocabulary passed as an argument (kept for the config), or null. */
    private List<Object> inputVocabulary;
    private double[] inputIdfWeights;
    /** Learned or set tokens, without the special tokens. */
    private List<Object> tokens;
    private Map<Object, Integer> index;
    private double[] idfWeights;
    /** The vocabulary size a config declared (Keras's vocabulary_size), for output shapes before the assets arrive. */
    private Integer frozenVocabularySize;

    protected IndexLookup(Object oovToken) {
        this.oovToken = oovToken;
        // Keras's default policy float32 stays in the config; lookups compute in the vocabulary's type.
    }

    @SuppressWarnings("unchecked")
    private T self() { return (T) this; }

    /** The dtype of the vocabulary: "string" or "int64". */
    protected abstract String vocabularyDtype();

    /** The input values as tokens (String or Long). */
    protected abstract Object[] tokensOf(Tensor inputs);

    /** A tensor of tokens (the inverse lookup's output). */
    protected abstract Tensor tensorOf(Object[] tokens, Shape shape);

    /** A token from a line of vocabulary.txt or a JSON value. */
    protected abstract Object parseToken(Object value);

    /** The order of tokens for adapt's tie-break (ascending; adapt takes the reverse). */
    protected abstract int compareTokens(Object a, Object b);

    // ------------------------------------------------------------------ arguments

    public T maxTokens(Integer value) {
        checkNotBuilt();
        if (value != null && value <= 1) throw new IllegalArgumentException(maxTokensMessage(value));
        maxTokens = value;
        return self();
    }

    protected String maxTokensMessage(int value) { return "If set, `max_tokens` must be greater than 1. Received: max_tokens=" + value; }

    public T numOovIndices(int value) {
        checkNotBuilt();
        if (value < 0) throw new IllegalArgumentException(numOovMessage(value));
        numOovIndices = value;
        reindex();
        return self();
    }

    protected String numOovMessage(int value) { return "`num_oov_indices` must be greater than or equal to 0. Received: num_oov_indices=" + value; }

    public T maskToken(Object value) {
        checkNotBuilt();
        maskToken = value == null ? null : parseToken(value);
        reindex();
        return self();
    }

    public T oovToken(Object value) {
        checkNotBuilt();
        oovToken = value == null ? null : parseToken(value);
        return self();
    }

    /** Indices to tokens instead of tokens to indices ("int" mode only). */
    public T invert(boolean value) {
        checkNotBuilt();
        if (value && !outputMode.equals("int")) throw invertMessage();
        invert = value;
        return self();
    }

    private IllegalArgumentException invertMessage() {
        return new IllegalArgumentException("`output_mode` must be `'int'` when `invert` is true. Received: output_mode=" + outputMode);
    }

    /** "int" (default), "one_hot", "multi_hot", "count" or "tf_idf" (old names "binary", "tf-idf" accepted). */
    public T outputMode(String mode) {
        checkNotBuilt();
        if ("binary".equals(mode)) mode = "multi_hot";
        if ("tf-idf".equals(mode)) mode = "tf_idf";
        CategoricalInputs.requireOneOf(mode, className(), "output_mode", "int", "one_hot", "multi_hot", "count", "tf_idf");
        outputMode = mode;
        if (invert && !mode.equals("int")) throw invertMessage();
        reindex();
        return self();
    }

    public T padToMaxTokens(boolean value) {
        checkNotBuilt();
        padToMaxTokens = value;
        return self();
    }

    /** How several OOV indices are chosen for integer tokens: "floormod" (default) or "farmhash". */
    public T oovMethod(String value) {
        checkNotBuilt();
        CategoricalInputs.requireOneOf(value, className(), "oov_method", "floormod", "farmhash");
        oovMethod = value;
        return self();
    }

    /** SipHash instead of FarmHash for OOV buckets, with the key (k0, k1). */
    public T salt(long k0, long k1) {
        checkNotBuilt();
        salt = new long[] {k0, k1};
        return self();
    }

    /** The vocabulary, without or with the leading special tokens (as Keras's {@code vocabulary} argument). */
    public T vocabulary(List<?> vocabulary) { return vocabulary(vocabulary, null); }

    public T vocabulary(List<?> vocabulary, double[] idfWeights) {
        checkNotBuilt();
        inputVocabulary = new ArrayList<>();
        for (Object v : vocabulary) inputVocabulary.add(parseToken(v));
        inputIdfWeights = idfWeights == null ? null : idfWeights.clone();
        tokens = null;
        return self();
    }

    /**
     * The vocabulary from a text file, one token a line (Keras's {@code vocabulary="path"}). As in
     * Keras the path is not kept in the config: the tokens are saved with the model as an asset.
     */
    public T vocabulary(Path file) throws IOException {
        checkNotBuilt();
        List<Object> values = new ArrayList<>();
        for (String line : readLines(file)) values.add(parseToken(line));
        checkArguments();
        if (outputMode.equals("tf_idf")) throw new IllegalArgumentException("output_mode `'tf_idf'` does not support loading a vocabulary from file.");
        install(values, null);
        return self();
    }

    private static List<String> readLines(Path file) throws IOException {
        if (!Files.exists(file)) throw new IllegalArgumentException("Vocabulary file " + file + " does not exist.");
        List<String> lines = new ArrayList<>(Arrays.asList(Files.readString(file, StandardCharsets.UTF_8).split("\n", -1)));
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) lines.remove(lines.size() - 1);
        lines.replaceAll(l -> l.endsWith("\r") ? l.substring(0, l.length() - 1) : l);
        return lines;
    }

    public String outputMode() { return outputMode; }

    public boolean invert() { return invert; }

    // ------------------------------------------------------------------ vocabulary

    private void checkArguments() {
        if (padToMaxTokens && maxTokens == null) {
            throw new IllegalArgumentException("If pad_to_max_tokens is True, must set `max_tokens`. Received: max_tokens=null");
        }
        if (salt != null && vocabularyDtype().equals("int64") && !oovMethod.equals("farmhash")) {
            throw new IllegalArgumentException("`salt` can only be used when `oov_method='farmhash'`. Received: oov_method=" + oovMethod);
        }
        if (inputIdfWeights != null && !outputMode.equals("tf_idf")) {
            throw new IllegalArgumentException("`idf_weights` should only be set if `output_mode` is `'tf_idf'`. Received: idf_weights="
                    + Arrays.toString(inputIdfWeights) + " and output_mode=" + outputMode);
        }
        if (outputMode.equals("tf_idf") && inputVocabulary != null && inputIdfWeights == null) {
            throw new IllegalArgumentException("When specifying the `vocabulary` argument, in TF-IDF output mode, the `idf_weights` argument must also be provided.");
        }
    }

    private void ensureVocabulary() {
        if (tokens == null && inputVocabulary != null) {
            checkArguments();
            install(inputVocabulary, inputIdfWeights);
        }
    }

    /** Replaces the vocabulary (Keras's {@code set_vocabulary}); idf weights only in "tf_idf" mode. */
    public void setVocabulary(List<?> vocabulary, double[] idfWeights) {
        if (outputMode.equals("tf_idf")) {
            if (idfWeights == null) throw new IllegalArgumentException("`idf_weights` must be set if output_mode is 'tf_idf'.");
        } else if (idfWeights != null) {
            throw new IllegalArgumentException("`idf_weights` should only be set if output_mode is `'tf_idf'`. Received: output_mode="
                    + outputMode + " and idf_weights=" + Arrays.toString(idfWeights));
        }
        List<Object> v = new ArrayList<>();
        for (Object o : vocabulary) v.add(parseToken(o));
        install(v, idfWeights);
    }

    public void setVocabulary(List<?> vocabulary) { setVocabulary(vocabulary, null); }

    private int oovStartIndex() { return maskToken != null && outputMode.equals("int") ? 1 : 0; }

    private int tokenStartIndex() { return oovStartIndex() + numOovIndices; }

    private void install(List<Object> vocabulary, double[] idf) {
        if (vocabulary.isEmpty()) throw new IllegalArgumentException("Cannot set an empty vocabulary. Received: vocabulary=[]");
        int oovStart = oovStartIndex(), tokenStart = tokenStartIndex();
        List<Object> special = new ArrayList<>();
        for (int i = 0; i < oovStart; i++) special.add(maskToken);
        for (int i = 0; i < numOovIndices; i++) special.add(oovToken);
        boolean foundSpecial = vocabulary.size() >= tokenStart && special.equals(vocabulary.subList(0, tokenStart));
        List<Object> toks = foundSpecial ? vocabulary.subList(tokenStart, vocabulary.size()) : vocabulary;
        Set<Object> seen = new HashSet<>();
        List<Object> repeated = new ArrayList<>();
        for (Object t : toks) if (!seen.add(t) && !repeated.contains(t)) repeated.add(t);
        if (!repeated.isEmpty()) {
            throw new IllegalArgumentException("The passed vocabulary has at least one repeated term. Please uniquify your dataset. The repeated terms are: " + repeated);
        }
        if (maskToken != null && toks.contains(maskToken)) {
            throw new IllegalArgumentException("Found reserved mask token at unexpected location in `vocabulary`. Note that passed `vocabulary` does not need to "
                    + "include the OOV and mask tokens. Either remove all mask and OOV tokens, or include them only at the start of the vocabulary in precisely this order: "
                    + special + ". Received: mask_token=" + maskToken + " at vocabulary index " + vocabulary.lastIndexOf(maskToken));
        }
        if (oovToken != null && invert && toks.contains(oovToken)) {
            throw new IllegalArgumentException("Found reserved OOV token at unexpected location in `vocabulary`. Note that passed `vocabulary` does not need to "
                    + "include the OOV and mask tokens. Either remove all mask and OOV tokens, or include them only at the start of the vocabulary in precisely this order: "
                    + special + ". Received: oov_token=" + oovToken + " at vocabulary index " + vocabulary.lastIndexOf(oovToken));
        }
        int newSize = tokenStart + toks.size();
        if (maxTokens != null && newSize > maxTokens) {
            throw new IllegalArgumentException("Attempted to set a vocabulary larger than the maximum vocab size. Received vocabulary size is "
                    + newSize + "; `max_tokens` is " + maxTokens + ".");
        }
        setTokens(new ArrayList<>(toks));
        if (outputMode.equals("tf_idf") && idf != null) {
            if (vocabulary.size() != idf.length) {
                throw new IllegalArgumentException("`idf_weights` must be the same length as vocabulary. len(idf_weights) is " + idf.length
                        + "; len(vocabulary) is " + vocabulary.size());
            }
            // Without special tokens in the vocabulary, their weight is the average of the given ones.
            int front = foundSpecial ? 0 : tokenStart;
            double frontValue = foundSpecial ? 0 : Arrays.stream(idf).average().orElse(0);
            int back = padToMaxTokens && maxTokens != null ? maxTokens - front - idf.length : 0;
            double[] w = new double[front + idf.length + Math.max(0, back)];
            Arrays.fill(w, 0, front, frontValue);
            System.arraycopy(idf, 0, w, front, idf.length);
            idfWeights = toFloat32(w);
        }
    }

    private static double[] toFloat32(double[] w) {
        double[] o = new double[w.length];
        for (int i = 0; i < w.length; i++) o[i] = (float) w[i];
        return o;
    }

    /** Indices start after the special tokens: a setter that moves them renumbers a vocabulary already set. */
    private void reindex() { if (tokens != null) setTokens(tokens); }

    private void setTokens(List<Object> toks) {
        tokens = toks;
        index = new HashMap<>();
        int start = tokenStartIndex();
        for (int i = 0; i < toks.size(); i++) index.put(toks.get(i), start + i);
    }

    /** The vocabulary, with the mask and OOV tokens first (Keras's {@code get_vocabulary()}). */
    public List<Object> getVocabulary() { return getVocabulary(true); }

    public List<Object> getVocabulary(boolean includeSpecialTokens) {
        ensureVocabulary();
        List<Object> v = new ArrayList<>();
        if (includeSpecialTokens) {
            for (int i = 0; i < oovStartIndex(); i++) v.add(maskToken);
            for (int i = 0; i < numOovIndices; i++) v.add(oovToken);
        }
        if (tokens != null) v.addAll(tokens);
        return v;
    }

    /** The vocabulary's size including the mask and OOV indices. */
    public int vocabularySize() {
        ensureVocabulary();
        return tokenStartIndex() + (tokens == null ? 0 : tokens.size());
    }

    void frozenVocabularySize(int size) { frozenVocabularySize = size; }

    /** The idf weights in use ("tf_idf" mode), with the special tokens' entries. */
    public double[] idfWeights() { ensureVocabulary(); return idfWeights == null ? null : idfWeights.clone(); }

    // ------------------------------------------------------------------ adapt

    /** Learns the vocabulary from one tensor of tokens (each row a document, for tf_idf). */
    public T adapt(Tensor data) { return adapt(List.of(data)); }

    /** Learns the vocabulary from batches of tokens. */
    public T adapt(Iterable<Tensor> batches) {
        List<Object[]> documents = new ArrayList<>();
        for (Tensor batch : batches) {
            Object[] toks = tokensOf(batch);
            // A rank 0 or 1 tensor is one document (Keras expands it on axis 0); otherwise each row along the first axis.
            int docs = batch.rank() <= 1 ? 1 : batch.shape().dim(0);
            int per = docs == 0 ? 0 : toks.length / docs;
            for (int d = 0; d < docs; d++) documents.add(Arrays.copyOfRange(toks, d * per, (d + 1) * per));
        }
        return adaptDocuments(documents);
    }

    /** Learns the vocabulary from documents of tokens (Keras's update_state then finalize_state). */
    T adaptDocuments(List<Object[]> documents) {
        if (inputVocabulary != null) {
            throw new IllegalArgumentException("Cannot adapt layer '" + name() + "' after setting a static vocabulary via `vocabulary` argument or `set_vocabulary()` method.");
        }
        checkArguments();
        Map<Object, Long> counts = new LinkedHashMap<>();
        Map<Object, Long> docCounts = new HashMap<>();
        long documentCount = documents.size();
        for (Object[] doc : documents) {
            for (Object t : doc) counts.merge(t, 1L, Long::sum);
            if (outputMode.equals("tf_idf")) for (Object t : new HashSet<>(Arrays.asList(doc))) docCounts.merge(t, 1L, Long::sum);
        }
        if (maskToken != null) counts.remove(maskToken);
        if (oovToken != null) counts.remove(oovToken);
        if (counts.isEmpty()) return self(); // Keras keeps the vocabulary as it was
        List<Object> sorted = new ArrayList<>(counts.keySet());
        // Count descending, then the token descending (NumPy's lexsort reversed).
        sorted.sort((a, b) -> {
            int c = Long.compare(counts.get(b), counts.get(a));
            return c != 0 ? c : compareTokens(b, a);
        });
        if (maxTokens != null) sorted = new ArrayList<>(sorted.subList(0, Math.min(sorted.size(), Math.max(0, maxTokens - tokenStartIndex()))));
        setTokens(sorted);
        if (outputMode.equals("tf_idf")) {
            double[] w = new double[sorted.size()];
            for (int i = 0; i < w.length; i++) w[i] = (float) Math.log(1 + (double) documentCount / (1 + docCounts.getOrDefault(sorted.get(i), 0L)));
            double mean = (float) Arrays.stream(w).average().orElse(0);
            int start = tokenStartIndex();
            int total = padToMaxTokens && maxTokens != null ? Math.max(maxTokens, start + w.length) : start + w.length;
            double[] all = new double[total];
            Arrays.fill(all, 0, start, mean);
            System.arraycopy(w, 0, all, start, w.length);
            idfWeights = all;
        }
        return self();
    }

    // ------------------------------------------------------------------ call

    @Override public Tensor call(Tensor inputs, boolean training) {
        ensureVocabulary();
        if (!outputMode.equals("int") && !padToMaxTokens && tokens == null) {
            throw new IllegalStateException("When using `output_mode=" + outputMode + "` and `pad_to_max_tokens=False`, you must set the layer's vocabulary "
                    + "before calling it. Either pass a `vocabulary` argument to the layer, or call `adapt` with some sample data.");
        }
        if (invert) return inverse(inputs);
        long[] ids = indicesOf(tokensOf(inputs));
        if (outputMode.equals("int")) return Tensor.wrap(ids, inputs.shape());
        return encode(ids, inputs.shape());
    }

    /** The encoding of looked-up indices in the output mode (indices out of range, such as masked ones, add nothing). */
    Tensor encode(long[] ids, Shape shape) {
        int depth = depth();
        if (outputMode.equals("tf_idf") && idfWeights == null) {
            throw new IllegalArgumentException("When `output_mode` is `'tf_idf'`, `idf_weights` must be provided.");
        }
        return CategoricalInputs.encode(ids, shape, outputMode, depth, DType.FLOAT32, null,
                outputMode.equals("tf_idf") ? Arrays.copyOf(idfWeights, depth) : null);
    }

    /** The width of the encoded outputs: max_tokens when padding to it, else the vocabulary size. */
    int depth() {
        if (padToMaxTokens) return maxTokens;
        ensureVocabulary();
        return tokens == null && frozenVocabularySize != null ? frozenVocabularySize : vocabularySize();
    }

    /** Token to index: mask, vocabulary, or OOV (Keras's _lookup_dense). */
    long[] indicesOf(Object[] toks) {
        ensureVocabulary();
        long[] ids = new long[toks.length];
        int oovStart = oovStartIndex();
        List<Object> oov = new ArrayList<>();
        for (int i = 0; i < toks.length; i++) {
            Object t = toks[i];
            if (maskToken != null && maskToken.equals(t)) {
                ids[i] = outputMode.equals("int") ? 0 : Long.MAX_VALUE; // dropped by the encodings
                continue;
            }
            Integer at = index == null ? null : index.get(t);
            if (at != null) ids[i] = at;
            else if (numOovIndices == 0) oov.add(t);
            else if (numOovIndices == 1) ids[i] = oovStart;
            else ids[i] = oovStart + oovBucket(t);
        }
        if (!oov.isEmpty()) {
            throw new IllegalArgumentException("When `num_oov_indices=0` all inputs should be in vocabulary, found OOV values " + oov
                    + ", consider setting `num_oov_indices=1`.");
        }
        return ids;
    }

    private long oovBucket(Object t) {
        if (t instanceof Long l && !oovMethod.equals("farmhash")) return Math.floorMod(l, (long) numOovIndices);
        String text = t.toString();
        return salt != null ? FarmHash.bucketStrong(text, salt[0], salt[1], numOovIndices) : FarmHash.bucketFast(text, numOovIndices);
    }

    private Tensor inverse(Tensor inputs) {
        long[] ids = CategoricalInputs.longs(inputs);
        Object[] out = new Object[ids.length];
        int start = tokenStartIndex();
        for (int i = 0; i < ids.length; i++) {
            long k = ids[i];
            if (maskToken != null && k == 0) out[i] = maskToken;
            else if (tokens != null && k >= start && k < start + tokens.size()) out[i] = tokens.get((int) (k - start));
            else out[i] = oovToken;
        }
        return tensorOf(out, inputs.shape());
    }

    @Override public Shape computeOutputShape(Shape inputShape) {
        if (outputMode.equals("int")) return inputShape;
        return CategoricalInputs.outputShape(inputShape, outputMode, depth());
    }

    // ------------------------------------------------------------------ saving

    /** Writes {@code vocabulary.txt} (one token a line, special tokens first) when the vocabulary is not in the config. */
    @Override public void saveAssets(Path dir) throws IOException {
        if (inputVocabulary != null) return;
        StringBuilder sb = new StringBuilder();
        List<Object> v = getVocabulary(true);
        for (int i = 0; i < v.size(); i++) sb.append(i > 0 ? "\n" : "").append(v.get(i));
        Files.writeString(dir.resolve("vocabulary.txt"), sb.toString(), StandardCharsets.UTF_8);
        if (outputMode.equals("tf_idf") && idfWeights != null) {
            // Keras keeps adapted idf weights in its variable store under the key "idf_weights", which
            // keras4j's store (numbered variables) has no place for: they travel as a second asset.
            StringBuilder w = new StringBuilder();
            for (int i = 0; i < idfWeights.length; i++) w.append(i > 0 ? "\n" : "").append((float) idfWeights[i]);
            Files.writeString(dir.resolve(IDF_ASSET), w.toString(), StandardCharsets.UTF_8);
        }
    }

    private static final String IDF_ASSET = "idf_weights.txt";

    @Override public void loadAssets(Path dir) throws IOException {
        if (inputVocabulary != null) return;
        Path f = dir.resolve("vocabulary.txt");
        if (!Files.exists(f)) return;
        List<Object> values = new ArrayList<>();
        for (String line : readLines(f)) values.add(parseToken(line));
        if (outputMode.equals("tf_idf")) {
            Path idf = dir.resolve(IDF_ASSET);
            if (!Files.exists(idf)) {
                throw new IOException(className() + " '" + name() + "': an adapted tf_idf vocabulary needs its idf weights (" + IDF_ASSET
                        + "); Keras's own files keep them in the variable store, which keras4j does not read for this layer yet");
            }
            List<String> lines = readLines(idf);
            double[] w = new double[lines.size()];
            for (int i = 0; i < w.length; i++) w[i] = Double.parseDouble(lines.get(i).trim());
            setTokens(new ArrayList<>(values.subList(Math.min(values.size(), tokenStartIndex()), values.size())));
            idfWeights = w;
        } else {
            install(values, null);
        }
    }

    // ------------------------------------------------------------------ config

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("invert", invert);
        c.put("max_tokens", maxTokens);
        c.put("num_oov_indices", numOovIndices);
        c.put("oov_token", oovToken);
        c.put("mask_token", maskToken);
        c.put("output_mode", outputMode);
        c.put("sparse", false);
        c.put("pad_to_max_tokens", padToMaxTokens);
        c.put("vocabulary_dtype", vocabularyDtype());
        List<Double> idf = null;
        if (inputIdfWeights != null) {
            idf = new ArrayList<>();
            for (double d : inputIdfWeights) idf.add(d);
        }
        c.put("idf_weights", idf);
        c.put("vocabulary", inputVocabulary == null ? null : new ArrayList<>(inputVocabulary));
        c.put("vocabulary_size", tokens == null && inputVocabulary == null ? frozenVocabularySize : vocabularySize());
        c.put("oov_method", oovMethod);
        c.put("salt", salt == null ? null : List.of(salt[0], salt[1]));
        return c;
    }

    /** Reads the arguments IndexLookup shares; the subclass made the layer with its own defaults. */
    protected static <L extends IndexLookup<L>> L readConfig(L l, Layers.Config c) {
        if (c.has("max_tokens")) l.maxTokens(c.integer("max_tokens", 0));
        else c.raw("max_tokens");
        l.numOovIndices(c.integer("num_oov_indices", 1));
        if (c.containsKey("mask_token")) l.maskToken(c.raw("mask_token"));
        if (c.containsKey("oov_token")) l.oovToken(c.raw("oov_token"));
        l.outputMode(c.string("output_mode", "int"));
        l.invert(c.bool("invert", false));
        l.padToMaxTokens(c.bool("pad_to_max_tokens", false));
        l.oovMethod(c.string("oov_method", "floormod"));
        Object salt = c.raw("salt");
        if (salt instanceof Number n) l.salt(n.longValue(), n.longValue());
        else if (salt instanceof List<?> s && s.size() == 2 && s.get(0) instanceof Number a && s.get(1) instanceof Number b) l.salt(a.longValue(), b.longValue());
        else if (salt != null) {
            throw new IllegalArgumentException("The `salt` argument for `IndexLookup` can only be a tuple of 2 integers, or a single integer. Received: salt=" + salt + ".");
        }
        if (c.bool("sparse", false)) throw new UnsupportedOperationException(c.className() + ": `sparse=True` is not supported. Received: sparse=True");
        Object vocab = c.raw("vocabulary");
        Object idf = c.raw("idf_weights");
        double[] weights = null;
        if (idf instanceof List<?> w) {
            weights = new double[w.size()];
            for (int i = 0; i < weights.length; i++) weights[i] = ((Number) w.get(i)).doubleValue();
        }
        if (vocab instanceof List<?> v) l.vocabulary(v, weights);
        else if (vocab instanceof String path) {
            throw new UnsupportedOperationException(c.className() + ": a vocabulary file path in the config is not supported; pass the tokens. Received: vocabulary=" + path);
        }
        if (c.raw("vocabulary_size") instanceof Number n) l.frozenVocabularySize(n.intValue());
        c.raw("has_input_vocabulary");
        return l;
    }
}
