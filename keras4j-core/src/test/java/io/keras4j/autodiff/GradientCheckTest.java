package io.keras4j.autodiff;

import io.keras4j.autodiff.Primitives.IndexAttr;
import io.keras4j.backend.BinaryOp;
import io.keras4j.backend.ReduceOp;
import io.keras4j.backend.UnaryOp;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static io.keras4j.autodiff.GradCheck.awayFromZero;
import static io.keras4j.autodiff.GradCheck.check;
import static io.keras4j.autodiff.GradCheck.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every gradient rule in {@link Gradients} against float64 central differences, through the
 * primitives directly. The composites of {@code ops} are checked in {@code ops.OpsGradientCheckTest}.
 */
class GradientCheckTest {

    // ---------------------------------------------------------------- the checker itself

    @Test
    void checkerCatchesAWrongRule() {
        // y = x * stopRecording(x): the tape sees only one factor, so its gradient is half the truth.
        Tensor x = uniform(1, 0.5, 2, 4);
        double err = GradCheck.maxRelativeError(in -> Primitives.binary(BinaryOp.MUL, in.get(0),
                GradientTape.stopRecording(() -> in.get(0).withShape(in.get(0).shape()))), x);
        assertTrue(err > 0.1, "error " + err);
    }

    @Test
    void checkerRefusesAVacuousCheck() {
        Tensor x = uniform(2, -1, 1, 3);
        assertThrowsAssertion(() -> check(in -> Primitives.unary(UnaryOp.FLOOR, Primitives.unary(UnaryOp.ABS, in.get(0))), x));
    }

