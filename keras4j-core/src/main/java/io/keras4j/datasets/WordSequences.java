package io.keras4j.datasets;

import java.util.ArrayList;
import java.util.List;

/**
 * The steps Keras's {@code imdb} and {@code reuters} loaders apply to word-index sequences, with
 * their exact rules: a start mark and an index offset, dropping sequences not shorter than
 * {@code maxlen}, and replacing (or dropping) words outside {@code [skip_top, num_words)}.
 */
final class WordSequences {
    private WordSequences() {}

    /** {@code [start_char] + [w + index_from for w in x]} (no start mark when {@code startChar} is null). */
    static List<int[]> offset(List<int[]> xs, Integer startChar, int indexFrom) {
        List<int[]> out = new ArrayList<>(xs.size());
        for (int[] x : xs) {
            int s = startChar != null ? 1 : 0;
            int[] y = new int[x.length + s];
            if (startChar != null) y[0] = startChar;
            for (int i = 0; i < x.length; i++) y[i + s] = x[i] + indexFrom;
            out.add(y);
        }
        return out;
    }

    /**
     * Keras's {@code remove_long_seq}: keeps the sequences strictly shorter than {@code maxlen}
     * (the start mark counts) and their labels; fills {@code keptLabels}.
     */
    static List<int[]> removeLong(int maxlen, List<int[]> xs, long[] labels, List<Long> keptLabels) {
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < xs.size(); i++) {
            if (xs.get(i).length < maxlen) {
                out.add(xs.get(i));
                keptLabels.add(labels[i]);
            }
        }
        return out;
    }

    /**
     * Words outside {@code [skipTop, numWords)} become {@code oovChar}, or are dropped when it is
     * null. A null or zero {@code numWords} means the largest index present, which Keras then
     * treats as excluded too ({@code w < num_words}); that quirk is kept so the data match.
     */
    static List<int[]> limit(List<int[]> xs, Integer numWords, int skipTop, Integer oovChar) {
        int limit;
        if (numWords == null || numWords == 0) {
            limit = Integer.MIN_VALUE;
            for (int[] x : xs) for (int w : x) limit = Math.max(limit, w);
        } else {
            limit = numWords;
        }
        List<int[]> out = new ArrayList<>(xs.size());
        for (int[] x : xs) {
            if (oovChar != null) {
                int[] y = new int[x.length];
                for (int i = 0; i < x.length; i++) y[i] = skipTop <= x[i] && x[i] < limit ? x[i] : oovChar;
                out.add(y);
            } else {
                int n = 0;
                int[] y = new int[x.length];
                for (int w : x) if (skipTop <= w && w < limit) y[n++] = w;
                out.add(java.util.Arrays.copyOf(y, n));
            }
        }
        return out;
    }

    static <T> List<T> permute(List<T> xs, int[] order) {
        List<T> out = new ArrayList<>(order.length);
        for (int i : order) out.add(xs.get(i));
        return out;
    }

    static long[] permute(long[] xs, int[] order) {
        long[] out = new long[order.length];
        for (int i = 0; i < order.length; i++) out[i] = xs[order[i]];
        return out;
    }

    static long[] toLongs(List<Long> xs) {
        long[] out = new long[xs.size()];
        for (int i = 0; i < out.length; i++) out[i] = xs.get(i);
        return out;
    }
}
