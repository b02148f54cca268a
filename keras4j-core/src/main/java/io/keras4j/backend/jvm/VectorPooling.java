package io.keras4j.backend.jvm;

import java.util.Arrays;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * float32 max pooling and its gradient with the Vector API, over the contiguous channels of a cell.
 * C2 vectorises neither loop on JDK 17 (a running max with a branch, an argmax), and as scalar
 * loops they were a fifth of a CNN training step. Loaded only when {@link Sgemm#vectorized()}
 * says the incubator module is present; {@link Pooling} keeps the plain loops for other cases.
 */
final class VectorPooling {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private VectorPooling() {}

    /** out[b, o, j] = max over the window's cells inside the input of x[b, cell, j], for b in [from, to). */
    static void maxPool(float[] x, int[] table, int p, int s, int k, int c, float[] out, int from, int to) {
        int vc = S.loopBound(c);
        for (int b = from; b < to; b++) {
            for (int o = 0; o < p; o++) {
                int dst = (b * p + o) * c, t = o * k;
                for (int j = 0; j < vc; j += L) {
                    FloatVector m = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
                    for (int w = 0; w < k; w++) {
                        int cell = table[t + w];
                        if (cell >= 0) m = m.lanewise(VectorOperators.MAX, FloatVector.fromArray(S, x, (b * s + cell) * c + j));
                    }
                    m.intoArray(out, dst + j);
                }
                if (vc < c) {
                    Arrays.fill(out, dst + vc, dst + c, Float.NEGATIVE_INFINITY);
                    for (int w = 0; w < k; w++) {
                        int cell = table[t + w];
                        if (cell < 0) continue;
                        int src = (b * s + cell) * c;
                        for (int j = vc; j < c; j++) out[dst + j] = Math.max(out[dst + j], x[src + j]);
                    }
                }
            }
        }
    }

    /**
     * dx[b, cell, j] += dy[b, o, j] for the first cell of each window holding the window's maximum
     * (a later cell wins only when strictly greater, as {@link Pooling#maxPoolGrad}). dx must be
     * zero on entry. The winning window position is tracked per lane as a float: exact, since
     * windows are far smaller than 2^24 positions.
     */
    static void maxPoolGrad(float[] x, float[] dy, int[] table, int p, int s, int k, int c, float[] dx, int from, int to) {
        int vc = S.loopBound(c);
        float[] winner = new float[L];
        for (int b = from; b < to; b++) {
            for (int o = 0; o < p; o++) {
                int t = o * k, at = (b * p + o) * c;
                int first = 0;
                while (first < k && table[t + first] < 0) first++;
                if (first == k) continue; // a window entirely in the padding passes no gradient
                for (int j = 0; j < vc; j += L) {
                    FloatVector best = FloatVector.fromArray(S, x, (b * s + table[t + first]) * c + j);
                    FloatVector pos = FloatVector.broadcast(S, (float) first);
                    for (int w = first + 1; w < k; w++) {
                        int cell = table[t + w];
                        if (cell < 0) continue;
                        FloatVector v = FloatVector.fromArray(S, x, (b * s + cell) * c + j);
                        VectorMask<Float> greater = v.compare(VectorOperators.GT, best);
                        best = best.blend(v, greater);
                        pos = pos.blend(FloatVector.broadcast(S, (float) w), greater);
                    }
                    pos.intoArray(winner, 0);
                    for (int l = 0; l < L; l++) {
                        dx[(b * s + table[t + (int) winner[l]]) * c + j + l] += dy[at + j + l];
                    }
                }
                for (int j = vc; j < c; j++) {
                    int bestAt = (b * s + table[t + first]) * c + j;
                    for (int w = first + 1; w < k; w++) {
                        int cell = table[t + w];
                        if (cell < 0) continue;
                        int i = (b * s + cell) * c + j;
                        if (x[i] > x[bestAt]) bestAt = i;
                    }
                    dx[bestAt] += dy[at + j];
                }
            }
        }
    }
}
