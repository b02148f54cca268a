package io.keras4j.layers.preprocessing;

import io.keras4j.layers.Layer;
import io.keras4j.layers.Layers;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Keras's {@code TextVectorization}: strings to token sequences or vectors. Each string is
 * standardized ({@code "lower_and_strip_punctuation"} by default: ASCII lowercasing as
 * {@code tf.strings.lower}, then removing {@code !"#$%&()*+,-./:;<=>?@[\]^_`{|}~'}), split
 * ({@code "whitespace"} or {@code "character"}), optionally extended with n-grams (joined by a
 * space, all 1-grams first), then looked up in a {@link StringLookup} whose mask token is "" (index
 * 0, the padding) and OOV token "[UNK]" (index 1). "int" output is int64 {@code (batch, length)},
 * padded with 0 or cut to {@code output_sequence_length}; the other modes give one vector per string.
 */
public final class TextVectorization extends Layer {
    private static final String PUNCTUATION = "!\"#$%&()*+,-./:;<=>?@[\\]^_`{|}~'";

    private Integer maxTokens;
    private String standardize = "lower_and_strip_punctuation";
    private String split = "whitespace";
    private int[] ngrams;
    private Object ngramsArg;
    private String outputMode = "int";
    private Integer outputSequenceLength;
    private boolean padToMaxTokens;
    private final StringLookup lookup = new StringLookup().maskToken("");
    private boolean lookupConfigured;

    public TextVectorization() {}

    public TextVectorization maxTokens(Integer value) {
        checkNotBuilt();
        maxTokens = value;
        if (lookupConfigured) lookup.maxTokens(value);
        return this;
    }

    /** "lower_and_strip_punctuation" (default), "lower", "strip_punctuation", or null for none. */
    public TextVectorization standardize(String value) {
        checkNotBuilt();
        if (value != null) CategoricalInputs.requireOneOf(value, "TextVectorization", "standardize", "lower_and_strip_punctuation", "lower", "strip_punctuation");
        standardize = value;
        return this;
    }

    /** "whitespace" (default), "character", or null (each string is one token). */
    public TextVectorization split(String value) {
        checkNotBuilt();
        if (value != null) CategoricalInputs.requireOneOf(value, "TextVectorization", "split", "whitespace", "character");
        split = value;
        return this;
    }

    /** n-grams of widths 1..n. */
    public TextVectorization ngrams(int n) {
        checkNotBuilt();
        ngrams = new int[n];
        for (int i = 0; i < n; i++) ngrams[i] = i + 1;
        ngramsArg = n;
        return this;
    }

    /** n-grams of exactly these widths, in this order. */
    public TextVectorization ngramWidths(int... widths) {
        checkNotBuilt();
        ngrams = widths.clone();
        List<Integer> l = new ArrayList<>();
        for (int w : widths) l.add(w);
        ngramsArg = l;
        return this;
    }

    public TextVectorization outputMode(String mode) {
        checkNotBuilt();
        if ("binary".equals(mode)) mode = "multi_hot";
        if ("tf-idf".equals(mode)) mode = "tf_idf";
        CategoricalInputs.requireOneOf(mode, "TextVectorization", "output_mode", "int", "one_hot", "multi_hot", "count", "tf_idf");
        if (!mode.equals("int") && outputSequenceLength != null) throw sequenceLengthMessage();
        outputMode = mode;
        if (lookupConfigured) lookup.outputMode(mode);
        return this;
    }

    public TextVectorization outputSequenceLength(Integer value) {
        checkNotBuilt();
        if (value != null && !outputMode.equals("int")) {
            outputSequenceLength = value;
            throw sequenceLengthMessage();
        }
        outputSequenceLength = value;
        return this;
    }

    private IllegalArgumentException sequenceLengthMessage() {
        return new IllegalArgumentException("`output_sequence_length` must not be set if `output_mode` is not 'int'. Received output_sequence_length="
                + outputSequenceLength + ".");
    }

    public TextVectorization padToMaxTokens(boolean value) {
        checkNotBuilt();
        padToMaxTokens = value;
        if (lookupConfigured) lookup.padToMaxTokens(value);
        return this;
    }

    /** The vocabulary (without or with the leading "" and "[UNK]"). */
    public TextVectorization vocabulary(List<String> vocabulary) { return vocabulary(vocabulary, null); }

    public TextVectorization vocabulary(List<String> vocabulary, double[] idfWeights) {
        configuredLookup().vocabulary(vocabulary, idfWeights);
        return this;
    }

    /** Keras's set_vocabulary. */
    public void setVocabulary(List<String> vocabulary, double[] idfWeights) { configuredLookup().setVocabulary(vocabulary, idfWeights); }

    /** The inner lookup with this layer's arguments, fixed at first use. */
    private StringLookup configuredLookup() {
        if (!lookupConfigured) {
            lookup.maxTokens(maxTokens).outputMode(outputMode).padToMaxTokens(padToMaxTokens);
            lookupConfigured = true;
        }
        return lookup;
    }

    public List<Object> getVocabulary() { return configuredLookup().getVocabulary(); }

    public List<Object> getVocabulary(boolean includeSpecialTokens) { return configuredLookup().getVocabulary(includeSpecialTokens); }

    public int vocabularySize() { return configuredLookup().vocabularySize(); }

    // ------------------------------------------------------------------ preprocessing

    private String standardized(String s) {
        if (standardize == null) return s;
        if (standardize.startsWith("lower")) s = asciiLower(s);
        if (standardize.endsWith("strip_punctuation")) {
            StringBuilder sb = new StringBuilder(s.length());
            for (int i = 0; i < s.length(); i++) if (PUNCTUATION.indexOf(s.charAt(i)) < 0) sb.append(s.charAt(i));
            s = sb.toString();
        }
        return s;
    }

    /** tf.strings.lower without an encoding lowercases ASCII letters only. */
    private static String asciiLower(String s) {
        char[] c = s.toCharArray();
        for (int i = 0; i < c.length; i++) if (c[i] >= 'A' && c[i] <= 'Z') c[i] = (char) (c[i] + 32);
        return new String(c);
    }

    private String[] tokens(String s) {
        String[] parts;
        if (split.equals("whitespace")) {
            // tf.strings.split without a separator: runs of ASCII whitespace, no empty tokens.
            List<String> out = new ArrayList<>();
            int start = -1;
            for (int i = 0; i <= s.length(); i++) {
                boolean ws = i == s.length() || " \t\n\r\u000b\f".indexOf(s.charAt(i)) >= 0;
                if (ws && start >= 0) {
                    out.add(s.substring(start, i));
                    start = -1;
                } else if (!ws && start < 0) start = i;
            }
            parts = out.toArray(new String[0]);
        } else {
            parts = s.codePoints().mapToObj(Character::toString).toArray(String[]::new);
        }
        return ngrams == null ? parts : ngramsOf(parts);
    }

    /** tf.strings.ngrams: for each width in order, every window of that width joined by " ". */
    private String[] ngramsOf(String[] t) {
        List<String> out = new ArrayList<>();
        for (int w : ngrams) {
            for (int i = 0; i + w <= t.length; i++) out.add(String.join(" ", Arrays.copyOfRange(t, i, i + w)));
        }
        return out.toArray(new String[0]);
    }

    /** One token row per input string (the input has shape (batch,) or (batch, 1)). */
    private List<String[]> rows(Tensor inputs) {
        if (inputs.dtype() != DType.STRING) throw new IllegalArgumentException("TextVectorization takes string inputs (Tensor.ofStrings); received dtype " + inputs.dtype());
        if (inputs.rank() > 1 && inputs.shape().dim(inputs.rank() - 1) != 1) {
            throw new IllegalArgumentException("When using `TextVectorization` to tokenize strings, the input rank must be 1 or the last shape dimension must be 1. Received: inputs.shape="
                    + inputs.shape() + " with rank=" + inputs.rank());
        }
        List<String[]> rows = new ArrayList<>();
        for (String s : inputs.strings()) rows.add(tokens(standardized(s)));
        return rows;
    }

    // ------------------------------------------------------------------ adapt and call

    public TextVectorization adapt(Tensor data) { return adapt(List.of(data)); }

    public TextVectorization adapt(Iterable<Tensor> batches) {
        StringLookup l = configuredLookup();
        if (split == null) return adaptUnsplit(l, batches);
        List<Object[]> docs = new ArrayList<>();
        for (Tensor b : batches) docs.addAll(rows(b));
        l.adaptDocuments(docs);
        return this;
    }

    private TextVectorization adaptUnsplit(StringLookup l, Iterable<Tensor> batches) {
        List<Tensor> standardized = new ArrayList<>();
        for (Tensor b : batches) standardized.add(standardizeAll(b));
        l.adapt(standardized);
        return this;
    }

    private Tensor standardizeAll(Tensor t) {
        String[] s = t.strings().clone();
        for (int i = 0; i < s.length; i++) s[i] = standardized(s[i]);
        return Tensor.wrap(s, t.shape());
    }

    /** Convenience: vectorizes Java strings. */
    public Tensor apply(String... texts) { return apply(Tensor.ofStrings(texts, texts.length)); }

    @Override public Tensor call(Tensor inputs, boolean training) {
        StringLookup l = configuredLookup();
        if (split == null) return l.apply(standardizeAll(inputs));
        List<String[]> rows = rows(inputs);
        int batch = rows.size();
        int longest = 0;
        for (String[] r : rows) longest = Math.max(longest, r.length);
        if (outputMode.equals("int")) {
            int len = outputSequenceLength != null ? outputSequenceLength : longest;
            long[] out = new long[batch * len];
            for (int b = 0; b < batch; b++) {
                long[] ids = l.indicesOf(rows.get(b));
                System.arraycopy(ids, 0, out, b * len, Math.min(len, ids.length));
            }
            return Tensor.wrap(out, Shape.of(batch, len));
        }
        // One sample per string: pad the rows with an index the encodings drop.
        long[] padded = new long[batch * longest];
        Arrays.fill(padded, Long.MAX_VALUE);
        for (int b = 0; b < batch; b++) {
            long[] ids = l.indicesOf(rows.get(b));
            System.arraycopy(ids, 0, padded, b * longest, ids.length);
        }
        if (outputMode.equals("one_hot")) return l.encode(padded, Shape.of(batch, longest));
        if (longest == 0) return l.encode(new long[0], Shape.of(batch, 0));
        return l.encode(padded, Shape.of(batch, longest));
    }

    @Override public Shape computeOutputShape(Shape inputShape) {
        int batch = inputShape.rank() == 0 ? Shape.UNKNOWN : inputShape.dim(0);
        if (outputMode.equals("int")) {
            if (split == null) return inputShape;
            return Shape.of(batch, outputSequenceLength == null ? Shape.UNKNOWN : outputSequenceLength);
        }
        int depth = configuredLookup().depth();
        if (outputMode.equals("one_hot")) return Shape.of(batch, Shape.UNKNOWN, depth);
        return Shape.of(batch, depth);
    }

    @Override public void saveAssets(Path dir) throws IOException { configuredLookup().saveAssets(dir); }

    @Override public void loadAssets(Path dir) throws IOException { configuredLookup().loadAssets(dir); }

    public static TextVectorization fromConfig(Layers.Config c) {
        TextVectorization t = new TextVectorization();
        if (c.has("max_tokens")) t.maxTokens(c.integer("max_tokens", 0));
        else c.raw("max_tokens");
        if (c.containsKey("standardize")) t.standardize(c.string("standardize", null));
        if (c.containsKey("split")) t.split(c.string("split", null));
        Object ng = c.raw("ngrams");
        if (ng instanceof Number n) t.ngrams(n.intValue());
        else if (ng instanceof List<?>) t.ngramWidths(c.ints("ngrams"));
        else if (ng != null) throw new IllegalArgumentException("`ngrams` must be None, an integer, or a tuple of integers. Received: ngrams=" + ng);
        t.outputMode(c.string("output_mode", "int"));
        if (c.has("output_sequence_length")) t.outputSequenceLength(c.integer("output_sequence_length", 0));
        else c.raw("output_sequence_length");
        t.padToMaxTokens(c.bool("pad_to_max_tokens", false));
        if (c.bool("sparse", false)) throw new UnsupportedOperationException("TextVectorization: `sparse=True` is not supported. Received: sparse=True");
        if (c.bool("ragged", false)) throw new UnsupportedOperationException("TextVectorization: `ragged=True` is not supported. Received: ragged=True");
        c.string("encoding", "utf-8");
        Object vocab = c.raw("vocabulary");
        Object idf = c.raw("idf_weights");
        double[] weights = null;
        if (idf instanceof List<?> w) {
            weights = new double[w.size()];
            for (int i = 0; i < weights.length; i++) weights[i] = ((Number) w.get(i)).doubleValue();
        }
        if (vocab instanceof List<?> v) {
            List<String> s = new ArrayList<>();
            for (Object o : v) s.add(String.valueOf(o));
            t.vocabulary(s, weights);
        }
        if (c.raw("vocabulary_size") instanceof Number n) t.configuredLookup().frozenVocabularySize(n.intValue());
        c.raw("has_input_vocabulary");
        return t;
    }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        Map<String, Object> inner = configuredLookup().getConfig();
        c.put("max_tokens", maxTokens);
        c.put("standardize", standardize);
        c.put("split", split);
        c.put("ngrams", ngramsArg);
        c.put("output_mode", outputMode);
        c.put("output_sequence_length", outputSequenceLength);
        c.put("pad_to_max_tokens", padToMaxTokens);
        c.put("sparse", false);
        c.put("ragged", false);
        c.put("vocabulary", inner.get("vocabulary"));
        c.put("idf_weights", inner.get("idf_weights"));
        c.put("encoding", "utf-8");
        c.put("vocabulary_size", inner.get("vocabulary_size"));
        return c;
    }
}
