package io.keras4j.utils;

import io.keras4j.data.Dataset;
import io.keras4j.data.Element;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The three examples of Keras's {@code timeseries_dataset_from_array} docstring. */
class TimeseriesDatasetUtilsTest {
    private static Tensor arange(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = i;
        return Tensor.of(v, n);
    }

    private static List<float[]> windows(Dataset<Element> d) {
        List<float[]> out = new ArrayList<>();
        for (Element b : d.toList()) {
            int n = b.batchSize(), len = b.x(0).shape().dim(1);
            float[] all = b.x(0).toFloatArray();
            for (int i = 0; i < n; i++) out.add(java.util.Arrays.copyOfRange(all, i * len, (i + 1) * len));
        }
        return out;
    }

    @Test void example1WindowsWithStrideAndSamplingRate() {
        // Indices [0, 1, ... 98], sequence_length=10, sampling_rate=2, sequence_stride=3.
        Dataset<Element> d = TimeseriesDatasetUtils.timeseriesDatasetFromArray(arange(99), null, 10,
                new TimeseriesDatasetUtils.Options().samplingRate(2).sequenceStride(3));
        List<float[]> w = windows(d);
        assertArrayEquals(new float[] {0, 2, 4, 6, 8, 10, 12, 14, 16, 18}, w.get(0));
        assertArrayEquals(new float[] {3, 5, 7, 9, 11, 13, 15, 17, 19, 21}, w.get(1));
        assertArrayEquals(new float[] {6, 8, 10, 12, 14, 16, 18, 20, 22, 24}, w.get(2));
        assertArrayEquals(new float[] {78, 80, 82, 84, 86, 88, 90, 92, 94, 96}, w.get(w.size() - 1));
        assertEquals(27, w.size());
    }

    @Test void example2TemporalRegression() {
        int steps = 100;
        float[] v = new float[steps];
        for (int i = 0; i < steps; i++) v[i] = (float) Math.sin(i);
        Tensor data = Tensor.of(v, steps);
        Tensor input = Tensor.of(java.util.Arrays.copyOfRange(v, 0, steps - 10), steps - 10);
        Tensor targets = Tensor.of(java.util.Arrays.copyOfRange(v, 10, steps), steps - 10);
        Element first = TimeseriesDatasetUtils.timeseriesDatasetFromArray(input, targets, 10).iterator().next();
        assertEquals(Shape.of(81, 10), first.x(0).shape()); // 90 - 9 windows, one batch of 128
        assertArrayEquals(java.util.Arrays.copyOfRange(data.toFloatArray(), 0, 10), java.util.Arrays.copyOfRange(first.x(0).toFloatArray(), 0, 10));
        assertEquals(v[10], first.y(0).toFloatArray()[0]);
    }

    @Test void example3ManyToManyWithoutOverlap() {
        Tensor x = arange(100);
        float[] y = new float[100];
        for (int i = 0; i < 100; i++) y[i] = 2 * i;
        TimeseriesDatasetUtils.Options o = new TimeseriesDatasetUtils.Options().sequenceStride(20);
        List<float[]> in = windows(TimeseriesDatasetUtils.timeseriesDatasetFromArray(x, null, 20, o));
        List<float[]> out = windows(TimeseriesDatasetUtils.timeseriesDatasetFromArray(Tensor.of(y, 100), null, 20, o));
        assertArrayEquals(java.util.Arrays.copyOfRange(x.toFloatArray(), 0, 20), in.get(0));
        assertArrayEquals(java.util.Arrays.copyOfRange(y, 20, 40), out.get(1));
        assertEquals(5, in.size());
    }

    @Test void startAndEndIndexReserveData() {
        Dataset<Element> d = TimeseriesDatasetUtils.timeseriesDatasetFromArray(arange(20), arange(20), 3,
                new TimeseriesDatasetUtils.Options().startIndex(5).endIndex(12).batchSize(null));
        List<Element> es = d.toList();
        assertEquals(5, es.size()); // windows starting at 5..9 end by index 11
        assertArrayEquals(new float[] {5, 6, 7}, es.get(0).x(0).toFloatArray());
        assertEquals(5f, es.get(0).y(0).item());
        assertArrayEquals(new float[] {9, 10, 11}, es.get(4).x(0).toFloatArray());
    }

    @Test void shuffleWithASeedIsReproducible() {
        TimeseriesDatasetUtils.Options o = new TimeseriesDatasetUtils.Options().shuffle(true).seed(4L).batchSize(8);
        List<float[]> a = windows(TimeseriesDatasetUtils.timeseriesDatasetFromArray(arange(50), null, 5, o));
        List<float[]> b = windows(TimeseriesDatasetUtils.timeseriesDatasetFromArray(arange(50), null, 5, o));
        assertEquals(46, a.size());
        for (int i = 0; i < a.size(); i++) assertArrayEquals(a.get(i), b.get(i));
        boolean moved = false;
        for (int i = 0; i < a.size(); i++) moved |= a.get(i)[0] != i;
        assertTrue(moved);
    }

    @Test void argumentErrorsInKerasWords() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TimeseriesDatasetUtils.timeseriesDatasetFromArray(arange(10), null, 3, new TimeseriesDatasetUtils.Options().samplingRate(0)));
        assertEquals("`sampling_rate` must be higher than 0. Received: sampling_rate=0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> TimeseriesDatasetUtils.timeseriesDatasetFromArray(arange(10), null, 3, new TimeseriesDatasetUtils.Options().startIndex(10)));
        assertTrue(e.getMessage().startsWith("`start_index` must be lower than the length of the data."), e.getMessage());
    }
}
