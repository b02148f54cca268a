package io.keras4j.layers.attention;

import io.keras4j.autodiff.Variable;
import io.keras4j.constraints.Constraint;
import io.keras4j.constraints.Constraints;
import io.keras4j.initializers.Initializer;
import io.keras4j.initializers.Initializers;
import io.keras4j.layers.Layer;
import io.keras4j.layers.Layers;
import io.keras4j.ops.Ops;
import io.keras4j.regularizers.Regularizer;
import io.keras4j.regularizers.Regularizers;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Keras's {@code MultiHeadAttention} (Vaswani et al., 2017). Query, key and value are projected
 * per head (Keras's EinsumDense sub-layers "query", "key", "value": kernels (dim, num_heads,
 * key_dim|value_dim), biases (num_heads, key_dim|value_dim)), the scores {@code q·k / sqrt(key_dim)}
 * are softmaxed over the key positions of the attention axes (masked scores set to -1e9, then
 * their weights to 0), weight the values, and the heads are projected back by "attention_output"
 * (kernel (num_heads, value_dim, *output_shape), bias output_shape).
 *
 * <p>Inputs (batch, *dims, features); attention runs over {@code attention_axes} (default: all of
 * dims) and every other axis is a batch axis. Keras's call arguments {@code attention_mask},
 * {@code use_causal_mask} and {@code return_attention_scores} are {@link #callWithMask}'s; for
 * graph calls the last two can be set on the layer.
 */
public final class MultiHeadAttention extends Layer {
    private final int numHeads;
    private final int keyDim;
    private int valueDim;
    private double dropout;
    private boolean useBias = true;
    private int[] outputShape;
    private int[] attentionAxes;
    private Long seed;
    private Initializer kernelInitializer = Initializers.get("glorot_uniform");
    private Initializer biasInitializer = Initializers.get("zeros");
    // As Keras, each of the four projections (query, key, value, output) gets these: four penalties.
    private Regularizer kernelRegularizer;
    private Regularizer biasRegularizer;
    private Constraint kernelConstraint;
    private Constraint biasConstraint;
    private boolean useCausalMask;
    private boolean returnAttentionScores;
    private AttentionScores scoring;

    private Variable queryKernel, queryBias, keyKernel, keyBias, valueKernel, valueBias, outputKernel, outputBias;
    /** Attention axes on the projected (batch, *dims, heads, channels) tensors. */
    private int[] axes;

    public MultiHeadAttention(int numHeads, int keyDim) {
        if (numHeads <= 0) {
            throw new IllegalArgumentException("Received an invalid value for argument `num_heads`, expected a positive integer. Received: num_heads=" + numHeads);
        }
        if (keyDim <= 0) {
            throw new IllegalArgumentException("Received an invalid value for argument `key_dim`, expected a positive integer. Received: key_dim=" + keyDim);
        }
        this.numHeads = numHeads;
        this.keyDim = keyDim;
        this.valueDim = keyDim;
    }

    public MultiHeadAttention valueDim(int value) {
        checkNotBuilt();
        if (value <= 0) {
            throw new IllegalArgumentException("Received an invalid value for argument `value_dim`, expected a positive integer or `None`. Received: value_dim=" + value);
        }
        this.valueDim = value;
        return this;
    }

    public MultiHeadAttention dropout(double rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("Invalid value received for argument `dropout`. Expected a float value between 0 and 1 (1 excluded). Received: dropout=" + rate);
        }
        this.dropout = rate;
        return this;
    }

    public MultiHeadAttention useBias(boolean value) {
        checkNotBuilt();
        this.useBias = value;
        return this;
    }

    /** The shape of each output position's features; default the query's last dimension. */
    public MultiHeadAttention outputShape(int... shape) {
        checkNotBuilt();
        for (int d : shape) if (d <= 0) throw new IllegalArgumentException("Invalid `output_shape`: " + Arrays.toString(shape) + ".");
        this.outputShape = shape.length == 0 ? null : shape.clone();
        return this;
    }

    /** Axes of the input (negative from the end, not counting heads) that attention runs over. */
    public MultiHeadAttention attentionAxes(int... axesOfInput) {
        checkNotBuilt();
        this.attentionAxes = axesOfInput.length == 0 ? null : axesOfInput.clone();
        return this;
    }

    public MultiHeadAttention seed(Long value) {
        this.seed = value;
        this.scoring = null;
        return this;
    }

    public MultiHeadAttention kernelInitializer(String name) { return kernelInitializer(Initializers.get(name)); }

    public MultiHeadAttention kernelInitializer(Initializer init) {
        checkNotBuilt();
        this.kernelInitializer = init;
        return this;
    }

    public MultiHeadAttention biasInitializer(String name) { return biasInitializer(Initializers.get(name)); }

    public MultiHeadAttention biasInitializer(Initializer init) {
        checkNotBuilt();
        this.biasInitializer = init;
        return this;
    }

    public MultiHeadAttention kernelRegularizer(String name) { return kernelRegularizer(Regularizers.get(name)); }

    /** Penalises the query, key, value and output kernels, each on its own. */
    public MultiHeadAttention kernelRegularizer(Regularizer value) {
        checkNotBuilt();
        this.kernelRegularizer = value;
        return this;
    }

    public MultiHeadAttention biasRegularizer(String name) { return biasRegularizer(Regularizers.get(name)); }

    public MultiHeadAttention biasRegularizer(Regularizer value) {
        checkNotBuilt();
        this.biasRegularizer = value;
        return this;
    }

    public MultiHeadAttention kernelConstraint(String name) { return kernelConstraint(Constraints.get(name)); }

    /** Projects each of the four kernels after every optimizer update. */
    public MultiHeadAttention kernelConstraint(Constraint value) {
        checkNotBuilt();
        this.kernelConstraint = value;
        return this;
    }

    public MultiHeadAttention biasConstraint(String name) { return biasConstraint(Constraints.get(name)); }

    public MultiHeadAttention biasConstraint(Constraint value) {
        checkNotBuilt();
        this.biasConstraint = value;
        return this;
    }

    public Regularizer kernelRegularizer() { return kernelRegularizer; }

    public Regularizer biasRegularizer() { return biasRegularizer; }

    public Constraint kernelConstraint() { return kernelConstraint; }

    public Constraint biasConstraint() { return biasConstraint; }

    /** Keras's call argument {@code use_causal_mask}, for graph calls (3-D inputs). */
    public MultiHeadAttention useCausalMask(boolean value) {
        this.useCausalMask = value;
        return this;
    }

    /** Keras's call argument {@code return_attention_scores}: a second output, the softmaxed scores. */
    public MultiHeadAttention returnAttentionScores(boolean value) {
        this.returnAttentionScores = value;
        return this;
    }

    public int numHeads() { return numHeads; }

    public int keyDim() { return keyDim; }

    public int valueDim() { return valueDim; }

    // ------------------------------------------------------------------ build

    @Override public void build(Shape inputShape) { checkCount(1); }

    private void checkCount(int n) {
        if (n < 2 || n > 3) {
            throw new IllegalArgumentException("MultiHeadAttention layer accepts inputs list of length 2 or 3, namely [query, value] or [query, value, key]. Received length: " + n + ".");
        }
    }

    @Override protected void buildAll(List<Shape> shapes) {
        checkCount(shapes.size());
        Shape q = shapes.get(0), v = shapes.get(1), k = shapes.size() > 2 ? shapes.get(2) : v;
        checkShapes(q, v, k);
        queryKernel = addWeight("query/kernel", Shape.of(q.dim(-1), numHeads, keyDim), kernelInitializer, true, kernelRegularizer, kernelConstraint);
        if (useBias) queryBias = addWeight("query/bias", Shape.of(numHeads, keyDim), biasInitializer, true, biasRegularizer, biasConstraint);
        keyKernel = addWeight("key/kernel", Shape.of(k.dim(-1), numHeads, keyDim), kernelInitializer, true, kernelRegularizer, kernelConstraint);
        if (useBias) keyBias = addWeight("key/bias", Shape.of(numHeads, keyDim), biasInitializer, true, biasRegularizer, biasConstraint);
        valueKernel = addWeight("value/kernel", Shape.of(v.dim(-1), numHeads, valueDim), kernelInitializer, true, kernelRegularizer, kernelConstraint);
        if (useBias) valueBias = addWeight("value/bias", Shape.of(numHeads, valueDim), biasInitializer, true, biasRegularizer, biasConstraint);
        int[] out = outputDims(q);
        int[] ok = new int[out.length + 2];
        ok[0] = numHeads;
        ok[1] = valueDim;
        System.arraycopy(out, 0, ok, 2, out.length);
        outputKernel = addWeight("attention_output/kernel", Shape.of(ok), kernelInitializer, true, kernelRegularizer, kernelConstraint);
        if (useBias) outputBias = addWeight("attention_output/bias", Shape.of(out), biasInitializer, true, biasRegularizer, biasConstraint);
    }

    private void checkShapes(Shape q, Shape v, Shape k) {
        if (!v.sub(1, v.rank() - 1).equals(k.sub(1, k.rank() - 1))) {
            throw new IllegalArgumentException("All dimensions of `value` and `key`, except the last one, must be equal. Received: value_shape="
                    + v + " and key_shape=" + k);
        }
        if (q.rank() != v.rank() || q.rank() < 3) {
            throw new IllegalArgumentException("`query` and `value` must have the same rank, at least 3. Received: query_shape=" + q + " and value_shape=" + v);
        }
        int[] ax = projectedAxes(q.rank() + 1);
        for (int i = 1; i < q.rank() - 1; i++) {
            boolean attended = false;
            for (int a : ax) attended |= a == i;
            if (!attended && q.dim(i) != v.dim(i) && q.dim(i) != Shape.UNKNOWN && v.dim(i) != Shape.UNKNOWN) {
                throw new IllegalArgumentException("`query` and `value` must agree on the axes attention does not run over. Received: query_shape="
                        + q + " and value_shape=" + v);
            }
        }
    }

    private int[] outputDims(Shape q) { return outputShape != null ? outputShape.clone() : new int[] {q.dim(-1)}; }

    /** Keras's normalisation: default 1..rank-3 of the projected rank; negative axes count from the input's end. */
    private int[] projectedAxes(int rank) {
        if (attentionAxes == null) {
            int[] a = new int[rank - 3];
            for (int i = 0; i < a.length; i++) a[i] = i + 1;
            return a;
        }
        int[] a = new int[attentionAxes.length];
        for (int i = 0; i < a.length; i++) {
            int ax = attentionAxes[i] >= 0 ? attentionAxes[i] : (rank - 1) + attentionAxes[i];
            if (ax < 1 || ax > rank - 3) {
                throw new IllegalArgumentException("Invalid `attention_axes`: " + Arrays.toString(attentionAxes) + " for inputs of rank " + (rank - 1));
            }
            a[i] = ax;
        }
        return a;
    }

    // ------------------------------------------------------------------ call

    @Override public Tensor call(Tensor inputs, boolean training) {
        throw new IllegalArgumentException("MultiHeadAttention layer must be called on a list of inputs, namely [query, value] or [query, value, key]. Received: inputs="
                + inputs.shape() + ".");
    }

    @Override protected List<Tensor> callAll(List<Tensor> inputs, boolean training) {
        checkCount(inputs.size());
        Tensor key = inputs.size() > 2 ? inputs.get(2) : null;
        List<Tensor> r = callWithMask(inputs.get(0), inputs.get(1), key, null, useCausalMask, training);
        return returnAttentionScores ? r : List.of(r.get(0));
    }

    /**
     * Masks arriving with the inputs in a model: Keras's {@code _compute_attention_mask} builds the
     * attention mask query_mask[:, :, None] & value_mask[:, None, :] (& key_mask), then ANDs the
     * causal mask in {@link #callWithMask}.
     */
    @Override protected List<Tensor> callAllMasked(List<Tensor> inputs, List<Tensor> masks, boolean training) {
        checkCount(inputs.size());
        Tensor key = inputs.size() > 2 ? inputs.get(2) : null;
        Tensor qm = masks.get(0), vm = masks.get(1), km = masks.size() > 2 ? masks.get(2) : null;
        Tensor mask = null;
        if (qm != null) mask = Ops.expandDims(AttentionScores.truth(qm), -1);
        if (vm != null) mask = AttentionScores.and(mask, Ops.expandDims(AttentionScores.truth(vm), -2));
        if (km != null) mask = AttentionScores.and(mask, Ops.expandDims(AttentionScores.truth(km), -2));
        List<Tensor> r = callWithMask(inputs.get(0), inputs.get(1), key, mask, useCausalMask, training);
        return returnAttentionScores ? r : List.of(r.get(0));
    }

    /** The output keeps the query's mask (Keras's {@code compute_mask}). */
    @Override public List<Tensor> computeMasks(List<Tensor> inputs, List<Tensor> masks) {
        Tensor q = masks.isEmpty() ? null : masks.get(0);
        return returnAttentionScores ? java.util.Arrays.asList(q, null) : java.util.Collections.singletonList(q);
    }

    /**
     * Keras's {@code call(query, value, key, attention_mask, use_causal_mask, training)}; returns
     * [output, attention_scores]. {@code key} null means value; {@code attentionMask} (batch, Tq, Tv)
     * or broadcastable, nonzero = may attend, may be null.
     */
    public List<Tensor> callWithMask(Tensor query, Tensor value, Tensor key, Tensor attentionMask, boolean causal, boolean training) {
        Tensor k0 = key == null ? value : key;
        List<Shape> shapes = new ArrayList<>(List.of(query.shape(), value.shape()));
        if (key != null) shapes.add(key.shape());
        ensureBuiltAll(shapes);
        checkShapes(query.shape(), value.shape(), k0.shape());
        if (query.dtype() != dtype() && query.dtype().isFloating()) query = Ops.cast(query, dtype());
        if (value.dtype() != dtype() && value.dtype().isFloating()) value = Ops.cast(value, dtype());
        if (k0.dtype() != dtype() && k0.dtype().isFloating()) k0 = Ops.cast(k0, dtype());

        Tensor mask = attentionMask == null ? null : AttentionScores.truth(attentionMask);
        if (causal) mask = AttentionScores.and(mask, AttentionScores.causalMask(query.shape().dim(1), value.shape().dim(1)));

        Tensor q = project(query, queryKernel, queryBias);
        Tensor k = project(k0, keyKernel, keyBias);
        Tensor v = project(value, valueKernel, valueBias);
        Tensor[] attended = attend(q, k, v, mask, training);
        Tensor out = projectOutput(attended[0], query.shape());
        List<Tensor> r = new ArrayList<>(2);
        r.add(out);
        r.add(attended[1]);
        return r;
    }

    /** (..., features) · kernel (features, heads, channels) + bias (heads, channels). */
    private static Tensor project(Tensor x, Variable kernel, Variable bias) {
        Shape ks = kernel.shape();
        Tensor y = Ops.dotLastAxis(x, Ops.reshape(kernel.value(), ks.dim(0), ks.dim(1) * ks.dim(2)));
        int[] d = x.shape().dims();
        int[] nd = Arrays.copyOf(d, d.length + 1);
        nd[d.length - 1] = ks.dim(1);
        nd[d.length] = ks.dim(2);
        y = Ops.reshape(y, nd);
        return bias == null ? y : Ops.add(y, bias.value());
    }

    /** (..., heads, value_dim) · kernel (heads, value_dim, *out) + bias (*out). */
    private Tensor projectOutput(Tensor x, Shape queryShape) {
        int[] out = outputDims(queryShape);
        int outSize = 1;
        for (int o : out) outSize *= o;
        int[] d = x.shape().dims();
        int lead = d.length - 2;
        int[] flat = Arrays.copyOf(d, lead + 1);
        flat[lead] = numHeads * valueDim;
        Tensor y = Ops.dotLastAxis(Ops.reshape(x, flat), Ops.reshape(outputKernel.value(), numHeads * valueDim, outSize));
        int[] nd = new int[lead + out.length];
        System.arraycopy(d, 0, nd, 0, lead);
        System.arraycopy(out, 0, nd, lead, out.length);
        y = Ops.reshape(y, nd);
        return outputBias == null ? y : Ops.add(y, outputBias.value());
    }

    /**
     * Scaled dot-product attention on projected (batch, *dims, heads, channels) tensors: every axis
     * but the attention axes and channels is a batch axis (heads included), as Keras's einsum
     * equations make it. Returns [output in the query's layout, scores (batch axes, q axes, k axes)].
     */
    private Tensor[] attend(Tensor q, Tensor k, Tensor v, Tensor mask, boolean training) {
        int rank = q.rank();
        axes = projectedAxes(rank);
        int[] batchAxes = new int[rank - 1 - axes.length];
        int nb = 0;
        for (int i = 0; i < rank - 1; i++) if (!contains(axes, i)) batchAxes[nb++] = i;
        int[] perm = new int[rank];
        System.arraycopy(batchAxes, 0, perm, 0, nb);
        System.arraycopy(axes, 0, perm, nb, axes.length);
        perm[rank - 1] = rank - 1;

        int bFlat = product(q.shape(), batchAxes), tFlat = product(q.shape(), axes), sFlat = product(k.shape(), axes);
        Tensor qm = Ops.reshape(Ops.transpose(q, perm), bFlat, tFlat, keyDim);
        Tensor km = Ops.reshape(Ops.transpose(k, perm), bFlat, sFlat, keyDim);
        Tensor vm = Ops.reshape(Ops.transpose(v, perm), bFlat, sFlat, valueDim);
        // Keras scales the query before the product; the same numbers, fewer multiplications.
        qm = Ops.multiply(qm, 1.0 / Math.sqrt(keyDim));
        Tensor scores = Ops.matmul(qm, km, false, true);

        int[] full = new int[nb + 2 * axes.length];
        for (int i = 0; i < nb; i++) full[i] = q.shape().dim(batchAxes[i]);
        for (int i = 0; i < axes.length; i++) {
            full[nb + i] = q.shape().dim(axes[i]);
            full[nb + axes.length + i] = k.shape().dim(axes[i]);
        }
        Tensor flatMask = null;
        if (mask != null) {
            // Keras inserts the missing axes just before the query attention axes (the heads axis).
            Tensor m = mask;
            while (m.rank() < full.length) m = Ops.expandDims(m, m.rank() - 2 * axes.length);
            flatMask = Ops.reshape(Ops.broadcastTo(Ops.cast(m, scores.dtype()), Shape.of(full)), bFlat, tFlat, sFlat);
            scores = Ops.where(flatMask, scores, -AttentionScores.LARGE_NEGATIVE);
        }
        Tensor weights = Ops.softmax(scores, -1);
        if (flatMask != null) weights = Ops.where(flatMask, weights, 0.0);
        Tensor used = weights;
        if (training && dropout > 0) {
            if (scoring == null) scoring = new AttentionScores(seed);
            used = scoring.dropout(weights, dropout);
        }
        Tensor o = Ops.matmul(used, vm);
        int[] od = new int[rank];
        for (int i = 0; i < nb; i++) od[i] = q.shape().dim(batchAxes[i]);
        for (int i = 0; i < axes.length; i++) od[nb + i] = q.shape().dim(axes[i]);
        od[rank - 1] = valueDim;
        int[] inverse = new int[rank];
        for (int i = 0; i < rank; i++) inverse[perm[i]] = i;
        Tensor output = Ops.transpose(Ops.reshape(o, od), inverse);
        return new Tensor[] {output, Ops.reshape(weights, full)};
    }

    private static boolean contains(int[] a, int x) {
        for (int y : a) if (y == x) return true;
        return false;
    }

    private static int product(Shape s, int[] axes) {
        int p = 1;
        for (int a : axes) p *= s.dim(a);
        return p;
    }

    // ------------------------------------------------------------------ shapes and config

    @Override public Shape computeOutputShape(Shape inputShape) { return computeOutputShapes(List.of(inputShape)).get(0); }

    @Override public List<Shape> computeOutputShapes(List<Shape> shapes) {
        checkCount(shapes.size());
        Shape q = shapes.get(0), v = shapes.get(1), k = shapes.size() > 2 ? shapes.get(2) : v;
        checkShapes(q, v, k);
        int[] out = outputDims(q);
        int[] d = new int[q.rank() - 1 + out.length];
        for (int i = 0; i < q.rank() - 1; i++) d[i] = q.dim(i);
        System.arraycopy(out, 0, d, q.rank() - 1, out.length);
        if (!returnAttentionScores) return List.of(Shape.of(d));
        int rank = q.rank() + 1;
        int[] ax = projectedAxes(rank);
        int[] qp = Arrays.copyOf(q.dims(), rank);
        qp[rank - 2] = numHeads;
        List<Integer> s = new ArrayList<>();
        for (int i = 0; i < rank - 1; i++) if (!contains(ax, i)) s.add(qp[i]);
        for (int a : ax) s.add(qp[a]);
        for (int a : ax) s.add(k.dim(a));
        return List.of(Shape.of(d), Shape.of(s.stream().mapToInt(Integer::intValue).toArray()));
    }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("num_heads", numHeads);
        c.put("key_dim", keyDim);
        c.put("value_dim", valueDim);
        c.put("dropout", dropout);
        c.put("use_bias", useBias);
        c.put("output_shape", outputShape == null ? null : toList(outputShape));
        c.put("attention_axes", attentionAxes == null ? null : toList(attentionAxes));
        c.put("kernel_initializer", serialize("keras.initializers", kernelInitializer.className(), kernelInitializer.getConfig()));
        c.put("bias_initializer", serialize("keras.initializers", biasInitializer.className(), biasInitializer.getConfig()));
        c.put("kernel_regularizer", Regularizers.serialize(kernelRegularizer));
        c.put("bias_regularizer", Regularizers.serialize(biasRegularizer));
        c.put("activity_regularizer", io.keras4j.regularizers.Regularizers.serialize(activityRegularizer()));
        c.put("kernel_constraint", Constraints.serialize(kernelConstraint));
        c.put("bias_constraint", Constraints.serialize(biasConstraint));
        c.put("seed", seed);
        return c;
    }

    private static List<Integer> toList(int[] a) {
        List<Integer> l = new ArrayList<>();
        for (int x : a) l.add(x);
        return l;
    }

    public static MultiHeadAttention fromConfig(Layers.Config c) {
        MultiHeadAttention m = new MultiHeadAttention(c.integer("num_heads", 0), c.integer("key_dim", 0));
        if (c.has("value_dim")) m.valueDim(c.integer("value_dim", 0));
        else c.raw("value_dim");
        m.dropout(c.number("dropout", 0.0)).useBias(c.bool("use_bias", true));
        Object os = c.integerOrInts("output_shape", -1);
        if (os instanceof int[] a) m.outputShape(a);
        else if ((Integer) os != -1) m.outputShape((Integer) os);
        if (c.has("attention_axes")) {
            Object ax = c.integerOrInts("attention_axes", 0);
            m.attentionAxes(ax instanceof int[] a ? a : new int[] {(Integer) ax});
        } else c.raw("attention_axes");
        if (c.has("kernel_initializer")) m.kernelInitializer(c.initializer("kernel_initializer"));
        if (c.has("bias_initializer")) m.biasInitializer(c.initializer("bias_initializer"));
        m.kernelRegularizer(c.regularizer("kernel_regularizer")).biasRegularizer(c.regularizer("bias_regularizer"))
                .kernelConstraint(c.constraint("kernel_constraint")).biasConstraint(c.constraint("bias_constraint"));
        for (String k : new String[] {"sliding_window", "flash_attention"}) {
            c.requireNull(k);
        }
        if (c.bool("use_gate", false)) throw new UnsupportedOperationException("MultiHeadAttention: argument `use_gate` is not supported yet. Received: use_gate=true");
        if (c.has("seed")) m.seed((long) c.integer("seed", 0));
        else c.raw("seed");
        return m;
    }
}
