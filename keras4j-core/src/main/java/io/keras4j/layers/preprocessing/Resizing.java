package io.keras4j.layers.preprocessing;

import io.keras4j.layers.Layers;
import io.keras4j.tensor.Shape;

import java.util.Map;

/**
 * Keras's {@code Resizing}: images to {@code (height, width)} by "bilinear" (default) or "nearest"
 * interpolation (no antialiasing), optionally cropping ({@code crop_to_aspect_ratio}) or padding
 * ({@code pad_to_aspect_ratio}, with {@code fill_value}) to the target's aspect ratio first. The
 * same in training and at inference.
 */
public final class Resizing extends BaseImagePreprocessingLayer {
    private final int height;
    private final int width;
    private String interpolation = "bilinear";
    private boolean cropToAspectRatio;
    private boolean padToAspectRatio;
    private double fillValue;

    public Resizing(int height, int width) {
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("Resizing: `height` and `width` must be positive. Received: height=" + height + ", width=" + width);
        }
        this.height = height;
        this.width = width;
    }

    public Resizing interpolation(String value) {
        checkNotBuilt();
        if (!AffineTransform.INTERPOLATIONS.contains(value)) {
            throw new UnsupportedOperationException("Resizing: interpolation " + value + " is not supported; expected one of " + AffineTransform.INTERPOLATIONS);
        }
        interpolation = value;
        return this;
    }

    public Resizing cropToAspectRatio(boolean value) {
        checkNotBuilt();
        cropToAspectRatio = value;
        return this;
    }

    public Resizing padToAspectRatio(boolean value) {
        checkNotBuilt();
        padToAspectRatio = value;
        return this;
    }

    public Resizing fillValue(double value) {
        checkNotBuilt();
        fillValue = value;
        return this;
    }

    public static Resizing fromConfig(Layers.Config c) {
        Resizing r = new Resizing(c.integer("height", 0), c.integer("width", 0))
                .interpolation(c.string("interpolation", "bilinear"))
                .cropToAspectRatio(c.bool("crop_to_aspect_ratio", false))
                .padToAspectRatio(c.bool("pad_to_aspect_ratio", false))
                .fillValue(c.number("fill_value", 0));
        String fm = c.string("fill_mode", "constant");
        if (!fm.equals("constant")) throw new UnsupportedOperationException("Resizing: only fill_mode='constant' is supported. Received: fill_mode=" + fm);
        if (c.bool("antialias", false)) throw new UnsupportedOperationException("Resizing: `antialias=True` is not supported. Received: antialias=True");
        return readBase(r, c);
    }

    @Override protected Images transform(Images images, boolean training) {
        return ImageResize.resize(images, height, width, interpolation, cropToAspectRatio, padToAspectRatio, fillValue);
    }

    /** Keras rounds the resized values of integer images and casts them back to the input's dtype. */
    @Override protected boolean keepsIntegerDtype() { return true; }

    @Override public Shape computeOutputShape(Shape inputShape) {
        int[] a = spatialAxes(inputShape);
        return inputShape.withDim(a[0], height).withDim(a[1], width);
    }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("height", height);
        c.put("width", width);
        c.put("interpolation", interpolation);
        c.put("crop_to_aspect_ratio", cropToAspectRatio);
        c.put("pad_to_aspect_ratio", padToAspectRatio);
        c.put("fill_mode", "constant");
        c.put("fill_value", fillValue);
        c.put("antialias", false);
        return c;
    }
}
