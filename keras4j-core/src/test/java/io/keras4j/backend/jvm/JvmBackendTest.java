package io.keras4j.backend.jvm;

import io.keras4j.backend.Backend;
import io.keras4j.backend.BinaryOp;
import io.keras4j.backend.ReduceOp;
import io.keras4j.backend.UnaryOp;
import io.keras4j.tensor.DType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JVM backend's kernels against naive loops written here from the Backend contract. Sizes
 * above the kernels' parallel grain (2^15 elements) exercise the multithreaded paths too.
 */
class JvmBackendTest {
    private final Backend be = new JvmBackend();
    private static final int BIG = 100_003; // > 2 * grain, odd: uneven chunks

    // ---------------------------------------------------------------- helpers

    private static double[] randoms(long seed, int n, double lo, double hi) {
        Random r = new Random(seed);
        double[] d = new double[n];
        for (int i = 0; i < n; i++) d[i] = lo + (hi - lo) * r.nextDouble();
        return d;
    }

    /** Storage of dtype dt holding v (integers rounded toward zero). */
    private static Object store(DType dt, double[] v) {
        Object o = dt.allocate(v.length);
        for (int i = 0; i < v.length; i++) {
            switch (dt) {
                case FLOAT32 -> ((float[]) o)[i] = (float) v[i];
                case FLOAT64 -> ((double[]) o)[i] = v[i];
                case INT32 -> ((int[]) o)[i] = (int) v[i];
                case INT64 -> ((long[]) o)[i] = (long) v[i];
            }
        }
        return o;
    }

    private static double[] load(Object o) {
        if (o instanceof double[] d) return d.clone();
        int n = java.lang.reflect.Array.getLength(o);
        double[] d = new double[n];
        if (o instanceof float[] f) for (int i = 0; i < n; i++) d[i] = f[i];
        else if (o instanceof int[] v) for (int i = 0; i < n; i++) d[i] = v[i];
        else for (int i = 0; i < n; i++) d[i] = ((long[]) o)[i];
        return d;
    }

    private static int size(int[] shape) {
        int n = 1;
        for (int d : shape) n *= d;
        return n;
    }

