package io.keras4j.saving.legacy;

import io.keras4j.tensor.Tensor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A minimal reader of numpy {@code .npy} files (version 1/2, little-endian float32/float64, C order), as float32. */
final class Npy {
    private Npy() {}

    static Tensor read(Path path) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(path)).order(ByteOrder.LITTLE_ENDIAN);
        byte[] magic = new byte[6];
        b.get(magic);
        if (magic[0] != (byte) 0x93 || !new String(magic, 1, 5, StandardCharsets.US_ASCII).equals("NUMPY")) throw new IOException(path + " is not .npy");
        int major = b.get();
        b.get();
        int headerLen = major == 1 ? Short.toUnsignedInt(b.getShort()) : b.getInt();
        byte[] header = new byte[headerLen];
        b.get(header);
        String h = new String(header, StandardCharsets.US_ASCII);
        Matcher descr = Pattern.compile("'descr':\\s*'([<>|=]?)([a-z])(\\d+)'").matcher(h);
        Matcher shape = Pattern.compile("'shape':\\s*\\(([^)]*)\\)").matcher(h);
        if (!descr.find() || !shape.find() || h.contains("'fortran_order': True") || descr.group(1).equals(">")) throw new IOException("unsupported .npy header " + h);
        String[] parts = shape.group(1).split(",");
        int n = 0;
        int[] dims = new int[parts.length];
        for (String p : parts) if (!p.isBlank()) dims[n++] = Integer.parseInt(p.trim());
        dims = java.util.Arrays.copyOf(dims, n);
        int size = 1;
        for (int d : dims) size *= d;
        float[] out = new float[size];
        String kind = descr.group(2) + descr.group(3);
        for (int i = 0; i < size; i++) {
            out[i] = switch (kind) {
                case "f4" -> b.getFloat();
                case "f8" -> (float) b.getDouble();
                default -> throw new IOException("unsupported dtype " + kind);
            };
        }
        return Tensor.of(out, dims);
    }
}
