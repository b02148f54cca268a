package io.keras4j.trainers;

import io.keras4j.autodiff.GradientTape;
import io.keras4j.autodiff.Variable;
import io.keras4j.backend.ScratchPool;
import io.keras4j.callbacks.Callback;
import io.keras4j.callbacks.CallbackList;
import io.keras4j.callbacks.History;
import io.keras4j.callbacks.ProgbarLogger;
import io.keras4j.data.Dataset;
import io.keras4j.data.Element;
import io.keras4j.losses.Loss;
import io.keras4j.metrics.Metric;
import io.keras4j.metrics.Metrics;
import io.keras4j.models.Model;
import io.keras4j.ops.Ops;
import io.keras4j.optimizers.Optimizer;
import io.keras4j.random.Random;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.util.ArrayList;
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
 * Keras sorts them. Sample weights (given, or made from {@code class_weight}) multiply each
 * sample's loss inside the loss's reduction and feed the {@code weighted_metrics} only; the logged
 * loss is still averaged over batches by their sizes, as Keras's loss tracker does.
 */
public final class Trainer {
    private final Model model;
    private Optimizer optimizer;
    private List<Loss> losses;
    private List<Double> lossWeights;
    private List<List<Object>> metricSpecs;
    private List<List<Metric>> metrics;
    // Keras's weighted_metrics: updated with the sample weights, which `metrics` never see.
    private List<List<Object>> weightedMetricSpecs;
    private List<List<Metric>> weightedMetrics;
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
        compile(optimizer, losses, lossWeights, metrics, List.of(List.of()));
    }

    /**
     * As above, with Keras's {@code weighted_metrics}: metrics (per output, or one list for every
     * output) that are given the sample weights and class weights; plain {@code metrics} ignore them.
     */
    public void compile(Optimizer optimizer, List<Loss> losses, List<Double> lossWeights, List<? extends List<?>> metrics,
                        List<? extends List<?>> weightedMetrics) {
        if (optimizer == null) throw new IllegalArgumentException("Argument `optimizer` must not be None");
        if (losses == null || losses.isEmpty() || losses.stream().anyMatch(java.util.Objects::isNull)) throw new IllegalArgumentException("Argument `loss` must not be None");
        int n = Math.max(1, model.outputs().size());
        if (losses.size() != 1 && losses.size() != n) {
            throw new IllegalArgumentException("The model has " + n + " outputs, but `loss` has " + losses.size() + " entries; pass one loss or one per output");
        }
        if (lossWeights != null && lossWeights.size() != n) {
            throw new IllegalArgumentException("The model has " + n + " outputs, but `loss_weights` has " + lossWeights.size() + " entries");
        }
        List<List<Object>> specs = metricSpecs(metrics, n, "metrics");
        List<List<Object>> weightedSpecs = metricSpecs(weightedMetrics == null ? List.of(List.of()) : weightedMetrics, n, "weighted_metrics");
        this.optimizer = optimizer;
        this.losses = new ArrayList<>();
        for (int i = 0; i < n; i++) this.losses.add(losses.get(losses.size() == 1 ? 0 : i));
        this.lossWeights = lossWeights == null ? null : List.copyOf(lossWeights);
        this.metricSpecs = specs;
        this.metrics = null;
        this.weightedMetricSpecs = weightedSpecs;
        this.weightedMetrics = null;
    }

    private static List<List<Object>> metricSpecs(List<? extends List<?>> metrics, int n, String argument) {
        if (metrics.size() != 1 && metrics.size() != n) {
            throw new IllegalArgumentException("The model has " + n + " outputs, but `" + argument + "` has " + metrics.size() + " lists; pass one list or one per output");
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
        return specs;
    }

    public boolean compiled() { return optimizer != null; }

    public Optimizer optimizer() { return optimizer; }

    /** The loss of each output as compiled, or null before compile (for the saved compile config). */
    public List<Loss> compiledLosses() { return losses == null ? null : List.copyOf(losses); }

    /** The loss weights as compiled (null: 1 each). */
    public List<Double> compiledLossWeights() { return lossWeights; }

    /** The metrics of each output as given to compile (strings or Metric objects), or null before compile. */
    public List<List<Object>> compiledMetrics() { return metricSpecs == null ? null : List.copyOf(metricSpecs); }

    /** The weighted metrics of each output as given to compile, or null before compile. */
    public List<List<Object>> compiledWeightedMetrics() { return weightedMetricSpecs == null ? null : List.copyOf(weightedMetricSpecs); }

    /** The loss of the (first) output. */
    public Loss loss() { return losses == null ? null : losses.get(0); }

    private void requireCompiled() {
        if (!compiled()) throw new IllegalStateException("You must call `compile()` before using the model.");
    }

    private int outputs() { return losses.size(); }

    /** Metrics are resolved at the first batch: "accuracy" depends on the shapes of y and the output. */
    private List<List<Metric>> metrics(List<Tensor> y, List<Tensor> yPred) {
        if (metrics == null) {
            metrics = resolve(metricSpecs, y, yPred);
            weightedMetrics = resolve(weightedMetricSpecs, y, yPred);
        }
        return metrics;
    }

    private List<List<Metric>> resolve(List<List<Object>> specs, List<Tensor> y, List<Tensor> yPred) {
        List<List<Metric>> all = new ArrayList<>();
        for (int i = 0; i < outputs(); i++) {
            List<Metric> out = new ArrayList<>();
            for (Object m : specs.get(i)) {
                if (m instanceof Metric metric) out.add(metric);
                else out.add(Metrics.get((String) m, losses.get(i).name(), y.get(i).shape(), yPred.get(i).shape()));
            }
            all.add(out);
        }
        return all;
    }

    private void resetTrackers() {
        lossSum = 0;
        lossCount = 0;
        outputLossSums = new double[losses.size()];
        if (metrics != null) metrics.forEach(ms -> ms.forEach(Metric::resetState));
        if (weightedMetrics != null) weightedMetrics.forEach(ms -> ms.forEach(Metric::resetState));
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
            for (Metric m : metrics.get(o)) putMetric(logs, prefix + m.name(), m);
        }
        if (weightedMetrics == null) return logs;
        for (int o = 0; o < outputs(); o++) {
            String prefix = multi ? names.get(o) + "_" : "";
            for (Metric m : weightedMetrics.get(o)) {
                // Keras's CompileMetrics.result: a weighted metric named like a plain one becomes weighted_<name>.
                String name = prefix + m.name();
                if (logs.containsKey(name) || logs.containsKey(name + "_0")) name = prefix + "weighted_" + m.name();
                putMetric(logs, name, m);
            }
        }
        return logs;
    }

    private static void putMetric(Map<String, Double> logs, String name, Metric m) {
        Tensor r = m.resultTensor();
        // Keras logs a vector result (F1 per class, several thresholds) as an array: one entry per element here.
        if (r.size() == 1) logs.put(name, m.result());
        else for (int i = 0; i < r.size(); i++) logs.put(name + "_" + i, r.getDouble(i));
    }

    /**
     * The weighted total loss and each output's loss, on one batch. {@code sampleWeights} (one per
     * output, or null) go into each loss's reduction, as Keras's CompileLoss passes them.
     */
    private Tensor[] computeLoss(List<Tensor> y, List<Tensor> yPred, List<Tensor> sampleWeights) {
        Tensor[] parts = new Tensor[outputs() + 1];
        Tensor total = null;
        for (int o = 0; o < outputs(); o++) {
            parts[o + 1] = losses.get(o).apply(y.get(o), yPred.get(o), sampleWeights == null ? null : sampleWeights.get(o));
            Tensor weighted = lossWeights == null ? parts[o + 1] : Ops.multiply(parts[o + 1], lossWeights.get(o));
            total = total == null ? weighted : Ops.add(total, weighted);
        }
        // Terms the layers added during this forward pass (activity regularization), as Keras's compute_loss.
        for (Tensor extra : model.losses()) total = Ops.add(total, extra);
        parts[0] = total;
        return parts;
    }

    private void track(Tensor[] lossParts, List<Tensor> y, List<Tensor> yPred, List<Tensor> sampleWeights) {
        int n = y.get(0).shape().dim(0);
        lossSum += lossParts[0].item() * n;
        for (int o = 0; o < outputs(); o++) outputLossSums[o] += lossParts[o + 1].item() * n;
        lossCount += n;
        List<List<Metric>> ms = metrics(y, yPred);
        for (int o = 0; o < outputs(); o++) for (Metric m : ms.get(o)) m.updateState(y.get(o), yPred.get(o), null);
        for (int o = 0; o < outputs(); o++) {
            for (Metric m : weightedMetrics.get(o)) m.updateState(y.get(o), yPred.get(o), sampleWeights == null ? null : sampleWeights.get(o));
        }
    }

    // ------------------------------------------------------------------ steps

    /** Forward, loss, gradients and one optimizer update on a batch; returns the total loss. */
    private double trainStep(List<Tensor> x, List<Tensor> y) { return trainStep(x, y, null); }

    /** {@code sampleWeights}: one array per output for this batch, or null. */
    private double trainStep(List<Tensor> x, List<Tensor> y, List<Tensor> sampleWeights) {
        List<Variable> vars = model.trainableVariables();
        List<Tensor> yPred;
        Tensor[] parts;
        List<Tensor> grads;
        try (GradientTape tape = new GradientTape()) {
            model.clearLosses();
            yPred = model.applyAll(x, true);
            parts = computeLoss(y, yPred, sampleWeights);
            grads = tape.gradientOfVariables(parts[0], vars);
        }
        optimizer.apply(grads, vars);
        track(parts, y, yPred, sampleWeights);
        return parts[0].item();
    }

    private void testStep(List<Tensor> x, List<Tensor> y) { testStep(x, y, null); }

    private void testStep(List<Tensor> x, List<Tensor> y, List<Tensor> sampleWeights) {
        model.clearLosses();
        List<Tensor> yPred = model.applyAll(x, false);
        track(computeLoss(y, yPred, sampleWeights), y, yPred, sampleWeights);
    }

    public Map<String, Double> trainOnBatch(List<Tensor> x, List<Tensor> y) { return trainOnBatch(x, y, null, null); }

    /**
     * Keras's {@code train_on_batch(x, y, sample_weight, class_weight)}: {@code sampleWeight} one
     * array per output (a single one for every output), or null.
     */
    public Map<String, Double> trainOnBatch(List<Tensor> x, List<Tensor> y, List<Tensor> sampleWeight, Map<Integer, Double> classWeight) {
        requireCompiled();
        checkData(x, y);
        if (classWeight != null && sampleWeight != null) {
            throw new IllegalArgumentException("Arguments `sample_weight` and `class_weight` cannot be specified at the same time. "
                    + "Received: sample_weight=" + sampleWeight + ", class_weight=" + classWeight);
        }
        List<Tensor> sw = sampleWeights(y, sampleWeight, sampleWeight != null && sampleWeight.size() == 1, classWeight);
        checkData(x, y, sw);
        resetTrackers();
        trainStep(x, y, sw);
        return logs();
    }

    public Map<String, Double> testOnBatch(List<Tensor> x, List<Tensor> y) { return testOnBatch(x, y, null); }

    public Map<String, Double> testOnBatch(List<Tensor> x, List<Tensor> y, List<Tensor> sampleWeight) {
        requireCompiled();
        checkData(x, y);
        List<Tensor> sw = sampleWeights(y, sampleWeight, sampleWeight != null && sampleWeight.size() == 1, null);
        checkData(x, y, sw);
        resetTrackers();
        testStep(x, y, sw);
        return logs();
    }

    /**
     * Keras's array data adapter: the sample weights as one array (or null) per output. A single
     * per-sample array serves every output; {@code class_weight} becomes per-sample weights from
     * the labels of a single-output model. Null when there are no weights.
     */
    private List<Tensor> sampleWeights(List<Tensor> y, List<Tensor> given, boolean forAllOutputs, Map<Integer, Double> classWeight) {
        if (given != null && classWeight != null) {
            throw new IllegalArgumentException("You cannot `class_weight` and `sample_weight` at the same time.");
        }
        if (classWeight != null) {
            if (outputs() > 1) throw new IllegalArgumentException("`class_weight` is only supported for Models with a single output.");
            return List.of(ClassWeights.toSampleWeights(y.get(0), classWeight));
        }
        if (given == null) return null;
        if (forAllOutputs && given.size() == 1 && outputs() > 1) {
            Tensor w = given.get(0);
            boolean samplewise = w.rank() == 1 || (w.rank() == 2 && w.shape().dim(1) == 1);
            if (!samplewise) {
                throw new IllegalArgumentException("For a model with multiple outputs, when providing a single `sample_weight` array, it should only "
                        + "have one scalar score per sample (i.e. shape `(num_samples,)`). If you want to use non-scalar sample weights, pass a "
                        + "`sample_weight` argument with one array per model output.");
            }
            return java.util.Collections.nCopies(outputs(), w);
        }
        if (given.size() != outputs()) {
            List<Shape> ys = new ArrayList<>(), ws = new ArrayList<>();
            for (Tensor t : y) ys.add(t.shape());
            for (Tensor t : given) ws.add(t == null ? null : t.shape());
            throw new IllegalArgumentException("You should provide one `sample_weight` array per output in `y`. The two structures did not match:\n"
                    + "- y: " + ys + "\n- sample_weight: " + ws + "\n");
        }
        return given;
    }

    // ------------------------------------------------------------------ loops

    /** {@link #checkData(List, List)}, and the sample weights (null entries allowed) have as many samples. */
    private void checkData(List<Tensor> x, List<Tensor> y, List<Tensor> sampleWeights) {
        if (sampleWeights == null) return;
        int n = x.get(0).shape().dim(0);
        for (Tensor w : sampleWeights) {
            if (w == null) continue;
            if (w.rank() == 0 || w.shape().dim(0) != n) {
                StringBuilder xs = new StringBuilder(), ys = new StringBuilder(), ws = new StringBuilder();
                for (Tensor a : x) xs.append(xs.length() == 0 ? "" : ", ").append(a.shape().dim(0));
                for (Tensor a : y) ys.append(ys.length() == 0 ? "" : ", ").append(a.shape().dim(0));
                for (Tensor a : sampleWeights) if (a != null) ws.append(ws.length() == 0 ? "" : ", ").append(a.rank() == 0 ? "()" : a.shape().dim(0));
                throw new IllegalArgumentException("Data cardinality is ambiguous. Make sure all arrays contain the same number of samples.\n'x' sizes: "
                        + xs + "\n'y' sizes: " + ys + "\n'sample_weight' sizes: " + ws);
            }
        }
    }

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

    private static List<Tensor> rowRange(List<Tensor> ts, int from, int to) { return ArrayDataAdapter.rows(ts, null, from, to); }

    public History fit(List<Tensor> x, List<Tensor> y, FitOptions o) {
        requireCompiled();
        if (o.stepsPerEpoch != null) {
            throw new UnsupportedOperationException("`steps_per_epoch` applies to Dataset inputs in keras4j. Received: steps_per_epoch=" + o.stepsPerEpoch
                    + " with arrays; train on Dataset.fromTensorSlices(x, y).shuffle(n).batch(b).repeat() instead");
        }
        checkData(x, y);
        // Sample weights are split with the data; class weights apply to the training part only, as in Keras.
        if (o.sampleWeight != null && o.classWeight != null) {
            throw new IllegalArgumentException("You cannot `class_weight` and `sample_weight` at the same time.");
        }
        List<Tensor> sw = sampleWeights(y, o.sampleWeight, o.sampleWeightForAllOutputs, null);
        checkData(x, y, sw);
        List<Tensor> vx = o.validationX, vy = o.validationY, vsw = validationWeights(o);
        if (vx == null && o.validationSplit > 0) {
            int n = x.get(0).shape().dim(0);
            int splitAt = (int) Math.floor(n * (1.0 - o.validationSplit));
            if (splitAt == 0 || splitAt == n) {
                throw new IllegalArgumentException("Training data contains " + n + " samples, which is not sufficient to split it into a validation and "
                        + "training set as specified by `validation_split=" + o.validationSplit + "`. Either provide more data, or a different value for the "
                        + "`validation_split` argument.");
            }
            vx = rowRange(x, splitAt, n);
            vy = rowRange(y, splitAt, n);
            vsw = rowRange(sw, splitAt, n);
            x = rowRange(x, 0, splitAt);
            y = rowRange(y, 0, splitAt);
            sw = rowRange(sw, 0, splitAt);
        }
        if (o.classWeight != null) sw = sampleWeights(y, sw, false, o.classWeight);
        long fitSeed = Random.nextSeed();
        return fitLoop(new ArrayDataAdapter(x, y, sw, o.batchSize, o.shuffle, fitSeed), o, fitSeed, vx, vy, vsw);
    }

    /** The validation arrays' sample weights (null when none), after checking the arrays agree. */
    private List<Tensor> validationWeights(FitOptions o) {
        if (o.validationX == null) return null;
        checkData(o.validationX, o.validationY);
        List<Tensor> given = o.validationSampleWeight;
        List<Tensor> vsw = sampleWeights(o.validationY, given, given != null && given.size() == 1, null);
        checkData(o.validationX, o.validationY, vsw);
        return vsw;
    }

    /**
     * The one epoch loop of {@code fit}, whatever the data. Shuffling and dropout are functions of
     * (fitSeed, epoch, step), not of what was drawn before: a fit resumed from a backup at some
     * epoch and step repeats the uninterrupted run.
     */
    private History fitLoop(TrainBatches train, FitOptions o, long fitSeed, List<Tensor> vx, List<Tensor> vy, List<Tensor> vsw) {
        // A validation Dataset (io.keras4j.data); with validation_steps its iterator carries on across epochs, as in Keras.
        try (train; EpochIterator val = o.validationDataset == null ? null : new EpochIterator(o.validationDataset, o.validationSteps, INFINITE_EVAL)) {
            History history = new History();
            CallbackList cbs = callbacks(o.callbacks, history, o.verbose, params(o.epochs, train.numSteps(), o.verbose));
            model.setStopTraining(false);
            model.takeResumePoint(); // a stale one from a fit that failed before it started
            cbs.onTrainBegin(Map.of());
            int[] resume = model.takeResumePoint(); // BackupAndRestore sets it in on_train_begin
            int initialEpoch = resume != null ? resume[0] : o.initialEpoch;
            int skipSteps = resume != null ? resume[1] : 0;
            Map<String, Double> epochLogs = Map.of();
            for (int epoch = initialEpoch; epoch < o.epochs; epoch++) {
                resetTrackers();
                cbs.onEpochBegin(epoch, Map.of());
                train.beginEpoch(epoch);
                int step = 0;
                if (epoch == initialEpoch && skipSteps > 0) {
                    train.skip(skipSteps);
                    step = skipSteps;
                }
                for (TrainBatches.Batch batch; (batch = train.next()) != null; step++) {
                    cbs.onTrainBatchBegin(step, Map.of());
                    double l;
                    try (ScratchPool.Scope scope = ScratchPool.open(); Random.Scope noise = Random.stepScope(Random.deriveSeed(fitSeed, epoch, step))) {
                        l = trainStep(batch.x(), batch.y(), batch.sampleWeight());
                    }
                    cbs.onTrainBatchEnd(step, logs());
                    // A callback (TerminateOnNaN) may stop the fit on a bad loss; otherwise fail loudly.
                    if (!Double.isFinite(l) && !model.stopTraining()) throw new InvalidLossException(l, epoch, step, history);
                    if (model.stopTraining()) break;
                }
                if (step == 0 && !model.stopTraining()) {
                    throw new IllegalStateException("Unexpected result of `train_function` (Empty logs). This could be due to issues in input pipeline "
                            + "that resulted in an empty dataset (epoch " + (epoch + 1) + " got no batch).");
                }
                epochLogs = logs();
                Map<String, Double> valLogs = val != null ? evaluateLoop(val, cbs) : vx != null ? evaluateLoop(vx, vy, vsw, o.batchSize, cbs) : null;
                if (valLogs != null) {
                    Map<String, Double> merged = new TreeMap<>(epochLogs);
                    valLogs.forEach((k, v) -> merged.put("val_" + k, v));
                    epochLogs = merged;
                }
                cbs.onEpochEnd(epoch, epochLogs);
                if (model.stopTraining()) break;
            }
            cbs.onTrainEnd(epochLogs);
            return history;
        }
    }

    private CallbackList callbacks(List<Callback> user, History history, int verbose, Map<String, Object> params) {
        // Keras's order: the progress bar first, History last, so History records what the user's
        // callbacks add to the epoch logs (ReduceLROnPlateau's "learning_rate").
        List<Callback> all = new ArrayList<>();
        if (verbose > 0) all.add(new ProgbarLogger());
        all.addAll(user);
        if (history != null) all.add(history);
        CallbackList cbs = new CallbackList(all);
        cbs.setModel(model);
        cbs.setParams(new LinkedHashMap<>(params));
        return cbs;
    }

    public Map<String, Double> evaluate(List<Tensor> x, List<Tensor> y, int batchSize, int verbose, List<Callback> callbacks) {
        return evaluate(x, y, null, batchSize, verbose, callbacks);
    }

    /** Keras's {@code evaluate(..., sample_weight=...)}: one array per output (a single one for every output), or null. */
    public Map<String, Double> evaluate(List<Tensor> x, List<Tensor> y, List<Tensor> sampleWeight, int batchSize, int verbose, List<Callback> callbacks) {
        requireCompiled();
        checkData(x, y);
        List<Tensor> sw = sampleWeights(y, sampleWeight, sampleWeight != null && sampleWeight.size() == 1, null);
        checkData(x, y, sw);
        int steps = (x.get(0).shape().dim(0) + batchSize - 1) / batchSize;
        CallbackList cbs = callbacks(callbacks, null, verbose, Map.of("steps", steps, "verbose", verbose));
        return evaluateLoop(x, y, sw, batchSize, cbs);
    }

    private Map<String, Double> evaluateLoop(List<Tensor> x, List<Tensor> y, List<Tensor> sampleWeights, int batchSize, CallbackList cbs) {
        // Inside fit this runs after the epoch's logs were taken, so the trackers can be reused.
        resetTrackers();
        int n = x.get(0).shape().dim(0);
        int steps = (n + batchSize - 1) / batchSize;
        cbs.onTestBegin(Map.of());
        for (int step = 0; step < steps; step++) {
            int from = step * batchSize, to = Math.min(n, from + batchSize);
            cbs.onTestBatchBegin(step, Map.of());
            try (ScratchPool.Scope scope = ScratchPool.open()) {
                testStep(rowRange(x, from, to), rowRange(y, from, to), rowRange(sampleWeights, from, to));
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

    // ------------------------------------------------------------------ datasets

    private static final String INFINITE_FIT = "When passing an infinitely repeating dataset, please specify a `steps_per_epoch` value so that "
            + "epoch can be determined.";
    private static final String INFINITE_EVAL = "When providing an infinite dataset, you must specify the number of steps to run (if you did not "
            + "intend to create an infinite dataset, make sure to not call `repeat()` on the dataset).";

    private static Map<String, Object> params(Integer epochs, Integer steps, int verbose) {
        Map<String, Object> p = new LinkedHashMap<>(); // steps may be null (unknown), which Map.of refuses
        if (epochs != null) p.put("epochs", epochs);
        p.put("steps", steps);
        p.put("verbose", verbose);
        return p;
    }

    private static List<Tensor> targets(Element batch) {
        if (batch.y() == null) {
            throw new IllegalArgumentException("The dataset's elements have no targets: `fit` and `evaluate` need (x, y) or (x, y, sample_weight) elements");
        }
        return batch.y();
    }

    /** The batch's sample weights (and class weights) as one array per output, checked like arrays'. */
    private List<Tensor> batchWeights(Element batch, List<Tensor> y, Map<Integer, Double> classWeight) {
        List<Tensor> given = batch.sampleWeight();
        checkData(batch.x(), y);
        List<Tensor> sw = sampleWeights(y, given, given != null && given.size() == 1, classWeight);
        checkData(batch.x(), y, sw);
        return sw;
    }

    /**
     * Keras's {@code fit} on a {@link Dataset} of batches: see {@link EpochIterator} for where epochs
     * end. {@code shuffle} and {@code batch_size} do not apply (the dataset shuffles and batches);
     * {@code validation_split} is refused, as in Keras.
     */
    public History fit(Dataset<Element> data, FitOptions o) {
        requireCompiled();
        if (o.validationSplit > 0) {
            throw new IllegalArgumentException("Argument `validation_split` is only supported for tensors or NumPy arrays. Found incompatible type in the input: ["
                    + Dataset.class.getName() + "]");
        }
        List<Tensor> vx = o.validationX, vy = o.validationY, vsw = validationWeights(o);
        long fitSeed = Random.nextSeed(); // drawn as the array fit draws it, so both give the same run
        // Keras's PyDataset adapter visits the batches in a new order each epoch when shuffle is on.
        if (data instanceof io.keras4j.data.PyDataset p && o.shuffle && p.numBatches() != null) data = p.shuffled(Random.deriveSeed(fitSeed, -1));
        EpochIterator batches = new EpochIterator(data, o.stepsPerEpoch, INFINITE_FIT);
        TrainBatches train = new TrainBatches() {
            @Override public Integer numSteps() { return batches.numSteps(); }
            @Override public void beginEpoch(int epoch) { batches.beginEpoch(); }
            @Override public void skip(int n) { batches.skip(n); }
            @Override public Batch next() {
                Element e = batches.next();
                if (e == null) return null;
                List<Tensor> y = targets(e);
                return new Batch(e.x(), y, batchWeights(e, y, o.classWeight));
            }
            @Override public void close() { batches.close(); }
        };
        return fitLoop(train, o, fitSeed, vx, vy, vsw);
    }

    /** Keras's {@code evaluate} on a {@link Dataset} of batches, for {@code steps} batches or until it runs out. */
    public Map<String, Double> evaluate(Dataset<Element> data, Integer steps, int verbose, List<Callback> callbacks) {
        requireCompiled();
        try (EpochIterator it = new EpochIterator(data, steps, INFINITE_EVAL)) {
            CallbackList cbs = callbacks(callbacks, null, verbose, params(null, it.numSteps(), verbose));
            return evaluateLoop(it, cbs);
        }
    }

    private Map<String, Double> evaluateLoop(EpochIterator it, CallbackList cbs) {
        resetTrackers();
        cbs.onTestBegin(Map.of());
        it.beginEpoch();
        int step = 0;
        for (Element batch; (batch = it.next()) != null; step++) {
            List<Tensor> y = targets(batch);
            List<Tensor> sw = batchWeights(batch, y, null);
            cbs.onTestBatchBegin(step, Map.of());
            try (ScratchPool.Scope scope = ScratchPool.open()) {
                testStep(batch.x(), y, sw);
            }
            cbs.onTestBatchEnd(step, logs());
        }
        Map<String, Double> result = logs();
        cbs.onTestEnd(result);
        return result;
    }

    /** Keras's {@code predict} on a {@link Dataset} of batches (their targets, if any, are ignored): one array per output. */
    public List<Tensor> predict(Dataset<Element> data, Integer steps, int verbose, List<Callback> callbacks) {
        try (EpochIterator it = new EpochIterator(data, steps, INFINITE_EVAL)) {
            CallbackList cbs = callbacks(callbacks, null, verbose, params(null, it.numSteps(), verbose));
            cbs.onPredictBegin(Map.of());
            it.beginEpoch();
            List<List<Tensor>> parts = new ArrayList<>();
            int step = 0;
            for (Element batch; (batch = it.next()) != null; step++) {
                checkData(batch.x(), null);
                cbs.onPredictBatchBegin(step, Map.of());
                List<Tensor> out = model.applyAll(batch.x(), false);
                for (int i = 0; i < out.size(); i++) {
                    if (parts.size() <= i) parts.add(new ArrayList<>());
                    parts.get(i).add(out.get(i));
                }
                cbs.onPredictBatchEnd(step, Map.of());
            }
            cbs.onPredictEnd(Map.of());
            if (parts.isEmpty()) throw new IllegalArgumentException("Unexpected result of `predict_function` (Empty batch_outputs): the dataset gave no batch");
            List<Tensor> result = new ArrayList<>();
            for (List<Tensor> p : parts) result.add(p.size() == 1 ? p.get(0) : Ops.concatenate(p, 0));
            return result;
        }
    }
}
