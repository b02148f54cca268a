package io.keras4j.autodiff;

import io.keras4j.autodiff.GradientTape.Node;
import io.keras4j.autodiff.Primitives.IndexAttr;
import io.keras4j.autodiff.Primitives.MatmulAttr;
import io.keras4j.autodiff.Primitives.ReduceAttr;
import io.keras4j.backend.Backend.ConvGeometry;
import io.keras4j.backend.BinaryOp;
import io.keras4j.backend.ReduceOp;
import io.keras4j.backend.UnaryOp;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import static io.keras4j.autodiff.Primitives.binary;
import static io.keras4j.autodiff.Primitives.unary;

/**
 * The gradient table: for every primitive, the vector-Jacobian product that maps the gradient of
 * its output to the gradients of its inputs (null: no gradient flows to that input). This is the
 * only place where derivatives are written; composites get theirs by the chain rule.
 */
final class Gradients {
    private Gradients() {}

    /** Input gradients of one node; only those flagged in {@code need} are computed (others null). */
    static Tensor[] of(Node node, Tensor g, boolean[] need) {
        Tensor[] in = node.inputs();
        Tensor y = node.output();
        Object attr = node.attr();
        return switch (node.prim()) {
            case UNARY -> new Tensor[] {unaryGrad((UnaryOp) attr, in[0], y, g)};
            case BINARY -> binaryGrad((BinaryOp) attr, in[0], in[1], y, g, need[0], need[1]);
            case WHERE -> {
                Tensor zero = zerosLike(g);
                yield new Tensor[] {null, Primitives.where(in[0], g, zero), Primitives.where(in[0], zero, g)};
            }
            case REDUCE -> new Tensor[] {reduceGrad((ReduceAttr) attr, in[0], y, g)};
            case MATMUL -> matmulGrad((MatmulAttr) attr, in[0], in[1], g, need[0], need[1]);
            case RESHAPE -> new Tensor[] {Primitives.reshape(g, in[0].shape())};
            case TRANSPOSE -> new Tensor[] {Primitives.transpose(g, inverse((int[]) attr))};
            case BROADCAST_TO -> new Tensor[] {sumToShape(g, in[0].shape())};
            case SLICE -> new Tensor[] {Primitives.pad(g, (int[]) attr, in[0].shape())};
            case PAD -> new Tensor[] {Primitives.slice(g, (int[]) attr, in[0].shape().dims())};
            case CONCAT -> concatGrad(((int[]) attr)[0], in, g);
            case GATHER -> new Tensor[] {Primitives.scatterAdd(g, (IndexAttr) attr, in[0].shape())};
            case SCATTER_ADD -> new Tensor[] {Primitives.gatherFlat(g, (IndexAttr) attr)};
            case CAST -> new Tensor[] {Primitives.cast(g, in[0].dtype())};
            // conv(x, w): dx is the transposed convolution of g; dw correlates x with g.
            case CONV -> new Tensor[] {
                    need[0] ? Primitives.convTranspose(g, in[1], (ConvGeometry) attr) : null,
                    need[1] ? Primitives.convKernelGradient(in[0], g, (ConvGeometry) attr, in[1].shape()) : null};
            // convTranspose(y, w) = convᵀ: dy is the forward convolution of g; dw correlates g (as the input) with y.
            case CONV_TRANSPOSE -> new Tensor[] {
                    need[0] ? Primitives.conv(g, in[1], ((ConvGeometry) attr).strides(), ((ConvGeometry) attr).dilation(),
                            ((ConvGeometry) attr).padBefore(), afterPadding(g.shape(), (ConvGeometry) attr), ((ConvGeometry) attr).groups()) : null,
                    need[1] ? Primitives.convKernelGradient(g, in[0], (ConvGeometry) attr, in[1].shape()) : null};
            case MAX_POOL -> new Tensor[] {Primitives.maxPoolGradient(in[0], g, (ConvGeometry) attr)};
            case AVG_POOL -> new Tensor[] {Primitives.avgPoolGradient(g, (ConvGeometry) attr, in[0].shape())};
            // Backpropagation through time over the saved gates and cell states.
            case LSTM -> Primitives.lstmGradient((Primitives.LstmAttr) attr, in, y, g, need);
            case SIMPLE_RNN -> Primitives.simpleRnnGradient((Boolean) attr, in, y, g, need);
            case GRU -> Primitives.gruGradient((Primitives.GruAttr) attr, in, y, g, need);
        };
    }

