package io.keras4j.utils;

import io.keras4j.data.Element;
import io.keras4j.data.FileDataset;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** textDatasetFromDirectory: Keras's (string tensor, labels) batches from a class-per-folder tree. */
class TextDatasetUtilsTest {
    private static Path tree(Path root) throws Exception {
        for (String c : List.of("pos", "neg")) {
            Path d = Files.createDirectories(root.resolve(c));
            for (int i = 0; i < 3; i++) Files.writeString(d.resolve("t" + i + ".txt"), c + " review number " + i);
            Files.writeString(d.resolve("ignored.csv"), "not a .txt file");
        }
        return root;
    }

    @Test void textsCarryTheirInferredLabels(@TempDir Path dir) throws Exception {
        FileDataset<Element> ds = TextDatasetUtils.textDatasetFromDirectory(tree(dir), new TextDatasetUtils.Options().batchSize(4).seed(3L).verbose(false));
        assertEquals(List.of("neg", "pos"), ds.classNames());
        assertEquals(6, ds.filePaths().size());
        List<Element> batches = ds.toList();
        assertEquals(List.of(4, 2), List.of(batches.get(0).batchSize(), batches.get(1).batchSize()));
        List<String> seen = new ArrayList<>();
        for (Element b : batches) {
            assertEquals(DType.STRING, b.x(0).dtype());
            assertEquals(Shape.of(b.batchSize()), b.x(0).shape());
            assertEquals(Shape.of(b.batchSize()), b.y(0).shape());
            assertEquals(DType.INT32, b.y(0).dtype());
            String[] texts = b.x(0).strings();
            int[] labels = b.y(0).toIntArray();
            for (int i = 0; i < texts.length; i++) {
                assertEquals(texts[i].startsWith("neg") ? 0 : 1, labels[i], texts[i]);
                seen.add(texts[i]);
            }
        }
        assertEquals(6, seen.size());
        assertEquals(6, new java.util.HashSet<>(seen).size());
    }

    @Test void maxLengthTruncatesAndNoLabelsGivesTextsOnly(@TempDir Path dir) throws Exception {
        tree(dir);
        Element b = TextDatasetUtils.textDatasetFromDirectory(dir, new TextDatasetUtils.Options().maxLength(3).labelMode(null).shuffle(false).verbose(false))
                .toList().get(0);
        assertNull(b.y());
        assertArrayEquals(new String[] {"neg", "neg", "neg", "pos", "pos", "pos"}, b.x(0).strings());
    }

    @Test void maxLengthNeverCutsACharacterInHalf(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("a"));
        Files.writeString(dir.resolve("a/u.txt"), "h\u00e9llo"); // é is 2 bytes in UTF-8: bytes 1..2
        Element b = TextDatasetUtils.textDatasetFromDirectory(dir, new TextDatasetUtils.Options().maxLength(2).verbose(false)).toList().get(0);
        assertArrayEquals(new String[] {"h"}, b.x(0).strings());
    }

    @Test void categoricalLabelsAndBothSubsets(@TempDir Path dir) throws Exception {
        tree(dir);
        TextDatasetUtils.Options o = new TextDatasetUtils.Options().labelMode("categorical").validationSplit(0.5).seed(1L).verbose(false);
        List<FileDataset<Element>> both = TextDatasetUtils.textDatasetFromDirectoryBoth(dir, o.subset("both"));
        assertEquals(3, both.get(0).filePaths().size());
        assertEquals(3, both.get(1).filePaths().size());
        Element v = both.get(1).toList().get(0);
        assertEquals(Shape.of(3, 2), v.y(0).shape());
    }

    @Test void noTextFilesInKerasWords(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("empty"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TextDatasetUtils.textDatasetFromDirectory(dir, new TextDatasetUtils.Options().verbose(false)));
        assertEquals("No text files found in directory " + dir + ". Allowed format: .txt", e.getMessage());
    }

    @Test void theTextsTrainAModelThroughTextVectorization(@TempDir Path dir) throws Exception {
        tree(dir);
        FileDataset<Element> ds = TextDatasetUtils.textDatasetFromDirectory(dir, new TextDatasetUtils.Options().batchSize(2).seed(5L).verbose(false));
        io.keras4j.layers.preprocessing.TextVectorization vectorize = new io.keras4j.layers.preprocessing.TextVectorization().outputSequenceLength(4);
        vectorize.adapt(ds.map(e -> e.x(0))); // Keras's text_ds.map(lambda x, y: x)
        var in = io.keras4j.layers.core.Input.of(Shape.scalar(), DType.STRING, null);
        var h = new io.keras4j.layers.core.Embedding(vectorize.vocabularySize(), 3).apply(vectorize.apply(in));
        var out = new io.keras4j.layers.core.Dense(2, "softmax").apply(new io.keras4j.layers.pooling.GlobalAveragePooling1D().apply(h));
        io.keras4j.models.Model m = new io.keras4j.models.Model(in, out);
        m.compile("adam", "sparse_categorical_crossentropy", "accuracy");
        var history = m.fit(ds, new io.keras4j.trainers.FitOptions().epochs(2).verbose(0));
        assertEquals(2, history.get("loss").size());
        assertEquals(3, history.params().get("steps"));
    }
}
