package io.keras4j.ops;

import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** keras.ops semantics: dtypes, scalar operands, shapes, and numerically delicate functions. */
class OpsTest {
    private static Tensor f32(float... v) { return Tensor.of(v, v.length); }

    private static Tensor f64(double... v) { return Tensor.of(v, v.length); }

    private static Tensor i32(int... v) { return Tensor.ofInts(v, v.length); }

    // ---------------------------------------------------------------- dtypes

    @Test
    void dtypePromotionFollowsKerasLattice() {
        // Keras (after JAX): int32 < int64 < float32 < float64; int64 with float32 gives float32.
        Tensor i64 = Tensor.ofLongs(new long[] {1, 2}, 2);
        assertEquals(DType.INT64, Ops.add(i32(1, 2), i64).dtype());
        assertEquals(DType.FLOAT32, Ops.add(i32(1, 2), f32(1, 2)).dtype());
        assertEquals(DType.FLOAT32, Ops.add(i64, f32(1, 2)).dtype());
        assertEquals(DType.FLOAT64, Ops.multiply(f32(1, 2), f64(1, 2)).dtype());
        assertEquals(DType.FLOAT64, Ops.subtract(f64(1, 2), i32(1, 2)).dtype());
        assertArrayEquals(new double[] {2.5, 4.5}, Ops.add(i32(1, 2), f64(1.5, 2.5)).toDoubleArray());
        assertEquals(DType.FLOAT64, Ops.concatenate(List.of(i32(1), f64(2)), 0).dtype());
        assertEquals(DType.FLOAT64, Ops.where(f32(1, 0), i32(1, 2), f64(3, 4)).dtype());
        assertEquals(DType.FLOAT64, Ops.matmul(Tensor.of(new float[] {1, 2}, 1, 2), Tensor.of(new double[] {3, 4}, 2, 1)).dtype());
    }

    @Test
    void divisionOfIntegersIsTrueDivision() {
        // keras.ops.divide(7, 2) is 3.5 in float32, not 3.
        Tensor q = Ops.divide(i32(7, -7, 1), i32(2, 2, 4));
        assertEquals(DType.FLOAT32, q.dtype());
        assertArrayEquals(new double[] {3.5, -3.5, 0.25}, q.toDoubleArray());
        assertArrayEquals(new double[] {3.5, 1}, Ops.divide(i32(7, 2), 2).toDoubleArray());
        assertArrayEquals(new double[] {0.5, 0.25}, Ops.divide(1, i32(2, 4)).toDoubleArray());
        assertEquals(DType.FLOAT32, Ops.mean(i32(1, 2)).dtype());
        assertEquals(1.5, Ops.mean(i32(1, 2)).item());
        assertEquals(DType.FLOAT64, Ops.divide(i32(1), f64(4)).dtype());
    }

    @Test
    void transcendentalFunctionsOfIntegersAreFloat() {
        assertEquals(DType.FLOAT32, Ops.sqrt(i32(4)).dtype());
        assertEquals(2.0, Ops.sqrt(i32(4)).item());
        assertEquals(Math.exp(1), Ops.exp(i32(1)).item(), 1e-6);
        assertEquals(0.5, Ops.sigmoid(i32(0)).item());
        assertEquals(Math.log(2), Ops.softplus(i32(0)).item(), 1e-6);
        // Sign-preserving functions keep integers.
        assertEquals(DType.INT32, Ops.abs(i32(-3)).dtype());
        assertEquals(DType.INT32, Ops.square(i32(-3)).dtype());
    }

    // ---------------------------------------------------------------- scalar operands

    @Test
    void scalarOverloadsTakeTheTensorsDtype() {
        Tensor x = f32(1, 2, 3);
        assertEquals(DType.FLOAT32, Ops.add(x, 1.5).dtype());
        assertArrayEquals(new float[] {2.5f, 3.5f, 4.5f}, Ops.add(x, 1.5).toFloatArray());
        assertArrayEquals(new float[] {-1, 0, 1}, Ops.subtract(x, 2).toFloatArray());
        assertArrayEquals(new float[] {1, 0, -1}, Ops.subtract(2, x).toFloatArray());
        assertArrayEquals(new float[] {2, 4, 6}, Ops.multiply(x, 2).toFloatArray());
        assertArrayEquals(new float[] {0.5f, 1, 1.5f}, Ops.divide(x, 2).toFloatArray());
        assertArrayEquals(new float[] {6, 3, 2}, Ops.divide(6, x).toFloatArray());
        assertArrayEquals(new float[] {1, 8, 27}, Ops.power(x, 3).toFloatArray());
        assertArrayEquals(new float[] {2, 2, 3}, Ops.maximum(x, 2).toFloatArray());
        assertArrayEquals(new float[] {1, 2, 2}, Ops.minimum(x, 2).toFloatArray());
        assertArrayEquals(new float[] {1.5f, 2.5f, 2.5f}, Ops.clip(Ops.add(x, 0.5), 1.5, 2.5).toFloatArray());
        assertArrayEquals(new float[] {0, 1, 1}, Ops.greater(x, 1).toFloatArray());
        assertArrayEquals(new float[] {0, 1, 0}, Ops.equal(x, 2).toFloatArray());
        assertArrayEquals(new float[] {1, 1, 0}, Ops.lessEqual(x, 2).toFloatArray());
        // Scalar with float64 precision against float32 rounds to float32.
        assertEquals(DType.FLOAT32, Ops.multiply(x, 0.1).dtype());
    }