    private static Tensor unaryGrad(UnaryOp op, Tensor x, Tensor y, Tensor g) {
        return switch (op) {
            case NEG -> unary(UnaryOp.NEG, g);
            case EXP -> mul(g, y);
            case LOG -> div(g, x);
            case SQRT -> div(g, mul(y, scalar(2, y)));
            case ABS -> mul(g, unary(UnaryOp.SIGN, x));
            case TANH -> mul(g, sub(scalar(1, y), mul(y, y)));
            case SIGMOID -> mul(g, mul(y, sub(scalar(1, y), y)));
            case RELU -> mul(g, binary(BinaryOp.GREATER, y, scalar(0, y)));
            case SIN -> mul(g, unary(UnaryOp.COS, x));
            case COS -> unary(UnaryOp.NEG, mul(g, unary(UnaryOp.SIN, x)));
            case LOG1P -> div(g, add(x, scalar(1, x)));
            case EXPM1 -> mul(g, add(y, scalar(1, y)));
            case ERF -> mul(g, mul(scalar(2 / Math.sqrt(Math.PI), x), unary(UnaryOp.EXP, unary(UnaryOp.NEG, mul(x, x)))));
            case SQUARE -> mul(g, mul(x, scalar(2, x)));
            case RECIPROCAL -> unary(UnaryOp.NEG, mul(g, mul(y, y)));
            case SIGN, FLOOR, CEIL, ROUND -> null; // piecewise constant
        };
    }

    private static Tensor[] binaryGrad(BinaryOp op, Tensor a, Tensor b, Tensor y, Tensor g, boolean needA, boolean needB) {
        Tensor ga = null, gb = null;
        switch (op) {
            case ADD -> { ga = g; gb = g; }
            case SUB -> { ga = g; gb = needB ? unary(UnaryOp.NEG, g) : null; }
            case MUL -> {
                if (needA) ga = mul(g, b);
                if (needB) gb = mul(g, a);
            }
            case DIV -> {
                if (needA) ga = div(g, b);
                if (needB) gb = unary(UnaryOp.NEG, div(mul(g, y), b));
            }
            case POW -> {
                // d/da a^b = b a^(b-1); d/db = a^b log a, taken as 0 where a <= 0 (as TensorFlow).
                if (needA) ga = mul(g, mul(b, binary(BinaryOp.POW, a, sub(b, scalar(1, b)))));
                if (needB) {
                    Tensor positive = Primitives.broadcastTo(binary(BinaryOp.GREATER, a, scalar(0, a)), y.shape());
                    Tensor safeA = Primitives.where(positive, Primitives.broadcastTo(a, y.shape()), Tensor.full(y.shape(), 1, a.dtype()));
                    gb = mul(g, mul(y, unary(UnaryOp.LOG, safeA)));
                }
            }
            case MAX, MIN -> {
                // The gradient goes to a where a wins (ties to a), else to b.
                Tensor aWins = binary(op == BinaryOp.MAX ? BinaryOp.GREATER_EQUAL : BinaryOp.LESS_EQUAL, a, b);
                if (needA) ga = mul(g, aWins);
                if (needB) gb = mul(g, sub(scalar(1, aWins), aWins));
            }
            default -> throw new IllegalStateException("comparisons are not differentiable: " + op);
        }
        return new Tensor[] {needA ? sumToShape(ga, a.shape()) : null, needB ? sumToShape(gb, b.shape()) : null};
    }

