package io.keras4j.plot;

import io.keras4j.callbacks.History;
import io.keras4j.datasets.Iris;
import io.keras4j.layers.core.Dense;
import io.keras4j.layers.core.Input;
import io.keras4j.models.Sequential;
import io.keras4j.trainers.FitOptions;
import io.keras4j.utils.RandomSeed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class TrainingCurvesTest {
    @TempDir Path dir;

    /** A hand-made history: 5 epochs of loss/accuracy, with or without validation. */
    private static History history(boolean validation) {
        History h = new History();
        for (int e = 0; e < 5; e++) {
            Map<String, Double> logs = new LinkedHashMap<>();
            logs.put("loss", 1.0 / (e + 1));
            logs.put("accuracy", 0.5 + 0.1 * e);
            if (validation) {
                logs.put("val_loss", 1.2 / (e + 1));
                logs.put("val_accuracy", 0.45 + 0.1 * e);
            }
            h.onEpochEnd(e, logs);
        }
        return h;
    }

    static int countPixels(BufferedImage img, Color c) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) for (int x = 0; x < img.getWidth(); x++) if ((img.getRGB(x, y) & 0xffffff) == (c.getRGB() & 0xffffff)) n++;
        return n;
    }

    @Test void pngHasOnePanelPerQuantityAndBothSeriesColours() throws Exception {
        Path file = dir.resolve("curves.png");
        TrainingCurves.save(history(true), file);
        BufferedImage img = ImageIO.read(file.toFile());
        assertNotNull(img, "ImageIO could not read the PNG");
        // Two quantities (loss, accuracy) -> two 480x360 panels side by side.
        assertEquals(960, img.getWidth());
        assertEquals(360, img.getHeight());
        assertTrue(countPixels(img, TrainingCurves.TRAIN_COLOR) > 100, "training series colour missing");
        assertTrue(countPixels(img, TrainingCurves.VALIDATION_COLOR) > 100, "validation series colour missing");
        // Each panel has its own curves: both halves hold both colours.
        assertTrue(countPixels(img.getSubimage(0, 0, 480, 360), TrainingCurves.TRAIN_COLOR) > 50);
        assertTrue(countPixels(img.getSubimage(480, 0, 480, 360), TrainingCurves.VALIDATION_COLOR) > 50);
    }

    @Test void noValidationSeriesMeansNoValidationColour() throws Exception {
        Path file = dir.resolve("train-only.png");
        TrainingCurves.save(history(false), file);
        BufferedImage img = ImageIO.read(file.toFile());
        assertTrue(countPixels(img, TrainingCurves.TRAIN_COLOR) > 100);
        assertEquals(0, countPixels(img, TrainingCurves.VALIDATION_COLOR));
    }

    @Test void sizeTitleAndColumnsOptions() throws Exception {
        Path file = dir.resolve("sized.png");
        TrainingCurves.save(history(true), file, new TrainingCurves.Options().size(500, 700).columns(1).title("Iris"));
        BufferedImage img = ImageIO.read(file.toFile());
        assertEquals(500, img.getWidth());
        assertEquals(700, img.getHeight());
        // Stacked panels: the curves appear in the top and in the bottom half.
        assertTrue(countPixels(img.getSubimage(0, 0, 500, 350), TrainingCurves.TRAIN_COLOR) > 50);
        assertTrue(countPixels(img.getSubimage(0, 350, 500, 350), TrainingCurves.TRAIN_COLOR) > 50);
    }

    @Test void svgIsXmlNamingEverySeries() throws Exception {
        Path file = dir.resolve("curves.svg");
        TrainingCurves.save(history(true), file, new TrainingCurves.Options().title("Iris run"));
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
        assertEquals("svg", doc.getDocumentElement().getLocalName() != null ? doc.getDocumentElement().getLocalName() : doc.getDocumentElement().getTagName());
        String text = doc.getDocumentElement().getTextContent();
        for (String s : new String[] {"loss", "val_loss", "accuracy", "val_accuracy", "epoch", "Iris run"}) {
            assertTrue(text.contains(s), "SVG text lacks " + s);
        }
        String xml = Files.readString(file);
        assertTrue(xml.contains("rgb(31,119,180)") || xml.toLowerCase().contains("#1f77b4"), "training colour not in SVG");
        assertTrue(xml.contains("rgb(255,127,14)") || xml.toLowerCase().contains("#ff7f0e"), "validation colour not in SVG");
    }

    @Test void realFitHistory() throws Exception {
        RandomSeed.setRandomSeed(1);
        Iris.Split s = Iris.loadData(0.2, 0);
        Sequential model = new Sequential(Input.of(4), new Dense(8, "relu"), new Dense(3, "softmax"));
        model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
        History h = model.fit(s.xTrain(), s.yTrain(), new FitOptions().epochs(3).verbose(0).validationData(s.xTest(), s.yTest()));
        Path file = dir.resolve("sub/fit.png");
        TrainingCurves.save(h, file);
        BufferedImage img = ImageIO.read(file.toFile());
        assertTrue(countPixels(img, TrainingCurves.VALIDATION_COLOR) > 50);
    }

    @Test void badInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainingCurves.save(history(true), dir.resolve("c.jpg")));
        assertTrue(e.getMessage().contains("Received: file="), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TrainingCurves.save(new History(), dir.resolve("c.png")));
        assertTrue(e.getMessage().contains("no epochs"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("c.png")));
        assertThrows(IllegalArgumentException.class, () -> new TrainingCurves.Options().size(0, 10));
    }
}
