package io.keras4j.callbacks;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.keras4j.layers.Layer;
import io.keras4j.models.Sequential;
import io.keras4j.random.Random;
import io.keras4j.tensor.Tensor;
import io.keras4j.trainers.FitOptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Reads the event files back with a reader written from the format's documentation (TFRecord:
 * tensorflow/core/lib/io/record_writer.cc; fields: event.proto, summary.proto, tensor.proto), not
 * from the writer's code. Debian packages no TensorBoard or TensorFlow to read them with.
 */
class TensorBoardTest {
    @TempDir Path dir;

    @BeforeEach void reset() { Layer.clearSession(); Random.setSeed(8); }

    @Test void theMaskedCrcOfTheStandardCheckString() {
        // CRC-32C("123456789") = 0xE3069283 (RFC 3720 B.4); TFRecord's mask: rotate right 15, add 0xa282ead8.
        assertEquals(0xc78ab0e5, SummaryWriter.maskedCrc("123456789".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(0xc78ab0e5, mask("123456789".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test void scalarsHistogramsAndGraphAsKerasWritesThem() throws Exception {
        Tensor[] d = Fixtures.regression(40, 21);
        Sequential m = Fixtures.mlp();
        // 32 training rows in batches of 8: 4 batches per epoch; 8 validation rows.
        var h = m.fit(d[0], d[1], new FitOptions().epochs(3).batchSize(8).validationSplit(0.2).verbose(0)
                .callbacks(new TensorBoard(dir.toString()).histogramFreq(2).updateFreq(3)));

        List<Event> train = read(onlyFile(dir.resolve("train")));
        assertEquals("brain.Event:2", train.get(0).fileVersion);
        assertTrue(train.get(0).wallTime > 1.6e9);

        Event graph = train.stream().filter(e -> "keras".equals(e.tag)).findFirst().orElseThrow();
        assertEquals("graph_keras_model", graph.plugin);
        assertEquals(7, graph.tensorDtype); // DT_STRING
        assertEquals("Sequential", new ObjectMapper().readTree(graph.tensorString).get("class_name").asText());

        assertEquals(List.of(0L, 1L, 2L), steps(train, "epoch_loss"));
        for (int e = 0; e < 3; e++) {
            assertEquals(h.get("loss").get(e).floatValue(), value(train, "epoch_loss", e));
            assertEquals(0.001f, value(train, "epoch_learning_rate", e));
        }
        // update_freq=3: the batch logs of global batches 3, 6, 9 and 12 (counted from 1, as Keras).
        assertEquals(List.of(3L, 6L, 9L, 12L), steps(train, "batch_loss"));
        // histogram_freq=2: epochs 0 and 2; the last one holds the final weights.
        assertEquals(List.of(0L, 2L), steps(train, "dense/kernel/histogram"));
        Event hist = train.stream().filter(e -> "dense/kernel/histogram".equals(e.tag) && e.step == 2).findFirst().orElseThrow();
        float[] kernel = m.getWeights().get(0).toFloatArray();
        float min = Float.MAX_VALUE, max = -Float.MAX_VALUE;
        double sum = 0;
        for (float v : kernel) { min = Math.min(min, v); max = Math.max(max, v); sum += v; }
        assertEquals(kernel.length, hist.histo.get("num")[0]);
        assertEquals(min, hist.histo.get("min")[0]);
        assertEquals(max, hist.histo.get("max")[0]);
        assertEquals(sum, hist.histo.get("sum")[0], 1e-5);
        assertEquals(kernel.length, java.util.Arrays.stream(hist.histo.get("bucket")).sum());
        double[] limits = hist.histo.get("bucket_limit");
        assertEquals(max, limits[limits.length - 1]);
        for (int i = 1; i < limits.length; i++) assertTrue(limits[i] > limits[i - 1]);
        assertTrue(steps(train, "dense_1/bias/histogram").size() == 2);

        List<Event> val = read(onlyFile(dir.resolve("validation")));
        assertEquals("brain.Event:2", val.get(0).fileVersion);
        for (int e = 0; e < 3; e++) assertEquals(h.get("val_loss").get(e).floatValue(), value(val, "epoch_loss", e));
        assertFalse(val.stream().anyMatch(e -> "epoch_val_loss".equals(e.tag)));
        // After each validation pass, at the optimizer's iteration count.
        assertEquals(List.of(4L, 8L, 12L), steps(val, "evaluation_loss_vs_iterations"));
    }

    @Test void epochUpdatesWriteNoBatchScalarsAndNoHistogramsByDefault() throws Exception {
        Tensor[] d = Fixtures.regression(16, 21);
        Fixtures.mlp().fit(d[0], d[1], new FitOptions().epochs(2).batchSize(8).verbose(0).callbacks(new TensorBoard(dir.toString()).writeGraph(false)));
        List<Event> train = read(onlyFile(dir.resolve("train")));
        assertTrue(train.stream().noneMatch(e -> e.tag != null && (e.tag.startsWith("batch_") || e.tag.endsWith("/histogram") || e.tag.equals("keras"))));
        assertEquals(List.of(0L, 1L), steps(train, "epoch_loss"));
        assertFalse(Files.exists(dir.resolve("validation")));
    }

    @Test void kerasDefaultLogDir() {
        assertEquals(Path.of("logs"), new TensorBoard().logDir());
    }

    @Test void badArguments() {
        assertThrows(IllegalArgumentException.class, () -> new TensorBoard("x").histogramFreq(-1));
        assertThrows(IllegalArgumentException.class, () -> new TensorBoard("x").updateFreq("sometimes"));
        assertThrows(IllegalArgumentException.class, () -> new TensorBoard("x").updateFreq(0));
    }

    // ---------------------------------------------------------------- reader

    private static Path onlyFile(Path runDir) throws Exception {
        try (Stream<Path> s = Files.list(runDir)) {
            List<Path> files = s.toList();
            assertEquals(1, files.size(), files.toString());
            assertTrue(files.get(0).getFileName().toString().startsWith("events.out.tfevents."), files.toString());
            return files.get(0);
        }
    }

    private static int mask(byte[] data) {
        CRC32C c = new CRC32C();
        c.update(data);
        int crc = (int) c.getValue();
        return Integer.rotateRight(crc, 15) + 0xa282ead8;
    }

    /** One Event with a single summary value, flattened. */
    static final class Event {
        double wallTime;
        long step;
        String fileVersion, tag, plugin, tensorString;
        Float simpleValue;
        int tensorDtype;
        Map<String, double[]> histo;
    }

    private static List<Long> steps(List<Event> events, String tag) {
        List<Long> s = new ArrayList<>();
        for (Event e : events) if (tag.equals(e.tag)) s.add(e.step);
        return s;
    }

    private static float value(List<Event> events, String tag, long step) {
        for (Event e : events) if (tag.equals(e.tag) && e.step == step) return e.simpleValue;
        throw new AssertionError("no " + tag + " at step " + step);
    }

    private static List<Event> read(Path file) throws Exception {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        List<Event> out = new ArrayList<>();
        while (b.hasRemaining()) {
            byte[] len = new byte[8];
            b.get(len);
            assertEquals(mask(len), b.getInt(), "length CRC");
            byte[] data = new byte[(int) ByteBuffer.wrap(len).order(ByteOrder.LITTLE_ENDIAN).getLong()];
            b.get(data);
            assertEquals(mask(data), b.getInt(), "data CRC");
            out.add(event(data));
        }
        return out;
    }

    private static Event event(byte[] data) {
        Event e = new Event();
        for (Field f : fields(data)) {
            switch (f.number) {
                case 1 -> e.wallTime = Double.longBitsToDouble(f.fixed);
                case 2 -> e.step = f.varint;
                case 3 -> e.fileVersion = new String(f.bytes, StandardCharsets.UTF_8);
                case 5 -> {
                    List<Field> values = fields(f.bytes);
                    assertEquals(1, values.size());
                    value(e, values.get(0).bytes);
                }
                default -> fail("unexpected Event field " + f.number);
            }
        }
        return e;
    }

    private static void value(Event e, byte[] data) {
        for (Field f : fields(data)) {
            switch (f.number) {
                case 1 -> e.tag = new String(f.bytes, StandardCharsets.UTF_8);
                case 2 -> e.simpleValue = Float.intBitsToFloat((int) f.fixed);
                case 5 -> {
                    e.histo = new LinkedHashMap<>();
                    String[] names = {null, "min", "max", "num", "sum", "sum_squares", "bucket_limit", "bucket"};
                    for (Field h : fields(f.bytes)) {
                        if (h.number <= 5) e.histo.put(names[h.number], new double[] {Double.longBitsToDouble(h.fixed)});
                        else {
                            ByteBuffer p = ByteBuffer.wrap(h.bytes).order(ByteOrder.LITTLE_ENDIAN);
                            double[] v = new double[h.bytes.length / 8];
                            for (int i = 0; i < v.length; i++) v[i] = p.getDouble();
                            e.histo.put(names[h.number], v);
                        }
                    }
                }
                case 8 -> {
                    for (Field t : fields(f.bytes)) {
                        if (t.number == 1) e.tensorDtype = (int) t.varint;
                        if (t.number == 8) e.tensorString = new String(t.bytes, StandardCharsets.UTF_8);
                    }
                }
                case 9 -> {
                    Field pluginData = fields(f.bytes).get(0);
                    assertEquals(1, pluginData.number);
                    e.plugin = new String(fields(pluginData.bytes).get(0).bytes, StandardCharsets.UTF_8);
                }
                default -> fail("unexpected Summary.Value field " + f.number);
            }
        }
    }

    /** A protobuf field: its number and, by wire type, a varint, fixed 32/64 bits or bytes. */
    record Field(int number, long varint, long fixed, byte[] bytes) {}

    private static List<Field> fields(byte[] data) {
        List<Field> out = new ArrayList<>();
        int[] pos = {0};
        while (pos[0] < data.length) {
            long key = varint(data, pos);
            int number = (int) (key >>> 3), wire = (int) (key & 7);
            switch (wire) {
                case 0 -> out.add(new Field(number, varint(data, pos), 0, null));
                case 1 -> { out.add(new Field(number, 0, ByteBuffer.wrap(data, pos[0], 8).order(ByteOrder.LITTLE_ENDIAN).getLong(), null)); pos[0] += 8; }
                case 5 -> { out.add(new Field(number, 0, ByteBuffer.wrap(data, pos[0], 4).order(ByteOrder.LITTLE_ENDIAN).getInt(), null)); pos[0] += 4; }
                case 2 -> {
                    int n = (int) varint(data, pos);
                    ByteArrayOutputStream b = new ByteArrayOutputStream();
                    b.write(data, pos[0], n);
                    pos[0] += n;
                    out.add(new Field(number, 0, 0, b.toByteArray()));
                }
                default -> fail("wire type " + wire);
            }
        }
        return out;
    }

    private static long varint(byte[] d, int[] pos) {
        long v = 0;
        for (int shift = 0; ; shift += 7) {
            byte b = d[pos[0]++];
            v |= (long) (b & 0x7F) << shift;
            if (b >= 0) return v;
        }
    }
}
