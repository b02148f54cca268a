package io.keras4j.autodiff;

import io.keras4j.backend.BinaryOp;
import io.keras4j.backend.ReduceOp;
import io.keras4j.backend.UnaryOp;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tape's bookkeeping, with hand-worked derivatives of small polynomials. */
class GradientTapeTest {
    private static Tensor mul(Tensor a, Tensor b) { return Primitives.binary(BinaryOp.MUL, a, b); }

    private static Tensor add(Tensor a, Tensor b) { return Primitives.binary(BinaryOp.ADD, a, b); }

    private static Tensor sum(Tensor a) { return Primitives.reduce(ReduceOp.SUM, a, null, false); }

    private static Tensor vec(double... v) { return Tensor.of(v, v.length); }

    @Test
    void trainableVariablesAreWatchedWhenRead() {
        Variable w = new Variable("w", vec(1, 2, 3), true);
        Variable frozen = new Variable("frozen", vec(4, 5, 6), false);
        try (GradientTape tape = new GradientTape()) {
            // loss = sum(w * frozen): d/dw = frozen; frozen is not trainable, so it is not watched.
            Tensor loss = sum(mul(w.value(), frozen.value()));
            List<Tensor> g = tape.gradientOfVariables(loss, List.of(w, frozen));
            assertArrayEquals(new double[] {4, 5, 6}, g.get(0).toDoubleArray());
            assertNull(g.get(1));
        }
    }

    @Test
    void variablesReadBeforeTheTapeOpensAreNotWatched() {
        Variable w = new Variable("w", vec(1, 2), true);
        Tensor read = w.value();
        try (GradientTape tape = new GradientTape()) {
            Tensor loss = sum(mul(read, read));
            // The tensor is the variable's live value: reading it first gives no notification.
            assertNull(tape.gradientOfVariables(loss, List.of(w)).get(0));
        }
    }

    @Test
    void explicitWatchOfANonTrainableVariable() {
        Variable v = new Variable("v", vec(3), false);
        try (GradientTape tape = new GradientTape()) {
            tape.watch(v);
            Tensor y = mul(v.value(), v.value());
            assertArrayEquals(new double[] {6}, tape.gradient(y, v.peek()).toDoubleArray());
        }
    }

    @Test
    void variableIdentitySurvivesAssign() {
        // The optimizer assigns in place; a later tape must still find the variable's tensor.
        Variable w = new Variable("w", vec(1, 1), true);
        w.assign(vec(2, -3));
        try (GradientTape tape = new GradientTape()) {
            Tensor loss = sum(mul(w.value(), w.value()));
            assertArrayEquals(new double[] {4, -6}, tape.gradientOfVariables(loss, List.of(w)).get(0).toDoubleArray());
        }
    }

    @Test
    void unwatchedTensorsAreNotRecorded() {
        Tensor x = vec(1, 2);
        try (GradientTape tape = new GradientTape()) {
            Tensor y = mul(x, x);
            assertNull(tape.gradient(y, x));
        }
    }

