package io.keras4j.callbacks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32C;

/**
 * One TensorBoard event file ({@code tf.summary.create_file_writer}): a TFRecord stream of
 * {@code tensorflow.Event} protocol buffers, the first holding {@code file_version "brain.Event:2"}.
 * The few message fields needed are encoded here by hand rather than with protobuf-java, a 1.7 MB
 * dependency for five small messages. Field numbers are those of tensorflow/core/util/event.proto
 * (Event: wall_time 1, step 2, file_version 3, summary 5) and tensorflow/core/framework/summary.proto
 * (Summary: value 1; Summary.Value: tag 1, simple_value 2, histo 5, tensor 8, metadata 9;
 * SummaryMetadata: plugin_data 1; PluginData: plugin_name 1, content 2; HistogramProto: min 1,
 * max 2, num 3, sum 4, sum_squares 5, bucket_limit 6, bucket 7) and tensor.proto (TensorProto:
 * dtype 1, tensor_shape 2, string_val 8).
 */
final class SummaryWriter implements AutoCloseable {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    /** TensorFlow's default number of equal-width histogram buckets (tf.summary.histogram). */
    static final int HISTOGRAM_BUCKETS = 30;

    private final Path file;
    private final OutputStream out;

    SummaryWriter(Path dir) {
        try {
            Files.createDirectories(dir);
            String host = System.getenv().getOrDefault("HOSTNAME", "localhost");
            long pid = ProcessHandle.current().pid();
            file = dir.resolve("events.out.tfevents." + System.currentTimeMillis() / 1000 + "." + host + "." + pid + "."
                    + COUNTER.getAndIncrement() + ".v2");
            out = Files.newOutputStream(file);
            Proto event = new Proto().fixed64(1, wallTime()).string(3, "brain.Event:2");
            record(event.bytes());
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path file() { return file; }

    private static double wallTime() { return System.currentTimeMillis() / 1000.0; }

    void scalar(String tag, double value, long step) {
        summary(step, new Proto().string(1, tag).fixed32(2, (float) value));
    }

    /** A histogram of {@code values} in {@link #HISTOGRAM_BUCKETS} equal-width buckets from min to max. */
    void histogram(String tag, double[] values, long step) {
        if (values.length == 0) return;
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY, sum = 0, sumSquares = 0;
        for (double v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
            sum += v;
            sumSquares += v * v;
        }
        int buckets = max > min ? HISTOGRAM_BUCKETS : 1;
        double width = (max - min) / buckets;
        double[] counts = new double[buckets];
        for (double v : values) counts[buckets == 1 ? 0 : Math.min(buckets - 1, (int) ((v - min) / width))]++;
        double[] limits = new double[buckets];
        for (int i = 0; i < buckets; i++) limits[i] = i == buckets - 1 ? max : min + (i + 1) * width;
        Proto histo = new Proto().fixed64(1, min).fixed64(2, max).fixed64(3, values.length).fixed64(4, sum)
                .fixed64(5, sumSquares).packedDoubles(6, limits).packedDoubles(7, counts);
        summary(step, new Proto().string(1, tag).message(5, histo));
    }

    /** A string tensor for a plugin, as {@code keras_model_summary} writes the model's JSON ("graph_keras_model"). */
    void text(String tag, String plugin, byte[] pluginContent, String value, long step) {
        Proto metadata = new Proto().message(1, new Proto().string(1, plugin).bytes(2, pluginContent));
        Proto tensor = new Proto().varint(1, 7 /* DT_STRING */).message(2, new Proto()).bytes(8, value.getBytes(StandardCharsets.UTF_8));
        summary(step, new Proto().string(1, tag).message(9, metadata).message(8, tensor));
    }

    private void summary(long step, Proto value) {
        Proto event = new Proto().fixed64(1, wallTime()).varint(2, step).message(5, new Proto().message(1, value));
        try {
            record(event.bytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** TFRecord framing: length (uint64 LE), masked CRC-32C of the length, data, masked CRC-32C of the data. */
    private void record(byte[] data) throws IOException {
        ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(data.length);
        out.write(len.array());
        out.write(le32(maskedCrc(len.array())));
        out.write(data);
        out.write(le32(maskedCrc(data)));
    }

    private static byte[] le32(int v) { return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array(); }

    /** TFRecord's checksum: CRC-32C rotated right by 15 bits plus 0xa282ead8 (tensorflow/core/lib/hash/crc32c.h). */
    static int maskedCrc(byte[] data) {
        CRC32C crc = new CRC32C();
        crc.update(data);
        int c = (int) crc.getValue();
        return ((c >>> 15) | (c << 17)) + 0xa282ead8;
    }

    /** A protocol buffer message being encoded: fields appended in the order written. */
    static final class Proto {
        private final ByteArrayOutputStream buf = new ByteArrayOutputStream();

        private void tag(int field, int wireType) { rawVarint(((long) field << 3) | wireType); }

        private void rawVarint(long v) {
            while ((v & ~0x7FL) != 0) {
                buf.write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            buf.write((int) v);
        }

        Proto varint(int field, long v) { tag(field, 0); rawVarint(v); return this; }

        Proto fixed64(int field, double v) {
            tag(field, 1);
            buf.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(v).array());
            return this;
        }

        Proto fixed32(int field, float v) {
            tag(field, 5);
            buf.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(v).array());
            return this;
        }

        Proto bytes(int field, byte[] b) { tag(field, 2); rawVarint(b.length); buf.writeBytes(b); return this; }

        Proto string(int field, String s) { return bytes(field, s.getBytes(StandardCharsets.UTF_8)); }

        Proto message(int field, Proto m) { return bytes(field, m.bytes()); }

        Proto packedDoubles(int field, double[] vs) {
            ByteBuffer b = ByteBuffer.allocate(8 * vs.length).order(ByteOrder.LITTLE_ENDIAN);
            for (double v : vs) b.putDouble(v);
            return bytes(field, b.array());
        }

        byte[] bytes() { return buf.toByteArray(); }
    }
}
