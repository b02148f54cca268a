package io.keras4j.trainers;

import io.keras4j.autodiff.GradientTape;
import io.keras4j.autodiff.Variable;
import io.keras4j.backend.ScratchPool;
import io.keras4j.callbacks.Callback;
import io.keras4j.callbacks.CallbackList;
import io.keras4j.callbacks.History;
import io.keras4j.callbacks.ProgbarLogger;
import io.keras4j.losses.Loss;
import io.keras4j.metrics.Metric;
import io.keras4j.metrics.Metrics;
import io.keras4j.models.Model;
import io.keras4j.ops.Ops;
import io.keras4j.optimizers.Optimizer;
import io.keras4j.random.Random;
import io.keras4j.tensor.Tensor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one loop behind {@code fit}, {@code evaluate} and {@code predict} (Keras's {@code Trainer}):
 * batches the arrays, runs the train/test step, keeps the loss and metric trackers, and calls the
 * callbacks' hooks. Logs are sorted by name, as Keras sorts them.
 */
public final class Trainer {
    private final Model model;
    private Optimizer optimizer;
    private Loss loss;
    private List<Object> metricSpecs = List.of();
    private List<Metric> metrics;
    private double lossSum;
    private double lossCount;

    public Trainer(Model model) { this.model = model; }

    public void compile(Optimizer optimizer, Loss loss, List<?> metrics) {
        if (optimizer == null) throw new IllegalArgumentException("Argument `optimizer` must not be None");
        if (loss == null) throw new IllegalArgumentException("Argument `loss` must not be None");
        this.optimizer = optimizer;
        this.loss = loss;
        this.metricSpecs = new ArrayList<>(metrics);
        for (Object m : metricSpecs) {
            if (m instanceof String s) {
                if (!s.equalsIgnoreCase("accuracy") && !s.equalsIgnoreCase("acc")) Metrics.get(s); // unknown names fail now, not at fit
            } else if (!(m instanceof Metric)) {
                throw new IllegalArgumentException("Metrics must be strings or Metric objects. Received: " + m);
            }
        }
        this.metrics = null;
    }

    public boolean compiled() { return optimizer != null; }

    public Optimizer optimizer() { return optimizer; }

    public Loss loss() { return loss; }

    private void requireCompiled() {
        if (!compiled()) throw new IllegalStateException("You must call `compile()` before using the model.");
    }

    /** Metrics are resolved at the first batch: "accuracy" depends on the shapes of y and the output. */
    private List<Metric> metrics(Tensor y, Tensor yPred) {
        if (metrics == null) {
            List<Metric> out = new ArrayList<>();
            for (Object m : metricSpecs) {
                if (m instanceof Metric metric) out.add(metric);
                else out.add(Metrics.get((String) m, loss.name(), y.shape(), yPred.shape()));
            }
            metrics = out;
        }
        return metrics;
    }

    private void resetTrackers() {
        lossSum = 0;
        lossCount = 0;
        if (metrics != null) metrics.forEach(Metric::resetState);
    }

    private Map<String, Double> logs() {
        Map<String, Double> logs = new TreeMap<>();
        logs.put("loss", lossCount == 0 ? 0 : lossSum / lossCount);
        if (metrics != null) {
            for (Metric m : metrics) {
                Tensor r = m.resultTensor();
                // Keras logs a vector result (F1 per class, several thresholds) as an array: one entry per element here.
                if (r.size() == 1) logs.put(m.name(), m.result());
                else for (int i = 0; i < r.size(); i++) logs.put(m.name() + "_" + i, r.getDouble(i));
            }
        }
        return logs;
    }

    private void track(Tensor lossValue, Tensor y, Tensor yPred) {
        int n = y.shape().dim(0);
        lossSum += lossValue.item() * n;
        lossCount += n;
        for (Metric m : metrics(y, yPred)) m.updateState(y, yPred, null);
    }

    // ------------------------------------------------------------------ steps

    /** Forward, loss, gradients and one optimizer update on a batch; returns the loss tensor. */
    private Tensor trainStep(Tensor x, Tensor y) {
        List<Variable> vars = model.trainableVariables();
        Tensor yPred, lossValue;
        List<Tensor> grads;
        try (GradientTape tape = new GradientTape()) {
            yPred = model.apply(x, true);
            lossValue = loss.apply(y, yPred, null);
            grads = tape.gradientOfVariables(lossValue, vars);
        }
        optimizer.apply(grads, vars);
        track(lossValue, y, yPred);
        return lossValue;
    }

    private void testStep(Tensor x, Tensor y) {
        Tensor yPred = model.apply(x, false);
        track(loss.apply(y, yPred, null), y, yPred);
    }

    public Map<String, Double> trainOnBatch(Tensor x, Tensor y) {
        requireCompiled();
        checkCardinality(x, y);
        resetTrackers();
        trainStep(x, y);
        return logs();
    }

    public Map<String, Double> testOnBatch(Tensor x, Tensor y) {
        requireCompiled();
        checkCardinality(x, y);
        resetTrackers();
        testStep(x, y);
        return logs();
    }

    // ------------------------------------------------------------------ loops

    static void checkCardinality(Tensor x, Tensor y) {
        if (x.rank() == 0 || (y != null && y.rank() == 0)) throw new IllegalArgumentException("Inputs and targets must have a batch dimension; received x shape " + x.shape());
        if (y != null && x.shape().dim(0) != y.shape().dim(0)) {
            throw new IllegalArgumentException("Data cardinality is ambiguous. Make sure all arrays contain the same number of samples.\n'x' sizes: "
                    + x.shape().dim(0) + "\n'y' sizes: " + y.shape().dim(0));
        }
    }

    private static Tensor rows(Tensor t, int[] order, int from, int to) {
        if (order == null) return Ops.sliceAxis0(t, from, to);
        return Ops.take(t, Tensor.ofInts(java.util.Arrays.copyOfRange(order, from, to), to - from), 0);
    }

    public History fit(Tensor x, Tensor y, FitOptions o) {
        requireCompiled();
        checkCardinality(x, y);
        Tensor vx = o.validationX, vy = o.validationY;
        if (vx != null) checkCardinality(vx, vy);
        else if (o.validationSplit > 0) {
            int n = x.shape().dim(0);
            int splitAt = (int) Math.floor(n * (1.0 - o.validationSplit));
            if (splitAt == 0 || splitAt == n) {
                throw new IllegalArgumentException("Training data contains " + n + " samples, which is not sufficient to split it into a validation and "
                        + "training set as specified by `validation_split=" + o.validationSplit + "`. Either provide more data, or a different value for the "
                        + "`validation_split` argument.");
            }
            vx = Ops.sliceAxis0(x, splitAt, n);
            vy = Ops.sliceAxis0(y, splitAt, n);
            x = Ops.sliceAxis0(x, 0, splitAt);
            y = Ops.sliceAxis0(y, 0, splitAt);
        }
        int n = x.shape().dim(0);
        int steps = (n + o.batchSize - 1) / o.batchSize;
        History history = new History();
        CallbackList cbs = callbacks(o.callbacks, history, o.verbose, Map.of("epochs", o.epochs, "steps", steps, "verbose", o.verbose));
        model.setStopTraining(false);
        cbs.onTrainBegin(Map.of());
        Map<String, Double> epochLogs = Map.of();
        for (int epoch = o.initialEpoch; epoch < o.epochs; epoch++) {
            resetTrackers();
            cbs.onEpochBegin(epoch, Map.of());
            int[] order = o.shuffle ? Random.permutation(n, null) : null;
            for (int step = 0; step < steps; step++) {
                int from = step * o.batchSize, to = Math.min(n, from + o.batchSize);
                cbs.onTrainBatchBegin(step, Map.of());
                double l;
                try (ScratchPool.Scope scope = ScratchPool.open()) {
                    l = trainStep(rows(x, order, from, to), rows(y, order, from, to)).item();
                }
                if (!Double.isFinite(l)) throw new InvalidLossException(l, epoch, step, history);
                cbs.onTrainBatchEnd(step, logs());
                if (model.stopTraining()) break;
            }
            epochLogs = logs();
            if (vx != null) {
                Map<String, Double> val = evaluateLoop(vx, vy, o.batchSize, cbs);
                Map<String, Double> merged = new TreeMap<>(epochLogs);
                val.forEach((k, v) -> merged.put("val_" + k, v));
                epochLogs = merged;
            }
            cbs.onEpochEnd(epoch, epochLogs);
            if (model.stopTraining()) break;
        }
        cbs.onTrainEnd(epochLogs);
        return history;
    }

    private CallbackList callbacks(List<Callback> user, History history, int verbose, Map<String, Object> params) {
        List<Callback> all = new ArrayList<>();
        if (history != null) all.add(history);
        if (verbose > 0) all.add(new ProgbarLogger());
        all.addAll(user);
        CallbackList cbs = new CallbackList(all);
        cbs.setModel(model);
        cbs.setParams(new LinkedHashMap<>(params));
        return cbs;
    }

    public Map<String, Double> evaluate(Tensor x, Tensor y, int batchSize, int verbose, List<Callback> callbacks) {
        requireCompiled();
        checkCardinality(x, y);
        int steps = (x.shape().dim(0) + batchSize - 1) / batchSize;
        CallbackList cbs = callbacks(callbacks, null, verbose, Map.of("steps", steps, "verbose", verbose));
        return evaluateLoop(x, y, batchSize, cbs);
    }

    private Map<String, Double> evaluateLoop(Tensor x, Tensor y, int batchSize, CallbackList cbs) {
        // Inside fit this runs after the epoch's logs were taken, so the trackers can be reused.
        resetTrackers();
        int n = x.shape().dim(0);
        int steps = (n + batchSize - 1) / batchSize;
        cbs.onTestBegin(Map.of());
        for (int step = 0; step < steps; step++) {
            int from = step * batchSize, to = Math.min(n, from + batchSize);
            cbs.onTestBatchBegin(step, Map.of());
            try (ScratchPool.Scope scope = ScratchPool.open()) {
                testStep(Ops.sliceAxis0(x, from, to), Ops.sliceAxis0(y, from, to));
            }
            cbs.onTestBatchEnd(step, logs());
        }
        Map<String, Double> result = logs();
        cbs.onTestEnd(result);
        return result;
    }

    public Tensor predict(Tensor x, int batchSize, int verbose, List<Callback> callbacks) {
        if (x.rank() == 0) throw new IllegalArgumentException("predict needs inputs with a batch dimension; received shape " + x.shape());
        int n = x.shape().dim(0);
        int steps = (n + batchSize - 1) / batchSize;
        CallbackList cbs = callbacks(callbacks, null, verbose, Map.of("steps", steps, "verbose", verbose));
        cbs.onPredictBegin(Map.of());
        List<Tensor> outs = new ArrayList<>();
        for (int step = 0; step < steps; step++) {
            int from = step * batchSize, to = Math.min(n, from + batchSize);
            cbs.onPredictBatchBegin(step, Map.of());
            outs.add(model.apply(Ops.sliceAxis0(x, from, to), false));
            cbs.onPredictBatchEnd(step, Map.of());
        }
        cbs.onPredictEnd(Map.of());
        return outs.size() == 1 ? outs.get(0) : Ops.concatenate(outs, 0);
    }
}
