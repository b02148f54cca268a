package io.keras4j.backend.jvm;

import io.keras4j.backend.BinaryOp;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * float32 comparisons (1 or 0) with the Vector API. C2 does not vectorise {@code x > y ? 1f : 0f}
 * on JDK 17, and the ReLU gradient's mask is such a loop: as a branchy scalar loop it took 40× the
 * time of this one (225 µs against 6 µs for a 128×512 activation). Loaded only when
 * {@link Sgemm#vectorized()} says the incubator module is present.
 *
 * <p>One loop per comparison, each naming its operator as a constant: C2 intrinsifies
 * {@code compare} only when the operator is a compile-time constant. With the operator passed in
 * as a variable, JDK 17 ran the Vector API's scalar fallback instead — measured, a third of a CNN
 * training step's samples sat in that fallback.
 */
final class VectorCompare {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private VectorCompare() {}

    /** o[i] = x[i] op s ? 1 : 0 for i in [from, to). */
    static void scalar(BinaryOp op, float[] x, float s, float[] o, int from, int to) {
        int i = switch (op) {
            case GREATER -> scalarGt(x, s, o, from, to);
            case GREATER_EQUAL -> scalarGe(x, s, o, from, to);
            case LESS -> scalarLt(x, s, o, from, to);
            case LESS_EQUAL -> scalarLe(x, s, o, from, to);
            case EQUAL -> scalarEq(x, s, o, from, to);
            case NOT_EQUAL -> scalarNe(x, s, o, from, to);
            default -> throw new IllegalArgumentException("not a comparison: " + op);
        };
        for (; i < to; i++) o[i] = (float) Elementwise.apply(op, x[i], s);
    }

    /** o[i] = x[i] op y[i + yo] ? 1 : 0 for i in [from, to). */
    static void same(BinaryOp op, float[] x, float[] y, int yo, float[] o, int from, int to) {
        int i = switch (op) {
            case GREATER -> sameGt(x, y, yo, o, from, to);
            case GREATER_EQUAL -> sameGe(x, y, yo, o, from, to);
            case LESS -> sameLt(x, y, yo, o, from, to);
            case LESS_EQUAL -> sameLe(x, y, yo, o, from, to);
            case EQUAL -> sameEq(x, y, yo, o, from, to);
            case NOT_EQUAL -> sameNe(x, y, yo, o, from, to);
            default -> throw new IllegalArgumentException("not a comparison: " + op);
        };
        for (; i < to; i++) o[i] = (float) Elementwise.apply(op, x[i], y[i + yo]);
    }

    // Each loop returns where it stopped: the scalar tail is left to the caller.

    private static int scalarGt(float[] x, float s, float[] o, int from, int to) {
        FloatVector one = FloatVector.broadcast(S, 1f), zero = FloatVector.zero(S);
        int i = from;
        for (int end = from + S.loopBound(to - from); i < end; i += S.length()) {
            zero.blend(one, FloatVector.fromArray(S, x, i).compare(VectorOperators.GT, s)).intoArray(o, i);
        }
        return i;
    }

    private static int sameGt(float[] x, float[] y, int yo, float[] o, int from, int to) {
        FloatVector one = FloatVector.broadcast(S, 1f), zero = FloatVector.zero(S);
        int i = from;
        for (int end = from + S.loopBound(to - from); i < end; i += S.length()) {
            zero.blend(one, FloatVector.fromArray(S, x, i).compare(VectorOperators.GT, FloatVector.fromArray(S, y, i + yo))).intoArray(o, i);
        }
        return i;
    }

    private static int scalarGe(float[] x, float s, float[] o, int from, int to) {
        FloatVector one = FloatVector.broadcast(S, 1f), zero = FloatVector.zero(S);
        int i = from;
        for (int end = from + S.loopBound(to - from); i < end; i += S.length()) {
            zero.blend(one, FloatVector.fromArray(S, x, i).compare(VectorOperators.GE, s)).intoArray(o, i);
        }
        return i;
    }

    private static int sameGe(float[] x, float[] y, int yo, float[] o, int from, int to) {
        FloatVector one = FloatVector.broadcast(S, 1f), zero = FloatVector.zero(S);
        int i = from;
        for (int end = from + S.loopBound(to - from); i < end; i += S.length()) {
            zero.blend(one, FloatVector.fromArray(S, x, i).compare(VectorOperators.GE, FloatVector.fromArray(S, y, i + yo))).intoArray(o, i);
        }
        return i;
    }

    private static int scalarLt(float[] x, float s, float[] o, int from, int to) {
        FloatVector one = FloatVector.broadcast(S, 1f), zero = FloatVector.zero(S);
        int i = from;
        for (int end = from + S.loopBound(to - from); i < end; i += S.length()) {
            zero.blend(one, FloatVector.fromArray(S, x, i).compare(VectorOperators.LT, s)).intoArray(o, i);
        }
        return i;
    }

    private static int sameLt(float[] x, float[] y, int yo, float[] o, int from, int to) {
        FloatVector one = FloatVector.broadcast(S, 1f), zero = FloatVector.zero(S);
        int i = from;
        for (int end = from + S.loopBound(to - from); i < end; i += S.length()) {
            zero.blend(one, FloatVector.fromArray(S, x, i).compare(VectorOperators.LT, FloatVector.fromArray(S, y, i + yo))).intoArray(o, i);
        }
        return i;
    }

    private static int scalarLe(float[] x, float s, float[] o, int from, int to) {
        FloatVector one = FloatVector.broadcast(S, 1f), zero = FloatVector.zero(S);
        int i = from;
        for (int end = from + S.loopBound(to - from); i < end; i += S.length()) {
            zero.blend(one, FloatVector.fromArray(S, x, i).compare(VectorOperators.LE, s)).intoArray(o, i);
        }
        return i;
    }

    private static int sameLe(float[] x, float[] y, int yo, float[] o, int from, int to) {
        FloatVector one = FloatVector.broadcast(S, 1f), zero = FloatVector.zero(S);
        int i = from;
        for (int end = from + S.loopBound(to - from); i < end; i += S.length()) {
            zero.blend(one, FloatVector.fromArray(S, x, i).compare(VectorOperators.LE, FloatVector.fromArray(S, y, i + yo))).intoArray(o, i);
        }
        return i;
    }

    private static int scalarEq(float[] x, float s, float[] o, int from, int to) {
        FloatVector one = FloatVector.broadcast(S, 1f), zero = FloatVector.zero(S);
        int i = from;
        for (int end = from + S.loopBound(to - from); i < end; i += S.length()) {
            zero.blend(one, FloatVector.fromArray(S, x, i).compare(VectorOperators.EQ, s)).intoArray(o, i);
        }
        return i;
    }

    private static int sameEq(float[] x, float[] y, int yo, float[] o, int from, int to) {
        FloatVector one = FloatVector.broadcast(S, 1f), zero = FloatVector.zero(S);
        int i = from;
        for (int end = from + S.loopBound(to - from); i < end; i += S.length()) {
            zero.blend(one, FloatVector.fromArray(S, x, i).compare(VectorOperators.EQ, FloatVector.fromArray(S, y, i + yo))).intoArray(o, i);
        }
        return i;
    }

    private static int scalarNe(float[] x, float s, float[] o, int from, int to) {
        FloatVector one = FloatVector.broadcast(S, 1f), zero = FloatVector.zero(S);
        int i = from;
        for (int end = from + S.loopBound(to - from); i < end; i += S.length()) {
            zero.blend(one, FloatVector.fromArray(S, x, i).compare(VectorOperators.NE, s)).intoArray(o, i);
        }
        return i;
    }

    private static int sameNe(float[] x, float[] y, int yo, float[] o, int from, int to) {
        FloatVector one = FloatVector.broadcast(S, 1f), zero = FloatVector.zero(S);
        int i = from;
        for (int end = from + S.loopBound(to - from); i < end; i += S.length()) {
            zero.blend(one, FloatVector.fromArray(S, x, i).compare(VectorOperators.NE, FloatVector.fromArray(S, y, i + yo))).intoArray(o, i);
        }
        return i;
    }
}
