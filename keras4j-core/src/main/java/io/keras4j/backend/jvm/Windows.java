package io.keras4j.backend.jvm;

import io.keras4j.backend.Backend.ConvGeometry;

/**
 * Which input cell each (output cell, window position) pair of a convolution or pooling reads,
 * computed once per call: the kernels then do no coordinate arithmetic in their inner loops.
 */
final class Windows {
    private Windows() {}

    static int product(int[] d) {
        int p = 1;
        for (int v : d) p *= v;
        return p;
    }

    /**
     * table[o * K + k] = the flat spatial index of the input cell that output cell o reads at window
     * position k (both row-major), or -1 where that cell is padding.
     */
    static int[] table(ConvGeometry g) {
        int rank = g.inSpatial().length;
        int p = product(g.outSpatial()), k = product(g.kernel());
        int[] t = new int[p * k];
        int[] oc = new int[rank], kc = new int[rank];
        for (int o = 0; o < p; o++) {
            unravel(o, g.outSpatial(), oc);
            for (int w = 0; w < k; w++) {
                unravel(w, g.kernel(), kc);
                int flat = 0;
                for (int d = 0; d < rank; d++) {
                    int c = oc[d] * g.strides()[d] - g.padBefore()[d] + kc[d] * g.dilation()[d];
                    if (c < 0 || c >= g.inSpatial()[d]) {
                        flat = -1;
                        break;
                    }
                    flat = flat * g.inSpatial()[d] + c;
                }
                t[o * k + w] = flat;
            }
        }
        return t;
    }

    private static void unravel(int i, int[] dims, int[] out) {
        for (int d = dims.length - 1; d >= 0; d--) {
            out[d] = i % dims[d];
            i /= dims[d];
        }
    }
}
