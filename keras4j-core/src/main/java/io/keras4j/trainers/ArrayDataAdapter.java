package io.keras4j.trainers;

import io.keras4j.ops.Ops;
import io.keras4j.random.Random;
import io.keras4j.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Keras's array data adapter: batches of rows of in-memory arrays, in a new order each epoch when
 * shuffling. The order is a function of the fit's seed and the epoch alone, not of what was drawn
 * before, so a fit resumed from a backup repeats the uninterrupted run.
 */
final class ArrayDataAdapter implements TrainBatches {
    private final List<Tensor> x, y, sampleWeight;
    private final int samples, batchSize, steps;
    private final boolean shuffle;
    private final long fitSeed;
    private int[] order;
    private int step;

    ArrayDataAdapter(List<Tensor> x, List<Tensor> y, List<Tensor> sampleWeight, int batchSize, boolean shuffle, long fitSeed) {
        this.x = x;
        this.y = y;
        this.sampleWeight = sampleWeight;
        this.samples = x.get(0).shape().dim(0);
        this.batchSize = batchSize;
        this.steps = (samples + batchSize - 1) / batchSize;
        this.shuffle = shuffle;
        this.fitSeed = fitSeed;
    }

    @Override public Integer numSteps() { return steps; }

    @Override public void beginEpoch(int epoch) {
        order = shuffle ? Random.permutation(samples, Random.deriveSeed(fitSeed, epoch)) : null;
        step = 0;
    }

    @Override public void skip(int n) { step += n; }

    @Override public Batch next() {
        if (step >= steps) return null;
        int from = step * batchSize, to = Math.min(samples, from + batchSize);
        step++;
        return new Batch(rows(x, order, from, to), rows(y, order, from, to), rows(sampleWeight, order, from, to));
    }

    /** Rows {@code from..to} of each array, through {@code order} when given; null entries stay null. */
    static List<Tensor> rows(List<Tensor> ts, int[] order, int from, int to) {
        if (ts == null) return null;
        List<Tensor> out = new ArrayList<>(ts.size());
        for (Tensor t : ts) {
            if (t == null) { out.add(null); continue; } // an output without sample weights
            out.add(order == null ? Ops.sliceAxis0(t, from, to) : Ops.take(t, Tensor.ofInts(Arrays.copyOfRange(order, from, to), to - from), 0));
        }
        return out;
    }
}