    @Test
    void fractionalScalarsPromoteIntegerTensors() {
        // int32 * 0.5 is float32 in Keras, not a truncated 0.
        Tensor h = Ops.multiply(i32(1, 3), 0.5);
        assertEquals(DType.FLOAT32, h.dtype());
        assertArrayEquals(new double[] {0.5, 1.5}, h.toDoubleArray());
        assertEquals(DType.INT32, Ops.add(i32(1), 2).dtype());
        Tensor inf = Ops.add(i32(1, 2), Double.POSITIVE_INFINITY);
        assertEquals(DType.FLOAT32, inf.dtype());
        assertEquals(Double.POSITIVE_INFINITY, inf.getDouble(1));
        assertArrayEquals(new double[] {1, 1}, Ops.isFinite(i32(1, Integer.MAX_VALUE)).toDoubleArray());
    }

    @Test
    void comparisonsGiveOnesAndZerosInTheOperandDtype() {
        Tensor a = f64(1, 2, 3), b = f64(3, 2, 1);
        assertArrayEquals(new double[] {0, 0, 1}, Ops.greater(a, b).toDoubleArray());
        assertArrayEquals(new double[] {0, 1, 1}, Ops.greaterEqual(a, b).toDoubleArray());
        assertArrayEquals(new double[] {1, 0, 0}, Ops.less(a, b).toDoubleArray());
        assertArrayEquals(new double[] {1, 1, 0}, Ops.lessEqual(a, b).toDoubleArray());
        assertArrayEquals(new double[] {0, 1, 0}, Ops.equal(a, b).toDoubleArray());
        assertArrayEquals(new double[] {1, 0, 1}, Ops.notEqual(a, b).toDoubleArray());
        assertEquals(DType.FLOAT64, Ops.greater(a, b).dtype());
        assertArrayEquals(new double[] {0, 1, 0}, Ops.isNan(f64(1, Double.NaN, Double.POSITIVE_INFINITY)).toDoubleArray());
        assertArrayEquals(new double[] {1, 0, 0, 0}, Ops.isFinite(f64(1, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY)).toDoubleArray());
    }

    // ---------------------------------------------------------------- shapes

    @Test
    void expandDimsAndSqueeze() {
        Tensor x = Tensor.zeros(2, 3);
        assertEquals(Shape.of(1, 2, 3), Ops.expandDims(x, 0).shape());
        assertEquals(Shape.of(2, 1, 3), Ops.expandDims(x, 1).shape());
        assertEquals(Shape.of(2, 3, 1), Ops.expandDims(x, -1).shape());
        assertEquals(Shape.of(2, 1, 3), Ops.expandDims(x, -2).shape());
        assertEquals(Shape.of(2, 3), Ops.squeeze(Ops.expandDims(x, 1), 1).shape());
        assertEquals(Shape.of(2, 3), Ops.squeeze(Ops.expandDims(x, -1), -1).shape());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Ops.expandDims(x, 3));
        assertTrue(e.getMessage().contains("3"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Ops.expandDims(x, -4));
        IllegalArgumentException s = assertThrows(IllegalArgumentException.class, () -> Ops.squeeze(x, 1));
        assertTrue(s.getMessage().contains("axis 1") && s.getMessage().contains("(2, 3)"), s.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Ops.squeeze(x, 2));
    }

