package io.keras4j.backend.jvm;

import io.keras4j.backend.Backend;
import io.keras4j.backend.Backend.ConvGeometry;
import io.keras4j.backend.BinaryOp;
import io.keras4j.backend.ReduceOp;
import io.keras4j.backend.UnaryOp;
import io.keras4j.tensor.DType;

/** The default backend: pure Java, SIMD through the Vector API when the JVM offers it, multithreaded. */
public final class JvmBackend implements Backend {
    @Override public String name() { return "jvm"; }

    @Override public void unary(UnaryOp op, DType dtype, Object x, Object out, int n) {
        Elementwise.unary(op, dtype, x, out, n);
    }

    @Override public void binary(BinaryOp op, DType dtype, Object a, int[] aShape, Object b, int[] bShape, Object out, int[] outShape) {
        Elementwise.binary(op, dtype, a, aShape, b, bShape, out, outShape);
    }

    @Override public void where(DType condType, Object cond, DType dtype, Object a, Object b, Object out, int n) {
        Elementwise.where(condType, cond, dtype, a, b, out, n);
    }

    @Override public void reduce(ReduceOp op, DType dtype, Object x, int outer, int reduced, int inner, Object out) {
        Reductions.reduce(op, dtype, x, outer, reduced, inner, out);
    }

    @Override public void argReduce(boolean max, DType dtype, Object x, int outer, int reduced, int inner, int[] out) {
        Reductions.argReduce(max, dtype, x, outer, reduced, inner, out);
    }

    @Override public void matmul(DType dtype, Object a, boolean aBatched, boolean transA, Object b, boolean bBatched, boolean transB,
                                 Object out, int batch, int m, int n, int k) {
        if (m == 0 || n == 0 || k == 0) {
            // An empty product is all zeros; GEMM kernels refuse zero leading dimensions.
            Layout.fillZero(out, batch * m * n);
            return;
        }
        int lda = transA ? m : k, ldb = transB ? k : n;
        for (int i = 0; i < batch; i++) {
            int ao = aBatched ? i * m * k : 0, bo = bBatched ? i * k * n : 0, co = i * m * n;
            switch (dtype) {
                case FLOAT32 -> Sgemm.sgemm(transA, transB, m, n, k, (float[]) a, ao, lda, (float[]) b, bo, ldb, (float[]) out, co, n, false);
                case FLOAT64 -> Sgemm.dgemm(transA, transB, m, n, k, (double[]) a, ao, lda, (double[]) b, bo, ldb, (double[]) out, co, n, false);
                default -> throw new UnsupportedOperationException("matmul is not supported for dtype " + dtype + "; cast to float32 first");
            }
        }
    }

    @Override public void transpose(DType dtype, Object x, int[] shape, int[] perm, Object out) {
        Layout.transpose(dtype, x, shape, perm, out);
    }

    @Override public void broadcastTo(DType dtype, Object x, int[] shape, Object out, int[] outShape) {
        Layout.broadcastTo(dtype, x, shape, out, outShape);
    }

    @Override public void slice(DType dtype, Object x, int[] shape, int[] begin, Object out, int[] outShape) {
        Layout.slice(dtype, x, shape, begin, out, outShape);
    }

    @Override public void pad(DType dtype, Object x, int[] shape, int[] begin, Object out, int[] outShape) {
        Layout.pad(dtype, x, shape, begin, out, outShape);
    }

    @Override public void sliceAdd(DType dtype, Object x, int[] shape, int[] begin, Object out, int[] outShape) {
        Layout.sliceAdd(dtype, x, shape, begin, out, outShape);
    }

    @Override public void concat(DType dtype, Object[] parts, int outer, int[] sizes, int inner, Object out) {
        Layout.concat(dtype, parts, outer, sizes, inner, out);
    }

    @Override public void gather(DType dtype, Object x, int outer, int axisSize, int inner, int[] indices, Object out) {
        Layout.gather(dtype, x, outer, axisSize, inner, indices, out);
    }

    @Override public void scatterAdd(DType dtype, Object updates, int outer, int axisSize, int inner, int[] indices, Object out) {
        Layout.scatterAdd(dtype, updates, outer, axisSize, inner, indices, out);
    }

    @Override public void cast(DType from, Object x, DType to, Object out, int n) {
        Elementwise.cast(from, x, to, out, n);
    }

    @Override public void conv(DType dtype, Object x, Object kernel, ConvGeometry g, Object out) {
        Convolution.forward(dtype, x, kernel, g, out);
    }

    @Override public void convBackpropInput(DType dtype, Object dy, Object kernel, ConvGeometry g, Object dx) {
        Convolution.backpropInput(dtype, dy, kernel, g, dx);
    }

    @Override public void convBackpropFilter(DType dtype, Object x, Object dy, ConvGeometry g, Object dKernel) {
        Convolution.backpropFilter(dtype, x, dy, g, dKernel);
    }

    @Override public void maxPool(DType dtype, Object x, ConvGeometry g, Object out) {
        Pooling.maxPool(dtype, x, g, out);
    }

    @Override public void maxPoolGrad(DType dtype, Object x, Object dy, ConvGeometry g, Object dx) {
        Pooling.maxPoolGrad(dtype, x, dy, g, dx);
    }

    @Override public void avgPool(DType dtype, Object x, ConvGeometry g, Object out) {
        Pooling.avgPool(dtype, x, g, out);
    }

