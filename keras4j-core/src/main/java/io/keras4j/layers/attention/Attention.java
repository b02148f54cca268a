package io.keras4j.layers.attention;

import io.keras4j.autodiff.Variable;
import io.keras4j.initializers.Initializers;
import io.keras4j.layers.Layer;
import io.keras4j.layers.Layers;
import io.keras4j.ops.Ops;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Keras's {@code Attention}: Luong-style dot-product attention over inputs [query, value] or
 * [query, value, key] (key defaults to value), shapes (batch, Tq, dim) and (batch, Tv, dim).
 * Scores are {@code query · keyᵀ} (times a trainable scalar with useScale) or, with score_mode
 * "concat", {@code w · Σ tanh(scale · (q + k))}; the weights are their softmax over Tv.
 *
 * <p>Keras's call arguments {@code use_causal_mask} and {@code return_attention_scores} are set on
 * the layer for graph calls ({@link #useCausalMask}, {@link #returnAttentionScores}); eager code can
 * pass them with Keras masks to {@link #callWithMask}.
 */
public class Attention extends Layer {
    private boolean useScale;
    private String scoreMode = "dot";
    private double dropout;
    private Long seed;
    private boolean useCausalMask;
    private boolean returnAttentionScores;
    private AttentionScores scoring;
    protected Variable scale;
    private Variable concatScoreWeight;

    public Attention() {}

    Attention(boolean useScaleDefault) { this.useScale = useScaleDefault; }

    public Attention useScale(boolean value) {
        checkNotBuilt();
        this.useScale = value;
        return this;
    }

    public Attention scoreMode(String value) {
        checkNotBuilt();
        if (!"dot".equals(value) && !"concat".equals(value)) {
            throw new IllegalArgumentException("Invalid value for argument score_mode. Expected one of {'dot', 'concat'}. Received: score_mode=" + value);
        }
        this.scoreMode = value;
        return this;
    }

    public Attention dropout(double rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("Invalid value received for argument `dropout`. Expected a float value between 0 and 1 (1 excluded). Received: dropout=" + rate);
        }
        this.dropout = rate;
        return this;
    }

    public Attention seed(Long value) {
        this.seed = value;
        this.scoring = null;
        return this;
    }

    /** Keras's call argument {@code use_causal_mask}, for graph calls: query i sees keys j <= i only. */
    public Attention useCausalMask(boolean value) {
        this.useCausalMask = value;
        return this;
    }

    /** Keras's call argument {@code return_attention_scores}: a second output, the (batch, Tq, Tv) weights. */
    public Attention returnAttentionScores(boolean value) {
        this.returnAttentionScores = value;
        return this;
    }

    public boolean useScale() { return useScale; }

    public String scoreMode() { return scoreMode; }

    public double dropout() { return dropout; }

    // ------------------------------------------------------------------ build

    @Override protected void buildAll(List<Shape> shapes) {
        validate(shapes.size());
        if (useScale) scale = addWeight("scale", Shape.scalar(), Initializers.get("ones"), true);
        if ("concat".equals(scoreMode)) concatScoreWeight = addWeight("concat_score_weight", Shape.scalar(), Initializers.get("ones"), true);
    }

    void validate(int n) {
        if (n < 2 || n > 3) {
            throw new IllegalArgumentException(className() + " layer accepts inputs list of length 2 or 3, namely [query, value] or [query, value, key]. Received length: " + n + ".");
        }
    }

    @Override public void build(Shape inputShape) { validate(1); }

    // ------------------------------------------------------------------ call

    @Override public Tensor call(Tensor inputs, boolean training) {
        throw new IllegalArgumentException(className() + " layer must be called on a list of inputs, namely [query, value] or [query, value, key]. Received: inputs=" + inputs.shape() + ".");
    }

    @Override protected List<Tensor> callAll(List<Tensor> inputs, boolean training) {
        validate(inputs.size());
        Tensor key = inputs.size() > 2 ? inputs.get(2) : null;
        List<Tensor> r = callWithMask(inputs.get(0), inputs.get(1), key, null, null, useCausalMask, training);
        return returnAttentionScores ? r : List.of(r.get(0));
    }

    /** Masks arriving with the inputs in a model (Embedding mask_zero, Masking): [query, value(, key)]. */
    @Override protected List<Tensor> callAllMasked(List<Tensor> inputs, List<Tensor> masks, boolean training) {
        validate(inputs.size());
        Tensor key = inputs.size() > 2 ? inputs.get(2) : null;
        List<Tensor> r = callWithMask(inputs.get(0), inputs.get(1), key, masks.get(0), masks.get(1), useCausalMask, training);
        return returnAttentionScores ? r : List.of(r.get(0));
    }

    /** The output keeps the query's mask (Keras's {@code compute_mask}). */
    @Override public List<Tensor> computeMasks(List<Tensor> inputs, List<Tensor> masks) {
        Tensor q = masks.isEmpty() ? null : masks.get(0);
        return returnAttentionScores ? java.util.Arrays.asList(q, null) : java.util.Collections.singletonList(q);
    }

    /**
     * Keras's {@code call(inputs, mask=[query_mask, value_mask], ...)}: returns [output, scores].
     * {@code key} null means value; masks (batch, Tq) and (batch, Tv), nonzero = keep, may be null.
     */
    public List<Tensor> callWithMask(Tensor query, Tensor value, Tensor key, Tensor queryMask, Tensor valueMask,
                                     boolean causal, boolean training) {
        if (!built()) applyShapesForBuild(query, value, key);
        Tensor k = key == null ? value : key;
        Tensor scores = calculateScores(query, k);
        Tensor scoresMask = valueMask == null ? null : Ops.expandDims(AttentionScores.truth(valueMask), -2);
        if (causal) {
            int tq = scores.shape().dim(-2), tv = scores.shape().dim(-1);
            scoresMask = AttentionScores.and(scoresMask, AttentionScores.causalMask(tq, tv));
        }
        if (scoresMask != null) {
            // Keras subtracts the large number rather than replacing the score: masked rows stay ordered.
            scores = Ops.where(scoresMask, scores, Ops.subtract(scores, AttentionScores.LARGE_NEGATIVE));
        }
        Tensor weights = Ops.softmax(scores, -1);
        Tensor used = weights;
        if (training && dropout > 0) {
            if (scoring == null) scoring = new AttentionScores(seed);
            used = scoring.dropout(weights, dropout);
        }
        Tensor out = Ops.matmul(used, value);
        if (queryMask != null) out = Ops.where(Ops.expandDims(AttentionScores.truth(queryMask), -1), out, 0.0);
        List<Tensor> r = new ArrayList<>(2);
        r.add(out);
        r.add(weights);
        return r;
    }

    private void applyShapesForBuild(Tensor query, Tensor value, Tensor key) {
        List<Shape> shapes = new ArrayList<>(List.of(query.shape(), value.shape()));
        if (key != null) shapes.add(key.shape());
        ensureBuiltAll(shapes);
    }

    /** (batch, Tq, Tv) scores of the query against the key. */
    protected Tensor calculateScores(Tensor query, Tensor key) {
        if ("dot".equals(scoreMode)) {
            Tensor s = Ops.matmul(query, key, false, true);
            return scale == null ? s : Ops.multiply(s, scale.value());
        }
        Tensor sum = Ops.add(Ops.expandDims(query, -2), Ops.expandDims(key, -3));
        if (scale != null) sum = Ops.multiply(scale.value(), sum);
        return Ops.multiply(concatScoreWeight.value(), Ops.sum(Ops.tanh(sum), -1, false));
    }

    // ------------------------------------------------------------------ shapes and config

    @Override public Shape computeOutputShape(Shape inputShape) { return computeOutputShapes(List.of(inputShape)).get(0); }

    @Override public List<Shape> computeOutputShapes(List<Shape> shapes) {
        validate(shapes.size());
        Shape q = shapes.get(0), v = shapes.get(1), k = shapes.size() > 2 ? shapes.get(2) : v;
        Shape out = q.withDim(-1, v.dim(-1));
        if (!returnAttentionScores) return List.of(out);
        return List.of(out, q.withDim(-1, k.dim(-2)));
    }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("use_scale", useScale);
        c.put("score_mode", scoreMode);
        c.put("dropout", dropout);
        c.put("seed", seed);
        return c;
    }

    public static Attention fromConfig(Layers.Config c) {
        Attention a = new Attention().useScale(c.bool("use_scale", false)).scoreMode(c.string("score_mode", "dot"))
                .dropout(c.number("dropout", 0.0));
        if (c.has("seed")) a.seed((long) c.integer("seed", 0));
        else c.raw("seed");
        // Keras 2 wrote `causal` in the config; Keras 3 made it a call argument.
        if (c.bool("causal", false)) a.useCausalMask(true);
        return a;
    }
}
