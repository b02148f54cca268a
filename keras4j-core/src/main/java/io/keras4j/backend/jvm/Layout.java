package io.keras4j.backend.jvm;

import io.keras4j.tensor.DType;

/** Data-movement kernels: transpose, broadcast, slice, pad, concat, gather, scatter-add. */
final class Layout {
    private Layout() {}

    static void transpose(DType dt, Object x, int[] shape, int[] perm, Object out) {
        int r = shape.length;
        int n = Storage.size(shape);
        if (n == 0) return;
        if (r < 2) { // a scalar or vector: the only permutation is the identity
            System.arraycopy(x, 0, out, 0, n);
            return;
        }
        int[] inStrides = Storage.strides(shape);
        if (r == 2 && perm[0] == 1) {
            transpose2d(x, shape[0], shape[1], out);
            return;
        }
        int[] outShape = new int[r], srcStride = new int[r];
        for (int i = 0; i < r; i++) {
            outShape[i] = shape[perm[i]];
            srcStride[i] = inStrides[perm[i]];
        }
        int[] idx = new int[r];
        int src = 0;
        int last = r - 1;
        int runLen = outShape[last], runStride = srcStride[last];
        for (int o = 0; o < n; o += runLen) {
            for (int j = 0; j < runLen; j++) copy(x, src + j * runStride, out, o + j);
            for (int d = last - 1; d >= 0; d--) {
                idx[d]++;
                src += srcStride[d];
                if (idx[d] < outShape[d]) break;
                src -= srcStride[d] * outShape[d];
                idx[d] = 0;
            }
        }
    }

    /** Blocked 2-D transpose: tiles keep both source and destination in cache. */
    private static void transpose2d(Object x, int rows, int cols, Object out) {
        final int b = 32;
        for (int i0 = 0; i0 < rows; i0 += b) {
            int i1 = Math.min(rows, i0 + b);
            for (int j0 = 0; j0 < cols; j0 += b) {
                int j1 = Math.min(cols, j0 + b);
                if (x instanceof float[] xf) {
                    float[] of = (float[]) out;
                    for (int i = i0; i < i1; i++) for (int j = j0; j < j1; j++) of[j * rows + i] = xf[i * cols + j];
                } else {
                    for (int i = i0; i < i1; i++) for (int j = j0; j < j1; j++) copy(x, i * cols + j, out, j * rows + i);
                }
            }
        }
    }

    private static void copy(Object src, int si, Object dst, int di) {
        if (src instanceof float[] s) ((float[]) dst)[di] = s[si];
        else if (src instanceof double[] s) ((double[]) dst)[di] = s[si];
        else if (src instanceof int[] s) ((int[]) dst)[di] = s[si];
        else ((long[]) dst)[di] = ((long[]) src)[si];
    }

    static void broadcastTo(DType dt, Object x, int[] shape, Object out, int[] outShape) {
        int r = outShape.length, n = Storage.size(outShape);
        if (n == 0) return;
        int[] s = Storage.broadcastStrides(shape, outShape);
        int[] idx = new int[r];
        int src = 0;
        for (int o = 0; o < n; o++) {
            copy(x, src, out, o);
            for (int d = r - 1; d >= 0; d--) {
                idx[d]++;
                src += s[d];
                if (idx[d] < outShape[d]) break;
                src -= s[d] * outShape[d];
                idx[d] = 0;
            }
        }
    }

    /** Copies the box {@code box} between a big array (shape big) at offset begin and a compact one. */
    private static void boxCopy(Object big, int[] bigShape, int[] begin, Object compact, int[] box, boolean toCompact) {
        int r = box.length, n = Storage.size(box);
        if (n == 0) return;
        if (r == 0) {
            if (toCompact) System.arraycopy(big, 0, compact, 0, 1);
            else System.arraycopy(compact, 0, big, 0, 1);
            return;
        }
        int[] bs = Storage.strides(bigShape);
        int base = 0;
        for (int i = 0; i < r; i++) base += begin[i] * bs[i];
        int run = box[r - 1];
        int[] idx = new int[r];
        int off = base;
        for (int c = 0; c < n; c += run) {
            if (toCompact) System.arraycopy(big, off, compact, c, run);
            else System.arraycopy(compact, c, big, off, run);
            for (int d = r - 2; d >= 0; d--) {
                idx[d]++;
                off += bs[d];
                if (idx[d] < box[d]) break;
                off -= bs[d] * box[d];
                idx[d] = 0;
            }
        }
    }