    @Test
    void unconnectedSourceGivesNull() {
        Tensor x = vec(1, 2), z = vec(5, 6);
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x);
            tape.watch(z);
            Tensor y = sum(Primitives.unary(UnaryOp.EXP, x));
            List<Tensor> g = tape.gradient(y, List.of(x, z));
            assertArrayEquals(new double[] {Math.exp(1), Math.exp(2)}, g.get(0).toDoubleArray(), 1e-15);
            assertNull(g.get(1));
        }
    }

    @Test
    void nonPersistentTapeRefusesASecondCall() {
        Tensor x = vec(2);
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x);
            Tensor y = mul(x, x);
            assertNotNull(tape.gradient(y, x));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> tape.gradient(y, x));
            assertTrue(e.getMessage().contains("persistent"), e.getMessage());
        }
    }

    @Test
    void persistentTapeAnswersRepeatedly() {
        Tensor x = vec(3);
        try (GradientTape tape = new GradientTape(true)) {
            tape.watch(x);
            Tensor y = mul(x, x);
            Tensor z = mul(y, x);
            assertEquals(6, tape.gradient(y, x).item());   // d(x^2) = 2x
            assertEquals(27, tape.gradient(z, x).item());  // d(x^3) = 3x^2
            assertEquals(6, tape.gradient(y, x).item());
        }
    }

    @Test
    void gradientsAccumulateWhenATensorIsUsedTwice() {
        Tensor x = vec(1.5, -2);
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x);
            // y = x*x + 3x: dy/dx = 2x + 3
            Tensor y = add(mul(x, x), mul(x, Tensor.scalar(3, DType.FLOAT64)));
            assertArrayEquals(new double[] {6, -1}, tape.gradient(y, x).toDoubleArray(), 1e-15);
        }
    }

    @Test
    void diamondGraphAccumulatesBothPaths() {
        Tensor x = vec(0.5);
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x);
            Tensor a = Primitives.unary(UnaryOp.SIN, x);
            Tensor b = Primitives.unary(UnaryOp.COS, x);
            Tensor y = mul(a, b); // = sin(2x)/2, dy/dx = cos(2x)
            assertEquals(Math.cos(1), tape.gradient(y, x).item(), 1e-15);
        }
    }

    @Test
    void nonScalarTargetIsSummed() {
        Tensor x = vec(1, 2, 3);
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x);
            Tensor y = mul(x, x);
            assertArrayEquals(new double[] {2, 4, 6}, tape.gradient(y, x).toDoubleArray());
        }
    }

    @Test
    void gradientOfASourceWithRespectToItselfIsOnes() {
        Tensor x = vec(1, 2);
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x);
            assertArrayEquals(new double[] {1, 1}, tape.gradient(x, x).toDoubleArray());
        }
    }

    @Test
    void intermediateTensorAsSource() {
        Tensor x = vec(2);
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x);
            Tensor h = mul(x, x);                              // 4
            Tensor y = Primitives.unary(UnaryOp.SQUARE, h);    // h^2
            List<Tensor> g = tape.gradient(y, List.of(h, x));
            assertEquals(8, g.get(0).item());                  // 2h
            assertEquals(32, g.get(1).item());                 // 4x^3
        }
    }

    @Test
    void nestedTapesBothRecord() {
        Tensor x = vec(2);
        try (GradientTape outer = new GradientTape()) {
            outer.watch(x);
            try (GradientTape inner = new GradientTape()) {
                inner.watch(x);
                Tensor y = mul(mul(x, x), x);
                assertEquals(12, inner.gradient(y, x).item());
                // The inner gradient computation is not recorded (first order only), but the
                // forward ops are on the outer tape as well.
                assertEquals(12, outer.gradient(y, x).item());
            }
        }
    }

    @Test
    void innerTapeOnlySeesWhatItWatches() {
        Tensor x = vec(2), z = vec(3);
        try (GradientTape outer = new GradientTape()) {
            outer.watch(x);
            try (GradientTape inner = new GradientTape()) {
                inner.watch(z);
                Tensor y = mul(x, z);
                assertNull(inner.gradient(y, x));
                assertEquals(3, outer.gradient(y, x).item());
            }
        }
    }

    @Test
    void closedTapeStopsRecording() {
        Tensor x = vec(2);
        GradientTape tape = new GradientTape(true);
        tape.watch(x);
        Tensor y1 = mul(x, x);
        tape.close();
        Tensor y2 = mul(y1, x);
        assertEquals(4, tape.gradient(y1, x).item());
        assertNull(tape.gradient(y2, x));
        assertTrue(!GradientTape.recording());
    }

    @Test
    void stopRecordingBlocksTheGradient() {
        Tensor x = vec(3);
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x);
            Tensor c = GradientTape.stopRecording(() -> mul(x, x));  // a constant 9 to the tape
            Tensor y = mul(c, x);
            assertEquals(9, tape.gradient(y, x).item());               // not 3x^2 = 27
        }
    }

    @Test
    void gradientHasTheSourceShapeUnderBroadcasting() {
        Tensor b = vec(1, 2, 3);
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        try (GradientTape tape = new GradientTape()) {
            tape.watch(b);
            Tensor y = add(x, b);
            Tensor g = tape.gradient(y, b);
            assertEquals(Shape.of(3), g.shape());
            assertArrayEquals(new double[] {2, 2, 2}, g.toDoubleArray());
        }
    }

    @Test
    void integerOutputsAreNotDifferentiable() {
        Tensor x = vec(1.7, -2.2);
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x);
            Tensor i = Primitives.cast(x, DType.INT32);
            Tensor back = Primitives.cast(i, DType.FLOAT64);
            assertNull(tape.gradient(back, x));
        }
    }

    /** Slices accumulate their gradients in one buffer (the RNN case); a shared gradient must never be added into. */
    @Test
    void manySlicesOfOneTensorAccumulateCorrectly() {
        Tensor x = GradCheck.uniform(7, -1, 1, 2, 5, 3);
        GradCheck.check(in -> {
            Tensor v = in.get(0);
            Tensor w = Primitives.unary(io.keras4j.backend.UnaryOp.TANH, v);
            Tensor total = null;
            for (int t = 0; t < 5; t++) { // read v step by step (before the ADD below, so processed after it)
                Tensor raw = Primitives.slice(v, new int[] {0, t, 0}, new int[] {2, 1, 3});
                Tensor term = Primitives.unary(io.keras4j.backend.UnaryOp.SQUARE, raw);
                total = total == null ? term : Primitives.binary(io.keras4j.backend.BinaryOp.ADD, total, term);
            }
            // ADD hands one gradient object to both v and w; v's slices must not add into it.
            Tensor both = Primitives.binary(io.keras4j.backend.BinaryOp.ADD, v, w);
            for (int t = 0; t < 5; t++) {
                Tensor step = Primitives.slice(both, new int[] {0, t, 0}, new int[] {2, 1, 3});
                total = Primitives.binary(io.keras4j.backend.BinaryOp.ADD, total, Primitives.unary(io.keras4j.backend.UnaryOp.SIN, step));
            }
            return Primitives.reduce(io.keras4j.backend.ReduceOp.SUM, total, null, false);
        }, x);
    }
}
