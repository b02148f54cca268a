package io.keras4j.datasets;

import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * LeCun's IDX format, gzip-compressed, as the MNIST and Fashion-MNIST files are: two zero bytes,
 * the element type (0x08 = unsigned byte), the number of dimensions, each dimension as a
 * big-endian int32, then the data. Keras skips the header by offset (8 bytes for labels, 16 for
 * images); here it is read, so a wrong or truncated file fails with a message, not a bad reshape.
 */
final class Idx {
    private Idx() {}

    /** The unsigned-byte array of a {@code .gz} IDX file as an int32 tensor (values 0..255) in the file's shape. */
    static Tensor readUbyteGz(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new GZIPInputStream(raw, 1 << 16))) {
            int magic = in.readInt();
            int type = (magic >> 8) & 0xff, rank = magic & 0xff;
            if ((magic >>> 16) != 0 || type != 0x08 || rank < 1) {
                throw new IOException(file + " is not an IDX file of unsigned bytes (magic number 0x" + Integer.toHexString(magic) + ")");
            }
            int[] shape = new int[rank];
            long n = 1;
            for (int i = 0; i < rank; i++) {
                shape[i] = in.readInt();
                n *= shape[i];
            }
            if (n > Integer.MAX_VALUE) throw new IOException(file + " is too large: shape " + java.util.Arrays.toString(shape));
            byte[] bytes = new byte[(int) n];
            int got = in.readNBytes(bytes, 0, bytes.length);
            if (got < n) throw new IOException(file + " is truncated: " + got + " of " + n + " values");
            int[] v = new int[bytes.length];
            for (int i = 0; i < v.length; i++) v[i] = bytes[i] & 0xff;
            return Tensor.wrap(v, Shape.of(shape));
        }
    }
}
