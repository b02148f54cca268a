package io.keras4j.wrappers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The outcome of a hyperparameter search, scikit-learn's {@code cv_results_} as rows: for each
 * setting its per-fold test scores, their mean and (population) standard deviation, and its rank
 * (1 = best; ties share the smaller rank; a setting whose score is NaN ranks last).
 * {@link #toString()} prints the table, best first.
 */
public final class SearchResults {
    /** One setting's results. {@code scores[k]} is the test score on fold {@code k}. */
    public record Row(int index, Params params, double[] scores, double mean, double std, int rank, double meanFitTimeSeconds) {
        public Row {
            scores = scores.clone();
        }

        @Override public double[] scores() { return scores.clone(); }

        @Override public boolean equals(Object o) {
            return o instanceof Row r && r.index == index && r.params.equals(params) && Arrays.equals(r.scores, scores) && r.rank == rank;
        }

        @Override public int hashCode() { return 31 * index + Arrays.hashCode(scores); }
    }

    private final String scoring;
    private final boolean greaterIsBetter;
    private final int nSplits;
    private final List<Row> rows;
    private final int bestIndex;

    SearchResults(String scoring, boolean greaterIsBetter, int nSplits, List<Params> settings, double[][] scores, double[] fitTimes) {
        this.scoring = scoring;
        this.greaterIsBetter = greaterIsBetter;
        this.nSplits = nSplits;
        int n = settings.size();
        double[] means = new double[n], stds = new double[n];
        for (int i = 0; i < n; i++) {
            double m = 0;
            for (double s : scores[i]) m += s;
            m /= scores[i].length;
            double v = 0;
            for (double s : scores[i]) v += (s - m) * (s - m);
            means[i] = m;
            stds[i] = Math.sqrt(v / scores[i].length);
        }
        int[] ranks = ranks(means, greaterIsBetter);
        List<Row> out = new ArrayList<>();
        int best = 0;
        for (int i = 0; i < n; i++) {
            out.add(new Row(i, settings.get(i), scores[i], means[i], stds[i], ranks[i], fitTimes[i]));
            if (ranks[i] < ranks[best]) best = i;
        }
        this.rows = Collections.unmodifiableList(out);
        this.bestIndex = best;
    }

    /** scipy's {@code rankdata(method="min")} of the scores, best first; NaN after every number. */
    static int[] ranks(double[] means, boolean greaterIsBetter) {
        int[] r = new int[means.length];
        for (int i = 0; i < means.length; i++) {
            int better = 0;
            for (int j = 0; j < means.length; j++) {
                if (j != i && isBetter(means[j], means[i], greaterIsBetter)) better++;
            }
            r[i] = better + 1;
        }
        return r;
    }

    private static boolean isBetter(double a, double b, boolean greaterIsBetter) {
        if (Double.isNaN(a)) return false;
        if (Double.isNaN(b)) return true;
        return greaterIsBetter ? a > b : a < b;
    }

    /** The rows in the order the settings were tried. */
    public List<Row> rows() { return rows; }

    public int size() { return rows.size(); }

    /** The scoring name the scores are values of ("accuracy", "r2", "val_loss", ...). */
    public String scoring() { return scoring; }

    public boolean greaterIsBetter() { return greaterIsBetter; }

    public int nSplits() { return nSplits; }

    /** The index of the best setting (the first one ranked 1). */
    public int bestIndex() { return bestIndex; }

    public Params bestParams() { return rows.get(bestIndex).params(); }

    /** The best setting's mean test score. */
    public double bestScore() { return rows.get(bestIndex).mean(); }

    /** The table, best first: rank, one column per parameter, mean and std of the test score. */
    @Override public String toString() {
        Set<String> names = new LinkedHashSet<>();
        for (Row r : rows) names.addAll(r.params().asMap().keySet());
        List<String> header = new ArrayList<>();
        header.add("rank");
        header.addAll(names);
        header.add("mean_test_score");
        header.add("std_test_score");
        List<String[]> cells = new ArrayList<>();
        List<Row> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparingInt(Row::rank).thenComparingInt(Row::index));
        for (Row r : sorted) {
            List<String> c = new ArrayList<>();
            c.add(Integer.toString(r.rank()));
            for (String name : names) c.add(r.params().asMap().containsKey(name) ? String.valueOf(r.params().asMap().get(name)) : "-");
            c.add(String.format(Locale.ROOT, "%.4f", r.mean()));
            c.add(String.format(Locale.ROOT, "%.4f", r.std()));
            cells.add(c.toArray(new String[0]));
        }
        int[] w = new int[header.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = header.get(i).length();
            for (String[] c : cells) w[i] = Math.max(w[i], c[i].length());
        }
        StringBuilder sb = new StringBuilder();
        sb.append("Search results: scoring=").append(scoring).append(" (").append(greaterIsBetter ? "higher" : "lower").append(" is better), ")
                .append(nSplits).append("-fold cross-validation, ").append(rows.size()).append(" settings, best first\n");
        appendLine(sb, header.toArray(new String[0]), w);
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < w.length; i++) rule.append(i == 0 ? "" : "  ").append("-".repeat(w[i]));
        sb.append(rule).append('\n');
        for (String[] c : cells) appendLine(sb, c, w);
        return sb.toString();
    }

    /** Numbers right-aligned, parameter values left-aligned. */
    private static void appendLine(StringBuilder sb, String[] c, int[] w) {
        for (int i = 0; i < c.length; i++) {
            if (i > 0) sb.append("  ");
            boolean right = i == 0 || i >= c.length - 2;
            String pad = " ".repeat(w[i] - c[i].length());
            sb.append(right ? pad + c[i] : c[i] + pad);
        }
        int end = sb.length();
        while (end > 0 && sb.charAt(end - 1) == ' ') end--;
        sb.setLength(end);
        sb.append('\n');
    }
}
