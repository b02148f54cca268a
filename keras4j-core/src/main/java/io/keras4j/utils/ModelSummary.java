package io.keras4j.utils;

import io.keras4j.autodiff.Variable;
import io.keras4j.layers.KerasTensor;
import io.keras4j.layers.Layer;
import io.keras4j.layers.Node;
import io.keras4j.layers.core.InputLayer;
import io.keras4j.models.Model;
import io.keras4j.models.Sequential;
import io.keras4j.tensor.Shape;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.List;
import java.util.Locale;

/**
 * Keras 3's {@code model.summary()} table: box-drawn columns "Layer (type)", "Output Shape",
 * "Param #" at Keras's relative positions of an 88-column line, then total, trainable and
 * non-trainable parameter counts with their size in bytes.
 */
public final class ModelSummary {
    private static final double[] POSITIONS = {0.45, 0.80, 1.0};
    private static final double[] GRAPH_POSITIONS = {0.3, 0.56, 0.74, 1.0};

    private ModelSummary() {}

    public static String render(Model model) {
        List<Node> nodes = model.graphNodes();
        boolean graph = !nodes.isEmpty() && !sequentialLike(model, nodes);
        int lineLength = graph ? 108 : 88;
        int[] widths = columnWidths(graph ? GRAPH_POSITIONS : POSITIONS, lineLength);
        List<String[]> rows = new ArrayList<>();
        List<Shape> shapes = model instanceof Sequential s ? s.outputShapes() : null;
        List<Layer> layers = model.layers();
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            String shape = shapes != null ? shapes.get(i).toString() : nodes.isEmpty() && !(l instanceof InputLayer) ? "?" : outputShape(model, l, nodes);
            String params = l.built() ? String.format(Locale.ROOT, "%,d", l.countParams()) : "0 (unbuilt)";
            String name = l.name() + " (" + l.className() + ")";
            rows.add(graph ? new String[] {name, shape, params, connections(l, nodes)} : new String[] {name, shape, params});
        }
        String[] header = graph ? new String[] {"Layer (type)", "Output Shape", "Param #", "Connected to"} : new String[] {"Layer (type)", "Output Shape", "Param #"};
        StringBuilder sb = new StringBuilder();
        sb.append("Model: \"").append(model.name()).append("\"\n");
        sb.append(border('┏', '━', '┳', '┓', widths));
        sb.append(row('┃', header, widths));
        sb.append(border('┡', '━', '╇', '┩', widths));
        for (int i = 0; i < rows.size(); i++) {
            sb.append(row('│', rows.get(i), widths));
            if (i < rows.size() - 1) sb.append(border('├', '─', '┼', '┤', widths));
        }
        sb.append(border('└', '─', '┴', '┘', widths));
        long trainable = count(model.trainableVariables()), nonTrainable = count(model.nonTrainableVariables());
        long trainableBytes = bytes(model.trainableVariables()), nonTrainableBytes = bytes(model.nonTrainableVariables());
        sb.append(String.format(Locale.ROOT, " Total params: %,d (%s)%n", trainable + nonTrainable, readableSize(trainableBytes + nonTrainableBytes)));
        sb.append(String.format(Locale.ROOT, " Trainable params: %,d (%s)%n", trainable, readableSize(trainableBytes)));
        sb.append(String.format(Locale.ROOT, " Non-trainable params: %,d (%s)%n", nonTrainable, readableSize(nonTrainableBytes)));
        return sb.toString();
    }

    /** A chain (every call has one input, every layer one call): Keras prints it without "Connected to". */
    private static boolean sequentialLike(Model model, List<Node> nodes) {
        if (model.inputs().size() != 1 || model.outputs().size() != 1) return false;
        Set<Layer> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        KerasTensor prev = model.inputs().get(0);
        for (Node n : nodes) {
            if (n.inputs().size() != 1 || n.outputs().size() != 1 || n.inputs().get(0) != prev || !seen.add(n.layer())) return false;
            prev = n.outputs().get(0);
        }
        return true;
    }

    private static String outputShape(Model model, Layer l, List<Node> nodes) {
        if (l instanceof InputLayer il) return il.batchShape().toString();
        for (Node n : nodes) {
            if (n.layer() == l) {
                if (n.outputs().size() == 1) return n.outputs().get(0).shape().toString();
                List<String> s = new ArrayList<>();
                for (KerasTensor t : n.outputs()) s.add(t.shape().toString());
                return "[" + String.join(", ", s) + "]";
            }
        }
        return "?";
    }

    /** Keras's "Connected to": {@code layer[node_index][tensor_index]} of every input of every call. */
    private static String connections(Layer l, List<Node> nodes) {
        List<String> out = new ArrayList<>();
        for (Node n : nodes) {
            if (n.layer() != l) continue;
            for (KerasTensor in : n.inputs()) {
                Layer src = in.source();
                int nodeIndex = 0;
                for (Node m : nodes) {
                    if (m == in.node()) break;
                    if (m.layer() == src) nodeIndex++;
                }
                out.add(src.name() + "[" + nodeIndex + "][" + in.index() + "]");
            }
        }
        return out.isEmpty() ? "-" : String.join(", ", out);
    }

    /** Widths of each cell between borders: Keras's positions, shrunk to fit the borders as rich does. */
    private static int[] columnWidths(double[] positions, int lineLength) {
        int[] w = new int[positions.length];
        int inner = lineLength - (positions.length + 1);
        int prev = 0;
        for (int i = 0; i < w.length; i++) {
            int end = (int) Math.round(positions[i] * inner);
            w[i] = end - prev;
            prev = end;
        }
        return w;
    }

    private static String border(char left, char fill, char mid, char right, int[] widths) {
        StringBuilder sb = new StringBuilder().append(left);
        for (int i = 0; i < widths.length; i++) {
            sb.append(String.valueOf(fill).repeat(widths[i]));
            sb.append(i < widths.length - 1 ? mid : right);
        }
        return sb.append('\n').toString();
    }

    /** One table row; a cell too long for its column wraps onto more lines, as rich wraps it in Keras. */
    private static String row(char edge, String[] cells, int[] widths) {
        List<List<String>> wrapped = new ArrayList<>();
        int lines = 1;
        for (int i = 0; i < cells.length; i++) {
            wrapped.add(wrap(cells[i], widths[i] - 2));
            lines = Math.max(lines, wrapped.get(i).size());
        }
        StringBuilder sb = new StringBuilder();
        for (int line = 0; line < lines; line++) {
            sb.append(edge);
            for (int i = 0; i < cells.length; i++) {
                List<String> w = wrapped.get(i);
                String c = line < w.size() ? w.get(line) : "";
                String pad = " ".repeat(widths[i] - 2 - c.length());
                sb.append(' ').append(i == 2 ? pad + c : c + pad).append(' ').append(edge); // Param # is right-aligned
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** Splits text into lines of at most {@code room} characters, after a space where possible. */
    static List<String> wrap(String text, int room) {
        List<String> out = new ArrayList<>();
        String rest = text;
        while (rest.length() > room) {
            int cut = rest.lastIndexOf(' ', room);
            if (cut <= 0) cut = room;
            out.add(rest.substring(0, cut).stripTrailing());
            rest = rest.substring(cut).stripLeading();
        }
        out.add(rest);
        return out;
    }

    private static long count(List<Variable> vs) {
        long n = 0;
        for (Variable v : vs) n += v.shape().size();
        return n;
    }

    private static long bytes(List<Variable> vs) {
        long n = 0;
        for (Variable v : vs) n += (long) v.shape().size() * v.dtype().byteSize();
        return n;
    }

    /** Bytes in B/KB/MB/GB with two decimals and 1024 steps, as Keras prints them. */
    public static String readableSize(double size) {
        String[] units = {"B", "KB", "MB", "GB", "TB", "PB"};
        for (String u : units) {
            if (size / 1024 < 1) return String.format(Locale.ROOT, "%.2f %s", size, u);
            size /= 1024;
        }
        return String.format(Locale.ROOT, "%.2f %s", size, "PB");
    }
}