    /** Multi-index of flat position i in shape. */
    private static int[] unravel(int i, int[] shape) {
        int[] idx = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            idx[d] = i % shape[d];
            i /= shape[d];
        }
        return idx;
    }

    /** Flat position in {@code shape} of the output index {@code outIdx} under NumPy broadcasting. */
    private static int broadcastSource(int[] outIdx, int[] shape) {
        int flat = 0, lead = outIdx.length - shape.length;
        for (int d = 0; d < shape.length; d++) flat = flat * shape[d] + (shape[d] == 1 ? 0 : outIdx[d + lead]);
        return flat;
    }

    private static void assertClose(double[] expected, double[] actual, double relTol, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i], a = actual[i];
            if (Double.isNaN(e) && Double.isNaN(a)) continue;
            if (e == a) continue;
            double err = Math.abs(e - a) / Math.max(1e-30, Math.max(Math.abs(e), Math.abs(a)));
            if (!(err <= relTol)) throw new AssertionError(what + ": element " + i + " expected " + e + " but was " + a);
        }
    }

    // ---------------------------------------------------------------- unary

    private static double reference(UnaryOp op, double v) {
        return switch (op) {
            case NEG -> -v;
            case EXP -> Math.exp(v);
            case LOG -> Math.log(v);
            case SQRT -> Math.sqrt(v);
            case ABS -> Math.abs(v);
            case SIGN -> v > 0 ? 1 : v < 0 ? -1 : v;
            case TANH -> Math.tanh(v);
            case SIGMOID -> 1 / (1 + Math.exp(-v));
            case RELU -> v > 0 ? v : 0;
            case SIN -> Math.sin(v);
            case COS -> Math.cos(v);
            case LOG1P -> Math.log1p(v);
            case EXPM1 -> Math.expm1(v);
            case ERF -> Double.NaN; // checked against tabulated values below
            case SQUARE -> v * v;
            case FLOOR -> Math.floor(v);
            case CEIL -> Math.ceil(v);
            case ROUND -> Math.rint(v);
            case RECIPROCAL -> 1 / v;
        };
    }

    @ParameterizedTest
    @EnumSource(value = UnaryOp.class, names = "ERF", mode = EnumSource.Mode.EXCLUDE)
    void unaryFloat32AndFloat64(UnaryOp op) {
        boolean positive = op == UnaryOp.LOG || op == UnaryOp.SQRT;
        double[] x = randoms(op.ordinal(), BIG, positive ? 0.01 : -5, 5);
        x[0] = positive ? 1 : 0;
        x[1] = positive ? 4 : 2.5; // a tie for ROUND
        for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            Object in = store(dt, x), out = dt.allocate(BIG);
            be.unary(op, dt, in, out, BIG);
            double[] xs = load(in), expected = new double[BIG];
            for (int i = 0; i < BIG; i++) expected[i] = dt == DType.FLOAT32 ? (float) reference(op, xs[i]) : reference(op, xs[i]);
            assertClose(expected, load(out), dt == DType.FLOAT32 ? 1e-6 : 1e-14, op + " " + dt);
        }
    }

    @Test
    void unaryOnIntegers() {
        double[] x = {-7, -1, 0, 3, 12};
        for (DType dt : new DType[] {DType.INT32, DType.INT64}) {
            Object out = dt.allocate(5);
            be.unary(UnaryOp.NEG, dt, store(dt, x), out, 5);
            assertArrayEquals(new double[] {7, 1, 0, -3, -12}, load(out));
            be.unary(UnaryOp.ABS, dt, store(dt, x), out, 5);
            assertArrayEquals(new double[] {7, 1, 0, 3, 12}, load(out));
            be.unary(UnaryOp.SQUARE, dt, store(dt, x), out, 5);
            assertArrayEquals(new double[] {49, 1, 0, 9, 144}, load(out));
            be.unary(UnaryOp.SIGN, dt, store(dt, x), out, 5);
            assertArrayEquals(new double[] {-1, -1, 0, 1, 1}, load(out));
        }
    }

    @Test
    void int64UnaryIsExactBelow2To53() {
        // The integer paths compute in double (documented in Elementwise): exact up to 2^53.
        long big = (1L << 52) + 1;
        long[] out = new long[2];
        be.unary(UnaryOp.NEG, DType.INT64, new long[] {big, -big}, out, 2);
        assertArrayEquals(new long[] {-big, big}, out);
    }

    @Test
    void roundIsHalfToEven() {
        // NumPy's round: ties go to the even neighbour.
        double[] x = {0.5, 1.5, 2.5, -0.5, -1.5, 2.4999, -2.6};
        double[] out = new double[x.length];
        be.unary(UnaryOp.ROUND, DType.FLOAT64, x, out, x.length);
        assertArrayEquals(new double[] {0, 2, 2, -0.0, -2, 2, -3}, out);
        float[] of = new float[x.length];
        be.unary(UnaryOp.ROUND, DType.FLOAT32, store(DType.FLOAT32, x), of, x.length);
        assertArrayEquals(new float[] {0, 2, 2, -0f, -2, 2, -3}, of);
    }

    @Test
    void erfMatchesTabulatedValues() {
        // Reference values from the C library's erf (glibc, within an ulp or so). The series
        // used here loses up to ~10 ulp near |x| = 2.5: plenty for GELU, so 2e-15 relative.
        double[][] table = {
                {0.5, 0.5204998778130465}, {2, 0.9953222650189527}, {-3.5, -0.9999992569016276},
                {5, 0.9999999999984626}, {0.1, 0.1124629160182849}, {1, 0.8427007929497149},
                {3, 0.9999779095030014}, {2.9999999, 0.9999779094890761}, {3.0000001, 0.9999779095169267},
                {-0.001, -0.0011283787909692365}, {4, 0.9999999845827421}, {5.9, 0.9999999999999999},
                {6, 1.0}, {40, 1.0}, {-40, -1.0}, {0, 0},
        };
        double[] x = new double[table.length], out = new double[table.length];
        for (int i = 0; i < x.length; i++) x[i] = table[i][0];
        be.unary(UnaryOp.ERF, DType.FLOAT64, x, out, x.length);
        for (int i = 0; i < x.length; i++) assertEquals(table[i][1], out[i], 2e-15 * Math.abs(table[i][1]), "erf(" + x[i] + ")");
        float[] of = new float[x.length];
        be.unary(UnaryOp.ERF, DType.FLOAT32, store(DType.FLOAT32, x), of, x.length);
        for (int i = 0; i < x.length; i++) assertEquals((float) table[i][1], of[i], 1e-7, "float32 erf(" + x[i] + ")");
    }

    @Test
    void erfIsOddMonotoneAndHandlesNonFinite() {
        double[] x = new double[1201];
        for (int i = 0; i < x.length; i++) x[i] = -6 + i * 0.01;
        double[] out = new double[x.length];
        be.unary(UnaryOp.ERF, DType.FLOAT64, x, out, x.length);
        for (int i = 1; i < x.length; i++) assertTrue(out[i] >= out[i - 1], "erf decreases at " + x[i]);
        double[] neg = new double[x.length], negOut = new double[x.length];
        for (int i = 0; i < x.length; i++) neg[i] = -x[i];
        be.unary(UnaryOp.ERF, DType.FLOAT64, neg, negOut, x.length);
        for (int i = 0; i < x.length; i++) assertEquals(-out[i], negOut[i], 0, "erf(-x) = -erf(x) at " + x[i]);
        double[] special = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        double[] so = new double[3];
        be.unary(UnaryOp.ERF, DType.FLOAT64, special, so, 3);
        assertTrue(Double.isNaN(so[0]));
        assertEquals(1, so[1]);
        assertEquals(-1, so[2]);
    }

    @Test
    void sigmoidIsStableForLargeMagnitudes() {
        double[] x = {-1000, -100, -50, 0, 50, 100, 1000, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY};
        double[] out = new double[x.length];
        be.unary(UnaryOp.SIGMOID, DType.FLOAT64, x, out, x.length);
        assertEquals(0, out[0]);
        assertEquals(Math.exp(-100), out[1], Math.exp(-100) * 1e-14); // 1/(1+e^100) without cancellation
        assertEquals(1.9287498479639178e-22, out[2], 1e-36);
        assertEquals(0.5, out[3]);
        assertEquals(1, out[4]);
        assertEquals(1, out[6]);
        assertEquals(0, out[7]);
        assertEquals(1, out[8]);
        float[] of = new float[x.length];
        be.unary(UnaryOp.SIGMOID, DType.FLOAT32, store(DType.FLOAT32, x), of, x.length);
        for (float v : of) assertTrue(v >= 0 && v <= 1, Arrays.toString(of));
        assertEquals(0f, of[0]);
        assertEquals(1f, of[6]);
    }

    // ---------------------------------------------------------------- binary

    private static double reference(BinaryOp op, double x, double y) {
        return switch (op) {
            case ADD -> x + y;
            case SUB -> x - y;
            case MUL -> x * y;
            case DIV -> x / y;
            case POW -> Math.pow(x, y);
            case MAX -> Double.isNaN(x) || Double.isNaN(y) ? Double.NaN : x > y ? x : y;
            case MIN -> Double.isNaN(x) || Double.isNaN(y) ? Double.NaN : x < y ? x : y;
            case GREATER -> x > y ? 1 : 0;
            case GREATER_EQUAL -> x >= y ? 1 : 0;
            case LESS -> x < y ? 1 : 0;
            case LESS_EQUAL -> x <= y ? 1 : 0;
            case EQUAL -> x == y ? 1 : 0;
            case NOT_EQUAL -> x != y ? 1 : 0;
        };
    }

    private static int[] broadcast(int[] a, int[] b) {
        int r = Math.max(a.length, b.length);
        int[] out = new int[r];
        for (int i = 0; i < r; i++) {
            int da = i < r - a.length ? 1 : a[i - (r - a.length)], db = i < r - b.length ? 1 : b[i - (r - b.length)];
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    private void checkBinary(BinaryOp op, DType dt, int[] aShape, int[] bShape, long seed) {
        int[] outShape = broadcast(aShape, bShape);
        int n = size(outShape);
        boolean integral = !dt.isFloating();
        double lo = op == BinaryOp.POW ? 0.1 : -10, hi = op == BinaryOp.POW ? 3 : 10;
        double[] av = randoms(seed, size(aShape), lo, hi), bv = randoms(seed + 1, size(bShape), lo, hi);
        if (integral && op == BinaryOp.DIV) for (int i = 0; i < bv.length; i++) if ((int) bv[i] == 0) bv[i] = 3;
        if (op.isComparison() || op == BinaryOp.MAX || op == BinaryOp.MIN) {
            // Small integers: many exact ties, where >= and > (or max's choice) differ.
            for (int i = 0; i < av.length; i++) av[i] = Math.rint(av[i] / 4);
            for (int i = 0; i < bv.length; i++) bv[i] = Math.rint(bv[i] / 4);
        }
        Object a = store(dt, av), b = store(dt, bv), out = dt.allocate(n);
        be.binary(op, dt, a, aShape, b, bShape, out, outShape);
        double[] as = load(a), bs = load(b), expected = new double[n];
        for (int i = 0; i < n; i++) {
            int[] idx = unravel(i, outShape);
            double v = reference(op, as[broadcastSource(idx, aShape)], bs[broadcastSource(idx, bShape)]);
            expected[i] = switch (dt) {
                case FLOAT32 -> (float) v;
                case INT32 -> (int) v;
                case INT64 -> (long) v;
                default -> v;
            };
        }
        String what = op + " " + dt + " " + Arrays.toString(aShape) + " " + Arrays.toString(bShape);
        assertClose(expected, load(out), dt == DType.FLOAT32 ? 1e-6 : 1e-15, what);
    }

    /** Shape pairs that hit every float32 fast path (same, scalar right, bias) and the general odometer. */
    private static final int[][][] SHAPES = {
            {{BIG}, {BIG}},                 // same shape, parallel
            {{7, 5}, {7, 5}},
            {{BIG}, {}},                    // scalar right, parallel
            {{4, 3}, {1}},                  // size-1 right
            {{BIG / 3 + 1, 3}, {3}},        // bias rows, parallel
            {{20000, 5}, {1, 5}},           // bias with a leading 1
            {{3, 4, 5}, {4, 5}},            // bias of two axes
            {{}, {4, 3}},                   // scalar left: general path
            {{3}, {4, 3}},                  // bias on the left: general
            {{4, 1}, {1, 3}},               // outer product
            {{2, 1, 5}, {3, 1}},            // both broadcast
            {{4, 3}, {4, 1}},               // column
            {{2, 3, 1, 2}, {3, 4, 1}},
            {{0, 3}, {3}},                  // empty
            {{}, {}},
    };

    @ParameterizedTest
    @EnumSource(BinaryOp.class)
    void binaryAllShapesFloat32(BinaryOp op) {
        long seed = 100;
        for (int[][] s : SHAPES) checkBinary(op, DType.FLOAT32, s[0], s[1], seed++);
    }

    @ParameterizedTest
    @EnumSource(BinaryOp.class)
    void binaryOtherDtypes(BinaryOp op) {
        long seed = 200;
        for (DType dt : new DType[] {DType.FLOAT64, DType.INT32, DType.INT64}) {
            for (int[][] s : SHAPES) {
                if (size(s[0]) > 1000 || size(s[1]) > 1000) continue; // one path for these dtypes
                checkBinary(op, dt, s[0], s[1], seed++);
            }
        }
    }

    @Test
    void binaryNaNSemantics() {
        float[] x = {Float.NaN, 1, Float.NaN}, y = {1, Float.NaN, Float.NaN}, out = new float[3];
        be.binary(BinaryOp.MAX, DType.FLOAT32, x, new int[] {3}, y, new int[] {3}, out, new int[] {3});
        for (float v : out) assertTrue(Float.isNaN(v)); // NumPy's maximum propagates NaN
        be.binary(BinaryOp.EQUAL, DType.FLOAT32, x, new int[] {3}, y, new int[] {3}, out, new int[] {3});
        assertArrayEquals(new float[] {0, 0, 0}, out);
        be.binary(BinaryOp.NOT_EQUAL, DType.FLOAT32, x, new int[] {3}, y, new int[] {3}, out, new int[] {3});
        assertArrayEquals(new float[] {1, 1, 1}, out);
    }

    @Test
    void integerDivisionAndPower() {
        // Integer storage truncates toward zero, as C and Java do.
        int[] out = new int[4];
        be.binary(BinaryOp.DIV, DType.INT32, new int[] {7, -7, 9, 1}, new int[] {4}, new int[] {2}, new int[0], out, new int[] {4});
        assertArrayEquals(new int[] {3, -3, 4, 0}, out);
        be.binary(BinaryOp.POW, DType.INT32, new int[] {2, 3, -2, 5}, new int[] {4}, new int[] {3}, new int[0], out, new int[] {4});
        assertArrayEquals(new int[] {8, 27, -8, 125}, out);
    }

    @Test
    void where() {
        double[] cond = {1, 0, 2, 0, -1};
        for (DType ct : DType.numericValues()) {
            for (DType dt : DType.numericValues()) {
                Object a = store(dt, new double[] {1, 2, 3, 4, 5}), b = store(dt, new double[] {-1, -2, -3, -4, -5});
                Object out = dt.allocate(5);
                be.where(ct, store(ct, cond), dt, a, b, out, 5);
                assertArrayEquals(new double[] {1, -2, 3, -4, 5}, load(out), ct + " " + dt);
            }
        }
    }

    // ---------------------------------------------------------------- reductions

    private static double naiveReduce(ReduceOp op, double[] x, int p, int q, int reduced, int inner) {
        double acc = op == ReduceOp.SUM ? 0 : op == ReduceOp.MAX ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        for (int r = 0; r < reduced; r++) {
            double v = x[(p * reduced + r) * inner + q];
            acc = switch (op) {
                case SUM -> acc + v;
                case MAX -> Double.isNaN(v) || v > acc ? v : acc;
                case MIN -> Double.isNaN(v) || v < acc ? v : acc;
            };
            if (Double.isNaN(acc) && op != ReduceOp.SUM) break;
        }
        return acc;
    }

    @ParameterizedTest
    @EnumSource(ReduceOp.class)
    void reduceOuterReducedInner(ReduceOp op) {
        int[][] views = {{1, BIG, 1}, {BIG, 1, 1}, {3, 5, 1}, {3, 7, 4}, {1, 6, 9}, {5, 1, 3}, {4000, 10, 1}, {20, 4000, 3},
                {2, 0, 3}, {3, 0, 1}, {0, 4, 2}, {2, 2, 0}};
        long seed = 300;
        for (DType dt : DType.numericValues()) {
            for (int[] v : views) {
                int outer = v[0], reduced = v[1], inner = v[2];
                if (!dt.isFloating() && (long) outer * reduced * inner > 10_000) continue;
                double[] xv = randoms(seed++, outer * reduced * inner, -100, 100);
                Object x = store(dt, xv);
                Object out = dt.allocate(outer * inner);
                // Garbage on entry must not leak into the result.
                if (out instanceof float[] f) Arrays.fill(f, 12345f);
                be.reduce(op, dt, x, outer, reduced, inner, out);
                double[] xs = load(x), expected = new double[outer * inner];
                for (int p = 0; p < outer; p++) {
                    for (int q = 0; q < inner; q++) {
                        double e = naiveReduce(op, xs, p, q, reduced, inner);
                        expected[p * inner + q] = switch (dt) {
                            case FLOAT32 -> (float) e;
                            case INT32 -> (int) e;
                            case INT64 -> (long) e;
                            default -> e;
                        };
                    }
                }
                String what = op + " " + dt + " " + Arrays.toString(v);
                if (op == ReduceOp.SUM && dt.isFloating()) {
                    // Summation order may differ from the naive loop: bound the error by the sum of |x|.
                    double[] got = load(out);
                    double eps = dt == DType.FLOAT32 ? 1e-6 : 1e-14;
                    for (int p = 0; p < outer; p++) {
                        for (int q = 0; q < inner; q++) {
                            double abs = 0;
                            for (int r = 0; r < reduced; r++) abs += Math.abs(xs[(p * reduced + r) * inner + q]);
                            assertEquals(expected[p * inner + q], got[p * inner + q], eps * abs, what + " at " + p + "," + q);
                        }
                    }
                } else {
                    assertClose(expected, load(out), 0, what);
                }
            }
        }
    }

    @Test
    void sumOfEmptyIsZeroAndMaxOfEmptyIsMinusInfinity() {
        for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            for (int inner : new int[] {1, 3}) {
                Object out = dt.allocate(2 * inner);
                be.reduce(ReduceOp.SUM, dt, dt.allocate(0), 2, 0, inner, out);
                assertArrayEquals(new double[2 * inner], load(out), dt + " inner " + inner);
                be.reduce(ReduceOp.MAX, dt, dt.allocate(0), 2, 0, inner, out);
                for (double v : load(out)) assertEquals(Double.NEGATIVE_INFINITY, v);
                be.reduce(ReduceOp.MIN, dt, dt.allocate(0), 2, 0, inner, out);
                for (double v : load(out)) assertEquals(Double.POSITIVE_INFINITY, v);
            }
        }
    }

    @Test
    void reduceMaxPropagatesNaN() {
        // NumPy's max propagates NaN. Rows as (2, 3, 1): [1, NaN, 3], [4, 5, 6].
        float[] x = {1, Float.NaN, 3, 4, 5, 6};
        for (ReduceOp op : new ReduceOp[] {ReduceOp.MAX, ReduceOp.MIN}) {
            float[] out = new float[2];
            be.reduce(op, DType.FLOAT32, x, 2, 3, 1, out);
            assertTrue(Float.isNaN(out[0]) && out[1] == (op == ReduceOp.MAX ? 6 : 4), Arrays.toString(out));
            // Columns as (1, 3, 2): [1, 3, 5] and [NaN, 4, 6].
            be.reduce(op, DType.FLOAT32, x, 1, 3, 2, out);
            assertTrue(out[0] == (op == ReduceOp.MAX ? 5 : 1) && Float.isNaN(out[1]), Arrays.toString(out));
            double[] od = new double[2];
            be.reduce(op, DType.FLOAT64, load(x), 2, 3, 1, od);
            assertTrue(Double.isNaN(od[0]), Arrays.toString(od));
        }
    }

    @Test
    void sumIsAccurateForLongRows() {
        // 2^24 + 1 ones: a single float32 accumulator would stop at 2^24 = 16777216.
        int n = (1 << 24) + 8;
        float[] x = new float[n];
        Arrays.fill(x, 1f);
        float[] out = new float[1];
        be.reduce(ReduceOp.SUM, DType.FLOAT32, x, 1, n, 1, out);
        assertEquals(n, out[0], 8);
    }

    @Test
    void argReduceTiesAndNaN() {
        // First occurrence wins on ties; the first NaN is the answer (NumPy's argmax/argmin).
        double[] x = {1, 5, 5, 0, /* row 2 */ 3, 3, 3, 3, /* row 3 */ 2, Double.NaN, 9, Double.NaN, /* row 4 */ -1, -4, -4, 7};
        for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            int[] out = new int[4];
            be.argReduce(true, dt, store(dt, x), 4, 4, 1, out);
            assertArrayEquals(new int[] {1, 0, 1, 3}, out, "argmax " + dt);
            be.argReduce(false, dt, store(dt, x), 4, 4, 1, out);
            assertArrayEquals(new int[] {3, 0, 1, 1}, out, "argmin " + dt);
        }
        // Along a middle axis: (outer 2, reduced 3, inner 2).
        int[] xi = {1, 9, 4, 2, 4, 9, /**/ 0, 0, -1, 5, 7, 5};
        int[] out = new int[4];
        be.argReduce(true, DType.INT32, xi, 2, 3, 2, out);
        assertArrayEquals(new int[] {1, 0, 2, 1}, out);
        be.argReduce(false, DType.INT32, xi, 2, 3, 2, out);
        assertArrayEquals(new int[] {0, 1, 1, 0}, out);
    }

    // ---------------------------------------------------------------- matmul

    private static double[] naiveMatmul(double[] a, boolean ta, double[] b, boolean tb, int m, int n, int k, int ao, int bo) {
        double[] c = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int l = 0; l < k; l++) {
                    double av = ta ? a[ao + l * m + i] : a[ao + i * k + l];
                    double bv = tb ? b[bo + j * k + l] : b[bo + l * n + j];
                    s += av * bv;
                }
                c[i * n + j] = s;
            }
        }
        return c;
    }

    @Test
    void matmulAgainstNaive() {
        int[][] mnk = {{1, 1, 1}, {3, 2, 4}, {5, 7, 3}, {17, 33, 9}, {40, 70, 100}, {8, 1, 5}, {1, 9, 6}, {4, 3, 0}};
        long seed = 400;
        for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            for (int[] d : mnk) {
                int m = d[0], n = d[1], k = d[2];
                for (boolean ta : new boolean[] {false, true}) {
                    for (boolean tb : new boolean[] {false, true}) {
                        for (int mode = 0; mode < 3; mode++) { // both batched, a shared, b shared
                            int batch = 3;
                            boolean aB = mode != 1, bB = mode != 2;
                            double[] av = randoms(seed++, (aB ? batch : 1) * m * k, -1, 1);
                            double[] bv = randoms(seed++, (bB ? batch : 1) * k * n, -1, 1);
                            Object a = store(dt, av), b = store(dt, bv), out = dt.allocate(batch * m * n);
                            if (out instanceof float[] f) Arrays.fill(f, Float.NaN); // garbage on entry
                            if (out instanceof double[] f) Arrays.fill(f, Double.NaN);
                            be.matmul(dt, a, aB, ta, b, bB, tb, out, batch, m, n, k);
                            double[] got = load(out);
                            double[] as = load(a), bs = load(b);
                            for (int i = 0; i < batch; i++) {
                                double[] e = naiveMatmul(as, ta, bs, tb, m, n, k, aB ? i * m * k : 0, bB ? i * k * n : 0);
                                double[] g = Arrays.copyOfRange(got, i * m * n, (i + 1) * m * n);
                                String what = dt + " " + Arrays.toString(d) + " ta " + ta + " tb " + tb + " mode " + mode + " batch " + i;
                                double tol = dt == DType.FLOAT32 ? 1e-5 * Math.sqrt(k) : 1e-13 * Math.sqrt(k);
                                for (int q = 0; q < e.length; q++) {
                                    if (Math.abs(e[q] - g[q]) > tol) assertEquals(e[q], g[q], tol, what + " element " + q);
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void matmulOfIntegersIsRefused() {
        assertThrows(UnsupportedOperationException.class,
                () -> be.matmul(DType.INT32, new int[4], false, false, new int[4], false, false, new int[4], 1, 2, 2, 2));
    }

    // ---------------------------------------------------------------- layout

    private static int[][] permutations(int r) {
        java.util.List<int[]> out = new java.util.ArrayList<>();
        permute(new int[r], new boolean[r], 0, out);
        return out.toArray(new int[0][]);
    }

    private static void permute(int[] p, boolean[] used, int i, java.util.List<int[]> out) {
        if (i == p.length) {
            out.add(p.clone());
            return;
        }
        for (int v = 0; v < p.length; v++) {
            if (used[v]) continue;
            used[v] = true;
            p[i] = v;
            permute(p, used, i + 1, out);
            used[v] = false;
        }
    }

    @Test
    void transposeEveryPermutationOfRanks0To4() {
        int[][] shapes = {{}, {5}, {70, 45}, {1, 33}, {3, 4, 5}, {2, 3, 4, 5}, {2, 1, 3, 2}};
        long seed = 500;
        for (int[] shape : shapes) {
            for (int[] perm : permutations(shape.length)) {
                for (DType dt : DType.numericValues()) {
                    int n = size(shape);
                    Object x = store(dt, randoms(seed++, n, -1000, 1000)), out = dt.allocate(n);
                    be.transpose(dt, x, shape, perm, out);
                    int[] outShape = new int[shape.length];
                    for (int i = 0; i < perm.length; i++) outShape[i] = shape[perm[i]];
                    double[] xs = load(x), expected = new double[n];
                    for (int o = 0; o < n; o++) {
                        int[] oi = unravel(o, outShape), si = new int[shape.length];
                        for (int i = 0; i < perm.length; i++) si[perm[i]] = oi[i];
                        int flat = 0;
                        for (int d = 0; d < shape.length; d++) flat = flat * shape[d] + si[d];
                        expected[o] = xs[flat];
                    }
                    assertArrayEquals(expected, load(out), dt + " " + Arrays.toString(shape) + " perm " + Arrays.toString(perm));
                }
            }
        }
    }

    @Test
    void broadcastTo() {
        int[][][] cases = {{{3}, {4, 3}}, {{4, 1}, {4, 3}}, {{}, {2, 2}}, {{1, 3, 1}, {2, 3, 4}}, {{2, 1, 3}, {5, 2, 4, 3}}, {{1}, {0}}};
        long seed = 600;
        for (int[][] c : cases) {
            for (DType dt : DType.numericValues()) {
                int n = size(c[1]);
                Object x = store(dt, randoms(seed++, size(c[0]), -50, 50)), out = dt.allocate(n);
                be.broadcastTo(dt, x, c[0], out, c[1]);
                double[] xs = load(x), expected = new double[n];
                for (int o = 0; o < n; o++) expected[o] = xs[broadcastSource(unravel(o, c[1]), c[0])];
                assertArrayEquals(expected, load(out), dt + " " + Arrays.toString(c[0]) + " -> " + Arrays.toString(c[1]));
            }
        }
    }

    @Test
    void sliceAndPadAreInverse() {
        int[][][] cases = { // shape, begin, size
                {{10}, {3}, {4}}, {{4, 5}, {1, 2}, {2, 3}}, {{4, 5}, {0, 0}, {4, 5}}, {{3, 4, 5}, {1, 0, 2}, {2, 4, 1}},
                {{2, 3, 4, 5}, {1, 1, 1, 1}, {1, 2, 3, 4}}, {{4, 5}, {2, 1}, {0, 3}}, {{}, {}, {}},
        };
        long seed = 700;
        for (int[][] c : cases) {
            int[] shape = c[0], begin = c[1], box = c[2];
            for (DType dt : DType.numericValues()) {
                double[] xv = randoms(seed++, size(shape), -9, 9);
                Object x = store(dt, xv), out = dt.allocate(size(box));
                be.slice(dt, x, shape, begin, out, box);
                double[] xs = load(x), expected = new double[size(box)];
                for (int o = 0; o < expected.length; o++) {
                    int[] oi = unravel(o, box);
                    int flat = 0;
                    for (int d = 0; d < shape.length; d++) flat = flat * shape[d] + oi[d] + begin[d];
                    expected[o] = xs[flat];
                }
                String what = dt + " " + Arrays.toString(shape) + " begin " + Arrays.toString(begin) + " size " + Arrays.toString(box);
                assertArrayEquals(expected, load(out), "slice " + what);

                // pad writes the box back into zeros of the big shape (output garbage must be cleared).
                Object padded = store(dt, randoms(seed++, size(shape), 1, 9));
                be.pad(dt, out, box, begin, padded, shape);
                double[] p = load(padded), pe = new double[size(shape)];
                for (int o = 0; o < expected.length; o++) {
                    int[] oi = unravel(o, box);
                    int flat = 0;
                    for (int d = 0; d < shape.length; d++) flat = flat * shape[d] + oi[d] + begin[d];
                    pe[flat] = expected[o];
                }
                assertArrayEquals(pe, p, "pad " + what);
            }
        }
    }

    @Test
    void concatMiddleAxis() {
        // Parts of shape (2, s_j, 3) concatenated along axis 1.
        int outer = 2, inner = 3;
        int[] sizes = {1, 0, 4, 2};
        for (DType dt : DType.numericValues()) {
            Object[] parts = new Object[sizes.length];
            double[][] vals = new double[sizes.length][];
            for (int j = 0; j < sizes.length; j++) {
                vals[j] = randoms(800 + j, outer * sizes[j] * inner, -5, 5);
                parts[j] = store(dt, vals[j]);
                vals[j] = load(parts[j]);
            }
            int total = 7;
            Object out = dt.allocate(outer * total * inner);
            be.concat(dt, parts, outer, sizes, inner, out);
            double[] expected = new double[outer * total * inner];
            for (int p = 0; p < outer; p++) {
                int at = 0;
                for (int j = 0; j < sizes.length; j++) {
                    for (int r = 0; r < sizes[j]; r++) {
                        for (int q = 0; q < inner; q++) expected[(p * total + at + r) * inner + q] = vals[j][(p * sizes[j] + r) * inner + q];
                    }
                    at += sizes[j];
                }
            }
            assertArrayEquals(expected, load(out), dt.toString());
        }
    }

    @Test
    void gatherAndScatterAdd() {
        int outer = 2, axis = 4, inner = 3;
        int[] idx = {3, 0, 3, 3, 1};
        for (DType dt : DType.numericValues()) {
            double[] xv = load(store(dt, randoms(900, outer * axis * inner, -5, 5)));
            Object out = dt.allocate(outer * idx.length * inner);
            be.gather(dt, store(dt, xv), outer, axis, inner, idx, out);
            double[] expected = new double[outer * idx.length * inner];
            for (int p = 0; p < outer; p++)
                for (int j = 0; j < idx.length; j++)
                    for (int q = 0; q < inner; q++) expected[(p * idx.length + j) * inner + q] = xv[(p * axis + idx[j]) * inner + q];
            assertArrayEquals(expected, load(out), "gather " + dt);

            double[] uv = load(store(dt, randoms(901, outer * idx.length * inner, -5, 5)));
            Object scattered = store(dt, randoms(902, outer * axis * inner, 1, 2)); // garbage on entry
            be.scatterAdd(dt, store(dt, uv), outer, axis, inner, idx, scattered);
            double[] se = new double[outer * axis * inner];
            for (int p = 0; p < outer; p++)
                for (int j = 0; j < idx.length; j++)
                    for (int q = 0; q < inner; q++) se[(p * axis + idx[j]) * inner + q] += uv[(p * idx.length + j) * inner + q];
            assertClose(se, load(scattered), dt == DType.FLOAT32 ? 1e-6 : 1e-15, "scatterAdd " + dt);
        }
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class,
                () -> be.gather(DType.FLOAT32, new float[8], 2, 4, 1, new int[] {4}, new float[2]));
        assertTrue(e.getMessage().contains("4"), e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> be.gather(DType.FLOAT32, new float[8], 2, 4, 1, new int[] {-1}, new float[2]));
    }

    @Test
    void castTruncatesTowardZero() {
        double[] v = {2.7, -2.7, 0.5, -0.5, 3, -3.999};
        for (DType from : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            int[] oi = new int[v.length];
            be.cast(from, store(from, v), DType.INT32, oi, v.length);
            assertArrayEquals(new int[] {2, -2, 0, 0, 3, -3}, oi, from + " -> int32");
            long[] ol = new long[2];
            be.cast(from, store(from, new double[] {1e10 + 0.5, -1e10 - 0.5}), DType.INT64, ol, 2);
            long big = from == DType.FLOAT32 ? 10_000_000_000L : 10_000_000_000L;
            assertArrayEquals(new long[] {big, -big}, ol, from + " -> int64");
        }
    }

    @Test
    void castBetweenFloatsAndIntegers() {
        float[] f = new float[3];
        be.cast(DType.FLOAT64, new double[] {0.1, 1e300, -3}, DType.FLOAT32, f, 3);
        assertArrayEquals(new float[] {0.1f, Float.POSITIVE_INFINITY, -3f}, f);
        double[] d = new double[2];
        be.cast(DType.FLOAT32, new float[] {0.1f, -7.5f}, DType.FLOAT64, d, 2);
        assertArrayEquals(new double[] {(double) 0.1f, -7.5}, d);
        be.cast(DType.INT32, new int[] {Integer.MIN_VALUE, 5}, DType.FLOAT64, d, 2);
        assertArrayEquals(new double[] {Integer.MIN_VALUE, 5}, d);
        long[] l = new long[2];
        be.cast(DType.INT32, new int[] {-5, Integer.MAX_VALUE}, DType.INT64, l, 2);
        assertArrayEquals(new long[] {-5, Integer.MAX_VALUE}, l);
        int[] i = new int[3];
        // int64 -> int32 wraps modulo 2^32, as NumPy's astype; values beyond 2^53 stay exact.
        be.cast(DType.INT64, new long[] {(1L << 32) + 7, -1, (1L << 60) + 3}, DType.INT32, i, 3);
        assertArrayEquals(new int[] {7, -1, 3}, i);
        long[] same = new long[1];
        be.cast(DType.INT64, new long[] {(1L << 62) + 1}, DType.INT64, same, 1);
        assertEquals((1L << 62) + 1, same[0]);
        be.cast(DType.INT64, new long[] {(1L << 53) + 1}, DType.FLOAT64, d, 1);
        assertEquals((double) ((1L << 53) + 1), d[0]);
    }
}
