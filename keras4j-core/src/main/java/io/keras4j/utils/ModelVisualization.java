package io.keras4j.utils;

import io.keras4j.layers.KerasTensor;
import io.keras4j.layers.Layer;
import io.keras4j.layers.Node;
import io.keras4j.layers.core.InputLayer;
import io.keras4j.models.Model;
import io.keras4j.models.Sequential;
import io.keras4j.tensor.Shape;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Keras's {@code keras.utils.model_to_dot} and {@code keras.utils.plot_model}: a model's layer
 * graph in Graphviz's DOT language, one box per layer (name, class, optionally shapes, dtype,
 * activation, trainability) and one arrow per connection.
 * <pre>{@code
 * ModelVisualization.plotModel(model, Path.of("model.png"), new ModelVisualization.Options().showShapes(true));
 * String dot = ModelVisualization.modelToDot(model, new ModelVisualization.Options());
 * }</pre>
 * A {@code .dot}/{@code .gv} file is written directly; any other format (png, svg, pdf, ...) is
 * rendered by Graphviz's {@code dot} program, which must be installed (as Keras needs pydot and
 * Graphviz). Keras's pydot names nodes by Python object ids; here they are numbered in layer
 * order, so the same model always gives the same text.
 */
public final class ModelVisualization {
    private static final Set<String> RANKDIRS = Set.of("TB", "LR", "BT", "RL");
    private static final Set<String> SPLINES = Set.of("ortho", "curved", "polyline", "spline", "line", "true", "false", "none");

    private ModelVisualization() {}

    /** The keyword arguments of {@code plot_model}/{@code model_to_dot}, with Keras's defaults. */
    public static final class Options {
        private boolean showShapes, showDtype, expandNested, showLayerActivations, showTrainable;
        /** Keras's defaults differ: {@code model_to_dot} shows names, {@code plot_model} does not. */
        private Boolean showLayerNames;
        private String rankdir = "TB";
        private int dpi = 200;
        private String splines = "ortho";
        private String dotProgram = "dot";

        public Options showShapes(boolean value) { showShapes = value; return this; }

        public Options showDtype(boolean value) { showDtype = value; return this; }

        public Options showLayerNames(boolean value) { showLayerNames = value; return this; }

        /** {@code "TB"} (top to bottom, the default), {@code "LR"}, {@code "BT"} or {@code "RL"}. */
        public Options rankdir(String value) {
            if (value == null || !RANKDIRS.contains(value)) {
                throw new IllegalArgumentException("Argument `rankdir` must be one of \"TB\", \"LR\", \"BT\", \"RL\". Received: rankdir=" + value);
            }
            rankdir = value;
            return this;
        }

        /** Draws nested Functional/Sequential models as clusters of their own layers. */
        public Options expandNested(boolean value) { expandNested = value; return this; }

        public Options dpi(int value) {
            if (value <= 0) throw new IllegalArgumentException("Argument `dpi` must be a positive integer. Received: dpi=" + value);
            dpi = value;
            return this;
        }

        /** Shows the activation of layers that have one. */
        public Options showLayerActivations(boolean value) { showLayerActivations = value; return this; }

        /** Marks layers with weights as Trainable or Non-trainable. */
        public Options showTrainable(boolean value) { showTrainable = value; return this; }

        /** How edges are drawn: {@code "ortho"} (default), "curved", "polyline", "spline", "line". */
        public Options splines(String value) {
            if (value == null || !SPLINES.contains(value)) {
                throw new IllegalArgumentException("Argument `splines` must be one of \"ortho\", \"curved\", \"polyline\", \"spline\", \"line\". Received: splines=" + value);
            }
            splines = value;
            return this;
        }

        /** The Graphviz program to run (default {@code dot} on the PATH), for a non-standard installation. */
        public Options dotProgram(String value) {
            if (value == null || value.isBlank()) throw new IllegalArgumentException("Argument `dot_program` must name a program. Received: dot_program=" + value);
            dotProgram = value;
            return this;
        }
    }

