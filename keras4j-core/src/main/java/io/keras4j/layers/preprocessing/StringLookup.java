package io.keras4j.layers.preprocessing;

import io.keras4j.layers.Layers;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.util.Map;

/**
 * Keras's {@code StringLookup}: strings (a {@code string} tensor) to vocabulary indices (int64),
 * or encoded vectors; with {@code invert}, indices back to strings. OOV token "[UNK]", no mask
 * token by default. See {@link IndexLookup} for the index layout and adapt.
 * <pre>{@code
 * var lookup = new StringLookup().vocabulary(List.of("a", "b", "c", "d"));
 * lookup.apply(Tensor.ofStrings(new String[] {"a", "c", "z"}, 3));   // [1, 3, 0]
 * }</pre>
 */
public final class StringLookup extends IndexLookup<StringLookup> {
    private String encoding = "utf-8";

    public StringLookup() { super("[UNK]"); }

    public StringLookup encoding(String value) {
        encoding = value;
        return this;
    }

    public static StringLookup fromConfig(Layers.Config c) {
        StringLookup l = readConfig(new StringLookup(), c);
        l.encoding(c.string("encoding", "utf-8"));
        String vd = c.string("vocabulary_dtype", "string");
        if (!vd.equals("string")) throw new IllegalArgumentException("StringLookup: `vocabulary_dtype` must be 'string'. Received: vocabulary_dtype=" + vd);
        return l;
    }

    @Override protected String vocabularyDtype() { return "string"; }

    @Override protected Object[] tokensOf(Tensor inputs) {
        if (inputs.dtype() != DType.STRING) {
            throw new IllegalArgumentException("StringLookup takes string inputs (Tensor.ofStrings); received dtype " + inputs.dtype());
        }
        return inputs.strings().clone();
    }

    @Override protected Tensor tensorOf(Object[] tokens, Shape shape) {
        String[] s = new String[tokens.length];
        for (int i = 0; i < s.length; i++) s[i] = tokens[i] == null ? "" : tokens[i].toString();
        return Tensor.wrap(s, shape);
    }

    @Override protected Object parseToken(Object value) {
        if (value instanceof String s) return s;
        if (value instanceof byte[] b) return new String(b, java.nio.charset.StandardCharsets.UTF_8);
        throw new IllegalArgumentException("StringLookup: tokens must be strings. Received: " + value);
    }

    @Override protected int compareTokens(Object a, Object b) {
        // NumPy compares str by code point (UTF-16 order differs only beyond the BMP).
        return codePointCompare((String) a, (String) b);
    }

    private static int codePointCompare(String a, String b) {
        int i = 0, j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i), cb = b.codePointAt(j);
            if (ca != cb) return Integer.compare(ca, cb);
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.remove("vocabulary_dtype"); // Keras drops it: strings have one dtype
        c.put("encoding", encoding);
        return c;
    }
}
