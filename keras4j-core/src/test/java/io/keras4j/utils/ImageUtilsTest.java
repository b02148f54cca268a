package io.keras4j.utils;

import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class ImageUtilsTest {
    private static Tensor rgb(int h, int w) {
        float[] v = new float[h * w * 3];
        for (int i = 0; i < v.length; i++) v[i] = (i * 37) % 256;
        return Tensor.of(v, h, w, 3);
    }

    @Test void saveThenLoadRoundTripsAPng(@TempDir Path dir) {
        Tensor x = rgb(5, 7);
        Path p = dir.resolve("a.png");
        ImageUtils.saveImg(p, x, "channels_last", null, false);
        BufferedImage img = ImageUtils.loadImg(p);
        assertEquals(7, img.getWidth());
        assertEquals(5, img.getHeight());
        Tensor back = ImageUtils.imgToArray(img);
        assertEquals(Shape.of(5, 7, 3), back.shape());
        assertArrayEquals(x.toFloatArray(), back.toFloatArray());
        assertEquals(Shape.of(3, 5, 7), ImageUtils.imgToArray(img, "channels_first").shape());
    }

    @Test void arrayToImgScalesMinToZeroAndMaxTo255() {
        Tensor x = Tensor.of(new float[] {-1, 0, 1, 3}, 2, 2, 1);
        Tensor back = ImageUtils.imgToArray(ImageUtils.arrayToImg(x));
        assertEquals(Shape.of(2, 2, 1), back.shape());
        // (x - min) / max(x - min) * 255, cast to uint8: 0, 63.75, 127.5, 255
        assertArrayEquals(new float[] {0, 63, 127, 255}, back.toFloatArray());
        assertThrows(IllegalArgumentException.class, () -> ImageUtils.arrayToImg(Tensor.zeros(2, 2, 2)));
    }

    @Test void grayscaleUsesPilWeights(@TempDir Path dir) {
        // PIL's convert("L"): L = R * 299/1000 + G * 587/1000 + B * 114/1000 -> pure red 76, green 150, blue 29.
        Tensor x = Tensor.of(new float[] {255, 0, 0, 0, 255, 0, 0, 0, 255}, 1, 3, 3);
        Path p = dir.resolve("c.png");
        ImageUtils.saveImg(p, x, "channels_last", null, false);
        Tensor g = ImageUtils.imgToArray(ImageUtils.loadImg(p, "grayscale", null, "nearest", false));
        assertArrayEquals(new float[] {76, 150, 29}, g.toFloatArray());
    }

    @Test void loadImgResizesToTheTargetSize(@TempDir Path dir) {
        Path p = dir.resolve("b.bmp");
        ImageUtils.saveImg(p, rgb(4, 8));
        BufferedImage img = ImageUtils.loadImg(p, "rgba", new int[] {2, 4}, "nearest", false);
        assertEquals(4, img.getWidth());
        assertEquals(2, img.getHeight());
        assertEquals(Shape.of(2, 4, 4), ImageUtils.imgToArray(img).shape());
        // nearest, scale 2: output pixel (0, 0) is input (floor(0.5 * 2), floor(0.5 * 2)) = (1, 1)
        assertEquals(rgb(4, 8).toFloatArray()[(1 * 8 + 1) * 3], ImageUtils.imgToArray(img).toFloatArray()[0]);
    }

    @Test void undecodableFilesAreNamed(@TempDir Path dir) throws Exception {
        Path p = Files.write(dir.resolve("junk.jpg"), new byte[] {0, 1, 2});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageUtils.loadImg(p));
        assertTrue(e.getMessage().contains("junk.jpg"), e.getMessage());
    }
}
