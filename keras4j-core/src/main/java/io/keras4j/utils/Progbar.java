package io.keras4j.utils;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/**
 * Keras's progress bar: {@code 12/47 ━━━━━━━━━━━━━━━━━━━━ 1s 5ms/step - accuracy: 0.9133 - loss: 0.2811}.
 * On a terminal it redraws one line in place; otherwise (a file, a pipe, CI) it prints only the
 * final line, so logs hold one line per epoch.
 */
public final class Progbar {
    private static final int WIDTH = 20;

    private int target; // -1: unknown (Keras's None), learnt at the end of the first epoch
    private final int verbose;
    private final PrintStream out;
    private final boolean dynamic;
    private final String unit;
    private final long start = System.nanoTime();
    private long afterFirstStep = -1;
    private long lastUpdate;
    private int prevWidth;

    public Progbar(int target, int verbose, PrintStream out, String unit) {
        this(target, verbose, out, unit, isTerminal());
    }

    public Progbar(int target, int verbose, PrintStream out, String unit, boolean dynamic) {
        this.target = target;
        this.verbose = verbose;
        this.out = out;
        this.unit = unit;
        this.dynamic = dynamic;
    }

    /** Whether standard output is an interactive terminal (JDK 22+ reports it through Console.isTerminal). */
    public static boolean isTerminal() {
        java.io.Console c = System.console();
        if (c == null) return false;
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(c);
        } catch (ReflectiveOperationException e) {
            return true; // before JDK 22 System.console() is null unless stdin and stdout are a terminal
        }
    }

    /** Sets the number of steps once it is known (Keras's {@code progbar.target = ...}); -1 = unknown. */
    public void setTarget(int value) { target = value; }

    /** Reports progress after {@code current} steps with the running values of the metrics. */
    public void update(int current, Map<String, Double> values) { update(current, values, target >= 0 && current >= target); }

    /** As above; {@code finalize} ends the bar (with an unknown target only the caller knows when). */
    public void update(int current, Map<String, Double> values, boolean finalize) {
        long now = System.nanoTime();
        double perStep = stepDuration(current, now);
        if (verbose == 2) {
            if (finalize) out.print(countText(current) + " - " + seconds(now - start) + " -" + formatTime(perStep) + metrics(values) + "\n");
            out.flush();
            return;
        }
        if (verbose != 1) return;
        if (!dynamic && !finalize) return;
        if (dynamic && !finalize && now - lastUpdate < 50_000_000L) return;
        lastUpdate = now;
        boolean known = target > 0;
        StringBuilder line = new StringBuilder(known ? countText(current) + " " : String.format(Locale.ROOT, "%7d/Unknown", current));
        int filled = known ? (int) (WIDTH * (double) current / target) : 0;
        if (!known) { /* no bar without a target, as Keras */ }
        else if (dynamic) line.append("\u001b[32m").append("━".repeat(filled)).append("\u001b[37m").append("━".repeat(WIDTH - filled)).append("\u001b[0m");
        else line.append("━".repeat(WIDTH));
        if (finalize || !known) line.append(' ').append(seconds(now - start));
        else line.append(' ').append(eta(perStep * (target - current)));
        line.append(formatTime(perStep)).append(metrics(values));
        String text = line.toString();
        int width = text.length() - (dynamic && known ? 15 : 0); // escape sequences take no columns
        StringBuilder msg = new StringBuilder();
        if (dynamic) msg.append('\r');
        msg.append(text);
        if (dynamic && prevWidth > width) msg.append(" ".repeat(prevWidth - width));
        if (finalize) msg.append('\n');
        out.print(msg);
        out.flush();
        prevWidth = width;
    }

    private String countText(int current) {
        int digits = target > 0 ? (int) Math.log10(target) + 1 : 1;
        return String.format(Locale.ROOT, "%" + digits + "d/%d", current, target);
    }

    private double stepDuration(int current, long now) {
        if (current <= 0) return 0;
        double perStep;
        if (afterFirstStep >= 0 && current > 1) perStep = (now - afterFirstStep) / 1e9 / (current - 1);
        else perStep = (now - start) / 1e9 / current;
        if (current == 1) afterFirstStep = now;
        return perStep;
    }

    private static String seconds(long nanos) { return String.format(Locale.ROOT, "%.0fs", nanos / 1e9); }

    private static String eta(double s) {
        if (s > 3600) return String.format(Locale.ROOT, "%d:%02d:%02d", (long) s / 3600, ((long) s % 3600) / 60, (long) s % 60);
        if (s > 60) return String.format(Locale.ROOT, "%d:%02d", (long) s / 60, (long) s % 60);
        return String.format(Locale.ROOT, "%ds", (long) s);
    }

    private String formatTime(double perStep) {
        if (perStep >= 1 || perStep == 0) return String.format(Locale.ROOT, " %.0fs/%s", perStep, unit);
        if (perStep >= 1e-3) return String.format(Locale.ROOT, " %.0fms/%s", perStep * 1e3, unit);
        return String.format(Locale.ROOT, " %.0fus/%s", perStep * 1e6, unit);
    }

    /** " - name: value" in the order given, 4 decimals (scientific below 1e-3, as Keras). */
    static String metrics(Map<String, Double> values) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Double> e : values.entrySet()) {
            double v = e.getValue();
            sb.append(" - ").append(e.getKey()).append(": ")
              .append(Math.abs(v) > 1e-3 || Double.isNaN(v) ? String.format(Locale.ROOT, "%.4f", v) : String.format(Locale.ROOT, "%.4e", v));
        }
        return sb.toString();
    }
}
