package io.keras4j.datasets;

import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * numpy's {@code .npy} format and {@code .npz} archives (a zip of {@code .npy} members), read
 * the way Keras's {@code npz_utils.load_npz} reads them: numeric arrays directly, object arrays
 * through the {@link RestrictedUnpickler}.
 *
 * <p>Element types map onto keras4j's: {@code float32}/{@code float16} → float32, {@code float64}
 * → float64, {@code int64}/{@code uint32}/{@code uint64} → int64, the smaller integers and
 * {@code bool} → int32 (keras4j has no byte types; {@code uint8} pixels become int32 0..255).
 */
final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {}

    /** Every {@code .npy} member of the archive by name without the extension, in archive order. */
    static Map<String, PickledArray> loadNpz(Path path) throws IOException {
        Map<String, PickledArray> out = new LinkedHashMap<>();
        try (ZipInputStream z = new ZipInputStream(Files.newInputStream(path))) {
            for (ZipEntry e; (e = z.getNextEntry()) != null; ) {
                if (!e.getName().endsWith(".npy")) continue;
                out.put(e.getName().substring(0, e.getName().length() - 4), read(z.readAllBytes(), e.getName()));
            }
        }
        return out;
    }

    /** One array from the bytes of a {@code .npy} file. */
    static PickledArray read(byte[] file, String name) throws IOException {
        for (int i = 0; i < MAGIC.length; i++) {
            if (file.length <= i || file[i] != MAGIC[i]) throw new IOException(name + " is not a .npy file (no \\x93NUMPY magic)");
        }
        int major = file[6];
        ByteBuffer bb = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        int headerLen, headerStart;
        if (major == 1) {
            headerLen = bb.getShort(8) & 0xffff;
            headerStart = 10;
        } else if (major == 2 || major == 3) {
            headerLen = bb.getInt(8);
            headerStart = 12;
        } else {
            throw new IOException("Unsupported `.npy` file version: (" + major + ", " + file[7] + ") in " + name);
        }
        String header = new String(file, headerStart, headerLen, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        String descr = group(DESCR, header, name, "descr");
        boolean fortran = group(FORTRAN, header, name, "fortran_order").equals("True");
        String dims = group(SHAPE, header, name, "shape").trim();
        int[] shape = dims.isEmpty() ? new int[0]
                : java.util.Arrays.stream(dims.split(",")).map(String::trim).filter(s -> !s.isEmpty()).mapToInt(Integer::parseInt).toArray();
        int dataStart = headerStart + headerLen;

        PickledArray a = new PickledArray();
        PickledArray.DTypeValue dtype = new PickledArray.DTypeValue(descr.substring(1));
        dtype.setState(new Object[] {3, descr.substring(0, 1)});
        if (descr.endsWith("O")) {
            Object p = RestrictedUnpickler.read(new ByteArrayInputStream(file, dataStart, file.length - dataStart));
            if (!(p instanceof PickledArray pa)) throw new IOException(name + ": the pickled object array is not an ndarray");
            return pa;
        }
        Object[] dimsObj = new Object[shape.length];
        for (int i = 0; i < shape.length; i++) dimsObj[i] = shape[i];
        byte[] raw = java.util.Arrays.copyOfRange(file, dataStart, file.length);
        a.setState(new Object[] {1, dimsObj, dtype, fortran, raw});
        return a;
    }

    private static String group(Pattern p, String header, String name, String key) throws IOException {
        Matcher m = p.matcher(header);
        if (!m.find()) throw new IOException(name + ": the .npy header has no '" + key + "': " + header.trim());
        return m.group(1);
    }

    /** Decodes raw array bytes of numpy type {@code descr} into a C-ordered tensor. */
    static Tensor toTensor(byte[] raw, int offset, String descr, boolean fortran, int[] shape) {
        int n = 1;
        for (int d : shape) n *= d;
        ByteOrder order = descr.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        String type = descr.substring(1);
        int width = Integer.parseInt(type.substring(1));
        if ((long) n * width > raw.length - offset) {
            throw new IllegalArgumentException("The array data is truncated: " + (raw.length - offset) + " bytes for " + n + " elements of " + descr);
        }
        ByteBuffer b = ByteBuffer.wrap(raw, offset, raw.length - offset).slice().order(order);
        Object data;
        switch (type) {
            case "u1", "b1" -> { int[] v = new int[n]; for (int i = 0; i < n; i++) v[i] = b.get(i) & 0xff; data = v; }
            case "i1" -> { int[] v = new int[n]; for (int i = 0; i < n; i++) v[i] = b.get(i); data = v; }
            case "u2" -> { int[] v = new int[n]; for (int i = 0; i < n; i++) v[i] = b.getShort(2 * i) & 0xffff; data = v; }
            case "i2" -> { int[] v = new int[n]; for (int i = 0; i < n; i++) v[i] = b.getShort(2 * i); data = v; }
            case "i4" -> { int[] v = new int[n]; b.asIntBuffer().get(v); data = v; }
            case "u4" -> { long[] v = new long[n]; for (int i = 0; i < n; i++) v[i] = b.getInt(4 * i) & 0xffffffffL; data = v; }
            case "i8", "u8" -> { long[] v = new long[n]; b.asLongBuffer().get(v); data = v; }
            case "f2" -> { float[] v = new float[n]; for (int i = 0; i < n; i++) v[i] = halfToFloat(b.getShort(2 * i)); data = v; }
            case "f4" -> { float[] v = new float[n]; b.asFloatBuffer().get(v); data = v; }
            case "f8" -> { double[] v = new double[n]; b.asDoubleBuffer().get(v); data = v; }
            default -> throw new IllegalArgumentException("Unsupported numpy dtype: " + descr);
        }
        Tensor t = Tensor.wrap(data, Shape.of(shape));
        return fortran && shape.length > 1 ? fromFortran(t, shape) : t;
    }

    /** IEEE 754 binary16 to float (Float.float16ToFloat exists only from Java 20). */
    static float halfToFloat(short h) {
        int sign = (h >> 15) & 1, exp = (h >> 10) & 0x1f, mant = h & 0x3ff;
        float v;
        if (exp == 0) v = mant * 0x1p-24f; // subnormal
        else if (exp == 31) v = mant == 0 ? Float.POSITIVE_INFINITY : Float.NaN;
        else v = Float.intBitsToFloat(((exp + 112) << 23) | (mant << 13));
        return sign == 1 ? -v : v;
    }

    /** Reorders column-major data (first index fastest) into row-major. */
    private static Tensor fromFortran(Tensor t, int[] shape) {
        int n = t.size(), r = shape.length;
        Object src = t.data();
        DType dt = t.dtype();
        Object dst = dt.allocate(n);
        int[] idx = new int[r];
        for (int f = 0; f < n; f++) { // f walks the Fortran order; compute its C offset
            int c = 0;
            for (int k = 0; k < r; k++) c = c * shape[k] + idx[k];
            System.arraycopy(src, f, dst, c, 1);
            for (int k = 0; k < r; k++) { if (++idx[k] < shape[k]) break; idx[k] = 0; }
        }
        return Tensor.wrap(dst, Shape.of(shape));
    }

    /** The elements of an object array of integer lists (IMDB, Reuters) as int arrays. */
    static List<int[]> intLists(PickledArray a) {
        List<?> objs = a.objects();
        int[][] out = new int[objs.size()][];
        for (int i = 0; i < out.length; i++) {
            Object o = objs.get(i);
            if (o instanceof PickledArray inner) { // an element may itself be an int array
                Tensor t = inner.tensor();
                out[i] = t.toIntArray();
            } else if (o instanceof List<?> l) {
                int[] v = new int[l.size()];
                for (int k = 0; k < v.length; k++) v[k] = ((Number) l.get(k)).intValue();
                out[i] = v;
            } else {
                throw new IllegalArgumentException("Element " + i + " of the object array is not a list of integers: " + (o == null ? "None" : o.getClass().getSimpleName()));
            }
        }
        return java.util.Arrays.asList(out);
    }
}
