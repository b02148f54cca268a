package io.keras4j.backend.jvm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The gate activations and cell update of {@link Lstm}'s float32 forward pass with the Vector
 * API: exp and tanh as vector operations (the JIT's SVML intrinsics on x86) instead of one scalar
 * call per element, five per unit and step. Loaded only when the incubator module is present.
 */
final class LstmVector {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private LstmVector() {}

    /**
     * One batch row: gates[zo..zo+4u) holds the pre-activations z_i, z_f, z_c, z_o and receives the
     * activated gates; cPrev[cpo..] is the previous cell state; writes c to cells[co..], tanh(c) to
     * cells[plane+co..] and h to out[ho..]. Handles the whole vectors and returns the first unit
     * left for the scalar loop.
     */
    static int row(float[] gates, int zo, float[] cPrev, int cpo, float[] cells, int co, int plane, float[] out, int ho, int u) {
        int n = S.loopBound(u);
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (int j = 0; j < n; j += S.length()) {
            FloatVector i = sigmoid(FloatVector.fromArray(S, gates, zo + j), one);
            FloatVector f = sigmoid(FloatVector.fromArray(S, gates, zo + u + j), one);
            FloatVector g = FloatVector.fromArray(S, gates, zo + 2 * u + j).lanewise(VectorOperators.TANH);
            FloatVector o = sigmoid(FloatVector.fromArray(S, gates, zo + 3 * u + j), one);
            FloatVector c = f.mul(FloatVector.fromArray(S, cPrev, cpo + j)).add(i.mul(g));
            FloatVector tc = c.lanewise(VectorOperators.TANH);
            i.intoArray(gates, zo + j);
            f.intoArray(gates, zo + u + j);
            g.intoArray(gates, zo + 2 * u + j);
            o.intoArray(gates, zo + 3 * u + j);
            c.intoArray(cells, co + j);
            tc.intoArray(cells, plane + co + j);
            o.mul(tc).intoArray(out, ho + j);
        }
        return n;
    }

    /**
     * One batch row of the backward pass (see {@link Lstm#backward}): from the saved gates and cell
     * states and the output gradient, the gradient of the pre-activations into dz[dzo..dzo+4u),
     * and dc[bu..] carried to the previous step. Returns the first unit left for the scalar loop.
     */
    static int rowBackward(float[] gates, int zo, float[] cells, int co, int plane, float[] cPrev, int cpo, float[] gOut, int go,
                           float[] dh, float[] dc, int bu, float[] dz, int dzo, int u) {
        int n = S.loopBound(u);
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (int j = 0; j < n; j += S.length()) {
            FloatVector i = FloatVector.fromArray(S, gates, zo + j), f = FloatVector.fromArray(S, gates, zo + u + j);
            FloatVector g = FloatVector.fromArray(S, gates, zo + 2 * u + j), o = FloatVector.fromArray(S, gates, zo + 3 * u + j);
            FloatVector tc = FloatVector.fromArray(S, cells, plane + co + j);
            FloatVector dhv = FloatVector.fromArray(S, gOut, go + j).add(FloatVector.fromArray(S, dh, bu + j));
            FloatVector dcv = FloatVector.fromArray(S, dc, bu + j).add(dhv.mul(o).mul(one.sub(tc.mul(tc))));
            f.mul(dcv).intoArray(dc, bu + j);
            dcv.mul(g).mul(i).mul(one.sub(i)).intoArray(dz, dzo + j);
            dcv.mul(FloatVector.fromArray(S, cPrev, cpo + j)).mul(f).mul(one.sub(f)).intoArray(dz, dzo + u + j);
            dcv.mul(i).mul(one.sub(g.mul(g))).intoArray(dz, dzo + 2 * u + j);
            dhv.mul(tc).mul(o).mul(one.sub(o)).intoArray(dz, dzo + 3 * u + j);
        }
        return n;
    }

    /** 1 / (1 + exp(-x)): exp overflows to infinity for very negative x, giving exactly 0. */
    private static FloatVector sigmoid(FloatVector x, FloatVector one) {
        return one.div(one.add(x.neg().lanewise(VectorOperators.EXP)));
    }
}