    @Test
    void reshapeTransposeAndStack() {
        Tensor x = Ops.arange(6, DType.FLOAT32);
        assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5}, x.toFloatArray());
        Tensor m = Ops.reshape(x, 2, -1);
        assertEquals(Shape.of(2, 3), m.shape());
        assertArrayEquals(new float[] {0, 3, 1, 4, 2, 5}, Ops.transpose(m).toFloatArray());
        assertThrows(IllegalArgumentException.class, () -> Ops.reshape(x, 4, -1));
        assertThrows(IllegalArgumentException.class, () -> Ops.reshape(x, -1, -1));
        Tensor st = Ops.stack(List.of(f32(1, 2), f32(3, 4)), 1);
        assertEquals(Shape.of(2, 2), st.shape());
        assertArrayEquals(new float[] {1, 3, 2, 4}, st.toFloatArray());
        assertArrayEquals(new float[] {1, 0, 0, 1}, Ops.eye(2, DType.FLOAT32).toFloatArray());
    }

    @Test
    void takeAndPad() {
        Tensor m = Tensor.of(new float[][] {{1, 2}, {3, 4}, {5, 6}});
        Tensor rows = Ops.take(m, i32(2, 0, -1), 0);
        assertArrayEquals(new float[] {5, 6, 1, 2, 5, 6}, rows.toFloatArray());
        assertEquals(Shape.of(2, 2, 2), Ops.take(m, Tensor.ofInts(new int[] {0, 1, 2, 0}, 2, 2), 0).shape());
        assertThrows(IndexOutOfBoundsException.class, () -> Ops.take(m, i32(3), 0));
        assertThrows(IllegalArgumentException.class, () -> Ops.take(m, f32(0), 0));
        Tensor p = Ops.pad(Tensor.of(new float[] {1, 2}, 1, 2), new int[][] {{1, 0}, {0, 2}});
        assertEquals(Shape.of(2, 4), p.shape());
        assertArrayEquals(new float[] {0, 0, 0, 0, 1, 2, 0, 0}, p.toFloatArray());
    }

    @Test
    void oneHot() {
        Tensor y = Ops.oneHot(i32(0, 2, 1), 3, DType.FLOAT32);
        assertEquals(Shape.of(3, 3), y.shape());
        assertEquals(DType.FLOAT32, y.dtype());
        assertArrayEquals(new float[] {1, 0, 0, 0, 0, 1, 0, 1, 0}, y.toFloatArray());
        // Out-of-range labels (negative or >= numClasses) give all-zero rows, as tf.one_hot.
        assertArrayEquals(new double[] {0, 0, 0, 0}, Ops.oneHot(i32(-1, 2), 2, DType.FLOAT64).toDoubleArray());
        Tensor batch = Ops.oneHot(Tensor.ofInts(new int[] {1, 0, 0, 1}, 2, 2), 2, DType.INT32);
        assertEquals(Shape.of(2, 2, 2), batch.shape());
        assertArrayEquals(new int[] {0, 1, 1, 0, 1, 0, 0, 1}, batch.toIntArray());
    }

    // ---------------------------------------------------------------- reductions

    @Test
    void reductions() {
        Tensor x = Tensor.of(new double[][] {{1, 5, 3}, {4, 2, 6}});
        assertEquals(21, Ops.sum(x).item());
        assertArrayEquals(new double[] {5, 7, 9}, Ops.sum(x, 0, false).toDoubleArray());
        assertEquals(Shape.of(2, 1), Ops.sum(x, 1, true).shape());
        assertEquals(3.5, Ops.mean(x).item());
        assertArrayEquals(new double[] {3, 4}, Ops.mean(x, -1, false).toDoubleArray());
        assertEquals(6, Ops.max(x).item());
        assertArrayEquals(new double[] {1, 2}, Ops.min(x, 1, false).toDoubleArray());
        assertArrayEquals(new int[] {1, 2}, Ops.argmax(x, 1).toIntArray());
        assertArrayEquals(new int[] {0, 1, 0}, Ops.argmin(x, 0).toIntArray());
        assertEquals(DType.INT32, Ops.argmax(x, 0).dtype());
        // Population variance, as numpy.var: mean((x - mean)^2).
        assertArrayEquals(new double[] {2.25, 2.25, 2.25}, Ops.var(x, new int[] {0}, false).toDoubleArray());
        assertEquals(17.5 / 6, Ops.var(x, null, false).item(), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> Ops.sum(x, new int[] {1, -1}, false));
    }

    @Test
    void logsumexpIsStable() {
        assertEquals(1000 + Math.log(2), Ops.logsumexp(f64(1000, 1000), 0, false).item(), 1e-12);
        assertEquals(-1000 + Math.log(2), Ops.logsumexp(f64(-1000, -1000), 0, false).item(), 1e-12);
        assertEquals(Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3)), Ops.logsumexp(f64(1, 2, 3), 0, false).item(), 1e-15);
        assertEquals(Math.log(1 + Math.exp(-1)) + 1, Ops.logsumexp(f32(1, 0), 0, false).item(), 1e-6);
        // Infinities: -inf terms vanish; all -inf gives -inf; +inf wins; no NaN from inf - inf.
        assertEquals(2.0, Ops.logsumexp(f64(2, Double.NEGATIVE_INFINITY), 0, false).item(), 1e-15);
        assertEquals(Double.NEGATIVE_INFINITY, Ops.logsumexp(f64(Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY), 0, false).item());
        assertEquals(Double.POSITIVE_INFINITY, Ops.logsumexp(f64(Double.POSITIVE_INFINITY, 1), 0, false).item());
        Tensor rows = Ops.logsumexp(Tensor.of(new double[][] {{0, 0}, {1e4, 1e4}}), -1, true);
        assertEquals(Shape.of(2, 1), rows.shape());
        assertArrayEquals(new double[] {Math.log(2), 1e4 + Math.log(2)}, rows.toDoubleArray(), 1e-12);
    }

    @Test
    void softmaxOfLargeLogits() {
        Tensor s = Ops.softmax(f32(1000, 1001, 1002), -1);
        double z = 1 + Math.exp(1) + Math.exp(2);
        assertArrayEquals(new float[] {(float) (1 / z), (float) (Math.E / z), (float) (Math.exp(2) / z)}, s.toFloatArray(), 1e-6f);
        Tensor ls = Ops.logSoftmax(f64(-1000, 0, 1000), 0);
        assertArrayEquals(new double[] {-2000, -1000, 0}, ls.toDoubleArray(), 1e-12);
        Tensor rows = Ops.softmax(Tensor.of(new double[][] {{1, 1}, {0, Math.log(3)}}), 1);
        assertArrayEquals(new double[] {0.5, 0.5, 0.25, 0.75}, rows.toDoubleArray(), 1e-15);
        Tensor cols = Ops.softmax(Tensor.of(new double[][] {{1, 0}, {1, Math.log(3)}}), 0);
        assertArrayEquals(new double[] {0.5, 0.25, 0.5, 0.75}, cols.toDoubleArray(), 1e-15);
    }

    @Test
    void nnFunctions() {
        assertArrayEquals(new float[] {0, 0, 2}, Ops.relu(f32(-1, 0, 2)).toFloatArray());
        assertArrayEquals(new double[] {0.5, 1 / (1 + Math.exp(-2))}, Ops.sigmoid(f64(0, 2)).toDoubleArray(), 1e-15);
        // softplus(x) = log(1 + e^x), stable far out: ~x for large x, ~e^x for very negative x.
        double[] sp = Ops.softplus(f64(0, 1, -1, 1000, -1000, -40)).toDoubleArray();
        assertEquals(Math.log(2), sp[0], 1e-15);
        assertEquals(Math.log1p(Math.E), sp[1], 1e-15);
        assertEquals(Math.log1p(Math.exp(-1)), sp[2], 1e-15);
        assertEquals(1000, sp[3], 1e-12);
        assertEquals(0, sp[4]);
        assertEquals(Math.exp(-40), sp[5], 1e-30);
        // l2 normalisation, as tf.math.l2_normalize: x / sqrt(max(sum(x^2), epsilon)).
        assertArrayEquals(new double[] {0.6, 0.8}, Ops.l2Normalize(f64(3, 4), -1, 1e-12).toDoubleArray(), 1e-15);
        assertArrayEquals(new double[] {0, 0}, Ops.l2Normalize(f64(0, 0), -1, 1e-12).toDoubleArray());
    }

    @Test
    void matmulShapes() {
        Tensor a = Tensor.of(new double[][] {{1, 2}, {3, 4}});
        Tensor v = f64(1, 1);
        assertArrayEquals(new double[] {3, 7}, Ops.matmul(a, v).toDoubleArray());
        assertArrayEquals(new double[] {4, 6}, Ops.matmul(v, a).toDoubleArray());
        assertEquals(Shape.scalar(), Ops.matmul(v, v).shape());
        assertEquals(2, Ops.matmul(v, v).item());
        assertArrayEquals(new double[] {7, 10, 15, 22}, Ops.matmul(a, a).toDoubleArray());
        assertArrayEquals(new double[] {10, 14, 14, 20}, Ops.matmul(a, a, true, false).toDoubleArray());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Ops.matmul(a, Tensor.zeros(Shape.of(3, 2), DType.FLOAT64)));
        assertTrue(e.getMessage().contains("(2, 2)") && e.getMessage().contains("(3, 2)"), e.getMessage());
        Tensor x3 = Tensor.ones(2, 3, 2);
        assertEquals(Shape.of(2, 3, 4), Ops.dotLastAxis(x3, Tensor.ones(2, 4)).shape());
    }

    @Test
    void stopGradientKeepsTheValue() {
        Tensor x = f32(1, 2);
        Tensor y = Ops.stopGradient(x);
        assertArrayEquals(x.toFloatArray(), y.toFloatArray());
        assertEquals(x.shape(), y.shape());
    }
}