    private static void assertThrowsAssertion(Runnable r) {
        org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class, r::run);
    }

    // ---------------------------------------------------------------- unary

    /** A domain for each differentiable unary op that avoids its kinks and singularities. */
    private static Tensor domain(UnaryOp op, long seed) {
        return switch (op) {
            case LOG, SQRT -> uniform(seed, 0.2, 3, 2, 3);
            case LOG1P -> uniform(seed, -0.7, 3, 2, 3);
            case RECIPROCAL, ABS, RELU -> awayFromZero(seed, 0.2, 2, 2, 3);
            default -> uniform(seed, -2, 2, 2, 3);
        };
    }

    @ParameterizedTest
    @EnumSource(value = UnaryOp.class, names = {"NEG", "EXP", "LOG", "SQRT", "ABS", "TANH", "SIGMOID", "RELU", "SIN", "COS",
            "LOG1P", "EXPM1", "ERF", "SQUARE", "RECIPROCAL"})
    void unary(UnaryOp op) {
        check(in -> Primitives.unary(op, in.get(0)), domain(op, op.ordinal()));
    }

    @Test
    void sigmoidAndTanhFarInTheTails() {
        Tensor x = Tensor.of(new double[] {-12, -6, 6, 12});
        check(in -> Primitives.unary(UnaryOp.SIGMOID, in.get(0)), x);
        check(in -> Primitives.unary(UnaryOp.TANH, in.get(0)), Tensor.of(new double[] {-4, -3, 3, 4}));
    }

    @ParameterizedTest
    @EnumSource(value = UnaryOp.class, names = {"SIGN", "FLOOR", "CEIL", "ROUND"})
    void piecewiseConstantOpsPassNoGradient(UnaryOp op) {
        Tensor x = uniform(3, -2, 2, 5);
        List<double[]> a = GradCheck.analytic(in -> Primitives.unary(op, in.get(0)), x);
        List<double[]> n = GradCheck.numeric(1e-6, in -> Primitives.unary(op, in.get(0)), x);
        assertArrayEquals(new double[5], a.get(0));
        assertArrayEquals(new double[5], n.get(0));
    }

    @Test
    void chainOfUnaryOps() {
        check(in -> Primitives.unary(UnaryOp.LOG, Primitives.unary(UnaryOp.SIGMOID,
                Primitives.unary(UnaryOp.SIN, in.get(0)))), uniform(4, -3, 3, 7));
    }

    // ---------------------------------------------------------------- binary

    private static final int[][][] BROADCASTS = {
            {{2, 3}, {2, 3}},          // same shape
            {{2, 3}, {}},              // scalar right
            {{}, {2, 3}},              // scalar left
            {{2, 3}, {3}},             // bias on the right
            {{3}, {2, 3}},             // bias on the left
            {{2, 1, 4}, {3, 1}},       // both sides broadcast
            {{1, 3, 1}, {2, 1, 4}},    // both sides broadcast, leading 1
            {{2, 3}, {2, 1}},          // column
    };

    private static Tensor binaryOperand(BinaryOp op, long seed, int[] shape) {
        return switch (op) {
            case POW -> uniform(seed, 0.5, 2, shape);  // positive base; exponents in the same range
            case DIV -> seed % 2 == 0 ? uniform(seed, -2, 2, shape) : awayFromZero(seed, 0.5, 2, shape);
            default -> uniform(seed, -2, 2, shape);
        };
    }

    @ParameterizedTest
    @EnumSource(value = BinaryOp.class, names = {"ADD", "SUB", "MUL", "DIV", "POW", "MAX", "MIN"})
    void binaryWithBroadcasting(BinaryOp op) {
        for (int[][] shapes : BROADCASTS) {
            // Seeds chosen per case; with continuous draws, MAX/MIN never see exact ties.
            Tensor a = binaryOperand(op, 10 + 2L * shapes[0].length, shapes[0]);
            Tensor b = binaryOperand(op, 11 + 2L * shapes[1].length, shapes[1]);
            try {
                check(in -> Primitives.binary(op, in.get(0), in.get(1)), a, b);
            } catch (AssertionError e) {
                throw new AssertionError(op + " " + Shape.of(shapes[0]) + " with " + Shape.of(shapes[1]) + ": " + e.getMessage(), e);
            }
        }
    }

    @Test
    void powWithNegativeBaseAndIntegerExponent() {
        // d/da a^b = b a^(b-1) holds for a < 0 and integer b; the exponent's gradient is taken as 0 there.
        Tensor a = Tensor.of(new double[] {-1.5, -0.7, 1.2});
        Tensor b = Tensor.of(new double[] {3, 2, 2.5});
        check(in -> Primitives.binary(BinaryOp.POW, in.get(0), b), a);
        List<double[]> gb = GradCheck.analytic(in -> Primitives.binary(BinaryOp.POW, a, in.get(0)), b);
        assertEquals(0, gb.get(0)[0], 0);
        assertEquals(0, gb.get(0)[1], 0);
        assertEquals(Math.pow(1.2, 2.5) * Math.log(1.2) * weight(3, 2), gb.get(0)[2], 1e-12);
    }

    /** The weight GradCheck's weighted sum gives element i of an output with n elements. */
    private static double weight(int n, int i) {
        java.util.Random r = new java.util.Random(0x5EED + n);
        double w = 0;
        for (int k = 0; k <= i; k++) w = 2 * r.nextDouble() - 1;
        return w;
    }

    @Test
    void maxAndMinSendATiedGradientToTheFirstOperand() {
        // TensorFlow's rule for maximum/minimum: x wins ties (x >= y, x <= y).
        Tensor a = Tensor.of(new double[] {1, 2, 3});
        Tensor b = Tensor.of(new double[] {1, 5, 0});
        for (BinaryOp op : new BinaryOp[] {BinaryOp.MAX, BinaryOp.MIN}) {
            List<double[]> g = GradCheck.analytic(in -> Primitives.binary(op, in.get(0), in.get(1)), a, b);
            assertEquals(weight(3, 0), g.get(0)[0], 1e-15);
            assertEquals(0, g.get(1)[0], 0);
        }
    }

    @Test
    void sameTensorOnBothSides() {
        Tensor x = uniform(5, 0.5, 2, 2, 2);
        check(in -> Primitives.binary(BinaryOp.MUL, in.get(0), in.get(0)), x);
        check(in -> Primitives.binary(BinaryOp.POW, in.get(0), in.get(0)), x);
        check(in -> Primitives.binary(BinaryOp.DIV, in.get(0), Primitives.unary(UnaryOp.EXP, in.get(0))), x);
    }

    // ---------------------------------------------------------------- where, cast

    @Test
    void whereRoutesTheGradientByTheCondition() {
        Tensor cond = Tensor.of(new double[] {1, 0, 0, 1, 1, 0}, 2, 3);
        check(in -> Primitives.where(cond, in.get(0), in.get(1)), uniform(6, -1, 1, 2, 3), uniform(7, -1, 1, 2, 3));
        Tensor cond32 = Tensor.of(new float[] {0, 1, 0, 1, 0, 1}, 2, 3);
        check(in -> Primitives.where(cond32, Primitives.unary(UnaryOp.SIN, in.get(0)), Primitives.unary(UnaryOp.EXP, in.get(0))),
                uniform(8, -1, 1, 2, 3));
    }

    @Test
    void castBetweenFloat32AndFloat64() {
        // f(x) = w * float64(float32(x)) is linear; with x and h multiples of 1/8, float32 rounds nothing.
        Tensor x64 = Tensor.of(new double[] {0.5, -1.25, 3, 0.125}, 2, 2);
        check(0.5, in -> Primitives.cast(Primitives.cast(in.get(0), DType.FLOAT32), DType.FLOAT64), x64);
        Tensor x32 = Tensor.of(new float[] {0.5f, -1.25f, 3f, 0.125f}, 2, 2);
        check(0.5, in -> Primitives.cast(in.get(0), DType.FLOAT64), x32);
        // The gradient has the source's dtype.
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x32);
            assertEquals(DType.FLOAT32, tape.gradient(Primitives.cast(x32, DType.FLOAT64), x32).dtype());
        }
    }

    // ---------------------------------------------------------------- reductions

    @ParameterizedTest
    @EnumSource(ReduceOp.class)
    void reduceOverVariousAxes(ReduceOp op) {
        int[][] axesCases = {null, {0}, {1}, {2}, {-1}, {0, 1}, {1, 2}, {0, 2}, {0, 1, 2}};
        for (int[] axes : axesCases) {
            for (boolean keep : new boolean[] {false, true}) {
                // Distinct values: the extreme of each slice is unique, away from the max/min kink.
                Tensor x = uniform(20 + (axes == null ? 9 : axes.length), -2, 2, 2, 3, 4);
                try {
                    check(in -> Primitives.reduce(op, in.get(0), axes, keep), x);
                } catch (AssertionError e) {
                    throw new AssertionError(op + " axes " + java.util.Arrays.toString(axes) + " keepDims " + keep + ": " + e.getMessage(), e);
                }
            }
        }
    }

    @Test
    void reduceNonContiguousAxesOfRank4() {
        Tensor x = uniform(21, -2, 2, 2, 3, 2, 3);
        for (ReduceOp op : ReduceOp.values()) {
            check(in -> Primitives.reduce(op, in.get(0), new int[] {0, 2}, false), x);
            check(in -> Primitives.reduce(op, in.get(0), new int[] {3, 1}, true), x);
            check(in -> Primitives.reduce(op, in.get(0), new int[] {0, 1, 3}, false), x);
        }
    }

    @Test
    void maxSharesTheGradientAmongTiedElements() {
        // TensorFlow's reduce_max gradient: equal shares for the elements equal to the max.
        Tensor x = Tensor.of(new double[] {3, 1, 3, 2}, 4);
        List<double[]> g = GradCheck.analytic(in -> Primitives.reduce(ReduceOp.MAX, in.get(0), null, false), x);
        double w = weight(1, 0);
        assertArrayEquals(new double[] {w / 2, 0, w / 2, 0}, g.get(0), 1e-15);
    }

    // ---------------------------------------------------------------- matmul

    private static int[] stored(int rows, int cols, boolean trans) { return trans ? new int[] {cols, rows} : new int[] {rows, cols}; }

    private static int[] withBatch(int[] batch, int[] m) {
        int[] s = java.util.Arrays.copyOf(batch, batch.length + 2);
        s[batch.length] = m[0];
        s[batch.length + 1] = m[1];
        return s;
    }

    @Test
    void matmulAllTransposeCombinationsAndBatching() {
        int m = 3, k = 4, n = 2;
        int[][][] batches = {{{}, {}}, {{2}, {2}}, {{2}, {}}, {{}, {2}}, {{2, 2}, {2, 2}}, {{2, 3}, {}}};
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                for (int[][] bt : batches) {
                    Tensor a = uniform(30, -1, 1, withBatch(bt[0], stored(m, k, ta)));
                    Tensor b = uniform(31, -1, 1, withBatch(bt[1], stored(k, n, tb)));
                    try {
                        check(in -> Primitives.matmul(in.get(0), in.get(1), ta, tb), a, b);
                    } catch (AssertionError e) {
                        throw new AssertionError("transA " + ta + " transB " + tb + " shapes " + a.shape() + " " + b.shape() + ": "
                                + e.getMessage(), e);
                    }
                }
            }
        }
    }

    @Test
    void matmulOfATensorWithItself() {
        Tensor x = uniform(32, -1, 1, 3, 3);
        check(in -> Primitives.matmul(in.get(0), in.get(0), false, true), x);
        check(in -> Primitives.matmul(in.get(0), in.get(0), false, false), x);
    }

    // ---------------------------------------------------------------- layout

    @Test
    void reshapeTransposeBroadcast() {
        Tensor x = uniform(40, -1, 1, 2, 3, 4);
        check(in -> Primitives.reshape(in.get(0), Shape.of(4, -1)), x);
        check(in -> Primitives.transpose(in.get(0), new int[] {2, 0, 1}), x);
        check(in -> Primitives.transpose(in.get(0), new int[] {1, 0, 2}), x);
        check(in -> Primitives.transpose(in.get(0), new int[] {0, 2, 1}), x);
        check(in -> Primitives.transpose(Primitives.reshape(in.get(0), Shape.of(6, 4)), new int[] {1, 0}), x);
        Tensor x4 = uniform(41, -1, 1, 2, 1, 3, 2);
        check(in -> Primitives.transpose(in.get(0), new int[] {3, 1, 0, 2}), x4);
        check(in -> Primitives.broadcastTo(in.get(0), Shape.of(2, 3, 4)), uniform(42, -1, 1, 3, 1));
        check(in -> Primitives.broadcastTo(in.get(0), Shape.of(2, 2, 3, 2)), x4);
        check(in -> Primitives.broadcastTo(in.get(0), Shape.of(3, 2)), Tensor.scalar(0.7, DType.FLOAT64));
    }

    @Test
    void sliceAndPad() {
        Tensor x = uniform(43, -1, 1, 3, 4, 5);
        check(in -> Primitives.slice(in.get(0), new int[] {1, 0, 2}, new int[] {2, 3, 2}), x);
        check(in -> Primitives.slice(in.get(0), new int[] {0, 3, 0}, new int[] {3, 1, 5}), x);
        check(in -> Primitives.pad(in.get(0), new int[] {1, 0, 2}, Shape.of(5, 5, 8)), x);
        check(in -> Primitives.pad(in.get(0), new int[] {0, 1}, Shape.of(4, 6)), uniform(44, -1, 1, 4, 4));
    }

    @Test
    void concatAlongEachAxis() {
        Tensor a = uniform(45, -1, 1, 2, 3, 2), b = uniform(46, -1, 1, 2, 3, 2);
        for (int axis = -3; axis < 3; axis++) {
            int ax = axis;
            check(in -> Primitives.concat(List.of(in.get(0), in.get(1)), ax), a, b);
        }
        Tensor c = uniform(47, -1, 1, 2, 1, 2), d = uniform(48, -1, 1, 2, 4, 2);
        check(in -> Primitives.concat(List.of(in.get(0), in.get(1), in.get(2)), 1), a, c, d);
        check(in -> Primitives.concat(List.of(in.get(0), in.get(0)), 0), a);
    }

    @Test
    void gatherWithRepeatedAndNegativeIndices() {
        Tensor x = uniform(50, -1, 1, 4, 3, 2);
        Tensor idx = Tensor.ofInts(new int[] {2, 0, 2, -1, 2}, 5);
        for (int axis = 0; axis < 3; axis++) {
            int ax = axis;
            Tensor ix = axis == 0 ? idx : Tensor.ofInts(new int[] {1, 1, 0, -1}, 2, 2);
            check(in -> Primitives.gather(in.get(0), ix, ax), x);
        }
        // Embedding-style lookup: a matrix of ids into a table.
        Tensor table = uniform(51, -1, 1, 5, 3);
        Tensor ids = Tensor.ofInts(new int[] {4, 4, 1, 0, 4, 3}, 2, 3);
        check(in -> Primitives.gather(in.get(0), ids, 0), table);
    }

    @Test
    void scatterAddAdjoint() {
        // scatter-add's own gradient is a gather: check it by differentiating scatter-add itself.
        IndexAttr at = new IndexAttr(1, new int[] {2, 0, 2}, Shape.of(3), 4);
        Tensor updates = uniform(52, -1, 1, 2, 3, 2);
        check(in -> Primitives.scatterAdd(in.get(0), at, Shape.of(2, 4, 2)), updates);
        // Gather then its adjoint: sum of each x element's repeats, by the chain through both rules.
        Tensor x = uniform(53, -1, 1, 2, 4, 2);
        check(in -> Primitives.scatterAdd(Primitives.gather(in.get(0), Tensor.ofInts(new int[] {2, 0, 2}, 3), 1), at,
                Shape.of(2, 4, 2)), x);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aDeeperCompositeGraph(boolean transposeFirst) {
        // A small MLP layer with softmax-like normalisation, built only from primitives.
        Tensor x = uniform(60, -1, 1, 4, 3), w = uniform(61, -1, 1, 3, 5), bias = uniform(62, -1, 1, 5);
        check(in -> {
            Tensor xi = transposeFirst ? Primitives.transpose(Primitives.transpose(in.get(0), new int[] {1, 0}), new int[] {1, 0}) : in.get(0);
            Tensor h = Primitives.binary(BinaryOp.ADD, Primitives.matmul(xi, in.get(1), false, false), in.get(2));
            Tensor e = Primitives.unary(UnaryOp.EXP, Primitives.unary(UnaryOp.TANH, h));
            Tensor s = Primitives.reduce(ReduceOp.SUM, e, new int[] {1}, true);
            return Primitives.binary(BinaryOp.DIV, e, s);
        }, x, w, bias);
    }

    @Test
    void unconnectedInputGetsNull() {
        Tensor x = uniform(70, -1, 1, 3), y = uniform(71, -1, 1, 3);
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x);
            tape.watch(y);
            Tensor out = Primitives.unary(UnaryOp.EXP, x);
            assertNull(tape.gradient(out, List.of(x, y)).get(1));
        }
    }
}
