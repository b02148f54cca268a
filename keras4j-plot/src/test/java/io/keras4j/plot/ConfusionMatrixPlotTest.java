package io.keras4j.plot;

import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class ConfusionMatrixPlotTest {
    @TempDir Path dir;

    // 3 classes; counts worked out by hand: row = true label, column = predicted label.
    static final int[] Y_TRUE = {0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 2, 2};
    static final int[] Y_PRED = {0, 0, 0, 1, 1, 1, 2, 2, 2, 2, 2, 0};

    @Test void countsFollowScikitLearnOrientation() {
        int[][] m = ConfusionMatrixPlot.confusionMatrix(Y_TRUE, Y_PRED, 3);
        assertArrayEquals(new int[] {3, 1, 0}, m[0]);
        assertArrayEquals(new int[] {0, 2, 1}, m[1]);
        assertArrayEquals(new int[] {1, 0, 4}, m[2]);
    }

    @Test void pngShadesTheFullestCellDarkest() throws Exception {
        Path file = dir.resolve("cm.png");
        ConfusionMatrixPlot.save(Y_TRUE, Y_PRED, List.of("setosa", "versicolor", "virginica"), file);
        BufferedImage img = ImageIO.read(file.toFile());
        assertNotNull(img);
        // The cell of the largest count (4, true 2 / predicted 2) is painted in the full colour.
        assertTrue(TrainingCurvesTest.countPixels(img, ConfusionMatrixPlot.FULL_COLOR) > 1000, "darkest cell missing");
    }

    @Test void svgWritesEveryCountAndClassName() throws Exception {
        Path file = dir.resolve("cm.svg");
        ConfusionMatrixPlot.save(Y_TRUE, Y_PRED, List.of("setosa", "versicolor", "virginica"), file);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
        NodeList texts = doc.getElementsByTagName("text");
        List<String> words = new ArrayList<>();
        for (int i = 0; i < texts.getLength(); i++) words.add(texts.item(i).getTextContent().trim());
        // (The vertical "True label" is drawn rotated, which JFreeChart renders as glyph outlines, not text.)
        for (String s : new String[] {"setosa", "versicolor", "virginica", "Predicted label", "Confusion matrix"}) {
            assertTrue(words.contains(s), "missing text " + s + " in " + words);
        }
        // The nine counts 3,1,0 / 0,2,1 / 1,0,4 are written in the cells.
        List<String> counts = new ArrayList<>(words);
        for (String c : new String[] {"3", "1", "0", "0", "2", "1", "1", "0", "4"}) assertTrue(counts.remove(c), "count " + c + " missing in " + words);
    }

    @Test void numClassesOverloadNamesClassesByIndex() throws Exception {
        Path file = dir.resolve("cm2.svg");
        ConfusionMatrixPlot.save(new int[] {0, 1, 3}, new int[] {0, 1, 3}, 4, file, new ConfusionMatrixPlot.Options().size(300, 300).title("Digits"));
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
        assertTrue(doc.getDocumentElement().getTextContent().contains("Digits"));
        assertEquals(300.0, Double.parseDouble(doc.getDocumentElement().getAttribute("width").replaceAll("[^0-9.]", "")));
        for (String s : new String[] {"0", "1", "2", "3"}) assertTrue(doc.getDocumentElement().getTextContent().contains(s));
    }

    @Test void tensorsOfLabelsOrClassScores() throws Exception {
        // The same matrix from one-hot targets and softmax-like scores: rows' arg-max are Y_TRUE / Y_PRED.
        float[] oneHot = new float[Y_TRUE.length * 3], scores = new float[Y_PRED.length * 3];
        for (int i = 0; i < Y_TRUE.length; i++) {
            oneHot[i * 3 + Y_TRUE[i]] = 1;
            for (int j = 0; j < 3; j++) scores[i * 3 + j] = j == Y_PRED[i] ? 0.6f : 0.2f;
        }
        assertArrayEquals(Y_TRUE, ConfusionMatrixPlot.labels("y_true", Tensor.of(oneHot, Y_TRUE.length, 3)));
        assertArrayEquals(Y_PRED, ConfusionMatrixPlot.labels("y_pred", Tensor.of(scores, Y_PRED.length, 3)));
        assertArrayEquals(Y_TRUE, ConfusionMatrixPlot.labels("y_true", Tensor.ofInts(Y_TRUE, Y_TRUE.length)));
        Path file = dir.resolve("t.svg");
        ConfusionMatrixPlot.save(Tensor.ofInts(Y_TRUE, Y_TRUE.length), Tensor.of(scores, Y_PRED.length, 3), List.of("a", "b", "c"), file);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
        NodeList texts = doc.getElementsByTagName("text");
        List<String> words = new ArrayList<>();
        for (int i = 0; i < texts.getLength(); i++) words.add(texts.item(i).getTextContent().trim());
        assertTrue(words.contains("4") && words.contains("3"), words.toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConfusionMatrixPlot.labels("y_true", Tensor.of(new float[] {0.5f}, 1)));
        assertTrue(e.getMessage().contains("y_true[0]=0.5"), e.getMessage());
    }

    @Test void badInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfusionMatrixPlot.save(new int[] {0, 1}, new int[] {0}, 2, dir.resolve("x.png")));
        assertEquals("Found input variables with inconsistent numbers of samples: [2, 1]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ConfusionMatrixPlot.save(new int[] {0, 5}, new int[] {0, 1}, 3, dir.resolve("x.png")));
        assertTrue(e.getMessage().contains("Received: y_true[1]=5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ConfusionMatrixPlot.save(Y_TRUE, Y_PRED, 3, dir.resolve("x.gif")));
        assertTrue(e.getMessage().contains("Received: file="), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ConfusionMatrixPlot.save(Y_TRUE, Y_PRED, 0, dir.resolve("x.png")));
        assertTrue(e.getMessage().contains("num_classes=0"), e.getMessage());
    }
}
