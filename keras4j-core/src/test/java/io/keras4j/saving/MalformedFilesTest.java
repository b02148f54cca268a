package io.keras4j.saving;

import io.keras4j.layers.core.Dense;
import io.keras4j.layers.core.Input;
import io.keras4j.models.Model;
import io.keras4j.models.Models;
import io.keras4j.models.Sequential;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.*;

/** Broken and hostile files give {@link ModelFileException}; a failed save leaves the old file alone. */
class MalformedFilesTest {

    private static Model model() { return new Sequential(Input.of(4), new Dense(2)); }

    private static void zip(Path file, String... namesAndContents) throws IOException {
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(file))) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                z.putNextEntry(new ZipEntry(namesAndContents[i]));
                z.write(namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        }
    }

    @Test void notAZip(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("m.keras");
        Files.writeString(f, "this is not a zip archive");
        ModelFileException e = assertThrows(ModelFileException.class, () -> Models.loadModel(f));
        assertTrue(e.getMessage().contains("not a valid .keras file"), e.getMessage());
    }

    @Test void truncatedArchive(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("m.keras");
        model().save(f);
        byte[] all = Files.readAllBytes(f);
        Files.write(f, Arrays.copyOf(all, all.length / 2));
        assertThrows(ModelFileException.class, () -> Models.loadModel(f));
    }

    @Test void memberLeavingTheArchive(@TempDir Path dir) throws IOException {
        Path good = dir.resolve("good.keras");
        model().save(good);
        String config = new String(KerasJson.write(KerasArchive.readConfig(good)).getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        Path f = dir.resolve("m.keras");
        zip(f, "config.json", config, "assets/../../evil.txt", "x");
        ModelFileException e = assertThrows(ModelFileException.class, () -> Models.loadModel(f));
        assertTrue(e.getMessage().contains("points outside the archive"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("evil.txt")));
    }

    @Test void oversizedMemberIsRefusedWithoutReadingIt(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("m.keras");
        model().save(f);
        long before = KerasArchive.maxJsonBytes;
        KerasArchive.maxJsonBytes = 64;
        try {
            ModelFileException e = assertThrows(ModelFileException.class, () -> Models.loadModel(f));
            assertTrue(e.getMessage().contains("larger than the limit of 64 bytes"), e.getMessage());
        } finally {
            KerasArchive.maxJsonBytes = before;
        }
    }

    @Test void missingConfigAndBadJson(@TempDir Path dir) throws IOException {
        Path noConfig = dir.resolve("a.keras");
        zip(noConfig, "metadata.json", "{}");
        assertTrue(assertThrows(ModelFileException.class, () -> Models.loadModel(noConfig)).getMessage().contains("has no config.json"));
        Path badJson = dir.resolve("b.keras");
        zip(badJson, "config.json", "{\"class_name\": ");
        assertTrue(assertThrows(ModelFileException.class, () -> Models.loadModel(badJson)).getMessage().contains("not valid JSON"));
    }

    @Test void weightsThatAreNotHdf5(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("m.weights.h5");
        Files.writeString(f, "not HDF5 at all, just some text that is long enough");
        assertThrows(ModelFileException.class, () -> model().loadWeights(f));
        Path keras = dir.resolve("m.keras");
        Path good = dir.resolve("good.keras");
        model().save(good);
        zip(keras, "config.json", KerasJson.write(KerasArchive.readConfig(good)), "model.weights.h5", "garbage garbage garbage");
        assertThrows(ModelFileException.class, () -> Models.loadModel(keras));
    }

    /** A layer whose assets cannot be written: the save fails part way through. */
    static final class FailingAssets extends io.keras4j.layers.Layer {
        @Override public Tensor call(Tensor inputs, boolean training) { return inputs; }

        @Override public Shape computeOutputShape(Shape inputShape) { return inputShape; }

        @Override public void saveAssets(Path dir) throws IOException { throw new IOException("disk full"); }
    }

    @Test void failedSaveLeavesTheOldFileIntact(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("m.keras");
        model().save(f);
        byte[] before = Files.readAllBytes(f);
        Model bad = new Sequential(Input.of(4), new FailingAssets());
        assertThrows(java.io.UncheckedIOException.class, () -> bad.save(f));
        assertArrayEquals(before, Files.readAllBytes(f), "the old file is untouched");
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(f), s.toList(), "no temporary file is left behind");
        }
        // The old file still loads.
        assertEquals(Shape.of(4, 2), Models.loadModel(f).weights().get(0).shape());
    }

    /** A layer with a weight of no elements, which HDF5 (as written here) cannot store. */
    static final class EmptyWeight extends io.keras4j.layers.Layer {
        @Override public void build(Shape inputShape) {
            addWeight("w", Shape.of(0), io.keras4j.initializers.Initializers.get("zeros"), true);
        }

        @Override public Tensor call(Tensor inputs, boolean training) { return inputs; }

        @Override public Shape computeOutputShape(Shape inputShape) { return inputShape; }
    }

    @Test void failedWeightsSaveLeavesTheOldFileIntact(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("m.weights.h5");
        model().saveWeights(f);
        byte[] before = Files.readAllBytes(f);
        // A variable without elements cannot be written: the HDF5 writer fails after starting the file.
        Model empty = new Sequential(Input.of(4), new EmptyWeight());
        assertThrows(RuntimeException.class, () -> empty.saveWeights(f));
        assertArrayEquals(before, Files.readAllBytes(f));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(f), s.toList());
        }
        Model m = model();
        m.loadWeights(f);
        assertEquals(2, m.predict(Tensor.ones(1, 4)).size());
    }
}