    /** {@code model_to_dot} with Keras's defaults (layer names shown). */
    public static String modelToDot(Model model) { return modelToDot(model, new Options()); }

    /** The model's graph in the DOT language. */
    public static String modelToDot(Model model, Options options) {
        boolean names = options.showLayerNames == null || options.showLayerNames;
        return new Writer(options, names).document(model);
    }

    /** {@code plot_model} with Keras's defaults, to {@code model.png}-style files. */
    public static void plotModel(Model model, Path toFile) { plotModel(model, toFile, new Options()); }

    /**
     * Writes the model's graph to {@code toFile}: DOT text for {@code .dot}/{@code .gv}, otherwise
     * rendered by Graphviz in the format named by the suffix (png when there is none, as Keras).
     */
    public static void plotModel(Model model, Path toFile, Options options) {
        if (toFile == null) throw new IllegalArgumentException("Argument `to_file` must be a path. Received: to_file=null");
        boolean names = options.showLayerNames != null && options.showLayerNames;
        String dot = new Writer(options, names).document(model);
        String format = extension(toFile);
        try {
            Path parent = toFile.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            if (format.equals("dot") || format.equals("gv")) {
                Files.writeString(toFile, dot, StandardCharsets.UTF_8);
            } else {
                render(dot, format, toFile, options.dotProgram);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + toFile, e);
        }
    }

    /** Whether Graphviz's {@code dot} can be run (Keras's {@code check_graphviz}). */
    public static boolean checkGraphviz() { return checkGraphviz("dot"); }

