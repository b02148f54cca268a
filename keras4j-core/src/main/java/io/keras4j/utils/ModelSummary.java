package io.keras4j.utils;

import io.keras4j.autodiff.Variable;
import io.keras4j.layers.Layer;
import io.keras4j.models.Model;
import io.keras4j.models.Sequential;
import io.keras4j.tensor.Shape;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Keras 3's {@code model.summary()} table: box-drawn columns "Layer (type)", "Output Shape",
 * "Param #" at Keras's relative positions of an 88-column line, then total, trainable and
 * non-trainable parameter counts with their size in bytes.
 */
public final class ModelSummary {
    private static final int LINE_LENGTH = 88;
    private static final double[] POSITIONS = {0.45, 0.80, 1.0};

    private ModelSummary() {}

    public static String render(Model model) {
        int[] widths = columnWidths();
        List<String[]> rows = new ArrayList<>();
        List<Shape> shapes = model instanceof Sequential s ? s.outputShapes() : null;
        List<Layer> layers = model.layers();
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            String shape = shapes == null ? "?" : shapes.get(i).toString();
            String params = l.built() ? String.format(Locale.ROOT, "%,d", l.countParams()) : "0 (unbuilt)";
            rows.add(new String[] {l.name() + " (" + l.className() + ")", shape, params});
        }
        StringBuilder sb = new StringBuilder();
        sb.append("Model: \"").append(model.name()).append("\"\n");
        sb.append(border('┏', '━', '┳', '┓', widths));
        sb.append(row('┃', new String[] {"Layer (type)", "Output Shape", "Param #"}, widths));
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

    /** Widths of each cell between borders: Keras's positions, shrunk to fit the borders as rich does. */
    private static int[] columnWidths() {
        int[] w = new int[POSITIONS.length];
        int inner = LINE_LENGTH - (POSITIONS.length + 1);
        int prev = 0;
        for (int i = 0; i < w.length; i++) {
            int end = (int) Math.round(POSITIONS[i] * inner);
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

    private static String row(char edge, String[] cells, int[] widths) {
        StringBuilder sb = new StringBuilder().append(edge);
        for (int i = 0; i < cells.length; i++) {
            int room = widths[i] - 2;
            String c = cells[i].length() > room ? cells[i].substring(0, room - 1) + "…" : cells[i];
            String pad = " ".repeat(room - c.length());
            sb.append(' ').append(i == 2 ? pad + c : c + pad).append(' ').append(edge);
        }
        return sb.append('\n').toString();
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
