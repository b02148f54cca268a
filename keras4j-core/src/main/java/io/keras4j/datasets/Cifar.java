package io.keras4j.datasets;

import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keras's {@code datasets/cifar.py}: one pickled CIFAR batch, a dict with {@code data} (a uint8
 * array of n rows of 3072 values: the red plane, then green, then blue, each 32×32 row-major)
 * and a list of labels under {@code labels} (CIFAR-10) or {@code fine_labels}/{@code coarse_labels}
 * (CIFAR-100).
 */
final class Cifar {
    static final int SIDE = 32, CHANNELS = 3, PIXELS = SIDE * SIDE * CHANNELS;

    private Cifar() {}

    /** A batch: {@code images} as stored, n × 3072 values 0..255 (channels first), and the labels. */
    record Batch(byte[] images, int[] labels) {
        int size() { return labels.length; }
    }

    /** {@code load_batch(fpath, label_key)}. */
    static Batch loadBatch(Path file, String labelKey) {
        Object o;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            o = RestrictedUnpickler.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the CIFAR batch " + file, e);
        }
        if (!(o instanceof Map<?, ?> raw)) throw new IllegalArgumentException(file + " is not a CIFAR batch (not a dict)");
        // Python 2 pickles read with encoding="bytes": keys are byte strings.
        Map<String, Object> d = new HashMap<>();
        raw.forEach((k, v) -> d.put(RestrictedUnpickler.text(k), v));
        if (!(d.get("data") instanceof PickledArray data)) throw new IllegalArgumentException(file + " has no 'data' array (keys: " + d.keySet() + ")");
        Object labelsObj = d.get(labelKey);
        if (!(labelsObj instanceof List<?> labelList)) throw new IllegalArgumentException(file + " has no '" + labelKey + "' list (keys: " + d.keySet() + ")");
        int[] shape = data.shape();
        int n = shape[0];
        long size = 1;
        for (int dim : shape) size *= dim;
        if (!data.dtype().equals("|u1") || size != (long) n * PIXELS || data.raw().length < size) {
            throw new IllegalArgumentException(file + ": data of dtype " + data.dtype() + " and shape " + java.util.Arrays.toString(shape) + " is not uint8 (" + n + ", 3, 32, 32)");
        }
        if (labelList.size() != n) throw new IllegalArgumentException(file + ": " + labelList.size() + " labels for " + n + " images");
        byte[] images = data.raw(); // uint8 is stored as raw bytes: no copy of 150 MB
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) labels[i] = ((Number) labelList.get(i)).intValue();
        return new Batch(images, labels);
    }

    /**
     * The batches stacked, transposed from (n, 3, 32, 32) to channels_last (n, 32, 32, 3), Keras's
     * default image data format; labels as (n, 1) like Keras.
     */
    static Tensor[] stack(List<Batch> batches) {
        int n = 0;
        for (Batch b : batches) n += b.size();
        int[] x = new int[n * PIXELS];
        int[] y = new int[n];
        int row = 0;
        int plane = SIDE * SIDE;
        for (Batch b : batches) {
            byte[] src = b.images();
            for (int i = 0; i < b.size(); i++, row++) {
                int s = i * PIXELS, dst = row * PIXELS;
                for (int p = 0; p < plane; p++) {
                    for (int c = 0; c < CHANNELS; c++) x[dst + p * CHANNELS + c] = src[s + c * plane + p] & 0xff;
                }
                y[row] = b.labels()[i];
            }
        }
        return new Tensor[] {Tensor.wrap(x, Shape.of(n, SIDE, SIDE, CHANNELS)), Tensor.wrap(y, Shape.of(n, 1))};
    }
}
