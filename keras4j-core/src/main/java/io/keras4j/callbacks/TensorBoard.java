package io.keras4j.callbacks;

import io.keras4j.autodiff.Variable;
import io.keras4j.layers.Layer;
import io.keras4j.models.Model;
import io.keras4j.models.Sequential;
import io.keras4j.tensor.Tensor;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes TensorBoard logs (Keras's {@code TensorBoard}): under {@code <log_dir>/train} the epoch
 * logs as {@code epoch_<name>} scalars (with {@code epoch_learning_rate}), with a batch update
 * frequency the batch logs as {@code batch_<name>}, and every {@code histogram_freq} epochs a
 * histogram of each weight ({@code <layer>/<weight>/histogram}); under
 * {@code <log_dir>/validation} the validation logs without their {@code val_} prefix, and
 * {@code evaluation_<name>_vs_iterations} after each evaluation. With {@code write_graph} (the
 * default) the model's JSON goes to the train run for TensorBoard's conceptual graph. Profiling,
 * images and embeddings, which need TensorFlow, are not offered.
 */
public class TensorBoard extends Callback {
    private final Path logDir;
    private int histogramFreq;
    private boolean writeGraph = true;
    private Integer updateFreq; // null: "epoch"

    private SummaryWriter train;
    private SummaryWriter validation;
    private long globalTrainBatch;
    private long globalTestBatch;

    /** Keras's default log directory, "logs". */
    public TensorBoard() { this("logs"); }

    public TensorBoard(String logDir) { this(Path.of(logDir)); }

    public TensorBoard(Path logDir) {
        if (logDir == null) throw new IllegalArgumentException("Argument `log_dir` must be a path. Received: log_dir=None");
        this.logDir = logDir;
    }

    /** Every how many epochs to write weight histograms; 0 (the default) writes none. */
    public TensorBoard histogramFreq(int value) {
        if (value < 0) throw new IllegalArgumentException("Argument `histogram_freq` must be a non-negative integer. Received: histogram_freq=" + value);
        histogramFreq = value;
        return this;
    }

    public TensorBoard writeGraph(boolean value) { writeGraph = value; return this; }

    /** "epoch" (the default), "batch" (every batch) or a number of batches as a string. */
    public TensorBoard updateFreq(String value) {
        if ("epoch".equals(value)) { updateFreq = null; return this; }
        if ("batch".equals(value)) { updateFreq = 1; return this; }
        try {
            return updateFreq(Integer.parseInt(value));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Argument `update_freq` must be 'epoch', 'batch' or an integer. Received: update_freq=" + value);
        }
    }

    /** Writes the batch logs every {@code batches} batches. */
    public TensorBoard updateFreq(int batches) {
        if (batches <= 0) throw new IllegalArgumentException("Argument `update_freq` must be a positive integer. Received: update_freq=" + batches);
        updateFreq = batches;
        return this;
    }

    public Path logDir() { return logDir; }

    private SummaryWriter train() {
        if (train == null) train = new SummaryWriter(logDir.resolve("train"));
        return train;
    }

    private SummaryWriter validation() {
        if (validation == null) validation = new SummaryWriter(logDir.resolve("validation"));
        return validation;
    }

    @Override public void setModel(Model m) {
        super.setModel(m);
        closeWriters();
        // Keras writes the model's JSON when the model is set, for Functional and Sequential models only.
        if (writeGraph && (m instanceof Sequential || m.getClass() == Model.class)) {
            String json;
            try {
                json = m.toJson();
            } catch (RuntimeException e) {
                MonitorCallback.LOG.log(System.Logger.Level.WARNING, "Model failed to serialize as JSON. Ignoring... " + e.getMessage());
                return;
            }
            train().text("keras", "graph_keras_model", "1".getBytes(StandardCharsets.UTF_8), json, 0);
            train().flush();
        }
    }

    @Override public void onTrainBegin(Map<String, Double> logs) { globalTrainBatch = 0; }

    @Override public void onTrainEnd(Map<String, Double> logs) { closeWriters(); }

    @Override public void onTrainBatchBegin(int batch, Map<String, Double> logs) { globalTrainBatch++; }

    @Override public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
        if (updateFreq == null || logs == null || globalTrainBatch % updateFreq != 0) return;
        for (Map.Entry<String, Double> e : logs.entrySet()) train().scalar("batch_" + e.getKey(), e.getValue(), globalTrainBatch);
    }

    @Override public void onTestBatchBegin(int batch, Map<String, Double> logs) { globalTestBatch++; }

    @Override public void onTestEnd(Map<String, Double> logs) {
        if (model.optimizer() == null || logs == null) return;
        long step = model.optimizer().iterations();
        for (Map.Entry<String, Double> e : logs.entrySet()) validation().scalar("evaluation_" + e.getKey() + "_vs_iterations", e.getValue(), step);
        validation().flush();
    }

    @Override public void onEpochEnd(int epoch, Map<String, Double> logs) {
        if (logs != null && !logs.isEmpty()) {
            Map<String, Double> trainLogs = new LinkedHashMap<>(), valLogs = new LinkedHashMap<>();
            for (Map.Entry<String, Double> e : logs.entrySet()) {
                if (e.getKey().startsWith("val_")) valLogs.put(e.getKey().substring(4), e.getValue());
                else trainLogs.put(e.getKey(), e.getValue());
            }
            if (model.optimizer() != null) trainLogs.put("learning_rate", model.optimizer().learningRate());
            for (Map.Entry<String, Double> e : trainLogs.entrySet()) train().scalar("epoch_" + e.getKey(), e.getValue(), epoch);
            for (Map.Entry<String, Double> e : valLogs.entrySet()) validation().scalar("epoch_" + e.getKey(), e.getValue(), epoch);
            train().flush();
            if (!valLogs.isEmpty()) validation().flush();
        }
        if (histogramFreq > 0 && epoch % histogramFreq == 0) logWeights(epoch);
    }

    private void logWeights(int epoch) {
        for (Layer layer : model.layers()) {
            for (Variable w : layer.weights()) {
                // Keras tags by the variable's path ("dense/kernel"), ':' replaced.
                String path = w.name().contains("/") ? w.name() : layer.name() + "/" + w.name();
                Tensor t = w.peek();
                double[] values = new double[t.size()];
                for (int i = 0; i < values.length; i++) values[i] = t.getDouble(i);
                train().histogram(path.replace(':', '_') + "/histogram", values, epoch);
            }
        }
        train().flush();
    }

    private void closeWriters() {
        if (train != null) train.close();
        if (validation != null) validation.close();
        train = null;
        validation = null;
    }
}
