package io.keras4j.layers.preprocessing;

import io.keras4j.layers.Layer;
import io.keras4j.layers.Layers;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The image layers on small images whose results follow by hand from Keras's formulas: crops,
 * resizes, flips, and the affine transforms (a rotation by exactly 90°, shifts by whole pixels,
 * a zoom with nearest interpolation) with each fill mode.
 */
class ImageLayersTest {
    /** One h x w single-channel image with pixel (r, c) = 10 r + c. */
    static Tensor grid(int h, int w) {
        float[] v = new float[h * w];
        for (int r = 0; r < h; r++) for (int c = 0; c < w; c++) v[r * w + c] = 10 * r + c;
        return Tensor.of(v, 1, h, w, 1);
    }

    static Tensor row(float... v) { return Tensor.of(v, 1, 1, v.length, 1); }

    // ------------------------------------------------------------------ deterministic

    @Test void centerCropTakesTheMiddle() {
        Tensor out = new CenterCrop(2, 2).apply(grid(4, 5));
        // rows 1..2, columns (5-2)//2 = 1..2
        assertArrayEquals(new float[] {11, 12, 21, 22}, out.toFloatArray());
        assertEquals(Shape.of(1, 2, 2, 1), out.shape());
    }

    @Test void centerCropOfASmallerImageResizes() {
        Tensor out = new CenterCrop(4, 4).apply(grid(2, 2));
        assertEquals(Shape.of(1, 4, 4, 1), out.shape());
        // bilinear upsampling of [0, 1] along a row: [0, .25, .75, 1]
        assertArrayEquals(new float[] {0, .25f, .75f, 1}, java.util.Arrays.copyOf(out.toFloatArray(), 4), 1e-6f);
    }

    @Test void resizingBilinearAndNearest() {
        Tensor up = new Resizing(1, 4).apply(row(0, 8));
        assertArrayEquals(new float[] {0, 2, 6, 8}, up.toFloatArray(), 1e-6f);
        Tensor down = new Resizing(2, 2).apply(grid(4, 4));
        // half-pixel centres 0.5 and 2.5: means of 2x2 blocks
        assertArrayEquals(new float[] {5.5f, 7.5f, 25.5f, 27.5f}, down.toFloatArray(), 1e-5f);
        Tensor nearest = new Resizing(1, 4).interpolation("nearest").apply(row(3, 7));
        assertArrayEquals(new float[] {3, 3, 7, 7}, nearest.toFloatArray());
    }

    @Test void resizingIntegerImagesRoundsBackToTheirDtype() {
        Tensor out = new Resizing(1, 4).apply(Tensor.ofInts(new int[] {0, 9}, 1, 1, 2, 1));
        assertEquals(io.keras4j.tensor.DType.INT32, out.dtype());
        // 0, 2.25, 6.75, 9 rounded
        assertArrayEquals(new int[] {0, 2, 7, 9}, out.toIntArray());
        assertEquals(io.keras4j.tensor.DType.FLOAT32, new CenterCrop(1, 1).apply(Tensor.ofInts(new int[] {0, 9}, 1, 1, 2, 1)).dtype());
    }

    @Test void resizingToAspectRatio() {
        // 4x2 to 1x1: crop the central 2x2 (rows 1, 2), then average it.
        assertArrayEquals(new float[] {15.5f}, new Resizing(1, 1).cropToAspectRatio(true).apply(grid(4, 2)).toFloatArray(), 1e-5f);
        // 1x3 padded to 3x3 (one row of fill each side), then nearest to 3x3 keeps it.
        Tensor padded = new Resizing(3, 3).padToAspectRatio(true).fillValue(-1).interpolation("nearest").apply(row(1, 2, 3));
        assertArrayEquals(new float[] {-1, -1, -1, 1, 2, 3, -1, -1, -1}, padded.toFloatArray());
    }

