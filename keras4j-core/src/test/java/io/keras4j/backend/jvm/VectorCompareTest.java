package io.keras4j.backend.jvm;

import io.keras4j.backend.BinaryOp;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The Vector API comparisons agree with Java's scalar comparisons, NaN, ties and signed zeros included. */
class VectorCompareTest {
    private static final float[] X = {0f, -0f, 1f, -1f, Float.NaN, 2f, 2f, Float.POSITIVE_INFINITY, 1e-45f, -3f,
        0.5f, 0.5f, 7f, -7f, 0f, Float.NEGATIVE_INFINITY, 3f, 1f, 1f, 1f, 1f, 1f, 1f, 1f, 1f, 1f, 1f, 1f, 1f, 1f, 1f, 1f, 1f, 5f, 0f};
    private static final float[] Y = {0f, 0f, 2f, -1f, 1f, Float.NaN, 2f, 1f, 0f, -3f,
        0.25f, 0.5f, 7f, 7f, -0f, 0f, 3f, 0f, 2f, 1f, 0f, 2f, 1f, 0f, 2f, 1f, 0f, 2f, 1f, 0f, 2f, 1f, 0f, 5f, 1f};

    @Test void matchesScalarSemanticsForEveryComparison() {
        int n = X.length;
        for (BinaryOp op : BinaryOp.values()) {
            if (!op.isComparison()) continue;
            float[] same = new float[n], scalar = new float[n];
            VectorCompare.same(op, X, Y, 0, same, 0, n);
            VectorCompare.scalar(op, X, 0f, scalar, 0, n);
            for (int i = 0; i < n; i++) {
                assertEquals((float) Elementwise.apply(op, X[i], Y[i]), same[i], op + " at " + i);
                assertEquals((float) Elementwise.apply(op, X[i], 0f), scalar[i], op + " vs 0 at " + i);
            }
        }
    }

    @Test void offsetsAndPartialRanges() {
        float[] o = new float[X.length];
        java.util.Arrays.fill(o, 9f);
        VectorCompare.same(BinaryOp.GREATER, X, Y, -2, o, 3, 30);
        for (int i = 0; i < X.length; i++) {
            float want = i < 3 || i >= 30 ? 9f : (X[i] > Y[i - 2] ? 1f : 0f);
            assertEquals(want, o[i], "at " + i);
        }
    }
}
