package io.keras4j.layers.preprocessing;

import io.keras4j.layers.Layers;
import io.keras4j.tensor.Shape;

import java.util.List;
import java.util.Map;

/**
 * Keras's {@code RandomZoom}: in training, each image is scaled about its centre by
 * {@code 1 + z} with z drawn in {@code [lower, upper]} per axis ({@code height_factor}, and
 * {@code width_factor}, which defaults to the height's draw, keeping the aspect ratio). The
 * factor is the output-to-input scale: positive zooms out, negative zooms in, as Keras documents.
 * Output pixel (x, y) reads the input at {@code (zx x + (W-1)/2 (1-zx), zy y + (H-1)/2 (1-zy))}.
 * At inference, the identity.
 */
public final class RandomZoom extends BaseImagePreprocessingLayer {
    private final double[] heightFactor;
    private final Object heightFactorArg;
    private double[] widthFactor;
    private Object widthFactorArg;
    private String fillMode = "reflect";
    private String interpolation = "bilinear";
    private double fillValue;

    public RandomZoom(double heightFactor) {
        this.heightFactor = zoomFactor(heightFactor, heightFactor, false, "height_factor");
        this.heightFactorArg = heightFactor;
    }

    public RandomZoom(double lower, double upper) {
        this.heightFactor = zoomFactor(lower, upper, true, "height_factor");
        this.heightFactorArg = List.of(lower, upper);
    }

    public RandomZoom widthFactor(double value) {
        checkNotBuilt();
        widthFactor = zoomFactor(value, value, false, "width_factor");
        widthFactorArg = value;
        return this;
    }

    public RandomZoom widthFactor(double lower, double upper) {
        checkNotBuilt();
        widthFactor = zoomFactor(lower, upper, true, "width_factor");
        widthFactorArg = List.of(lower, upper);
        return this;
    }

    private static double[] zoomFactor(double a, double b, boolean pair, String name) {
        for (double v : pair ? new double[] {a, b} : new double[] {a}) {
            if (v > 1.0 || v <= -1.0) {
                throw new IllegalArgumentException("The `height_factor` and `width_factor` arguments should be a number (or a list of two numbers) in the range (-1.0, 1.0]. Received: input_number=" + v);
            }
        }
        if (!pair) return new double[] {-Math.abs(a), Math.abs(a)};
        return new double[] {Math.min(a, b), Math.max(a, b)};
    }

    public RandomZoom fillMode(String value) {
        checkNotBuilt();
        fillMode = AffineTransform.checkFillMode(value);
        return this;
    }

    public RandomZoom interpolation(String value) {
        checkNotBuilt();
        interpolation = AffineTransform.checkInterpolation(value);
        return this;
    }

    public RandomZoom fillValue(double value) {
        checkNotBuilt();
        fillValue = value;
        return this;
    }

    public static RandomZoom fromConfig(Layers.Config c) {
        RandomZoom z = factorOf(c.raw("height_factor"), "height_factor", null);
        Object w = c.raw("width_factor");
        if (w != null) factorOf(w, "width_factor", z);
        z.fillMode(c.string("fill_mode", "reflect")).interpolation(c.string("interpolation", "bilinear")).fillValue(c.number("fill_value", 0));
        return readBase(z, c);
    }

    private static RandomZoom factorOf(Object v, String name, RandomZoom into) {
        if (v instanceof Number n) return into == null ? new RandomZoom(n.doubleValue()) : into.widthFactor(n.doubleValue());
        if (v instanceof List<?> l && l.size() == 2 && l.get(0) instanceof Number a && l.get(1) instanceof Number b) {
            return into == null ? new RandomZoom(a.doubleValue(), b.doubleValue()) : into.widthFactor(a.doubleValue(), b.doubleValue());
        }
        throw new IllegalArgumentException("The `height_factor` and `width_factor` arguments should be a number (or a list of two numbers) in the range (-1.0, 1.0]. Received: "
                + name + "=" + v);
    }

    @Override protected Images transform(Images in, boolean training) {
        if (!training) return in;
        double[] hz = uniform(in.n, 1.0 + heightFactor[0], 1.0 + heightFactor[1]);
        double[] wz = widthFactor == null ? hz : uniform(in.n, 1.0 + widthFactor[0], 1.0 + widthFactor[1]);
        double[][] t = new double[in.n][];
        for (int b = 0; b < in.n; b++) t[b] = matrix(hz[b], wz[b], in.h, in.w);
        return AffineTransform.apply(in, t, interpolation, fillMode, fillValue);
    }

    /** Keras's _get_zoom_matrix. */
    static double[] matrix(double heightZoom, double widthZoom, int height, int width) {
        double xOffset = (width - 1.0) / 2.0 * (1.0 - widthZoom);
        double yOffset = (height - 1.0) / 2.0 * (1.0 - heightZoom);
        return new double[] {widthZoom, 0, xOffset, 0, heightZoom, yOffset, 0, 0};
    }

    @Override public Shape computeOutputShape(Shape inputShape) { return inputShape; }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("height_factor", heightFactorArg);
        c.put("width_factor", widthFactorArg);
        c.put("fill_mode", fillMode);
        c.put("interpolation", interpolation);
        c.put("seed", seed());
        c.put("fill_value", fillValue);
        return c;
    }
}
