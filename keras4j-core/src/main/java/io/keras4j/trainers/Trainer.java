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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one loop behind {@code fit}, {@code evaluate} and {@code predict} (Keras's {@code Trainer}):
 * batches the arrays, runs the train/test step, keeps the loss and metric trackers, and calls the
 * callbacks' hooks. Data are lists: one array per model input and per model output. With several
 * outputs the loss is the weighted sum of per-output losses, and the logs hold
 * {@code <output>_loss} and {@code <output>_<metric>} as in Keras. Logs are sorted by name, as
 * Keras sorts them.
 */
public final class Trainer {
    private final Model model;
    private Optimizer optimizer;
    private List<Loss> losses;
    private List<Double> lossWeights;
    private List<List<Object>> metricSpecs;
    private List<List<Metric>> metrics;
    private double lossSum;
    private double lossCount;
    private double[] outputLossSums;

    public Trainer(Model model) { this.model = model; }

    /**
     * @param losses      one per output, or one for every output
     * @param lossWeights one per output, or null for 1 each
     * @param metrics     per output (String or Metric), or one list for every output
     */
    public void compile(Optimizer optimizer, List<Loss> losses, List<Double> lossWeights, List<? extends List<?>> metrics) {
        if (optimizer == null) throw new IllegalArgumentException("Argument `optimizer` must not be None");
        if (losses == null || losses.isEmpty() || losses.stream().anyMatch(java.util.Objects::isNull)) throw new IllegalArgumentException("Argument `loss` must not be None");
        int n = Math.max(1, model.outputs().size());
        if (losses.size() != 1 && losses.size() != n) {
            throw new IllegalArgumentException("The model has " + n + " outputs, but `loss` has " + losses.size() + " entries; pass one loss or one per output");
        }
        if (lossWeights != null && lossWeights.size() != n) {
            throw new IllegalArgumentException("The model has " + n + " outputs, but `loss_weights` has " + lossWeights.size() + " entries");
        }
        if (metrics.size() != 1 && metrics.size() != n) {
            throw new IllegalArgumentException("The model has " + n + " outputs, but `metrics` has " + metrics.size() + " lists; pass one list or one per output");
        }
        List<List<Object>> specs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<Object> spec = new ArrayList<>(metrics.get(metrics.size() == 1 ? 0 : i));
            for (Object m : spec) {
                if (m instanceof String s) {
                    if (!s.equalsIgnoreCase("accuracy") && !s.equalsIgnoreCase("acc")) Metrics.get(s); // unknown names fail now, not at fit
                } else if (!(m instanceof Metric)) {
                    throw new IllegalArgumentException("Metrics must be strings or Metric objects. Received: " + m);
                }
            }
            specs.add(spec);
        }
        this.optimizer = optimizer;
        this.losses = new ArrayList<>();
        for (int i = 0; i < n; i++) this.losses.add(losses.get(losses.size() == 1 ? 0 : i));
        this.lossWeights = lossWeights == null ? null : List.copyOf(lossWeights);
        this.metricSpecs = specs;
        this.metrics = null;
    }

    public boolean compiled() { return optimizer != null; }

    public Optimizer optimizer() { return optimizer; }

    /** The loss of the (first) output. */
    public Loss loss() { return losses == null ? null : losses.get(0); }

    private void requireCompiled() {
        if (!compiled()) throw new IllegalStateException("You must call `compile()` before using the model.");
    }

    private int outputs() { return losses.size(); }

    /** Metrics are resolved at the first batch: "accuracy" depends on the shapes of y and the output. */
    private List<List<Metric>> metrics(List<Tensor> y, List<Tensor> yPred) {
        if (metrics == null) {
            List<List<Metric>> all = new ArrayList<>();
            for (int i = 0; i < outputs(); i++) {
                List<Metric> out = new ArrayList<>();
                for (Object m : metricSpecs.get(i)) {
                    if (m instanceof Metric metric) out.add(metric);
                    else out.add(Metrics.get((String) m, losses.get(i).name(), y.get(i).shape(), yPred.get(i).shape()));
                }
                all.add(out);
            }
            metrics = all;
        }
        return metrics;
    }

    private void resetTrackers() {
        lossSum = 0;
        lossCount = 0;
        outputLossSums = new double[losses.size()];
        if (metrics != null) metrics.forEach(ms -> ms.forEach(Metric::resetState));
    }

    private Map<String, Double> logs() {
        Map<String, Double> logs = new TreeMap<>();
        logs.put("loss", lossCount == 0 ? 0 : lossSum / lossCount);
        boolean multi = outputs() > 1;
        List<String> names = multi ? model.outputNames() : List.of("");
        for (int o = 0; o < outputs(); o++) {
            String prefix = multi ? names.get(o) + "_" : "";
            if (multi) logs.put(prefix + "loss", lossCount == 0 ? 0 : outputLossSums[o] / lossCount);
            if (metrics == null) continue;
            for (Metric m : metrics.get(o)) {
                Tensor r = m.resultTensor();
                // Keras logs a vector result (F1 per class, several thresholds) as an array: one entry per element here.
                if (r.size() == 1) logs.put(prefix + m.name(), m.result());
                else for (int i = 0; i < r.size(); i++) logs.put(prefix + m.name() + "_" + i, r.getDouble(i));
            }
        }
        return logs;
    }

    /** The weighted total loss and each output's loss, on one batch. */
    private Tensor[] computeLoss(List<Tensor> y, List<Tensor> yPred) {
        Tensor[] parts = new Tensor[outputs() + 1];
        Tensor total = null;
        for (int o = 0; o < outputs(); o++) {
            parts[o + 1] = losses.get(o).apply(y.get(o), yPred.get(o), null);
            Tensor weighted = lossWeights == null ? parts[o + 1] : Ops.multiply(parts[o + 1], lossWeights.get(o));
            total = total == null ? weighted : Ops.add(total, weighted);
        }
        // Terms the layers added during this forward pass (activity regularization), as Keras's compute_loss.
        for (Tensor extra : model.losses()) total = Ops.add(total, extra);
        parts[0] = total;
        return parts;
    }

    private void track(Tensor[] lossParts, List<Tensor> y, List<Tensor> yPred) {
        int n = y.get(0).shape().dim(0);
        lossSum += lossParts[0].item() * n;
        for (int o = 0; o < outputs(); o++) outputLossSums[o] += lossParts[o + 1].item() * n;
        lossCount += n;
        List<List<Metric>> ms = metrics(y, yPred);
        for (int o = 0; o < outputs(); o++) for (Metric m : ms.get(o)) m.updateState(y.get(o), yPred.get(o), null);
    }

    // ------------------------------------------------------------------ steps

    /** Forward, loss, gradients and one optimizer update on a batch; returns the total loss. */
    private double trainStep(List<Tensor> x, List<Tensor> y) {
        List<Variable> vars = model.trainableVariables();
        List<Tensor> yPred;
        Tensor[] parts;
        List<Tensor> grads;
        try (GradientTape tape = new GradientTape()) {
            model.clearLosses();
            yPred = model.applyAll(x, true);
            parts = computeLoss(y, yPred);
            grads = tape.gradientOfVariables(parts[0], vars);
        }
        optimizer.apply(grads, vars);
        track(parts, y, yPred);
        return parts[0].item();
    }

    private void testStep(List<Tensor> x, List<Tensor> y) {
        model.clearLosses();
        List<Tensor> yPred = model.applyAll(x, false);
        track(computeLoss(y, yPred), y, yPred);
    }

    public Map<String, Double> trainOnBatch(List<Tensor> x, List<Tensor> y) {
        requireCompiled();
        checkData(x, y);
        resetTrackers();
        trainStep(x, y);
        return logs();
    }

    public Map<String, Double> testOnBatch(List<Tensor> x, List<Tensor> y) {
        requireCompiled();
        checkData(x, y);
        resetTrackers();
        testStep(x, y);
        return logs();
    }

    // ------------------------------------------------------------------ loops

    /** Same number of samples everywhere; as many target arrays as outputs. */
    private void checkData(List<Tensor> x, List<Tensor> y) {
        List<Tensor> all = new ArrayList<>(x);
        if (y != null) all.addAll(y);
        for (Tensor t : all) {
            if (t.rank() == 0) throw new IllegalArgumentException("Inputs and targets must have a batch dimension; received an array of shape " + t.shape());
        }
        int n = x.get(0).shape().dim(0);
        for (Tensor t : all) {
            if (t.shape().dim(0) != n) {
                StringBuilder xs = new StringBuilder(), ys = new StringBuilder();
                for (Tensor a : x) xs.append(xs.length() == 0 ? "" : ", ").append(a.shape().dim(0));
                if (y != null) for (Tensor a : y) ys.append(ys.length() == 0 ? "" : ", ").append(a.shape().dim(0));
                throw new IllegalArgumentException("Data cardinality is ambiguous. Make sure all arrays contain the same number of samples.\n'x' sizes: "
                        + xs + "\n'y' sizes: " + ys);
            }
        }
        if (y != null && y.size() != outputs()) {
            throw new IllegalArgumentException("The model has " + outputs() + " output(s), but " + y.size() + " target arrays were given");
        }
    }

    private static List<Tensor> rows(List<Tensor> ts, int[] order, int from, int to) {
        List<Tensor> out = new ArrayList<>(ts.size());
        for (Tensor t : ts) {
            out.add(order == null ? Ops.sliceAxis0(t, from, to) : Ops.take(t, Tensor.ofInts(Arrays.copyOfRange(order, from, to), to - from), 0));
        }
        return out;
    }

    private static List<Tensor> rowRange(List<Tensor> ts, int from, int to) { return rows(ts, null, from, to); }

    public History fit(List<Tensor> x, List<Tensor> y, FitOptions o) {
        requireCompiled();
        checkData(x, y);
        List<Tensor> vx = o.validationX, vy = o.validationY;
        if (vx != null) checkData(vx, vy);
        else if (o.validationSplit > 0) {
            int n = x.get(0).shape().dim(0);
            int splitAt = (int) Math.floor(n * (1.0 - o.validationSplit));
            if (splitAt == 0 || splitAt == n) {
                throw new IllegalArgumentException("Training data contains " + n + " samples, which is not sufficient to split it into a validation and "
                        + "training set as specified by `validation_split=" + o.validationSplit + "`. Either provide more data, or a different value for the "
                        + "`validation_split` argument.");
            }
            vx = rowRange(x, splitAt, n);
            vy = rowRange(y, splitAt, n);
            x = rowRange(x, 0, splitAt);
            y = rowRange(y, 0, splitAt);
        }
        int n = x.get(0).shape().dim(0);
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
                    l = trainStep(rows(x, order, from, to), rows(y, order, from, to));
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

    public Map<String, Double> evaluate(List<Tensor> x, List<Tensor> y, int batchSize, int verbose, List<Callback> callbacks) {
        requireCompiled();
        checkData(x, y);
        int steps = (x.get(0).shape().dim(0) + batchSize - 1) / batchSize;
        CallbackList cbs = callbacks(callbacks, null, verbose, Map.of("steps", steps, "verbose", verbose));
        return evaluateLoop(x, y, batchSize, cbs);
    }

    private Map<String, Double> evaluateLoop(List<Tensor> x, List<Tensor> y, int batchSize, CallbackList cbs) {
        // Inside fit this runs after the epoch's logs were taken, so the trackers can be reused.
        resetTrackers();
        int n = x.get(0).shape().dim(0);
        int steps = (n + batchSize - 1) / batchSize;
        cbs.onTestBegin(Map.of());
        for (int step = 0; step < steps; step++) {
            int from = step * batchSize, to = Math.min(n, from + batchSize);
            cbs.onTestBatchBegin(step, Map.of());
            try (ScratchPool.Scope scope = ScratchPool.open()) {
                testStep(rowRange(x, from, to), rowRange(y, from, to));
            }
            cbs.onTestBatchEnd(step, logs());
        }
        Map<String, Double> result = logs();
        cbs.onTestEnd(result);
        return result;
    }

    /** One array per model output. */
    public List<Tensor> predict(List<Tensor> x, int batchSize, int verbose, List<Callback> callbacks) {
        checkData(x, null);
        int n = x.get(0).shape().dim(0);
        int steps = (n + batchSize - 1) / batchSize;
        CallbackList cbs = callbacks(callbacks, null, verbose, Map.of("steps", steps, "verbose", verbose));
        cbs.onPredictBegin(Map.of());
        List<List<Tensor>> parts = new ArrayList<>();
        for (int step = 0; step < steps; step++) {
            int from = step * batchSize, to = Math.min(n, from + batchSize);
            cbs.onPredictBatchBegin(step, Map.of());
            List<Tensor> out = model.applyAll(rowRange(x, from, to), false);
            for (int i = 0; i < out.size(); i++) {
                if (parts.size() <= i) parts.add(new ArrayList<>());
                parts.get(i).add(out.get(i));
            }
            cbs.onPredictBatchEnd(step, Map.of());
        }
        cbs.onPredictEnd(Map.of());
        List<Tensor> result = new ArrayList<>();
        for (List<Tensor> p : parts) result.add(p.size() == 1 ? p.get(0) : Ops.concatenate(p, 0));
        return result;
    }
}
