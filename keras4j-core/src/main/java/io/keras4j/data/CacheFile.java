package io.keras4j.data;

import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code cache(path)}: the first complete pass writes every element to {@code path + ".tmp"} and
 * renames it to {@code path} at the end, so a pass cut short leaves no cache behind (tf.data's
 * rule: a partial cache is never read). Later passes, in this run or another, read the file.
 * Format: per element a header byte (1 = element follows), the counts of x / y / sample-weight
 * tensors (-1 = absent), then per tensor its dtype, rank, dims and values, big-endian.
 */
final class CacheFile {
    private static final int MAGIC = 0x4B344A43; // "K4JC"

    private CacheFile() {}

    static boolean complete(Path path) { return Files.isRegularFile(path); }

    static DatasetIterator<Element> read(Path path) {
        DataInputStream in;
        try {
            in = new DataInputStream(new BufferedInputStream(Files.newInputStream(path), 1 << 16));
            if (in.readInt() != MAGIC) {
                in.close();
                throw new IllegalArgumentException("Not a keras4j dataset cache file: " + path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the dataset cache " + path, e);
        }
        return new PullIterator<>() {
            @Override protected Element pull() {
                try {
                    int tag = in.read();
                    if (tag != 1) return null;
                    List<Tensor> x = readList(in), y = readList(in), sw = readList(in);
                    return new Element(x, y, sw);
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot read the dataset cache " + path, e);
                }
            }

            @Override protected void release() {
                try {
                    in.close();
                } catch (IOException ignored) { /* nothing to save */ }
            }
        };
    }

    /** Passes the upstream through, writing it down; renames the file into place only at the end. */
    static DatasetIterator<Element> write(DatasetIterator<Element> upstream, Path path) {
        Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
        DataOutputStream out;
        try {
            if (path.getParent() != null) Files.createDirectories(path.getParent());
            out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16));
            out.writeInt(MAGIC);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the dataset cache " + tmp, e);
        }
        return new PullIterator<>() {
            private boolean finished;

            @Override protected Element pull() {
                try {
                    if (!upstream.hasNext()) {
                        out.write(0);
                        out.close();
                        Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                        finished = true;
                        return null;
                    }
                    Element e = upstream.next();
                    out.write(1);
                    writeList(out, e.x());
                    writeList(out, e.y());
                    writeList(out, e.sampleWeight());
                    return e;
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot write the dataset cache " + tmp, e);
                }
            }

            @Override protected void release() {
                upstream.close();
                if (!finished) {
                    try {
                        out.close();
                        Files.deleteIfExists(tmp);
                    } catch (IOException ignored) { /* best effort: a stale .tmp is never read */ }
                }
            }
        };
    }

    private static void writeList(DataOutputStream out, List<Tensor> ts) throws IOException {
        if (ts == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(ts.size());
        for (Tensor t : ts) {
            out.writeByte(t.dtype().ordinal());
            int[] dims = t.shape().dims();
            out.writeInt(dims.length);
            for (int d : dims) out.writeInt(d);
            switch (t.dtype()) {
                case FLOAT32 -> { for (float v : (float[]) t.data()) out.writeFloat(v); }
                case FLOAT64 -> { for (double v : (double[]) t.data()) out.writeDouble(v); }
                case INT32 -> { for (int v : (int[]) t.data()) out.writeInt(v); }
                case INT64 -> { for (long v : (long[]) t.data()) out.writeLong(v); }
                case STRING -> {
                    for (String v : (String[]) t.data()) {
                        byte[] b = v.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                        out.writeInt(b.length);
                        out.write(b);
                    }
                }
            }
        }
    }

    private static List<Tensor> readList(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) return null;
        List<Tensor> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int code = in.readByte();
            if (code < 0 || code >= DType.values().length) throw new EOFException("Corrupt dataset cache: dtype code " + code);
            DType dt = DType.values()[code];
            int[] dims = new int[in.readInt()];
            for (int a = 0; a < dims.length; a++) dims[a] = in.readInt();
            Shape s = Shape.of(dims);
            Object data = dt.allocate(s.size());
            switch (dt) {
                case FLOAT32 -> { float[] d = (float[]) data; for (int k = 0; k < d.length; k++) d[k] = in.readFloat(); }
                case FLOAT64 -> { double[] d = (double[]) data; for (int k = 0; k < d.length; k++) d[k] = in.readDouble(); }
                case INT32 -> { int[] d = (int[]) data; for (int k = 0; k < d.length; k++) d[k] = in.readInt(); }
                case INT64 -> { long[] d = (long[]) data; for (int k = 0; k < d.length; k++) d[k] = in.readLong(); }
                case STRING -> {
                    String[] d = (String[]) data;
                    for (int k = 0; k < d.length; k++) d[k] = new String(in.readNBytes(in.readInt()), java.nio.charset.StandardCharsets.UTF_8);
                }
            }
            out.add(Tensor.wrap(data, s));
        }
        return out;
    }
}
