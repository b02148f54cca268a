package io.keras4j.layers.attention;

import io.keras4j.initializers.Initializers;
import io.keras4j.layers.Layers;
import io.keras4j.ops.Ops;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.util.List;
import java.util.Map;

/**
 * Keras's {@code AdditiveAttention} (Bahdanau): scores {@code Σ_d scale_d · tanh(q_d + k_d)} for
 * every query/key pair, with a trainable per-feature {@code scale} (glorot_uniform, shape (dim,))
 * when use_scale (the default), then the same masking, softmax and weighting as {@link Attention}.
 */
public final class AdditiveAttention extends Attention {
    public AdditiveAttention() { super(true); }

    @Override public AdditiveAttention scoreMode(String value) {
        throw new IllegalArgumentException("Unrecognized keyword argument passed to AdditiveAttention: score_mode=" + value);
    }

    @Override protected void buildAll(List<Shape> shapes) {
        validate(shapes.size());
        if (useScale()) scale = addWeight("scale", Shape.of(shapes.get(0).dim(-1)), Initializers.get("glorot_uniform"), true);
    }

    @Override protected Tensor calculateScores(Tensor query, Tensor key) {
        Tensor t = Ops.tanh(Ops.add(Ops.expandDims(query, -2), Ops.expandDims(key, -3)));
        if (scale != null) t = Ops.multiply(scale.value(), t);
        return Ops.sum(t, -1, false);
    }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.remove("score_mode");
        return c;
    }

    public static AdditiveAttention fromConfig(Layers.Config c) {
        AdditiveAttention a = new AdditiveAttention();
        a.useScale(c.bool("use_scale", true)).dropout(c.number("dropout", 0.0));
        if (c.has("seed")) a.seed((long) c.integer("seed", 0));
        else c.raw("seed");
        if (c.bool("causal", false)) a.useCausalMask(true);
        return a;
    }
}