    static void slice(DType dt, Object x, int[] shape, int[] begin, Object out, int[] outShape) {
        boxCopy(x, shape, begin, out, outShape, true);
    }

    static void pad(DType dt, Object x, int[] shape, int[] begin, Object out, int[] outShape) {
        fillZero(out, Storage.size(outShape));
        boxCopy(out, outShape, begin, x, shape, false);
    }

    /** big[begin : begin + box] += compact (a box of shape {@code box}), one contiguous run at a time. */
    static void sliceAdd(DType dt, Object compact, int[] box, int[] begin, Object big, int[] bigShape) {
        int r = box.length, n = Storage.size(box);
        if (n == 0) return;
        int[] bs = Storage.strides(bigShape);
        int off = 0;
        for (int i = 0; i < r; i++) off += begin[i] * bs[i];
        int run = r == 0 ? 1 : box[r - 1];
        int[] idx = new int[Math.max(r, 1)];
        for (int c = 0; c < n; c += run) {
            if (dt == DType.FLOAT32) {
                float[] b = (float[]) big, s = (float[]) compact;
                for (int q = 0; q < run; q++) b[off + q] += s[c + q];
            } else {
                for (int q = 0; q < run; q++) Storage.set(dt, big, off + q, Storage.get(dt, big, off + q) + Storage.get(dt, compact, c + q));
            }
            for (int d = r - 2; d >= 0; d--) {
                idx[d]++;
                off += bs[d];
                if (idx[d] < box[d]) break;
                off -= bs[d] * box[d];
                idx[d] = 0;
            }
        }
    }

    static void fillZero(Object a, int n) {
        if (a instanceof float[] f) java.util.Arrays.fill(f, 0, n, 0f);
        else if (a instanceof double[] d) java.util.Arrays.fill(d, 0, n, 0.0);
        else if (a instanceof int[] i) java.util.Arrays.fill(i, 0, n, 0);
        else java.util.Arrays.fill((long[]) a, 0, n, 0L);
    }

    static void concat(DType dt, Object[] parts, int outer, int[] sizes, int inner, Object out) {
        int total = 0;
        for (int s : sizes) total += s;
        int off = 0;
        for (int j = 0; j < parts.length; j++) {
            int len = sizes[j] * inner;
            for (int p = 0; p < outer; p++) System.arraycopy(parts[j], p * len, out, p * total * inner + off, len);
            off += len;
        }
    }

    static void gather(DType dt, Object x, int outer, int axisSize, int inner, int[] indices, Object out) {
        for (int v : indices) {
            if (v < 0 || v >= axisSize) throw new IndexOutOfBoundsException("index " + v + " is out of bounds for axis with size " + axisSize);
        }
        int m = indices.length;
        for (int p = 0; p < outer; p++) {
            for (int j = 0; j < m; j++) {
                System.arraycopy(x, (p * axisSize + indices[j]) * inner, out, (p * m + j) * inner, inner);
            }
        }
    }

    static void scatterAdd(DType dt, Object updates, int outer, int axisSize, int inner, int[] indices, Object out) {
        fillZero(out, outer * axisSize * inner);
        int m = indices.length;
        for (int p = 0; p < outer; p++) {
            for (int j = 0; j < m; j++) {
                int dst = (p * axisSize + indices[j]) * inner, src = (p * m + j) * inner;
                if (dt == DType.FLOAT32) {
                    float[] o = (float[]) out, u = (float[]) updates;
                    for (int q = 0; q < inner; q++) o[dst + q] += u[src + q];
                } else {
                    for (int q = 0; q < inner; q++) {
                        Storage.set(dt, out, dst + q, Storage.get(dt, out, dst + q) + Storage.get(dt, updates, src + q));
                    }
                }
            }
        }
    }
}
