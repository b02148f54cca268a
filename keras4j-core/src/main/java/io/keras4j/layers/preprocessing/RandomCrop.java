package io.keras4j.layers.preprocessing;

import io.keras4j.layers.Layers;
import io.keras4j.tensor.Shape;

import java.util.Map;

/**
 * Keras's {@code RandomCrop}: in training, a random {@code (height, width)} box, one location for
 * the whole batch (offsets drawn uniformly in {@code [0, H - height]}, {@code [0, W - width]}). At
 * inference, and in training when the image is not larger than the box in both dimensions, the
 * largest centred box of the target's aspect ratio is resized to it (bilinear), as Keras documents.
 */
public final class RandomCrop extends BaseImagePreprocessingLayer {
    private final int height;
    private final int width;

    public RandomCrop(int height, int width) {
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("RandomCrop: `height` and `width` must be positive. Received: height=" + height + ", width=" + width);
        }
        this.height = height;
        this.width = width;
    }

    public static RandomCrop fromConfig(Layers.Config c) {
        return readBase(new RandomCrop(c.integer("height", 0), c.integer("width", 0)), c);
    }

    @Override protected Images transform(Images images, boolean training) {
        if (training && images.h > height && images.w > width) {
            int hStart = (int) uniform(1, 0, images.h - height + 1)[0];
            int wStart = (int) uniform(1, 0, images.w - width + 1)[0];
            return images.crop(hStart, wStart, height, width);
        }
        if (images.h == height && images.w == width) return images;
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
        c.put("seed", seed());
        return c;
    }
}
