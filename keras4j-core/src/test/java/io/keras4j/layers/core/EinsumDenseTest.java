package io.keras4j.layers.core;

import io.keras4j.autodiff.GradCheck;
import io.keras4j.initializers.GlorotUniform;
import io.keras4j.layers.Layers;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** EinsumDense against einsums written out as loops, and Keras's weight shapes. */
class EinsumDenseTest {
    private static double[] values(Tensor t) { return t.toDoubleArray(); }

    @Test void denseEquationIsAMatrixProductPlusBias() {
        EinsumDense d = new EinsumDense("ab,bc->ac", 3).biasAxes("c").biasInitializer("random_normal").dtype(DType.FLOAT64);
        Tensor x = GradCheck.uniform(1, -1, 1, 2, 4);
        double[] y = values(d.apply(x));
        double[] w = values(d.kernel().numpy()), b = values(d.bias().numpy()), xv = values(x);
        assertEquals(Shape.of(4, 3), d.kernel().shape());
        assertEquals(Shape.of(3), d.bias().shape());
        for (int a = 0; a < 2; a++) {
            for (int c = 0; c < 3; c++) {
                double s = b[c];
                for (int k = 0; k < 4; k++) s += xv[a * 4 + k] * w[k * 3 + c];
                assertEquals(s, y[a * 3 + c], 1e-12);
            }
        }
    }

    /** The query projection of MultiHeadAttention: y[a,b,d,e] = sum_c x[a,b,c] W[c,d,e] + bias[d,e]. */
    @Test void multiHeadProjection() {
        EinsumDense d = new EinsumDense("abc,cde->abde", -1, 2, 3).biasAxes("de").biasInitializer("random_normal").dtype(DType.FLOAT64);
        Tensor x = GradCheck.uniform(2, -1, 1, 2, 3, 4);
        double[] y = values(d.apply(x));
        assertEquals(Shape.of(4, 2, 3), d.kernel().shape());
        assertEquals(Shape.of(2, 3), d.bias().shape());
        assertEquals(Shape.of(-1, 3, 2, 3), d.computeOutputShape(Shape.of(-1, 3, 4)));
        double[] w = values(d.kernel().numpy()), b = values(d.bias().numpy()), xv = values(x);
        for (int a = 0; a < 2; a++) for (int bb = 0; bb < 3; bb++) for (int dd = 0; dd < 2; dd++) for (int e = 0; e < 3; e++) {
            double s = b[dd * 3 + e];
            for (int c = 0; c < 4; c++) s += xv[(a * 3 + bb) * 4 + c] * w[(c * 2 + dd) * 3 + e];
            assertEquals(s, y[((a * 3 + bb) * 2 + dd) * 3 + e], 1e-12);
        }
    }

    /** Left ellipsis: the same product over every leading axis. */
    @Test void leftEllipsis() {
        EinsumDense d = new EinsumDense("...b,bc->...c", 2).dtype(DType.FLOAT64);
        Tensor x = GradCheck.uniform(3, -1, 1, 2, 3, 4);
        Tensor y = d.apply(x);
        assertEquals(Shape.of(2, 3, 2), y.shape());
        assertNull(d.bias());
        double[] w = values(d.kernel().numpy()), xv = values(x), yv = values(y);
        for (int r = 0; r < 6; r++) for (int c = 0; c < 2; c++) {
            double s = 0;
            for (int k = 0; k < 4; k++) s += xv[r * 4 + k] * w[k * 2 + c];
            assertEquals(s, yv[r * 2 + c], 1e-12);
        }
    }

    /** Right ellipsis: y[a,c,z] = sum_b x[a,b,z] W[b,c] + bias[c]; the bias gets a size-1 axis per elided one. */
    @Test void rightEllipsisAndItsBiasShape() {
        EinsumDense d = new EinsumDense("ab...,bc->ac...", 3).biasAxes("c").biasInitializer("random_normal").dtype(DType.FLOAT64);
        Tensor x = GradCheck.uniform(4, -1, 1, 2, 4, 5);
        double[] y = values(d.apply(x));
        assertEquals(Shape.of(3, 1), d.bias().shape());
        assertEquals(Shape.of(2, 3, 5), d.computeOutputShape(Shape.of(2, 4, 5)));
        double[] w = values(d.kernel().numpy()), b = values(d.bias().numpy()), xv = values(x);
        for (int a = 0; a < 2; a++) for (int c = 0; c < 3; c++) for (int z = 0; z < 5; z++) {
            double s = b[c];
            for (int k = 0; k < 4; k++) s += xv[(a * 4 + k) * 5 + z] * w[k * 3 + c];
            assertEquals(s, y[(a * 3 + c) * 5 + z], 1e-12);
        }
    }

    /**
     * Keras gives the kernel's variance-scaling initializer the equation's input and output axes:
     * for "abc,cde->abde" fan_in = 4 and fan_out = 2 * 3, so Glorot's limit is sqrt(6 / 10), not
     * the convolution rule's sqrt(6 / (8 + 12)).
     */
    @Test void glorotFansFollowTheEquation() {
        EinsumDense d = new EinsumDense("abc,cde->abde", -1, 2, 3).kernelInitializer(new GlorotUniform(7L, null, null));
        d.ensureBuilt(Shape.of(-1, 3, 4));
        double max = Arrays.stream(values(d.kernel().numpy())).map(Math::abs).max().orElseThrow();
        assertTrue(max <= Math.sqrt(6.0 / 10), "max |w| " + max);
        assertTrue(max > Math.sqrt(6.0 / 20), "max |w| " + max + " fits the convolution fans: the axes were not used");
    }

    @Test void activationApplies() {
        EinsumDense d = new EinsumDense("ab,bc->ac", 2).activation("relu").dtype(DType.FLOAT64);
        Tensor x = GradCheck.uniform(5, -1, 1, 3, 4);
        for (double v : values(d.apply(x))) assertTrue(v >= 0);
    }

    @Test void readsKerasConfig() {
        Map<String, Object> config = new java.util.LinkedHashMap<>();
        config.put("equation", "abc,cd->abd");
        config.put("output_shape", Arrays.asList(null, 64));
        config.put("bias_axes", "d");
        config.put("activation", "linear");
        config.put("quantization_config", null);
        EinsumDense d = (EinsumDense) Layers.fromConfig("EinsumDense", config);
        assertEquals(Shape.of(-1, 32, 64), d.computeOutputShape(Shape.of(-1, 32, 128)));
        d.ensureBuilt(Shape.of(-1, 32, 128));
        assertEquals(List.of(Shape.of(128, 64), Shape.of(64)), List.of(d.kernel().shape(), d.bias().shape()));
        assertArrayEquals(new Object[] {null, 64}, ((List<?>) d.getConfig().get("output_shape")).toArray());
    }

    @Test void refusesBadEquationsInKerasWords() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new EinsumDense("ab->b", 2).ensureBuilt(Shape.of(2, 3)));
        assertTrue(e.getMessage().startsWith("Invalid einsum equation 'ab->b'. Equations must be in the form"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new EinsumDense("ab,bc->ac", 2).biasAxes("x").ensureBuilt(Shape.of(2, 3)));
        assertTrue(e.getMessage().startsWith("Bias dimension 'x' was requested, but is not part of the output spec 'ac'"), e.getMessage());
    }
}
