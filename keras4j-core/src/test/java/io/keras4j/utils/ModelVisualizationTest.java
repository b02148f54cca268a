package io.keras4j.utils;

import io.keras4j.layers.KerasTensor;
import io.keras4j.layers.core.Dense;
import io.keras4j.layers.core.Input;
import io.keras4j.layers.merging.Concatenate;
import io.keras4j.models.Model;
import io.keras4j.models.Sequential;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

class ModelVisualizationTest {
    @TempDir Path dir;

    /** features -> (branch_a, branch_b) -> merged -> head: 5 layers, 5 connections. */
    private static Model twoBranches() {
        KerasTensor in = Input.of(Shape.of(4), DType.FLOAT32, "features");
        KerasTensor a = new Dense(8, "relu").name("branch_a").apply(in);
        KerasTensor b = new Dense(6, "tanh").name("branch_b").apply(in);
        KerasTensor c = new Concatenate().name("merged").apply(a, b);
        KerasTensor out = new Dense(3, "softmax").name("head").apply(c);
        return new Model(in, out);
    }

    private static final Pattern NODE = Pattern.compile("^\\s*(node\\d+) \\[label=<(.*)>, fontname", Pattern.MULTILINE);
    private static final Pattern EDGE = Pattern.compile("^\\s*(node\\d+) -> (node\\d+) \\[penwidth=2\\];$", Pattern.MULTILINE);

    /** Node id -> layer name, read from the "<b>name</b> (Class)" title cell. */
    private static Map<String, String> nodes(String dot) {
        Map<String, String> m = new HashMap<>();
        Matcher x = NODE.matcher(dot);
        while (x.find()) {
            Matcher t = Pattern.compile("<b>([^<]+)</b>").matcher(x.group(2));
            assertTrue(t.find(), "no title cell in " + x.group(2));
            m.put(x.group(1), t.group(1));
        }
        return m;
    }

    private static List<String> edges(String dot, Map<String, String> nodes) {
        List<String> out = new ArrayList<>();
        Matcher x = EDGE.matcher(dot);
        while (x.find()) out.add(nodes.get(x.group(1)) + "->" + nodes.get(x.group(2)));
        return out;
    }

    @Test void functionalGraphHasOneNodePerLayerAndAnEdgePerConnection() {
        String dot = ModelVisualization.modelToDot(twoBranches(), new ModelVisualization.Options().showShapes(true));
        assertTrue(dot.startsWith("digraph G {"), dot);
        assertTrue(dot.contains("rankdir=TB;") && dot.contains("dpi=200;") && dot.contains("splines=ortho;"), dot);
        Map<String, String> nodes = nodes(dot);
        assertEquals(Set.of("features", "branch_a", "branch_b", "merged", "head"), Set.copyOf(nodes.values()));
        assertEquals(5, nodes.size());
        List<String> edges = edges(dot, nodes);
        assertEquals(Set.of("features->branch_a", "features->branch_b", "branch_a->merged", "branch_b->merged", "merged->head"), Set.copyOf(edges));
        assertEquals(5, edges.size());
        // Shapes as Keras prints them: the concatenation of 8 and 6 features is 14 wide.
        assertTrue(dot.contains("<b>merged</b> (Concatenate)"), dot);
        assertTrue(dot.contains("Input shape: <b>[(None, 8), (None, 6)]</b>"), dot);
        assertTrue(dot.contains("Output shape: <b>(None, 14)</b>"), dot);
        assertTrue(dot.contains("Output shape: <b>(None, 3)</b>"), dot);
        // The input layer has no "Input shape" cell (Keras skips it for InputLayer).
        Matcher input = Pattern.compile("<b>features</b> \\(InputLayer\\)(.*)").matcher(dot);
        assertTrue(input.find());
        assertFalse(input.group(1).contains("Input shape"), input.group(1));
    }

    @Test void optionsAddRowsAndCells() {
        String dot = ModelVisualization.modelToDot(twoBranches(), new ModelVisualization.Options()
                .showLayerActivations(true).showDtype(true).showTrainable(true).rankdir("LR").showLayerNames(false));
        assertTrue(dot.contains("rankdir=LR;"));
        assertTrue(dot.contains("Activation: <b>tanh</b>"), dot);
        assertTrue(dot.contains("Activation: <b>softmax</b>"), dot);
        assertTrue(dot.contains("Output dtype: <b>float32</b>"), dot);
        assertTrue(dot.contains("<b>Trainable</b>"), dot);
        // Without names, the title cell is the bold class name only.
        assertFalse(dot.contains("branch_a"), dot);
        assertTrue(dot.contains("<b>Dense</b>"), dot);
        // Without shapes/dtype/trainable, the default label is the title row only.
        String plain = ModelVisualization.modelToDot(twoBranches());
        assertFalse(plain.contains("Output shape"));
        assertFalse(plain.contains("Activation"));
    }

