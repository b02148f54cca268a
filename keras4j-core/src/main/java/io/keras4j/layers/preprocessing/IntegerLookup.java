package io.keras4j.layers.preprocessing;

import io.keras4j.layers.Layers;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.util.Map;

/**
 * Keras's {@code IntegerLookup}: integer tokens to vocabulary indices (int64), or encoded vectors;
 * with {@code invert}, indices back to tokens. OOV token -1, no mask token by default; several
 * OOV indices are chosen by floormod (or FarmHash64 of the decimal text with
 * {@code oov_method="farmhash"}). See {@link IndexLookup}.
 */
public final class IntegerLookup extends IndexLookup<IntegerLookup> {
    public IntegerLookup() { super(-1L); }

    public static IntegerLookup fromConfig(Layers.Config c) {
        String vd = c.string("vocabulary_dtype", "int64");
        if (!vd.equals("int64")) {
            throw new IllegalArgumentException("Only `vocabulary_dtype='int64'` is supported at this time. Received: vocabulary_dtype=" + vd);
        }
        return readConfig(new IntegerLookup(), c);
    }

    @Override protected String maxTokensMessage(int value) {
        return "If `max_tokens` is set for `IntegerLookup`, it must be greater than 1. Received: max_tokens=" + value;
    }

    @Override protected String numOovMessage(int value) {
        return "The value of `num_oov_indices` argument for `IntegerLookup` must >= 0. Received: num_oov_indices=" + value;
    }

    @Override protected String vocabularyDtype() { return "int64"; }

    @Override protected Object[] tokensOf(Tensor inputs) {
        if (inputs.dtype() == DType.STRING) throw new IllegalArgumentException("IntegerLookup takes integer inputs; received dtype string");
        long[] v = CategoricalInputs.longs(inputs);
        Object[] o = new Object[v.length];
        for (int i = 0; i < v.length; i++) o[i] = v[i];
        return o;
    }

    @Override protected Tensor tensorOf(Object[] tokens, Shape shape) {
        long[] v = new long[tokens.length];
        for (int i = 0; i < v.length; i++) v[i] = tokens[i] == null ? 0 : (Long) tokens[i];
        return Tensor.wrap(v, shape);
    }

    @Override protected Object parseToken(Object value) {
        if (value instanceof Number n) return n.longValue();
        if (value instanceof String s) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("IntegerLookup: tokens must be integers. Received: " + s);
            }
        }
        throw new IllegalArgumentException("IntegerLookup: tokens must be integers. Received: " + value);
    }

    @Override protected int compareTokens(Object a, Object b) { return Long.compare((Long) a, (Long) b); }

    @Override public Map<String, Object> getConfig() { return super.getConfig(); }
}