    @Override public void avgPoolGrad(DType dtype, Object dy, ConvGeometry g, Object dx) {
        Pooling.avgPoolGrad(dtype, dy, g, dx);
    }

    @Override public void lstm(DType dtype, Object zx, Object recurrentKernel, Object h0, Object c0, int batch, int steps, int units,
                               boolean reverse, Object out, Object gates, Object cells) {
        switch (dtype) {
            case FLOAT32 -> Lstm.forward((float[]) zx, (float[]) recurrentKernel, (float[]) h0, (float[]) c0, batch, steps, units, reverse,
                    (float[]) out, (float[]) gates, (float[]) cells);
            case FLOAT64 -> Lstm.forward((double[]) zx, (double[]) recurrentKernel, (double[]) h0, (double[]) c0, batch, steps, units, reverse,
                    (double[]) out, (double[]) gates, (double[]) cells);
            default -> throw new UnsupportedOperationException("lstm is not supported for dtype " + dtype);
        }
    }

    @Override public void lstmBackward(DType dtype, Object gOut, Object recurrentKernel, Object h0, Object c0, Object out, Object gates,
                                       Object cells, int batch, int steps, int units, boolean reverse,
                                       Object dzx, Object dRecurrentKernel, Object dh0, Object dc0) {
        switch (dtype) {
            case FLOAT32 -> Lstm.backward((float[]) gOut, (float[]) recurrentKernel, (float[]) h0, (float[]) c0, (float[]) out,
                    (float[]) gates, (float[]) cells, batch, steps, units, reverse,
                    (float[]) dzx, (float[]) dRecurrentKernel, (float[]) dh0, (float[]) dc0);
            case FLOAT64 -> Lstm.backward((double[]) gOut, (double[]) recurrentKernel, (double[]) h0, (double[]) c0, (double[]) out,
                    (double[]) gates, (double[]) cells, batch, steps, units, reverse,
                    (double[]) dzx, (double[]) dRecurrentKernel, (double[]) dh0, (double[]) dc0);
            default -> throw new UnsupportedOperationException("lstm is not supported for dtype " + dtype);
        }
    }

    @Override public void simpleRnn(DType dtype, Object zx, Object recurrentKernel, Object h0, int batch, int steps, int units,
                                    boolean reverse, Object out) {
        switch (dtype) {
            case FLOAT32 -> SimpleRnn.forward((float[]) zx, (float[]) recurrentKernel, (float[]) h0, batch, steps, units, reverse, (float[]) out);
            case FLOAT64 -> SimpleRnn.forward((double[]) zx, (double[]) recurrentKernel, (double[]) h0, batch, steps, units, reverse, (double[]) out);
            default -> throw new UnsupportedOperationException("simple_rnn is not supported for dtype " + dtype);
        }
    }

    @Override public void simpleRnnBackward(DType dtype, Object gOut, Object recurrentKernel, Object h0, Object out, int batch, int steps,
                                            int units, boolean reverse, Object dzx, Object dRecurrentKernel, Object dh0) {
        switch (dtype) {
            case FLOAT32 -> SimpleRnn.backward((float[]) gOut, (float[]) recurrentKernel, (float[]) h0, (float[]) out, batch, steps, units,
                    reverse, (float[]) dzx, (float[]) dRecurrentKernel, (float[]) dh0);
            case FLOAT64 -> SimpleRnn.backward((double[]) gOut, (double[]) recurrentKernel, (double[]) h0, (double[]) out, batch, steps, units,
                    reverse, (double[]) dzx, (double[]) dRecurrentKernel, (double[]) dh0);
            default -> throw new UnsupportedOperationException("simple_rnn is not supported for dtype " + dtype);
        }
    }

    @Override public void gru(DType dtype, Object zx, Object recurrentKernel, Object recurrentBias, Object h0, int batch, int steps, int units,
                              boolean reverse, Object out, Object saved) {
        switch (dtype) {
            case FLOAT32 -> Gru.forward((float[]) zx, (float[]) recurrentKernel, (float[]) recurrentBias, (float[]) h0, batch, steps, units,
                    reverse, (float[]) out, (float[]) saved);
            case FLOAT64 -> Gru.forward((double[]) zx, (double[]) recurrentKernel, (double[]) recurrentBias, (double[]) h0, batch, steps, units,
                    reverse, (double[]) out, (double[]) saved);
            default -> throw new UnsupportedOperationException("gru is not supported for dtype " + dtype);
        }
    }

    @Override public void gruBackward(DType dtype, Object gOut, Object recurrentKernel, Object h0, Object out, Object saved, int batch,
                                      int steps, int units, boolean reverse, Object dzx, Object dRecurrentKernel, Object dRecurrentBias,
                                      Object dh0) {
        switch (dtype) {
            case FLOAT32 -> Gru.backward((float[]) gOut, (float[]) recurrentKernel, (float[]) h0, (float[]) out, (float[]) saved, batch, steps,
                    units, reverse, (float[]) dzx, (float[]) dRecurrentKernel, (float[]) dRecurrentBias, (float[]) dh0);
            case FLOAT64 -> Gru.backward((double[]) gOut, (double[]) recurrentKernel, (double[]) h0, (double[]) out, (double[]) saved, batch,
                    steps, units, reverse, (double[]) dzx, (double[]) dRecurrentKernel, (double[]) dRecurrentBias, (double[]) dh0);
            default -> throw new UnsupportedOperationException("gru is not supported for dtype " + dtype);
        }
    }
}