    @Test void frozenLayerIsNonTrainable() {
        Model m = twoBranches();
        m.getLayer("head").trainable(false);
        String dot = ModelVisualization.modelToDot(m, new ModelVisualization.Options().showTrainable(true));
        assertTrue(dot.contains("Non-trainable"), dot);
    }

    @Test void sequentialIsAChainWithoutInputBox() {
        Sequential s = new Sequential(Input.of(3), new Dense(4).name("d1"), new Dense(2).name("d2"), new Dense(1).name("d3"));
        String dot = ModelVisualization.modelToDot(s, new ModelVisualization.Options().showShapes(true));
        Map<String, String> nodes = nodes(dot);
        assertEquals(Set.of("d1", "d2", "d3"), Set.copyOf(nodes.values()));
        assertEquals(List.of("d1->d2", "d2->d3"), edges(dot, nodes));
        assertTrue(dot.contains("Input shape: <b>(None, 3)</b>"), dot);
        assertTrue(dot.contains("Output shape: <b>(None, 1)</b>"), dot);
    }

    @Test void nestedModelIsOneBoxOrAnExpandedCluster() {
        Sequential inner = new Sequential(Input.of(4), new Dense(5).name("inner_1"), new Dense(2).name("inner_2"));
        inner.name("encoder");
        KerasTensor in = Input.of(Shape.of(4), DType.FLOAT32, "x");
        KerasTensor h = inner.apply(in);
        KerasTensor out = new Dense(1).name("out").apply(h);
        Model outer = new Model(in, out);

        Map<String, String> flat = nodes(ModelVisualization.modelToDot(outer));
        assertEquals(Set.of("x", "encoder", "out"), Set.copyOf(flat.values()));

        String dot = ModelVisualization.modelToDot(outer, new ModelVisualization.Options().expandNested(true));
        assertTrue(dot.contains("subgraph cluster_"), dot);
        Map<String, String> nodes = nodes(dot);
        assertEquals(Set.of("x", "inner_1", "inner_2", "out"), Set.copyOf(nodes.values()));
        assertEquals(Set.of("x->inner_1", "inner_1->inner_2", "inner_2->out"), Set.copyOf(edges(dot, nodes)));
    }

    @Test void dotFileNeedsNoGraphviz() throws Exception {
        Path file = dir.resolve("model.dot");
        ModelVisualization.plotModel(twoBranches(), file, new ModelVisualization.Options().dotProgram("no-such-graphviz-program"));
        String dot = Files.readString(file);
        assertEquals(5, nodes(dot).size());
        // plot_model's default hides layer names (model_to_dot's shows them), as in Keras.
        assertFalse(dot.contains("branch_a"), dot);
    }

    @Test void pngAndSvgRenderedByGraphviz() throws Exception {
        io.keras4j.TestTools.requireProgram("graphviz", "dot", "-V");
        Path png = dir.resolve("model.png");
        ModelVisualization.plotModel(twoBranches(), png, new ModelVisualization.Options().showShapes(true).dpi(72));
        BufferedImage img = ImageIO.read(png.toFile());
        assertNotNull(img, "not a PNG");
        assertTrue(img.getWidth() > 100 && img.getHeight() > 100, img.getWidth() + "x" + img.getHeight());

        Path svg = dir.resolve("out/model.svg");
        ModelVisualization.plotModel(twoBranches(), svg, new ModelVisualization.Options().showLayerNames(true));
        var f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        String text = f.newDocumentBuilder().parse(svg.toFile()).getDocumentElement().getTextContent();
        for (String name : new String[] {"features", "branch_a", "branch_b", "merged", "head"}) assertTrue(text.contains(name), "SVG lacks " + name);
    }

    @Test void missingGraphvizIsNamed() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ModelVisualization.plotModel(twoBranches(), dir.resolve("m.png"),
                new ModelVisualization.Options().dotProgram("no-such-graphviz-program")));
        assertTrue(e.getMessage().contains("You must install graphviz") && e.getMessage().contains("no-such-graphviz-program"), e.getMessage());
    }

    @Test void badInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ModelVisualization.Options().rankdir("XY"));
        assertTrue(e.getMessage().endsWith("Received: rankdir=XY"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ModelVisualization.Options().dpi(0));
        assertThrows(IllegalStateException.class, () -> ModelVisualization.modelToDot(new Sequential(new Dense(2))));
        if (ModelVisualization.checkGraphviz()) {
            IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                    () -> ModelVisualization.plotModel(twoBranches(), dir.resolve("m.nosuchformat")));
            assertTrue(bad.getMessage().contains("nosuchformat"), bad.getMessage());
        }
    }
}
