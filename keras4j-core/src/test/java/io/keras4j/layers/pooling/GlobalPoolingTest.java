package io.keras4j.layers.pooling;

import io.keras4j.autodiff.GradCheck;
import io.keras4j.layers.Layer;
import io.keras4j.layers.Layers;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** GlobalMaxPooling1D/2D/3D and GlobalAveragePooling1D/2D/3D. */
class GlobalPoolingTest {
    @BeforeEach void reset() { Layer.clearSession(); }

    // (1, 2, 2, 2) channels last: channel 0 = 1, 3, 5, 7; channel 1 = 2, 4, 6, -8.
    private static final Tensor X = Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 7, -8}, 1, 2, 2, 2);

    @Test void reduceEverySpatialAxis() {
        assertArrayEquals(new float[] {7, 6}, new GlobalMaxPooling2D().apply(X).toFloatArray());
        assertArrayEquals(new float[] {4, 1}, new GlobalAveragePooling2D().apply(X).toFloatArray());
        assertEquals(Shape.of(1, 2), new GlobalMaxPooling2D().apply(X).shape());
        // channels_first: the channels are axis 1, so channel 0 = 1, 2, 3, 4 and channel 1 = 5, 6, 7, -8.
        assertArrayEquals(new float[] {4, 7}, new GlobalMaxPooling2D().dataFormat("channels_first").apply(X).toFloatArray());
        assertArrayEquals(new float[] {2.5f, 2.5f}, new GlobalAveragePooling2D().dataFormat("channels_first").apply(X).toFloatArray());
    }

    @Test void keepdimsAndOtherRanks() {
        Tensor k = new GlobalMaxPooling2D().keepdims(true).apply(X);
        assertEquals(Shape.of(1, 1, 1, 2), k.shape());
        assertEquals(Shape.of(-1, 1, 1, 2), new GlobalMaxPooling2D().keepdims(true).computeOutputShape(Shape.of(-1, 2, 2, 2)));
        Tensor seq = Tensor.of(new float[] {1, -1, 3, 5}, 1, 2, 2);
        assertArrayEquals(new float[] {3, 5}, new GlobalMaxPooling1D().apply(seq).toFloatArray());
        assertArrayEquals(new float[] {2, 2}, new GlobalAveragePooling1D().apply(seq).toFloatArray());
        Tensor vol = Tensor.full(Shape.of(2, 2, 3, 4, 5), 2, DType.FLOAT32);
        assertEquals(Shape.of(2, 5), new GlobalAveragePooling3D().apply(vol).shape());
        assertEquals(Shape.of(2, 2), new GlobalMaxPooling3D().dataFormat("channels_first").apply(vol).shape());
        Map<String, Object> c = new GlobalAveragePooling3D().getConfig();
        assertEquals("channels_last", c.get("data_format"));
        assertEquals(false, c.get("keepdims"));
        Layer read = Layers.fromConfig("GlobalMaxPooling2D", Map.of("data_format", "channels_first", "keepdims", true));
        assertEquals(Shape.of(-1, 3, 1, 1), read.computeOutputShape(Shape.of(-1, 3, 4, 4)));
    }

    @Test void gradients() {
        GradCheck.check(in -> new GlobalMaxPooling2D().dtype(DType.FLOAT64).apply(in.get(0)), GradCheck.uniform(1, -1, 1, 2, 3, 4, 2));
        GradCheck.check(in -> new GlobalAveragePooling1D().dtype(DType.FLOAT64).apply(in.get(0)), GradCheck.uniform(2, -1, 1, 2, 3, 2));
    }

    @Test void averagePooling1DAveragesOnlyUnmaskedSteps() {
        // Steps [1, 10], [2, 20], [4, 40] with mask [1, 0, 1]: ([1, 10] + [4, 40]) / 2 = [2.5, 25].
        Tensor x = Tensor.of(new double[] {1, 10, 2, 20, 4, 40, 1, 1, 2, 2, 3, 3}, 2, 3, 2);
        Tensor mask = Tensor.of(new double[] {1, 0, 1, 0, 0, 1}, 2, 3);
        GlobalAveragePooling1D avg = new GlobalAveragePooling1D().dtype(DType.FLOAT64);
        java.util.List<Tensor> y = avg.applyAll(java.util.List.of(x), java.util.List.of(mask), false);
        assertArrayEquals(new double[] {2.5, 25, 3, 3}, y.get(0).toDoubleArray(), 1e-12);
        assertNull(avg.computeMask(x, mask));
        // channels_first: the steps are the last axis; mask [1, 1, 0] averages the first two.
        Tensor cf = Tensor.of(new double[] {1, 2, 9, 10, 20, 90}, 1, 2, 3);
        GlobalAveragePooling1D first = new GlobalAveragePooling1D().dataFormat("channels_first").keepdims(true).dtype(DType.FLOAT64);
        Tensor z = first.applyAll(java.util.List.of(cf), java.util.List.of(Tensor.of(new double[] {1, 1, 0}, 1, 3)), false).get(0);
        assertEquals(Shape.of(1, 2, 1), z.shape());
        assertArrayEquals(new double[] {1.5, 15}, z.toDoubleArray(), 1e-12);
        // As in Keras 3, GlobalMaxPooling1D ignores the mask.
        GlobalMaxPooling1D max = new GlobalMaxPooling1D().dtype(DType.FLOAT64);
        assertArrayEquals(new double[] {4, 40, 3, 3}, max.applyAll(java.util.List.of(x), java.util.List.of(mask), false).get(0).toDoubleArray(), 1e-12);
        GradCheck.check(in -> avg.applyAll(java.util.List.of(in.get(0)), java.util.List.of(mask), false).get(0), GradCheck.uniform(1, -1, 1, 2, 3, 2));
    }
}
