package io.keras4j.layers.preprocessing;

import io.keras4j.layers.Layers;
import io.keras4j.tensor.Shape;

import java.util.Map;

/**
 * Keras's {@code CenterCrop}: the central {@code (height, width)} box of each image, starting at
 * {@code (H - height) // 2, (W - width) // 2}; an image smaller than the box in either dimension is
 * instead cropped to the target's aspect ratio and resized (bilinear), Keras's {@code smart_resize}.
 */
public final class CenterCrop extends BaseImagePreprocessingLayer {
    private final int height;
    private final int width;

    public CenterCrop(int height, int width) {
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("CenterCrop: `height` and `width` must be positive. Received: height=" + height + ", width=" + width);
        }
        this.height = height;
        this.width = width;
    }

    public static CenterCrop fromConfig(Layers.Config c) {
        return readBase(new CenterCrop(c.integer("height", 0), c.integer("width", 0)), c);
    }

    @Override protected Images transform(Images images, boolean training) {
        int dh = images.h - height, dw = images.w - width;
        if (dh >= 0 && dw >= 0) return images.crop(dh / 2, dw / 2, height, width);
        return ImageResize.resize(images, height, width, "bilinear", true, false, 0);
    }

    @Override public Shape computeOutputShape(Shape inputShape) {
        int[] a = spatialAxes(inputShape);
        return inputShape.withDim(a[0], height).withDim(a[1], width);
    }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("height", height);
        c.put("width", width);
        return c;
    }
}
