package io.keras4j.utils;

import io.keras4j.data.Dataset;
import io.keras4j.data.Element;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * Keras's {@code timeseries_dataset_from_array} ({@code utils/timeseries_dataset_utils.py}):
 * sliding windows over an array whose first axis is time, built lazily (each window is copied
 * only when it is read).
 */
public final class TimeseriesDatasetUtils {
    private TimeseriesDatasetUtils() {}

    /** The optional arguments, with Keras's defaults. */
    public static final class Options {
        int sequenceStride = 1;
        int samplingRate = 1;
        Integer batchSize = 128;
        boolean shuffle;
        Long seed;
        Integer startIndex;
        Integer endIndex;

        /** Period between the starts of successive windows. */
        public Options sequenceStride(int value) {
            sequenceStride = value;
            return this;
        }

        /** Period between successive timesteps within a window. */
        public Options samplingRate(int value) {
            samplingRate = value;
            return this;
        }

        /** Default 128; null yields single windows. */
        public Options batchSize(Integer value) {
            if (value != null && value <= 0) throw new IllegalArgumentException("Argument `batch_size` must be a positive integer. Received: batch_size=" + value);
            batchSize = value;
            return this;
        }

        public Options shuffle(boolean value) {
            shuffle = value;
            return this;
        }

        public Options seed(Long value) {
            seed = value;
            return this;
        }

        /** Data points before this index are not used. */
        public Options startIndex(Integer value) {
            startIndex = value;
            return this;
        }

        /** Data points from this index on are not used. */
        public Options endIndex(Integer value) {
            endIndex = value;
            return this;
        }
    }

    public static Dataset<Element> timeseriesDatasetFromArray(Tensor data, Tensor targets, int sequenceLength) {
        return timeseriesDatasetFromArray(data, targets, sequenceLength, new Options());
    }

    /**
     * Windows of {@code sequenceLength} timesteps {@code data[i], data[i + r], ...} starting at
     * {@code i = start, start + s, ...}; the target of the window starting at {@code i} is
     * {@code targets[i]} (null: x-only elements). Windows that would run past the end are dropped.
     */
    public static Dataset<Element> timeseriesDatasetFromArray(Tensor data, Tensor targets, int sequenceLength, Options o) {
        if (data.rank() == 0) throw new IllegalArgumentException("`data` must have a time axis; received a scalar");
        int len = data.shape().dim(0);
        Integer start = o.startIndex, end = o.endIndex;
        // Keras tests these with Python truthiness: 0 means "not given".
        if (start != null && start != 0) {
            if (start < 0) throw new IllegalArgumentException("`start_index` must be 0 or greater. Received: start_index=" + start);
            if (start >= len) throw new IllegalArgumentException("`start_index` must be lower than the length of the data. Received: start_index=" + start
                    + ", for data of length " + len);
        }
        if (end != null && end != 0) {
            if (start != null && start != 0 && end <= start) throw new IllegalArgumentException("`end_index` must be higher than `start_index`. Received: start_index="
                    + start + ", and end_index=" + end + " ");
            if (end >= len) throw new IllegalArgumentException("`end_index` must be lower than the length of the data. Received: end_index=" + end + ", for data of length " + len);
            if (end <= 0) throw new IllegalArgumentException("`end_index` must be higher than 0. Received: end_index=" + end);
        }
        if (o.samplingRate <= 0) throw new IllegalArgumentException("`sampling_rate` must be higher than 0. Received: sampling_rate=" + o.samplingRate);
        if (o.samplingRate >= len) throw new IllegalArgumentException("`sampling_rate` must be lower than the length of the data. Received: sampling_rate="
                + o.samplingRate + ", for data of length " + len);
        if (o.sequenceStride <= 0) throw new IllegalArgumentException("`sequence_stride` must be higher than 0. Received: sequence_stride=" + o.sequenceStride);
        if (o.sequenceStride >= len) throw new IllegalArgumentException("`sequence_stride` must be lower than the length of the data. Received: sequence_stride="
                + o.sequenceStride + ", for data of length " + len);
        if (sequenceLength <= 0) throw new IllegalArgumentException("`sequence_length` must be higher than 0. Received: sequence_length=" + sequenceLength);
        int from = start == null ? 0 : start, to = end == null || end == 0 ? len : end;
        long numSeqs = (long) to - from - (long) (sequenceLength - 1) * o.samplingRate;
        if (targets != null) numSeqs = Math.min(numSeqs, targets.shape().dim(0));
        List<Integer> positions = new ArrayList<>();
        for (long p = 0; p < numSeqs; p += o.sequenceStride) positions.add((int) p);
        long seed = o.seed != null ? o.seed : io.keras4j.random.Random.nextSeed();
        if (o.shuffle) {
            int[] perm = io.keras4j.random.Random.permutation(positions.size(), seed);
            List<Integer> shuffled = new ArrayList<>(positions.size());
            for (int i : perm) shuffled.add(positions.get(i));
            positions = shuffled;
        }
        int rate = o.samplingRate;
        Shape row = data.shape().dropFirst();
        int rowSize = row.size();
        Dataset<Element> windows = Dataset.fromIterable(positions).map(p -> {
            Object out = data.dtype().allocate(sequenceLength * rowSize);
            for (int k = 0; k < sequenceLength; k++) System.arraycopy(data.data(), (from + p + k * rate) * rowSize, out, k * rowSize, rowSize);
            Tensor x = Tensor.wrap(out, row.prepend(sequenceLength));
            if (targets == null) return Element.of(x);
            Shape trow = targets.shape().dropFirst();
            Object t = targets.dtype().allocate(trow.size());
            System.arraycopy(targets.data(), (from + p) * trow.size(), t, 0, trow.size());
            return Element.of(x, Tensor.wrap(t, trow));
        });
        if (o.batchSize != null) {
            if (o.shuffle) windows = windows.shuffle(o.batchSize * 8, seed); // and locally again at each pass, as Keras
            windows = windows.batch(o.batchSize);
        } else if (o.shuffle) {
            windows = windows.shuffle(1024, seed);
        }
        return windows;
    }
}
