package io.keras4j.utils;

import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import javax.imageio.ImageIO;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Keras's {@code utils/image_utils.py} on {@code java.awt.image} and ImageIO (PNG, JPEG, BMP, GIF —
 * the first frame — and whatever other ImageIO plugins are installed): {@link #loadImg},
 * {@link #imgToArray}, {@link #arrayToImg}, {@link #saveImg}. Images are {@link BufferedImage}s where
 * Keras has PIL images; arrays are float32 (height, width, channels) tensors with values 0..255.
 * Grayscale conversion uses PIL's "L" weights (299/587/114 per mille).
 */
public final class ImageUtils {
    private ImageUtils() {}

    static final List<String> RESIZE_METHODS = List.of("bilinear", "nearest", "bicubic");

    // ------------------------------------------------------------------ Keras API

    /** {@link #loadImg(Path, String, int[], String, boolean)} in RGB at the file's size. */
    public static BufferedImage loadImg(Path path) { return loadImg(path, "rgb", null, "nearest", false); }

    /**
     * Loads an image file. {@code colorMode}: "grayscale", "rgb" or "rgba"; {@code targetSize}:
     * {height, width} or null; {@code interpolation}: "nearest" (Keras's default), "bilinear" or
     * "bicubic"; {@code keepAspectRatio} crops the centre to the target aspect ratio before resizing.
     */
    public static BufferedImage loadImg(Path path, String colorMode, int[] targetSize, String interpolation, boolean keepAspectRatio) {
        int channels = channels(colorMode, "color_mode");
        if (targetSize != null && targetSize.length != 2) throw new IllegalArgumentException("`target_size` must be (height, width). Received: target_size=" + java.util.Arrays.toString(targetSize));
        BufferedImage img = read(path);
        float[] px = pixels(img, channels);
        int h = img.getHeight(), w = img.getWidth();
        if (targetSize != null && (targetSize[0] != h || targetSize[1] != w)) {
            checkInterpolation(interpolation);
            int th = targetSize[0], tw = targetSize[1];
            if (keepAspectRatio) { // Keras's crop box: the largest centred window of the target's aspect ratio
                int cropH = Math.min(h, (w * th) / tw), cropW = Math.min(w, (h * tw) / th);
                px = crop(px, h, w, channels, (h - cropH) / 2, (w - cropW) / 2, cropH, cropW);
                h = cropH;
                w = cropW;
            }
            px = resize(px, h, w, channels, th, tw, interpolation);
            h = th;
            w = tw;
        }
        return toImage(px, h, w, channels, false);
    }

    /** The image as a float32 (height, width, channels) tensor, values 0..255 (Keras's {@code img_to_array}). */
    public static Tensor imgToArray(BufferedImage img) { return imgToArray(img, "channels_last"); }

    public static Tensor imgToArray(BufferedImage img, String dataFormat) {
        int c = channelsOf(img);
        float[] px = pixels(img, c);
        Tensor t = Tensor.wrap(px, Shape.of(img.getHeight(), img.getWidth(), c));
        return "channels_first".equals(checkDataFormat(dataFormat)) ? toChannelsFirst(t) : t;
    }

    /** {@link #arrayToImg(Tensor, String, boolean)} channels-last, scaled. */
    public static BufferedImage arrayToImg(Tensor x) { return arrayToImg(x, "channels_last", true); }

    /**
     * A rank-3 array as an image with 1 (gray), 3 (RGB) or 4 (RGBA) channels. With {@code scale}
     * the values are shifted and scaled to 0..255 (minimum to 0, maximum to 255), as Keras does;
     * otherwise they are cast to bytes.
     */
    public static BufferedImage arrayToImg(Tensor x, String dataFormat, boolean scale) {
        if (x.rank() != 3) throw new IllegalArgumentException("Expected image array to have rank 3 (single image). Got array with shape: " + x.shape());
        if ("channels_first".equals(checkDataFormat(dataFormat))) x = toChannelsLast(x);
        int h = x.shape().dim(0), w = x.shape().dim(1), c = x.shape().dim(2);
        if (c != 1 && c != 3 && c != 4) throw new IllegalArgumentException("Unsupported channel number: " + c);
        float[] v = x.toFloatArray();
        if (scale) {
            float min = Float.POSITIVE_INFINITY, max;
            for (float f : v) min = Math.min(min, f);
            max = Float.NEGATIVE_INFINITY;
            for (int i = 0; i < v.length; i++) {
                v[i] -= min;
                max = Math.max(max, v[i]);
            }
            if (max != 0) for (int i = 0; i < v.length; i++) v[i] = v[i] / max * 255f;
        }
        return toImage(v, h, w, c, true);
    }

    /** Saves an array as an image; the format comes from the file name. */
    public static void saveImg(Path path, Tensor x) { saveImg(path, x, "channels_last", null, true); }

    /** {@code fileFormat}: "png", "jpeg"/"jpg", "bmp", "gif", or null for the file name's extension. */
    public static void saveImg(Path path, Tensor x, String dataFormat, String fileFormat, boolean scale) {
        String fmt = fileFormat != null ? fileFormat : extension(path);
        fmt = fmt.toLowerCase(Locale.ROOT);
        if (fmt.equals("jpg")) fmt = "jpeg";
        BufferedImage img = arrayToImg(x, dataFormat, scale);
        if ((fmt.equals("jpeg") || fmt.equals("bmp")) && img.getColorModel().hasAlpha()) {
            // As Keras: "The JPEG format does not support RGBA images, converting to RGB."
            BufferedImage rgb = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
            rgb.getGraphics().drawImage(img, 0, 0, null);
            img = rgb;
        }
        try {
            if (path.getParent() != null) Files.createDirectories(path.getParent());
            if (!ImageIO.write(img, fmt, path.toFile())) throw new IllegalArgumentException("No ImageIO writer for format \"" + fmt + "\" (file " + path + ")");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write image " + path, e);
        }
    }

    // ------------------------------------------------------------------ shared with the dataset loader

    static int channels(String colorMode, String argument) {
        return switch (colorMode == null ? "" : colorMode) {
            case "grayscale" -> 1;
            case "rgb" -> 3;
            case "rgba" -> 4;
            default -> throw new IllegalArgumentException("`" + argument + "` must be one of {\"rgb\", \"rgba\", \"grayscale\"}. Received: " + argument + "=" + colorMode);
        };
    }

    static String checkDataFormat(String dataFormat) {
        String f = dataFormat == null ? "channels_last" : dataFormat;
        if (!f.equals("channels_last") && !f.equals("channels_first")) {
            throw new IllegalArgumentException("The `data_format` argument must be one of {\"channels_first\", \"channels_last\"}. Received: data_format=" + dataFormat);
        }
        return f;
    }

    static void checkInterpolation(String interpolation) {
        if (!RESIZE_METHODS.contains(interpolation)) {
            throw new IllegalArgumentException("Argument `interpolation` should be one of " + RESIZE_METHODS + ". Received: interpolation=" + interpolation);
        }
    }

    /** Decodes a file, naming it when that fails. */
    static BufferedImage read(Path path) {
        BufferedImage img;
        try {
            img = ImageIO.read(path.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException("Could not decode image file " + path + ": " + e.getMessage(), e);
        }
        if (img == null) throw new IllegalArgumentException("Could not decode image file " + path + ": no ImageIO reader recognises its contents");
        return img;
    }

    private static int channelsOf(BufferedImage img) {
        boolean gray = img.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY;
        boolean alpha = img.getColorModel().hasAlpha();
        return gray && !alpha ? 1 : alpha ? 4 : 3;
    }

    /**
     * The pixels as HWC floats 0..255 with {@code channels} channels. Gray images are read from the
     * raster (going through {@code getRGB} would apply a gamma curve to them).
     */
    static float[] pixels(BufferedImage img, int channels) {
        int h = img.getHeight(), w = img.getWidth();
        float[] out = new float[h * w * channels];
        Raster r = img.getRaster();
        boolean gray = img.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY;
        int bits = img.getColorModel().getComponentSize(0);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int red, green, blue, alpha = 255;
                if (gray) {
                    int g = r.getSample(x, y, 0);
                    if (bits > 8) g = g >> (bits - 8);
                    else if (bits < 8) g = g * 255 / ((1 << bits) - 1);
                    red = green = blue = g;
                    if (img.getColorModel().hasAlpha()) alpha = img.getColorModel().getAlpha(r.getDataElements(x, y, null));
                } else {
                    int argb = img.getRGB(x, y);
                    alpha = (argb >>> 24) & 0xff;
                    red = (argb >> 16) & 0xff;
                    green = (argb >> 8) & 0xff;
                    blue = argb & 0xff;
                }
                int o = (y * w + x) * channels;
                switch (channels) {
                    case 1 -> out[o] = gray ? red : (red * 19595 + green * 38470 + blue * 7471 + 0x8000) >> 16; // PIL's convert("L")
                    case 3 -> { out[o] = red; out[o + 1] = green; out[o + 2] = blue; }
                    default -> { out[o] = red; out[o + 1] = green; out[o + 2] = blue; out[o + 3] = alpha; }
                }
            }
        }
        return out;
    }

    /** An image from HWC values (rounded down and clipped to 0..255 as a uint8 cast would, after clipping). */
    private static BufferedImage toImage(float[] px, int h, int w, int channels, boolean truncate) {
        int type = channels == 1 ? BufferedImage.TYPE_BYTE_GRAY : channels == 3 ? BufferedImage.TYPE_INT_RGB : BufferedImage.TYPE_INT_ARGB;
        BufferedImage img = new BufferedImage(w, h, type);
        WritableRaster r = img.getRaster();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int o = (y * w + x) * channels;
                if (channels == 1) {
                    r.setSample(x, y, 0, toByte(px[o], truncate));
                } else {
                    int red = toByte(px[o], truncate), green = toByte(px[o + 1], truncate), blue = toByte(px[o + 2], truncate);
                    int alpha = channels == 4 ? toByte(px[o + 3], truncate) : 255;
                    img.setRGB(x, y, (alpha << 24) | (red << 16) | (green << 8) | blue);
                }
            }
        }
        return img;
    }

    private static int toByte(float v, boolean truncate) {
        float c = Math.max(0, Math.min(255, v));
        return truncate ? (int) c : Math.round(c);
    }

    static float[] crop(float[] px, int h, int w, int c, int top, int left, int ch, int cw) {
        float[] out = new float[ch * cw * c];
        for (int y = 0; y < ch; y++) System.arraycopy(px, ((top + y) * w + left) * c, out, y * cw * c, cw * c);
        return out;
    }

    /**
     * Resizes HWC pixels as {@code tf.image.resize} does (half-pixel centres, no antialiasing):
     * "bilinear" interpolates the two nearest rows and columns, "nearest" takes
     * {@code floor((i + 0.5) * scale)}, "bicubic" uses Keys' cubic with a = -0.5; indices outside
     * the image are clamped to its edge.
     */
    static float[] resize(float[] px, int h, int w, int c, int oh, int ow, String method) {
        if (oh == h && ow == w) return px;
        float[] tmp = new float[h * ow * c];
        for (int y = 0; y < h; y++) resize1d(px, y * w * c, c, w, tmp, y * ow * c, c, ow, c, method);
        float[] out = new float[oh * ow * c];
        for (int x = 0; x < ow; x++) resize1d(tmp, x * c, ow * c, h, out, x * c, ow * c, oh, c, method);
        return out;
    }

    /** Resizes one line of {@code n} pixels (stride {@code s}) to {@code m} pixels (stride {@code t}). */
    private static void resize1d(float[] in, int inOff, int s, int n, float[] out, int outOff, int t, int m, int c, String method) {
        double scale = (double) n / m;
        for (int o = 0; o < m; o++) {
            int dst = outOff + o * t;
            switch (method) {
                case "nearest" -> {
                    int i = Math.min((int) Math.floor((o + 0.5) * scale), n - 1);
                    for (int k = 0; k < c; k++) out[dst + k] = in[inOff + i * s + k];
                }
                case "bilinear" -> {
                    double p = (o + 0.5) * scale - 0.5;
                    int f = (int) Math.floor(p);
                    int lo = Math.max(f, 0), hi = Math.min((int) Math.ceil(p), n - 1);
                    float frac = (float) (p - f);
                    for (int k = 0; k < c; k++) {
                        float a = in[inOff + lo * s + k], b = in[inOff + hi * s + k];
                        out[dst + k] = a + (b - a) * frac;
                    }
                }
                case "bicubic" -> {
                    double p = (o + 0.5) * scale - 0.5;
                    int f = (int) Math.floor(p);
                    double tt = p - f;
                    double[] wts = {cubic(tt + 1), cubic(tt), cubic(1 - tt), cubic(2 - tt)};
                    for (int k = 0; k < c; k++) {
                        double acc = 0;
                        for (int j = 0; j < 4; j++) {
                            int i = Math.min(Math.max(f - 1 + j, 0), n - 1);
                            acc += wts[j] * in[inOff + i * s + k];
                        }
                        out[dst + k] = (float) acc;
                    }
                }
                default -> throw new IllegalArgumentException("Argument `interpolation` should be one of " + RESIZE_METHODS + ". Received: interpolation=" + method);
            }
        }
    }

    private static double cubic(double x) {
        final double a = -0.5;
        x = Math.abs(x);
        if (x <= 1) return ((a + 2) * x - (a + 3)) * x * x + 1;
        if (x < 2) return ((a * x - 5 * a) * x + 8 * a) * x - 4 * a;
        return 0;
    }

    static Tensor toChannelsFirst(Tensor t) {
        int h = t.shape().dim(0), w = t.shape().dim(1), c = t.shape().dim(2);
        float[] in = t.toFloatArray(), out = new float[in.length];
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) for (int k = 0; k < c; k++) out[(k * h + y) * w + x] = in[(y * w + x) * c + k];
        return Tensor.wrap(out, Shape.of(c, h, w));
    }

    private static Tensor toChannelsLast(Tensor t) {
        int c = t.shape().dim(0), h = t.shape().dim(1), w = t.shape().dim(2);
        float[] in = t.toFloatArray(), out = new float[in.length];
        for (int k = 0; k < c; k++) for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) out[(y * w + x) * c + k] = in[(k * h + y) * w + x];
        return Tensor.wrap(out, Shape.of(h, w, c));
    }

    private static String extension(Path path) {
        String n = path.getFileName().toString();
        int dot = n.lastIndexOf('.');
        if (dot < 0) throw new IllegalArgumentException("Cannot tell the image format of " + path + ": pass `file_format`");
        return n.substring(dot + 1);
    }
}