    @Test void unbatchedImagesAndChannelsFirst() {
        Tensor img = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2, 1);
        assertEquals(Shape.of(1, 1, 1), new CenterCrop(1, 1).apply(img).shape());
        Tensor cf = Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, 1, 2, 2, 2); // (batch, channels, h, w)
        Tensor out = new CenterCrop(1, 1).dataFormat("channels_first").apply(cf);
        assertEquals(Shape.of(1, 2, 1, 1), out.shape());
        assertArrayEquals(new float[] {1, 5}, out.toFloatArray());
    }

    // ------------------------------------------------------------------ random: identity at inference, seeds

    static Layer[] randomLayers() {
        return new Layer[] {new RandomFlip().seed(1), new RandomRotation(0.2).seed(1), new RandomZoom(0.3).seed(1),
                new RandomTranslation(0.2, 0.2).seed(1), new RandomContrast(0.5).seed(1), new RandomBrightness(0.2).seed(1)};
    }

    @Test void randomLayersAreTheIdentityAtInference() {
        Tensor x = grid(5, 5);
        for (Layer l : randomLayers()) assertArrayEquals(x.toFloatArray(), l.apply(x, false).toFloatArray(), l.className());
    }

    @Test void seededRandomLayersRepeat() {
        Tensor x = Tensor.of(new float[8 * 5 * 5 * 1], 8, 5, 5, 1);
        float[] v = x.toFloatArray();
        for (int i = 0; i < v.length; i++) v[i] = (i * 37) % 101;
        Tensor batch = Tensor.of(v, 8, 5, 5, 1);
        Layer[] a = randomLayers(), b = randomLayers();
        for (int i = 0; i < a.length; i++) {
            Tensor ya = a[i].apply(batch, true), yb = b[i].apply(batch, true);
            assertArrayEquals(ya.toFloatArray(), yb.toFloatArray(), a[i].className());
            assertFalse(java.util.Arrays.equals(batch.toFloatArray(), ya.toFloatArray()), a[i].className() + " changed nothing");
        }
    }

    // ------------------------------------------------------------------ flips and crops

    @Test void flipsAreExactMirrors() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 1, 2, 3, 1);
        float[] h = {3, 2, 1, 6, 5, 4}, v = {4, 5, 6, 1, 2, 3}, hv = {6, 5, 4, 3, 2, 1};
        int flipped = 0;
        for (int seed = 0; seed < 20; seed++) {
            float[] oh = new RandomFlip("horizontal").seed(seed).apply(x, true).toFloatArray();
            float[] ov = new RandomFlip("vertical").seed(seed).apply(x, true).toFloatArray();
            float[] ohv = new RandomFlip().seed(seed).apply(x, true).toFloatArray();
            boolean f = java.util.Arrays.equals(oh, h);
            assertTrue(f || java.util.Arrays.equals(oh, x.toFloatArray()));
            // The same seed makes the same draw: the three modes flip together or not at all.
            assertArrayEquals(f ? v : x.toFloatArray(), ov);
            assertArrayEquals(f ? hv : x.toFloatArray(), ohv);
            if (f) flipped++;
        }
        assertTrue(flipped > 3 && flipped < 17, "flipped " + flipped + " of 20");
    }

    @Test void randomCropTakesAWindowInTrainingAndResizesAtInference() {
        Tensor x = grid(4, 4);
        float[] out = new RandomCrop(2, 2).seed(3).apply(x, true).toFloatArray();
        int r = (int) out[0] / 10, c = (int) out[0] % 10;
        assertArrayEquals(new float[] {10 * r + c, 10 * r + c + 1, 10 * (r + 1) + c, 10 * (r + 1) + c + 1}, out);
        assertArrayEquals(new float[] {5.5f, 7.5f, 25.5f, 27.5f}, new RandomCrop(2, 2).apply(x, false).toFloatArray(), 1e-5f);
    }

    // ------------------------------------------------------------------ affine transforms

    private static final Tensor NINE = Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 1, 3, 3, 1);

    @Test void rotationByExactlyNinetyDegreesIsCounterClockwise() {
        float[] rot90 = {3, 6, 9, 2, 5, 8, 1, 4, 7}; // numpy.rot90
        assertArrayEquals(rot90, new RandomRotation(0.25, 0.25).interpolation("nearest").apply(NINE, true).toFloatArray());
        assertArrayEquals(rot90, new RandomRotation(0.25, 0.25).apply(NINE, true).toFloatArray(), 1e-5f);
        float[] rot180 = {9, 8, 7, 6, 5, 4, 3, 2, 1};
        assertArrayEquals(rot180, new RandomRotation(0.5, 0.5).apply(NINE, true).toFloatArray(), 1e-5f);
    }

    /**
     * Bilinear interpolation reproduces a linear image exactly, so inside the image a rotation by
     * any angle must give f(x_in, y_in) at Keras's source point: x_in = cos·x − sin·y + a2,
     * y_in = sin·x + cos·y + b2 about the centre ((W−1)/2, (H−1)/2).
     */
    @Test void bilinearRotationOfALinearImageFollowsKerasMatrix() {
        int n = 7;
        float[] v = new float[n * n];
        for (int r = 0; r < n; r++) for (int c = 0; c < n; c++) v[r * n + c] = 2 * r + 3 * c;
        double deg = 30, t = Math.toRadians(deg), cx = (n - 1) / 2.0, cy = cx;
        float[] out = new RandomRotation(deg / 360, deg / 360).apply(Tensor.of(v, 1, n, n, 1), true).toFloatArray();
        int checked = 0;
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                double xin = Math.cos(t) * x - Math.sin(t) * y + (cx - cx * Math.cos(t) + cy * Math.sin(t));
                double yin = Math.sin(t) * x + Math.cos(t) * y + (cy - cx * Math.sin(t) - cy * Math.cos(t));
                if (xin < 0 || yin < 0 || xin > n - 1 || yin > n - 1) continue;
                assertEquals(2 * yin + 3 * xin, out[y * n + x], 1e-4, "pixel " + y + "," + x);
                checked++;
            }
        }
        assertTrue(checked > 25, "checked " + checked);
    }

    @Test void translationByWholePixelsWithEachFillMode() {
        Tensor x = row(1, 2, 3, 4);
        // width factor 0.25 of 4 columns: one pixel to the right.
        assertArrayEquals(new float[] {0, 1, 2, 3}, shiftRight(x, "constant"));
        assertArrayEquals(new float[] {1, 1, 2, 3}, shiftRight(x, "reflect"));
        assertArrayEquals(new float[] {4, 1, 2, 3}, shiftRight(x, "wrap"));
        assertArrayEquals(new float[] {1, 1, 2, 3}, shiftRight(x, "nearest"));
        Tensor left = new RandomTranslation(0, 0, -0.5, -0.5).fillMode("constant").fillValue(9).apply(x, true);
        assertArrayEquals(new float[] {3, 4, 9, 9}, left.toFloatArray(), 1e-6f);
        // Two pixels left in reflect mode: (d c b a | a b c d | d c b a).
        assertArrayEquals(new float[] {3, 4, 4, 3}, new RandomTranslation(0, 0, -0.5, -0.5).apply(x, true).toFloatArray(), 1e-6f);
    }

    private static float[] shiftRight(Tensor x, String mode) {
        return new RandomTranslation(0, 0, 0.25, 0.25).fillMode(mode).apply(x, true).toFloatArray();
    }

    @Test void zoomInWithNearestInterpolation() {
        // zoom factor -0.5: scale 0.5 about the centre 1.5; x_in = 0.5 x + 0.75 → rows/cols 1, 1, 2, 2.
        Tensor out = new RandomZoom(-0.5, -0.5).interpolation("nearest").apply(grid(4, 4), true);
        int[] src = {1, 1, 2, 2};
        float[] expected = new float[16];
        for (int r = 0; r < 4; r++) for (int c = 0; c < 4; c++) expected[r * 4 + c] = 10 * src[r] + src[c];
        assertArrayEquals(expected, out.toFloatArray());
    }

    @Test void zoomOutFillsWithConstant() {
        // factor 1: scale 2 about centre 1 of a 3x3: x_in = 2x - 1 → -1, 1, 3 ; outside reads fill 0.
        Tensor out = new RandomZoom(1, 1).fillMode("constant").apply(NINE, true);
        assertArrayEquals(new float[] {0, 0, 0, 0, 5, 0, 0, 0, 0}, out.toFloatArray(), 1e-6f);
    }

    // ------------------------------------------------------------------ colour

    @Test void contrastScalesAboutTheMean() {
        // factor (-0.5, 0.5) draws k in [1.5, 1.5]; mean 5: (x - 5) * 1.5 + 5, clipped to [0, 255].
        Tensor out = new RandomContrast(-0.5, 0.5).apply(row(0, 10), true);
        assertArrayEquals(new float[] {0, 12.5f}, out.toFloatArray(), 1e-5f);
    }

    @Test void brightnessAddsAShareOfTheRange() {
        Tensor out = new RandomBrightness(0.1, 0.1).apply(row(0, 250), true);
        assertArrayEquals(new float[] {25.5f, 255}, out.toFloatArray(), 1e-4f);
        Tensor unit = new RandomBrightness(-0.5, -0.5).valueRange(0, 1).apply(row(0.2f, 0.9f), true);
        assertArrayEquals(new float[] {0, 0.4f}, unit.toFloatArray(), 1e-6f);
    }

    // ------------------------------------------------------------------ validation and configs

    @Test void validationMessages() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RandomRotation(1.5));
        assertTrue(e.getMessage().contains("in the range [-1, 1]. Received: factor=1.5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new RandomZoom(-1));
        assertThrows(UnsupportedOperationException.class, () -> new RandomRotation(0.1).fillMode("mirror"));
        assertThrows(IllegalArgumentException.class, () -> new RandomFlip("diagonal"));
        assertThrows(IllegalArgumentException.class, () -> new RandomContrast(-0.1));
    }

    @Test void configsRoundTrip() {
        Layer[] layers = {new Resizing(3, 4).interpolation("nearest"), new CenterCrop(2, 3), new RandomCrop(2, 2).seed(5),
                new RandomFlip("vertical").seed(2), new RandomRotation(-0.1, 0.3).fillMode("wrap").seed(4),
                new RandomZoom(0.2).widthFactor(-0.1, 0.3).seed(4), new RandomTranslation(0.1, 0.2).fillMode("nearest").seed(4),
                new RandomContrast(0.3).valueRange(0, 1).seed(7), new RandomBrightness(0.2).seed(7)};
        Tensor x = grid(6, 6);
        for (Layer l : layers) {
            Layer back = Layers.fromConfig(l.className(), l.getConfig());
            assertEquals(l.getConfig(), back.getConfig(), l.className());
            assertArrayEquals(l.apply(x, true).toFloatArray(), back.apply(x, true).toFloatArray(), l.className());
            assertEquals(l.computeOutputShape(Shape.of(-1, 6, 6, 1)), l.apply(x, true).shape().withDim(0, -1), l.className());
        }
    }
}
