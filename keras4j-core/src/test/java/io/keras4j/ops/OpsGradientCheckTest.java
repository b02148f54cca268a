package io.keras4j.ops;

import io.keras4j.autodiff.GradCheck;
import io.keras4j.autodiff.GradientTape;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.keras4j.autodiff.GradCheck.awayFromZero;
import static io.keras4j.autodiff.GradCheck.check;
import static io.keras4j.autodiff.GradCheck.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The composites of {@link Ops}, differentiated by the chain rule, against float64 central differences. */
class OpsGradientCheckTest {

    @Test
    void softmaxAndLogSoftmax() {
        Tensor x = uniform(1, -3, 3, 3, 4);
        for (int axis : new int[] {-1, 0, 1}) {
            check(in -> Ops.softmax(in.get(0), axis), x);
            check(in -> Ops.logSoftmax(in.get(0), axis), x);
        }
        // Large logits: the max shift must not change the gradient.
        Tensor big = Ops.add(uniform(2, -3, 3, 2, 5), 500.0);
        check(in -> Ops.softmax(in.get(0), -1), big);
        check(in -> Ops.logSoftmax(in.get(0), -1), big);
    }

    @Test
    void logsumexp() {
        Tensor x = uniform(3, -3, 3, 2, 3, 4);
        for (int axis : new int[] {0, 1, -1}) {
            for (boolean keep : new boolean[] {false, true}) check(in -> Ops.logsumexp(in.get(0), axis, keep), x);
        }
        check(in -> Ops.logsumexp(in.get(0), -1, false), Ops.add(x, 800.0));
    }

    @Test
    void softplusIncludingZero() {
        check(in -> Ops.softplus(in.get(0)), uniform(4, -30, 30, 12));
        // At 0 the derivative is sigmoid(0) = 1/2; relu'(0) = abs'(0) = 0 must not leak through.
        try (GradientTape tape = new GradientTape()) {
            Tensor x = Tensor.of(new double[] {0, 0}, 2);
            tape.watch(x);
            Tensor g = tape.gradient(Ops.softplus(x), x);
            assertArrayEquals(new double[] {0.5, 0.5}, g.toDoubleArray(), 1e-15);
        }
    }

    @Test
    void meanAndVar() {
        Tensor x = uniform(5, -2, 2, 3, 4, 2);
        check(in -> Ops.mean(in.get(0)), x);
        check(in -> Ops.mean(in.get(0), 1, false), x);
        check(in -> Ops.mean(in.get(0), new int[] {0, 2}, true), x);
        check(in -> Ops.var(in.get(0), new int[] {1}, false), x);
        check(in -> Ops.var(in.get(0), new int[] {0, 2}, true), x);
        check(in -> Ops.var(in.get(0), null, false), x);
    }

    @Test
    void l2Normalize() {
        Tensor x = uniform(6, -2, 2, 3, 4);
        check(in -> Ops.l2Normalize(in.get(0), -1, 1e-12), x);
        check(in -> Ops.l2Normalize(in.get(0), 0, 1e-12), x);
    }

    @Test
    void matmulOfRank1Operands() {
        Tensor v = uniform(7, -1, 1, 4), w = uniform(8, -1, 1, 4), m = uniform(9, -1, 1, 4, 3), b = uniform(10, -1, 1, 2, 3, 4);
        check(in -> Ops.matmul(in.get(0), in.get(1)), v, w);       // dot product
        check(in -> Ops.matmul(in.get(0), in.get(1)), v, m);       // vector @ matrix
        check(in -> Ops.matmul(in.get(1), in.get(0)), v, uniform(11, -1, 1, 3, 4)); // matrix @ vector
        check(in -> Ops.matmul(in.get(0), in.get(1)), v, b.withShape(Shape.of(2, 4, 3))); // vector @ batch
    }

    @Test
    void dotLastAxis() {
        Tensor x3 = uniform(12, -1, 1, 2, 3, 4), w = uniform(13, -1, 1, 4, 5);
        check(in -> Ops.dotLastAxis(in.get(0), in.get(1)), x3, w);
        check(in -> Ops.dotLastAxis(in.get(0), in.get(1)), uniform(14, -1, 1, 3, 4), w);
        check(in -> Ops.dotLastAxis(in.get(0), in.get(1)), uniform(15, -1, 1, 4), w);
    }

    @Test
    void elementwiseCompositesAndPromotion() {
        Tensor x = awayFromZero(16, 0.3, 2, 2, 3);
        check(in -> Ops.clip(in.get(0), -1.5, 1.5), x); // values on both sides of the bounds
        check(in -> Ops.power(in.get(0), 3.0), x);
        check(in -> Ops.divide(1.0, in.get(0)), x);
        check(in -> Ops.subtract(2.0, in.get(0)), x);
        check(in -> Ops.where(Ops.greater(in.get(0), 0.0), Ops.square(in.get(0)), Ops.negative(in.get(0))), x);
        // float32 operand promoted to float64: the gradient flows back through the cast.
        Tensor f32 = Tensor.of(new float[] {0.5f, -1.25f, 2f}, 3);
        check(0.25, in -> Ops.multiply(Ops.add(in.get(0), uniform(17, -1, 1, 3)), 2.0), f32);
    }

    @Test
    void shapeComposites() {
        Tensor x = uniform(18, -1, 1, 2, 3);
        check(in -> Ops.stack(List.of(in.get(0), Ops.square(in.get(0))), 1), x);
        check(in -> Ops.squeeze(Ops.expandDims(in.get(0), 1), 1), x);
        check(in -> Ops.pad(in.get(0), new int[][] {{1, 0}, {2, 1}}), x);
        check(in -> Ops.take(in.get(0), Tensor.ofInts(new int[] {2, 2, 0}), 1), x);
        check(in -> Ops.sliceAxis0(in.get(0), 1, 2), x);
        check(in -> Ops.transpose(in.get(0)), x);
    }

    @Test
    void gradientDtypeMatchesTheSource() {
        Tensor x = Tensor.of(new float[] {1, 2}, 2);
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x);
            Tensor g = tape.gradient(Ops.sum(Ops.softmax(x, 0)), x);
            assertEquals(DType.FLOAT32, g.dtype());
            // d/dx of sum(softmax) is zero: the outputs always sum to one.
            assertArrayEquals(new double[] {0, 0}, g.toDoubleArray(), 1e-7);
        }
    }

    @Test
    void checkerIsSensitiveToAWrongComposite() {
        // A softmax that forgets to stop the max's gradient is still right (the shift cancels);
        // one that divides by a detached sum is wrong: the checker must see the difference.
        Tensor x = uniform(19, -2, 2, 2, 3);
        double err = GradCheck.maxRelativeError(in -> {
            Tensor e = Ops.exp(in.get(0));
            return Ops.divide(e, Ops.stopGradient(Ops.sum(e, -1, true)));
        }, x);
        assertEquals(true, err > 1e-2, "error " + err);
    }
}
