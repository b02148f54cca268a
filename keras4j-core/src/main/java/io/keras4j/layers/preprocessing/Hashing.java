package io.keras4j.layers.preprocessing;

import io.keras4j.layers.Layer;
import io.keras4j.layers.Layers;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.util.List;
import java.util.Map;

/**
 * Keras's {@code Hashing}: each value to a bucket in {@code [0, num_bins)}, by FarmHash64's
 * Fingerprint64 of its string form ({@code tf.strings.to_hash_bucket_fast}), or with a
 * {@code salt} by SipHash-2-4 ({@code to_hash_bucket_strong}). Integers are hashed as their
 * decimal text and floats are first truncated to integers, as Keras does. With a
 * {@code mask_value}, that value goes to bucket 0 and the rest to {@code 1 + hash mod (num_bins-1)}.
 * The same inputs give the same buckets as Keras. Output: int64 in "int" mode, float32 encodings
 * otherwise.
 */
public final class Hashing extends Layer {
    private final int numBins;
    private Object maskValue;
    private long[] salt;
    private String outputMode = "int";

    public Hashing(int numBins) {
        if (numBins <= 0) throw new IllegalArgumentException("The `num_bins` for `Hashing` cannot be `None` or non-positive values. Received: num_bins=" + numBins + ".");
        this.numBins = numBins;
        dtype(DType.INT64);
    }

    /** A string or integer mapped to bucket 0. */
    public Hashing maskValue(Object value) {
        checkNotBuilt();
        if (value != null && !(value instanceof String) && !(value instanceof Number)) {
            throw new IllegalArgumentException("Hashing: `mask_value` must be a string or an integer. Received: mask_value=" + value);
        }
        maskValue = value instanceof Number n ? (Object) n.longValue() : value;
        return this;
    }

    /** SipHash with the key (salt, salt). */
    public Hashing salt(long value) { return salt(value, value); }

    public Hashing salt(long k0, long k1) {
        checkNotBuilt();
        salt = new long[] {k0, k1};
        return this;
    }

    /** "int" (default), "one_hot", "multi_hot" or "count"; the other modes output float32. */
    public Hashing outputMode(String mode) {
        checkNotBuilt();
        if (!List.of("int", "one_hot", "multi_hot", "count").contains(mode)) {
            throw new IllegalArgumentException("Invalid value for argument `output_mode`. Expected one of ('int', 'one_hot', 'multi_hot', 'count'). Received: output_mode=" + mode);
        }
        if (!mode.equals("int") && dtype() == DType.INT64) dtype(DType.FLOAT32);
        if (mode.equals("int") && dtype().isFloating()) dtype(DType.INT64);
        outputMode = mode;
        return this;
    }

    public static Hashing fromConfig(Layers.Config c) {
        if (!c.has("num_bins")) {
            c.raw("num_bins");
            throw new IllegalArgumentException("The `num_bins` for `Hashing` cannot be `None` or non-positive values. Received: num_bins=None.");
        }
        Hashing h = new Hashing(c.integer("num_bins", 0));
        h.outputMode(c.string("output_mode", "int"));
        Object s = c.raw("salt");
        if (s instanceof Number n) h.salt(n.longValue());
        else if (s instanceof List<?> l && l.size() == 2 && l.get(0) instanceof Number a && l.get(1) instanceof Number b) h.salt(a.longValue(), b.longValue());
        else if (s != null) throw new IllegalArgumentException("The `salt` argument for `Hashing` can only be a tuple of size 2 integers, or a single integer. Received: salt=" + s + ".");
        h.maskValue(c.raw("mask_value"));
        if (c.bool("sparse", false)) throw new UnsupportedOperationException("Hashing: `sparse=True` is not supported. Received: sparse=True");
        return h;
    }

    @Override public Tensor call(Tensor inputs, boolean training) {
        String[] text = asText(inputs);
        int bins = numBins;
        boolean masking = maskValue != null && bins > 1;
        if (masking) bins -= 1;
        String mask = masking ? maskValue.toString() : null;
        long[] out = new long[text.length];
        for (int i = 0; i < text.length; i++) {
            long b = salt != null ? FarmHash.bucketStrong(text[i], salt[0], salt[1], bins) : FarmHash.bucketFast(text[i], bins);
            out[i] = masking ? (text[i].equals(mask) ? 0 : b + 1) : b;
        }
        DType outType = outputMode.equals("int") ? (dtype().isFloating() ? DType.INT64 : dtype()) : (dtype().isFloating() ? dtype() : DType.FLOAT32);
        return CategoricalInputs.encode(out, inputs.shape(), outputMode, numBins, outType, null, null);
    }

    /** Strings as they are; integers (and floats, truncated as TF's cast to int64) as decimal text (tf.as_string). */
    static String[] asText(Tensor t) {
        if (t.dtype() == DType.STRING) return t.strings();
        long[] v = CategoricalInputs.longs(t);
        String[] s = new String[v.length];
        for (int i = 0; i < v.length; i++) s[i] = Long.toString(v[i]);
        return s;
    }

    @Override public Shape computeOutputShape(Shape inputShape) {
        return CategoricalInputs.outputShape(inputShape, outputMode, numBins);
    }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("num_bins", numBins);
        c.put("salt", salt == null ? null : List.of(salt[0], salt[1]));
        c.put("mask_value", maskValue);
        c.put("output_mode", outputMode);
        c.put("sparse", false);
        return c;
    }
}
