package io.keras4j.utils;

import io.keras4j.data.DatasetIterator;
import io.keras4j.data.Element;
import io.keras4j.data.FileDataset;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** imageDatasetFromDirectory on generated PNGs, against Keras's documented behaviour. */
class ImageDatasetUtilsTest {
    // Each class's images are filled with one colour, so a decoded pixel tells the true label.
    private static final Map<String, Integer> RED = Map.of("bird", 10, "cat", 120, "dog", 240);

    private static Path tree(Path root, int perClass) throws Exception {
        for (Map.Entry<String, Integer> c : RED.entrySet()) {
            Path dir = Files.createDirectories(root.resolve(c.getKey()));
            for (int i = 0; i < perClass; i++) {
                BufferedImage img = new BufferedImage(6 + i % 3, 5, BufferedImage.TYPE_INT_RGB); // sizes vary: the loader resizes
                for (int y = 0; y < img.getHeight(); y++) for (int x = 0; x < img.getWidth(); x++) img.setRGB(x, y, (c.getValue() << 16) | (i << 8) | 7);
                ImageIO.write(img, "png", dir.resolve("img" + i + ".png").toFile());
            }
        }
        return root;
    }

    private static ImageDatasetUtils.Options opts() { return new ImageDatasetUtils.Options().imageSize(4, 4).batchSize(4).verbose(false); }

    private static int labelOfRed(float red) {
        List<String> names = List.of("bird", "cat", "dog");
        for (int i = 0; i < 3; i++) if (RED.get(names.get(i)) == Math.round(red)) return i;
        throw new AssertionError("unexpected red " + red);
    }

    @Test void labelsAreInferredFromSortedSubDirectoryNames(@TempDir Path dir) throws Exception {
        FileDataset<Element> ds = ImageDatasetUtils.imageDatasetFromDirectory(tree(dir, 5), opts().seed(1L));
        assertEquals(List.of("bird", "cat", "dog"), ds.classNames());
        assertEquals(15, ds.filePaths().size());
        assertEquals(4, ds.cardinality()); // ceil(15 / 4)
        int seen = 0;
        for (Element b : ds.toList()) {
            Tensor x = b.x(0), y = b.y(0);
            int n = b.batchSize();
            assertEquals(Shape.of(n, 4, 4, 3), x.shape());
            assertEquals(DType.FLOAT32, x.dtype());
            assertEquals(DType.INT32, y.dtype());
            assertEquals(Shape.of(n), y.shape());
            float[] px = x.toFloatArray();
            int[] labels = y.toIntArray();
            for (int i = 0; i < n; i++) assertEquals(labelOfRed(px[i * 48]), labels[i], "image " + i);
            seen += n;
        }
        assertEquals(15, seen);
    }

    @Test void validationSplitGivesKerasSizesAndDisjointSubsets(@TempDir Path dir) throws Exception {
        tree(dir, 10);
        ImageDatasetUtils.Options o = opts().validationSplit(0.2).seed(42L);
        FileDataset<Element> train = ImageDatasetUtils.imageDatasetFromDirectory(dir, o.subset("training"));
        FileDataset<Element> val = ImageDatasetUtils.imageDatasetFromDirectory(dir, o.subset("validation"));
        assertEquals(24, train.filePaths().size()); // 30 - int(0.2 * 30)
        assertEquals(6, val.filePaths().size());
        Set<Path> all = new HashSet<>(train.filePaths());
        all.addAll(val.filePaths());
        assertEquals(30, all.size(), "no file in both subsets");
        List<FileDataset<Element>> both = ImageDatasetUtils.imageDatasetFromDirectoryBoth(dir, o.subset("both"));
        assertEquals(train.filePaths(), both.get(0).filePaths());
        assertEquals(val.filePaths(), both.get(1).filePaths());
        int rows = 0;
        for (Element b : val.toList()) rows += b.batchSize();
        assertEquals(6, rows);
        IllegalArgumentException noSeed = assertThrows(IllegalArgumentException.class,
                () -> ImageDatasetUtils.imageDatasetFromDirectory(dir, opts().validationSplit(0.2).subset("training")));
        assertTrue(noSeed.getMessage().contains("you must provide a `seed`"), noSeed.getMessage());
    }