    static boolean checkGraphviz(String program) {
        try {
            Process p = new ProcessBuilder(program, "-V").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String extension(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 || dot == name.length() - 1 ? "png" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static void render(String dot, String format, Path toFile, String program) throws IOException {
        Process p;
        try {
            p = new ProcessBuilder(program, "-T" + format, "-o", toFile.toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new IllegalStateException("You must install graphviz (see instructions at https://graphviz.gitlab.io/download/) for `plot_model` to work: "
                    + "the program `" + program + "` could not be run (" + e.getMessage() + "). Save to a .dot file to get the graph without Graphviz.", e);
        }
        // stderr is drained on its own thread: a chatty dot blocks on a full pipe while we write stdin.
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread drain = new Thread(() -> {
            try (InputStream in = p.getErrorStream()) {
                in.transferTo(err);
            } catch (IOException ignored) {
                // the exit status reports the failure
            }
        }, "graphviz-stderr");
        drain.setDaemon(true);
        drain.start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(dot.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // dot quit early (e.g. an unknown format): its exit status and message say why.
        }
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("Graphviz `" + program + "` did not finish within 120 seconds rendering " + toFile);
            }
            drain.join(5000);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while Graphviz rendered " + toFile, e);
        }
        if (p.exitValue() != 0) {
            throw new IllegalArgumentException("Graphviz `" + program + "` failed to write " + toFile + " in format \"" + format + "\" (exit status "
                    + p.exitValue() + "): " + err.toString(StandardCharsets.UTF_8).trim());
        }
    }

    /** Builds the DOT text; node ids are given in the order layers are first seen. */
    private static final class Writer {
        private final Options o;
        private final boolean showNames;
        private final Map<Layer, String> ids = new IdentityHashMap<>();
        private final Set<String> edges = new LinkedHashSet<>();

        Writer(Options o, boolean showNames) {
            this.o = o;
            this.showNames = showNames;
        }

        String document(Model model) {
            if (model == null) throw new IllegalArgumentException("Argument `model` must be a Keras model. Received: model=null");
            requireBuilt(model);
            StringBuilder body = new StringBuilder();
            graph(model, body, "\t");
            StringBuilder sb = new StringBuilder("digraph G {\n");
            sb.append("\trankdir=").append(o.rankdir).append(";\n");
            sb.append("\tconcentrate=True;\n");
            sb.append("\tdpi=").append(o.dpi).append(";\n");
            sb.append("\tsplines=").append(o.splines).append(";\n");
            sb.append("\tnode [shape=record];\n");
            sb.append(body);
            for (String e : edges) sb.append('\t').append(e).append(" [penwidth=2];\n");
            return sb.append("}\n").toString();
        }

        private void requireBuilt(Model model) {
            boolean built = model instanceof Sequential s ? s.inputShape() != null : model.built() || !model.graphNodes().isEmpty();
            if (!built) {
                throw new IllegalStateException("This model has not yet been built. Build the model first by calling `build()` or by calling the model on a batch of data.");
            }
        }

        private String id(Layer l) { return ids.computeIfAbsent(l, k -> "node" + (ids.size() + 1)); }

        private void edge(Layer from, Layer to) { edges.add(id(from) + " -> " + id(to)); }

        /** The nodes (and, for nested models, clusters) of one model, then its edges. */
        private void graph(Model model, StringBuilder sb, String indent) {
            if (model instanceof Sequential seq) {
                List<Layer> layers = seq.layers();
                List<Shape> outs = seq.outputShapes();
                Shape in = seq.inputShape() == null ? null : seq.inputShape().withDim(0, Shape.UNKNOWN);
                for (int i = 0; i < layers.size(); i++) {
                    Layer l = layers.get(i);
                    String inShape = i == 0 ? str(in) : str(outs.get(i - 1));
                    String outShape = str(outs.get(i));
                    layerOrCluster(l, inShape, outShape, sb, indent);
                }
                for (int i = 0; i + 1 < layers.size(); i++) edge(exitOf(layers.get(i), 0), entryOf(layers.get(i + 1), 0));
                return;
            }
            List<Node> nodes = model.graphNodes();
            if (nodes.isEmpty() && model.inputs().isEmpty()) {
                // A subclassed model: one box, as Keras draws it.
                node(model, "?", "?", sb, indent);
                return;
            }
            for (Layer l : model.layers()) {
                List<Node> calls = new ArrayList<>();
                for (Node n : nodes) if (n.layer() == l) calls.add(n);
                // Keras's layer.input/.output are undefined for a layer called more than once: "?".
                String inShape = calls.size() == 1 ? shapes(calls.get(0).inputs()) : "?";
                String outShape = l instanceof InputLayer il ? str(il.batchShape()) : calls.size() == 1 ? shapes(calls.get(0).outputs()) : "?";
                layerOrCluster(l, inShape, outShape, sb, indent);
            }
            for (Node n : nodes) {
                for (int i = 0; i < n.inputs().size(); i++) {
                    KerasTensor t = n.inputs().get(i);
                    edge(exitOf(t.source(), t.index()), entryOf(n.layer(), i));
                }
            }
        }

        private void layerOrCluster(Layer l, String inShape, String outShape, StringBuilder sb, String indent) {
            if (o.expandNested && l instanceof Model nested) {
                sb.append(indent).append("subgraph cluster_").append(id(nested)).append(" {\n");
                sb.append(indent).append("\tlabel=").append(quote(nested.name())).append(";\n");
                sb.append(indent).append("\tlabeljust=l;\n");
                sb.append(indent).append("\tstyle=dashed;\n");
                graph(nested, sb, indent + "\t");
                sb.append(indent).append("}\n");
            } else {
                node(l, inShape, outShape, sb, indent);
            }
        }

        /** The box an edge leaving {@code l}'s output {@code index} starts from: inside nested models when expanded. */
        private Layer exitOf(Layer l, int index) {
            if (!o.expandNested) return l;
            if (l instanceof Sequential s && !s.layers().isEmpty()) return exitOf(s.layers().get(s.layers().size() - 1), 0);
            if (l instanceof Model m && !m.outputs().isEmpty()) {
                KerasTensor out = m.outputs().get(Math.min(index, m.outputs().size() - 1));
                return exitOf(out.source(), out.index());
            }
            return l;
        }

        /** The box an edge entering {@code l}'s input {@code index} ends at: a nested model's input layer, or first layer. */
        private Layer entryOf(Layer l, int index) {
            if (!o.expandNested) return l;
            if (l instanceof Sequential s && !s.layers().isEmpty()) return entryOf(s.layers().get(0), 0);
            if (l instanceof Model m && !m.inputs().isEmpty()) return m.inputs().get(Math.min(index, m.inputs().size() - 1)).source();
            return l;
        }

        private void node(Layer l, String inShape, String outShape, StringBuilder sb, String indent) {
            sb.append(indent).append(id(l)).append(" [label=").append(label(l, inShape, outShape))
                    .append(", fontname=Helvetica, border=0, margin=0];\n");
        }

        /** Keras's HTML-like table: a black title row, then optional activation, shapes, dtype, trainability. */
        private String label(Layer l, String inShape, String outShape) {
            String className = l.className();
            int colspanMax = (o.showDtype ? 1 : 0) + (o.showTrainable ? 1 : 0) + (o.showShapes ? 2 : 0);
            int colspan = Math.max(1, colspanMax);
            StringBuilder t = new StringBuilder("<<table border=\"0\" cellborder=\"1\" bgcolor=\"black\" cellpadding=\"10\">");
            t.append("<tr><td colspan=\"").append(colspan).append("\" bgcolor=\"black\"><font point-size=\"16\" color=\"white\">");
            if (showNames) t.append("<b>").append(html(l.name())).append("</b> (").append(html(className)).append(')');
            else t.append("<b>").append(html(className)).append("</b>");
            t.append("</font></td></tr>");
            String activation = o.showLayerActivations ? activation(l) : null;
            if (activation != null) {
                t.append("<tr><td bgcolor=\"white\" colspan=\"").append(colspan).append("\"><font point-size=\"14\">Activation: <b>")
                        .append(html(activation)).append("</b></font></td></tr>");
            }
            List<String> cols = new ArrayList<>();
            if (o.showShapes) {
                if (!(l instanceof InputLayer)) cols.add(cell("Input shape: <b>" + html(inShape) + "</b>"));
                cols.add(cell("Output shape: <b>" + html(outShape) + "</b>"));
            }
            if (o.showDtype) cols.add(cell("Output dtype: <b>" + html(l.dtype() == null ? "?" : l.dtype().toString()) + "</b>"));
            if (o.showTrainable && !l.weights().isEmpty()) {
                cols.add(l.trainable()
                        ? "<td bgcolor=\"forestgreen\"><font point-size=\"14\" color=\"white\"><b>Trainable</b></font></td>"
                        : "<td bgcolor=\"firebrick\"><font point-size=\"14\" color=\"white\"><b>Non-trainable</b></font></td>");
            }
            if (!cols.isEmpty()) t.append("<tr>").append(String.join("", cols)).append("</tr>");
            return t.append("</table>>").toString();
        }

        private static String cell(String content) { return "<td bgcolor=\"white\"><font point-size=\"14\">" + content + "</font></td>"; }

        /** The layer's activation as its config names it (layers without one have no "activation" key). */
        private static String activation(Layer l) {
            try {
                Object a = l.getConfig().get("activation");
                return a instanceof String s ? s : null;
            } catch (RuntimeException e) {
                return null; // a layer whose config cannot be produced simply shows no activation row
            }
        }

        private static String shapes(List<KerasTensor> ts) {
            if (ts.isEmpty()) return "?";
            if (ts.size() == 1) return ts.get(0).shape().toString();
            List<String> s = new ArrayList<>();
            for (KerasTensor t : ts) s.add(t.shape().toString());
            return "[" + String.join(", ", s) + "]";
        }

        private static String str(Shape s) { return s == null ? "?" : s.toString(); }

        private static String html(String s) {
            return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
        }

        private static String quote(String s) { return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\""; }
    }
}