    private static Tensor reduceGrad(ReduceAttr at, Tensor x, Tensor y, Tensor g) {
        Shape kept = Primitives.reducedShape(x.shape(), at.axes(), true);
        Tensor gk = Primitives.broadcastTo(Primitives.reshape(g, kept), x.shape());
        if (at.op() == ReduceOp.SUM) return gk;
        // max/min: share the gradient equally among the elements equal to the extreme.
        Tensor yk = Primitives.broadcastTo(Primitives.reshape(y, kept), x.shape());
        Tensor hit = binary(BinaryOp.EQUAL, x, yk);
        Tensor count = Primitives.broadcastTo(Primitives.reduce(ReduceOp.SUM, hit, at.axes(), true), x.shape());
        return div(mul(gk, hit), count);
    }

    /** Skipping an unneeded side matters: a first layer's input gradient is a whole GEMM nobody reads. */
    private static Tensor[] matmulGrad(MatmulAttr at, Tensor a, Tensor b, Tensor g, boolean needA, boolean needB) {
        boolean ta = at.transA(), tb = at.transB();
        Tensor ga = !needA ? null : ta ? Primitives.matmul(b, g, tb, true) : Primitives.matmul(g, b, false, !tb);
        Tensor gb = !needB ? null : tb ? Primitives.matmul(g, a, true, ta) : Primitives.matmul(a, g, !ta, false);
        return new Tensor[] {ga == null ? null : sumToShape(ga, a.shape()), gb == null ? null : sumToShape(gb, b.shape())};
    }

    private static Tensor[] concatGrad(int axis, Tensor[] in, Tensor g) {
        Tensor[] out = new Tensor[in.length];
        int[] begin = new int[g.rank()];
        for (int j = 0; j < in.length; j++) {
            out[j] = Primitives.slice(g, begin.clone(), in[j].shape().dims());
            begin[axis] += in[j].shape().dim(axis);
        }
        return out;
    }

    /** Sums a broadcast gradient back to the shape of the operand it came from. */
    static Tensor sumToShape(Tensor g, Shape shape) {
        if (g.shape().equals(shape)) return g;
        int lead = g.rank() - shape.rank();
        java.util.ArrayList<Integer> axes = new java.util.ArrayList<>();
        for (int i = 0; i < g.rank(); i++) {
            if (i < lead || (shape.dim(i - lead) == 1 && g.shape().dim(i) != 1)) axes.add(i);
        }
        Tensor s = Primitives.reduce(ReduceOp.SUM, g, axes.stream().mapToInt(Integer::intValue).toArray(), true);
        return Primitives.reshape(s, shape);
    }

    /** The after-padding that makes a convolution of the input shape yield exactly g.outSpatial (it may be negative: a crop). */
    private static int[] afterPadding(Shape inShape, ConvGeometry g) {
        int rank = g.kernel().length;
        int[] after = new int[rank];
        for (int d = 0; d < rank; d++) {
            int span = (g.kernel()[d] - 1) * g.dilation()[d] + 1;
            after[d] = (g.outSpatial()[d] - 1) * g.strides()[d] + span - inShape.dim(d + 1) - g.padBefore()[d];
        }
        return after;
    }

    private static int[] inverse(int[] perm) {
        int[] inv = new int[perm.length];
        for (int i = 0; i < perm.length; i++) inv[perm[i]] = i;
        return inv;
    }

    private static Tensor scalar(double v, Tensor like) { return Tensor.scalar(v, like.dtype()); }

    private static Tensor zerosLike(Tensor t) { return Tensor.zeros(t.shape(), t.dtype()); }

    private static Tensor add(Tensor a, Tensor b) { return binary(BinaryOp.ADD, a, b); }

    private static Tensor sub(Tensor a, Tensor b) { return binary(BinaryOp.SUB, a, b); }

    private static Tensor mul(Tensor a, Tensor b) { return binary(BinaryOp.MUL, a, b); }

    private static Tensor div(Tensor a, Tensor b) { return binary(BinaryOp.DIV, a, b); }
}