    @Test void labelModesAndColorModes(@TempDir Path dir) throws Exception {
        tree(dir, 2);
        Element cat = ImageDatasetUtils.imageDatasetFromDirectory(dir, opts().labelMode("categorical").shuffle(false).batchSize(6)).toList().get(0);
        assertEquals(Shape.of(6, 3), cat.y(0).shape());
        assertArrayEquals(new float[] {1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 1}, cat.y(0).toFloatArray()); // unshuffled: sorted by class
        Element gray = ImageDatasetUtils.imageDatasetFromDirectory(dir, opts().colorMode("grayscale").labelMode(null)).toList().get(0);
        assertEquals(4, gray.x(0).shape().dim(3) + 3);
        assertNull(gray.y());
        IllegalArgumentException binary = assertThrows(IllegalArgumentException.class,
                () -> ImageDatasetUtils.imageDatasetFromDirectory(dir, opts().labelMode("binary")));
        assertTrue(binary.getMessage().startsWith("When passing `label_mode=\"binary\"`, there must be exactly 2 class_names."), binary.getMessage());
        FileDataset<Element> two = ImageDatasetUtils.imageDatasetFromDirectory(dir, opts().labelMode("binary").classNames(List.of("dog", "bird")).shuffle(false));
        Element b = two.toList().get(0);
        assertEquals(Shape.of(4, 1), b.y(0).shape());
        assertArrayEquals(new float[] {0, 0, 1, 1}, b.y(0).toFloatArray()); // dog = 0, bird = 1, in the order given
        assertEquals(240f, b.x(0).toFloatArray()[0]);
    }

    @Test void bilinearResizeUsesHalfPixelCentres(@TempDir Path dir) throws Exception {
        // A 2x2 gray image [[0, 40], [80, 120]] resized to 4x4 (tf.image.resize, half_pixel_centers):
        // rows [0, 10, 30, 40], [20, 30, 50, 60], [60, 70, 90, 100], [80, 90, 110, 120].
        BufferedImage img = new BufferedImage(2, 2, BufferedImage.TYPE_BYTE_GRAY);
        img.getRaster().setSample(0, 0, 0, 0);
        img.getRaster().setSample(1, 0, 0, 40);
        img.getRaster().setSample(0, 1, 0, 80);
        img.getRaster().setSample(1, 1, 0, 120);
        Files.createDirectories(dir.resolve("a"));
        ImageIO.write(img, "png", dir.resolve("a/x.png").toFile());
        Element e = ImageDatasetUtils.imageDatasetFromDirectory(dir, opts().colorMode("grayscale")).toList().get(0);
        assertArrayEquals(new float[] {0, 10, 30, 40, 20, 30, 50, 60, 60, 70, 90, 100, 80, 90, 110, 120}, e.x(0).toFloatArray(), 1e-4f);
    }

    @Test void aDirectoryWithoutClassSubDirectoriesSaysSo(@TempDir Path dir) throws Exception {
        ImageIO.write(new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB), "png", dir.resolve("loose.png").toFile());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageDatasetUtils.imageDatasetFromDirectory(dir, opts()));
        assertTrue(e.getMessage().contains("No class sub-directories found in directory " + dir), e.getMessage());
        assertTrue(e.getMessage().contains("labels=None"), e.getMessage());
        // Without labels the same directory reads fine.
        assertEquals(1, ImageDatasetUtils.imageDatasetFromDirectory(dir, opts().labels((String) null)).filePaths().size());
    }

    @Test void anUndecodableImageNamesTheFile(@TempDir Path dir) throws Exception {
        tree(dir, 1);
        Files.write(dir.resolve("cat/broken.png"), new byte[] {1, 2, 3, 4, 5});
        FileDataset<Element> ds = ImageDatasetUtils.imageDatasetFromDirectory(dir, opts().shuffle(false).batchSize(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> {
            try (DatasetIterator<Element> it = ds.iterator()) {
                while (it.hasNext()) it.next();
            }
        });
        assertTrue(e.getMessage().contains("broken.png"), e.getMessage());
    }

    @Test void classNamesMustBeSubDirectories(@TempDir Path dir) throws Exception {
        tree(dir, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImageDatasetUtils.imageDatasetFromDirectory(dir, opts().classNames(List.of("cat", "horse"))));
        assertTrue(e.getMessage().startsWith("The `class_names` passed did not match the names of the subdirectories"), e.getMessage());
    }

    @Test void shuffleWithASeedIsReproducible(@TempDir Path dir) throws Exception {
        tree(dir, 4);
        List<Integer> a = new ArrayList<>(), b = new ArrayList<>();
        for (Element e : ImageDatasetUtils.imageDatasetFromDirectory(dir, opts().seed(9L)).toList()) for (int l : e.y(0).toIntArray()) a.add(l);
        for (Element e : ImageDatasetUtils.imageDatasetFromDirectory(dir, opts().seed(9L)).toList()) for (int l : e.y(0).toIntArray()) b.add(l);
        assertEquals(a, b);
        assertEquals(12, a.size());
    }
}
