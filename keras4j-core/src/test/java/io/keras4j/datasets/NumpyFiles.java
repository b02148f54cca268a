package io.keras4j.datasets;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;


/**
 * Writes test files in numpy's formats: {@code .npy} by the published format description (magic,
 * version 1.0, a little-endian header length, a Python dict literal padded to 64 bytes, the raw
 * data) and {@code .npz} as a zip of them; and runs {@code /usr/bin/python3} with numpy, when it is
 * installed, to have numpy itself write the file.
 */
final class NumpyFiles {
    private NumpyFiles() {}

    /** A {@code .npy} image: {@code descr} like "|u1" or "<f8", the C-ordered element bytes in {@code data}. */
    static byte[] npy(String descr, int[] shape, byte[] data) {
        StringBuilder dims = new StringBuilder();
        for (int d : shape) dims.append(d).append(", ");
        String shapeText = shape.length == 1 ? "(" + shape[0] + ",)" : "(" + (shape.length == 0 ? "" : dims.substring(0, dims.length() - 2)) + ")";
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shapeText + ", }";
        int pad = 64 - (10 + dict.length() + 1) % 64;
        String header = dict + " ".repeat(pad % 64) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        out.write(header.length() & 0xff);
        out.write(header.length() >> 8);
        out.writeBytes(header.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(data);
        return out.toByteArray();
    }

    static byte[] u1(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) b[i] = (byte) v[i];
        return b;
    }

    static byte[] f8(double... v) {
        ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double x : v) b.putDouble(x);
        return b.array();
    }

    static byte[] i8(long... v) {
        ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long x : v) b.putLong(x);
        return b.array();
    }

    /** Writes an {@code .npz}: member name (without ".npy") to {@code .npy} bytes. */
    static Path npz(Path file, Map<String, byte[]> members) throws IOException {
        try (OutputStream o = Files.newOutputStream(file); ZipOutputStream z = new ZipOutputStream(o)) {
            for (Map.Entry<String, byte[]> e : members.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey() + ".npy"));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        return file;
    }

    /** Runs a Python program with {@code /usr/bin/python3}, skipping the test (failing under CI) when numpy is absent. */
    static void python(String program) throws IOException {
        io.keras4j.TestTools.requirePythonModule("numpy", "python3-numpy");
        int rc = run(program);
        if (rc != 0) throw new IOException("python3 failed (" + rc + ") running:\n" + program);
    }

    private static int run(String program) throws IOException {
        if (!Files.isExecutable(Path.of("/usr/bin/python3"))) return 127;
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", "-c", program));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return -1;
            }
            if (p.exitValue() != 0) System.err.println(new String(out, StandardCharsets.UTF_8));
            return p.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
