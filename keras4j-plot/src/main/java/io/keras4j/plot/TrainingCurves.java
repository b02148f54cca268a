package io.keras4j.plot;

import io.keras4j.callbacks.History;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Learning curves of a {@code fit}: one panel per quantity of the {@link History} (the loss and
 * every metric), each with the training series ({@code loss}) and, when there is one, the
 * validation series ({@code val_loss}) against the epoch. PNG or SVG, by the file's suffix:
 * <pre>{@code
 * History history = model.fit(x, y, new FitOptions().epochs(20).validationSplit(0.2));
 * TrainingCurves.save(history, Path.of("curves.png"));
 * TrainingCurves.save(history, Path.of("curves.svg"), new TrainingCurves.Options().title("Iris").size(1000, 400));
 * }</pre>
 */
public final class TrainingCurves {
    /** matplotlib's first two default colours, so the pictures look like the usual Keras-tutorial plots. */
    public static final Color TRAIN_COLOR = new Color(0x1f, 0x77, 0xb4);
    public static final Color VALIDATION_COLOR = new Color(0xff, 0x7f, 0x0e);

    private static final int PANEL_WIDTH = 480, PANEL_HEIGHT = 360, MAX_COLUMNS = 3, TITLE_BAND = 36;

    private TrainingCurves() {}

    /** The picture's optional settings; unset sizes follow the number of panels. */
    public static final class Options {
        private int width, height;
        private String title;
        private int columns;

        /** The whole picture's size in pixels (SVG: user units). */
        public Options size(int width, int height) {
            PictureFile.requireSize(width, height);
            this.width = width;
            this.height = height;
            return this;
        }

        /** A title above all panels (none by default). */
        public Options title(String value) {
            title = value;
            return this;
        }

        /** Panels per row (by default up to 3). */
        public Options columns(int value) {
            if (value <= 0) throw new IllegalArgumentException("Argument `columns` must be a positive integer. Received: columns=" + value);
            columns = value;
            return this;
        }
    }

    /** Writes the curves of {@code history} to {@code file} (.png or .svg) with the default settings. */
    public static void save(History history, Path file) { save(history, file, new Options()); }

    /** Writes the curves of {@code history} to {@code file} (.png or .svg). */
    public static void save(History history, Path file, Options options) {
        PictureFile.formatOf(file);
        List<JFreeChart> panels = panels(history);
        int columns = options.columns > 0 ? Math.min(options.columns, panels.size()) : Math.min(MAX_COLUMNS, panels.size());
        int rows = (panels.size() + columns - 1) / columns;
        int band = options.title == null ? 0 : TITLE_BAND;
        int width = options.width > 0 ? options.width : columns * PANEL_WIDTH;
        int height = options.height > 0 ? options.height : rows * PANEL_HEIGHT + band;
        PictureFile.write(file, width, height, g -> {
            if (options.title != null) drawTitle(g, options.title, width, band);
            double w = (double) width / columns, h = (double) (height - band) / rows;
            for (int i = 0; i < panels.size(); i++) {
                panels.get(i).draw(g, new Rectangle2D.Double((i % columns) * w, band + (i / columns) * h, w, h));
            }
        });
    }

    /**
     * The quantities to plot, in the order the history first logged them, a {@code val_} key joining
     * its training key's panel (a validation-only quantity still gets a panel of its own).
     */
    static List<String> quantities(History history) {
        Set<String> names = new LinkedHashSet<>();
        for (String key : history.history().keySet()) names.add(key.startsWith("val_") ? key.substring(4) : key);
        return new ArrayList<>(names);
    }

    private static List<JFreeChart> panels(History history) {
        if (history == null) throw new IllegalArgumentException("Argument `history` must be a History returned by fit. Received: history=null");
        Map<String, List<Double>> logs = history.history();
        List<Integer> epochs = history.epoch();
        if (epochs.isEmpty() || logs.isEmpty()) {
            throw new IllegalArgumentException("The history holds no epochs to plot: fit ran for 0 epochs. Received: history=" + history);
        }
        List<JFreeChart> charts = new ArrayList<>();
        for (String name : quantities(history)) {
            XYSeriesCollection data = new XYSeriesCollection();
            List<Color> colors = new ArrayList<>();
            if (logs.containsKey(name)) {
                data.addSeries(series(name, epochs, logs.get(name)));
                colors.add(TRAIN_COLOR);
            }
            if (logs.containsKey("val_" + name)) {
                data.addSeries(series("val_" + name, epochs, logs.get("val_" + name)));
                colors.add(VALIDATION_COLOR);
            }
            charts.add(chart(name, data, colors, epochs.size()));
        }
        return charts;
    }

    /** Epochs are shown 1-based, as fit's progress bar counts them ("Epoch 1/20"). */
    private static XYSeries series(String key, List<Integer> epochs, List<Double> values) {
        XYSeries s = new XYSeries(key, false, true);
        // A quantity first logged after epoch 0 (e.g. validation every few epochs) has fewer values: align at the end.
        int offset = epochs.size() - values.size();
        for (int i = 0; i < values.size(); i++) {
            Double v = values.get(i);
            // NaN breaks the line there rather than failing the whole picture (a diverged run is worth seeing).
            s.add(epochs.get(i + Math.max(offset, 0)) + 1, v == null || v.isInfinite() ? Double.NaN : v);
        }
        return s;
    }

    private static JFreeChart chart(String name, XYSeriesCollection data, List<Color> colors, int nEpochs) {
        NumberAxis x = new NumberAxis("epoch");
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        x.setAutoRangeIncludesZero(false);
        NumberAxis y = new NumberAxis(name);
        y.setAutoRangeIncludesZero(false);
        // Markers help short runs (a handful of points); on long runs they would only clutter the line.
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, nEpochs <= 30);
        for (int i = 0; i < colors.size(); i++) {
            renderer.setSeriesPaint(i, colors.get(i));
            renderer.setSeriesStroke(i, new BasicStroke(2.5f));
        }
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
        plot.setRangeGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
        JFreeChart chart = new JFreeChart(name, new Font(Font.SANS_SERIF, Font.BOLD, 14), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.getLegend().setBackgroundPaint(Color.WHITE);
        return chart;
    }

    static void drawTitle(Graphics2D g, String title, int width, int band) {
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        FontMetrics fm = g.getFontMetrics();
        g.drawString(title, Math.max(0, (width - fm.stringWidth(title)) / 2), (band + fm.getAscent() - fm.getDescent()) / 2);
    }
}
