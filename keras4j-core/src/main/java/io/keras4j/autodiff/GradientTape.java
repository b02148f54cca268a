package io.keras4j.autodiff;

import io.keras4j.tensor.Tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records the primitives run while it is open and gives reverse-mode gradients, as TF-Keras's
 * {@code tf.GradientTape}: <pre>{@code
 * try (var tape = new GradientTape()) {
 *     Tensor loss = ...;                        // trainable variables read here are watched
 *     List<Tensor> grads = tape.gradient(loss, model.trainableVariables());
 * }}</pre>
 * Only operations that depend on a watched tensor are recorded. Gradients are computed with
 * recording paused (first-order only). A non-persistent tape answers one {@code gradient} call.
 */
public final class GradientTape implements AutoCloseable {
    private static final ThreadLocal<ArrayDeque<GradientTape>> ACTIVE = ThreadLocal.withInitial(ArrayDeque::new);
    private static final ThreadLocal<int[]> PAUSED = ThreadLocal.withInitial(() -> new int[1]);

    private final boolean persistent;
    private final Map<Tensor, Boolean> tracked = new IdentityHashMap<>();
    private final List<Node> nodes = new ArrayList<>();
    private boolean used;
    private boolean closed;

    /** A node of the recorded graph: one primitive call. */
    record Node(Primitives.Prim prim, Tensor[] inputs, Tensor output, Object attr) {}

    public GradientTape() { this(false); }

    public GradientTape(boolean persistent) {
        this.persistent = persistent;
        ACTIVE.get().push(this);
    }

    /** Starts tracking a tensor (variables are tracked when read). */
    public void watch(Tensor t) { tracked.put(t, Boolean.TRUE); }

    public void watch(Variable v) { tracked.put(v.peek(), Boolean.TRUE); }

    static void onVariableRead(Variable v) {
        ArrayDeque<GradientTape> tapes = ACTIVE.get();
        if (tapes.isEmpty() || PAUSED.get()[0] > 0) return;
        for (GradientTape t : tapes) t.tracked.put(v.peek(), Boolean.TRUE);
    }

    /** True when some open tape on this thread may record. */
    static boolean recording() { return !ACTIVE.get().isEmpty() && PAUSED.get()[0] == 0; }

    static void record(Primitives.Prim prim, Tensor[] inputs, Tensor output, Object attr) {
        for (GradientTape tape : ACTIVE.get()) {
            for (Tensor in : inputs) {
                if (tape.tracked.containsKey(in)) {
                    tape.nodes.add(new Node(prim, inputs, output, attr));
                    tape.tracked.put(output, Boolean.TRUE);
                    break;
                }
            }
        }
    }

    /** Runs {@code body} without recording on any tape (Keras's {@code stop_gradient} scope). */
    public static <T> T stopRecording(java.util.function.Supplier<T> body) {
        int[] p = PAUSED.get();
        p[0]++;
        try {
            return body.get();
        } finally {
            p[0]--;
        }
    }

    public Tensor gradient(Tensor target, Tensor source) { return gradient(target, List.of(source)).get(0); }

    /** Gradients of {@code target} (summed if not scalar) with respect to each variable; null where unconnected. */
    public List<Tensor> gradientOfVariables(Tensor target, List<Variable> variables) {
        List<Tensor> sources = new ArrayList<>(variables.size());
        for (Variable v : variables) sources.add(v.peek());
        return gradient(target, sources);
    }

    /**
     * Gradients of {@code target} with respect to {@code sources}; a source the target does not
     * depend on gets null, as in TensorFlow. A non-scalar target is treated as its sum.
     */
    public List<Tensor> gradient(Tensor target, List<Tensor> sources) {
        if (used && !persistent) {
            throw new IllegalStateException("A non-persistent GradientTape can only be used to compute one set of gradients");
        }
        used = true;
        return stopRecording(() -> backprop(target, sources));
    }

    private List<Tensor> backprop(Tensor target, List<Tensor> sources) {
        Map<Tensor, Tensor> grads = new IdentityHashMap<>();
        Map<Tensor, Boolean> owned = new IdentityHashMap<>(); // accumulators only this pass holds, safe to add into
        Map<Tensor, Boolean> isSource = new IdentityHashMap<>();
        for (Tensor s : sources) isSource.put(s, Boolean.TRUE);
        grads.put(target, Primitives.onesLike(target));
        for (int i = nodes.size() - 1; i >= 0; i--) {
            Node node = nodes.get(i);
            Tensor g = grads.remove(node.output());
            if (g == null) continue;
            owned.remove(g); // from here on g may be shared (an ADD hands it to both inputs): never add into it
            boolean[] need = new boolean[node.inputs().length];
            for (int j = 0; j < need.length; j++) need[j] = tracked.containsKey(node.inputs()[j]);
            if (node.prim() == Primitives.Prim.SLICE && need[0]) {
                // A tensor read slice by slice (an RNN's time steps) gets its gradient added into one
                // buffer: padding each slice's gradient to the full shape and summing costs O(T²).
                Tensor in = node.inputs()[0];
                Tensor acc = grads.get(in);
                if (acc == null || !owned.containsKey(acc)) {
                    Tensor fresh = Tensor.zeros(in.shape(), in.dtype());
                    if (acc != null) Primitives.addInto(fresh, acc, new int[in.rank()]);
                    acc = fresh;
                    owned.put(acc, Boolean.TRUE);
                    grads.put(in, acc);
                }
                Primitives.addInto(acc, g, (int[]) node.attr());
                if (isSource.containsKey(node.output())) grads.put(node.output(), g);
                continue;
            }
            Tensor[] inGrads = Gradients.of(node, g, need);
            for (int j = 0; j < node.inputs().length; j++) {
                Tensor in = node.inputs()[j];
                if (inGrads[j] == null || !tracked.containsKey(in)) continue;
                Tensor prev = grads.get(in);
                grads.put(in, prev == null ? inGrads[j] : Primitives.binary(io.keras4j.backend.BinaryOp.ADD, prev, inGrads[j]));
            }
            if (isSource.containsKey(node.output())) grads.put(node.output(), g); // a source may be an intermediate
        }
        List<Tensor> out = new ArrayList<>(sources.size());
        for (Tensor s : sources) out.add(s == target ? Primitives.onesLike(target) : grads.get(s));
        return out;
    }

    @Override public void close() {
        if (closed) return;
        closed = true;
        ACTIVE.get().remove(this);
    }
}
