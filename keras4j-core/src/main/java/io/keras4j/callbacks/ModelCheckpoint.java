package io.keras4j.callbacks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Saves the model or its weights during {@code fit} (Keras's {@code ModelCheckpoint}), at the end
 * of every epoch or every N batches. The file path is a Python format template filled with
 * {@code epoch} (1-based), {@code batch} (1-based, with a batch frequency) and the log values:
 * {@code "ckpt/model-{epoch:02d}-{val_loss:.2f}.keras"}. With {@code saveBestOnly(true)} it writes
 * only when the monitored quantity improves. The target directory is created, and checked to be
 * writable, when training begins, so that a bad path fails before any epoch is spent.
 */
public class ModelCheckpoint extends MonitorCallback {
    private final String filepath;
    private int verbose;
    private boolean saveBestOnly;
    private boolean saveWeightsOnly;
    private Integer saveFreq; // null: "epoch"

    private int batchesSinceLastSave;
    private Integer lastBatchSeen;
    private int currentEpoch;

    /** Keras's defaults: monitor "val_loss", mode "auto", every epoch, the whole model. */
    public ModelCheckpoint(String filepath) {
        super(0);
        if (filepath == null || filepath.isEmpty()) throw new IllegalArgumentException("Argument `filepath` must be a path. Received: filepath=" + filepath);
        this.filepath = filepath;
        checkExtension();
    }

    public ModelCheckpoint(Path filepath) { this(filepath.toString()); }

    public ModelCheckpoint monitor(String value) { setMonitor(value); return this; }

    public ModelCheckpoint mode(String value) { setMode(value); return this; }

    public ModelCheckpoint verbose(int value) { verbose = value; return this; }

    public ModelCheckpoint saveBestOnly(boolean value) { saveBestOnly = value; return this; }

    /** Weights only: the path must then end in {@code .weights.h5}. */
    public ModelCheckpoint saveWeightsOnly(boolean value) {
        saveWeightsOnly = value;
        checkExtension();
        return this;
    }

    /** "epoch" (the default) or a number of batches as a string, e.g. "100"; see also {@link #saveFreq(int)}. */
    public ModelCheckpoint saveFreq(String value) {
        if ("epoch".equals(value)) { saveFreq = null; return this; }
        try {
            return saveFreq(Integer.parseInt(value));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Unrecognized save_freq: " + value + ". Expected save_freq are 'epoch' or integer values");
        }
    }

    /** Saves every {@code batches} training batches instead of at epoch ends. */
    public ModelCheckpoint saveFreq(int batches) {
        if (batches <= 0) throw new IllegalArgumentException("Unrecognized save_freq: " + batches + ". Expected save_freq are 'epoch' or integer values");
        saveFreq = batches;
        return this;
    }

    /** The value to beat before the first save when saving only the best (Keras's initial_value_threshold). */
    public ModelCheckpoint initialValueThreshold(double value) {
        best = value;
        return this;
    }

    public String filepath() { return filepath; }

    public boolean saveBestOnly() { return saveBestOnly; }

    public boolean saveWeightsOnly() { return saveWeightsOnly; }

    /** The best value seen so far (or the initial threshold), null before any. */
    public Double best() { return best; }

    private void checkExtension() {
        if (saveWeightsOnly) {
            if (!filepath.endsWith(".weights.h5")) {
                throw new IllegalArgumentException("When using `save_weights_only=True` in `ModelCheckpoint`, the filepath provided must end in "
                        + "`.weights.h5` (Keras weights format). Received: filepath=" + filepath);
            }
        } else if (!filepath.endsWith(".keras") && !filepath.endsWith(".h5")) {
            throw new IllegalArgumentException("The filepath provided must end in `.keras` (Keras model format). Received: filepath=" + filepath);
        }
    }

    @Override public void onTrainBegin(Map<String, Double> logs) {
        // The directory part that does not depend on the epoch or the logs must exist and take files now.
        int brace = filepath.indexOf('{');
        String prefix = brace < 0 ? filepath : filepath.substring(0, brace);
        int slash = Math.max(prefix.lastIndexOf('/'), prefix.lastIndexOf(java.io.File.separatorChar));
        Path dir = Path.of(slash < 0 ? "" : prefix.substring(0, slash + 1)).toAbsolutePath();
        try {
            Files.createDirectories(dir);
            Files.deleteIfExists(Files.createTempFile(dir, ".keras4j-checkpoint-probe", ".tmp"));
        } catch (IOException | SecurityException e) {
            throw new UncheckedIOException(new IOException("ModelCheckpoint cannot write to the directory " + dir + " of filepath="
                    + filepath + ": " + e, e));
        }
    }

    @Override public void onEpochBegin(int epoch, Map<String, Double> logs) { currentEpoch = epoch; }

    @Override public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
        if (shouldSaveOnBatch(batch)) save(currentEpoch, batch, logs);
    }

    @Override public void onEpochEnd(int epoch, Map<String, Double> logs) {
        resolveDirection();
        if (saveFreq == null) save(epoch, null, logs);
    }

    /** Counts batches across epochs, as Keras (a new epoch restarts the batch index). */
    private boolean shouldSaveOnBatch(int batch) {
        if (saveFreq == null) return false;
        int add = lastBatchSeen == null || batch <= lastBatchSeen ? batch + 1 : batch - lastBatchSeen;
        batchesSinceLastSave += add;
        lastBatchSeen = batch;
        if (batchesSinceLastSave >= saveFreq) {
            batchesSinceLastSave = 0;
            return true;
        }
        return false;
    }

    /** The file name for this epoch (0-based) and batch (0-based, or null at an epoch end). */
    public String filePath(int epoch, Integer batch, Map<String, Double> logs) {
        Map<String, Object> values = new HashMap<>();
        if (logs != null) values.putAll(logs);
        values.put("epoch", epoch + 1);
        if (batch != null && (logs == null || !logs.containsKey("batch"))) values.put("batch", batch + 1);
        try {
            return PythonFormat.format(filepath, values);
        } catch (PythonFormat.MissingKey e) {
            throw new IllegalArgumentException("Failed to format this callback filepath: \"" + filepath + "\". Reason: " + e.getMessage(), e);
        }
    }

    private boolean shouldSave(int epoch, Map<String, Double> logs, String path) {
        if (!saveBestOnly) {
            if (verbose > 0) System.out.println("\nEpoch " + (epoch + 1) + ": saving model to " + path);
            return true;
        }
        Double current = logs == null ? null : logs.get(monitor);
        if (current == null) {
            warn("Can save best model only with " + monitor + " available.");
            return true;
        }
        String bestStr = best == null ? "None" : PythonFormat.formatValue(best, ".5f");
        if (isImprovement(current, best)) {
            if (verbose > 0) {
                System.out.println("\nEpoch " + (epoch + 1) + ": " + monitor + " improved from " + bestStr + " to "
                        + PythonFormat.formatValue(current, ".5f") + ", saving model to " + path);
            }
            best = current;
            return true;
        }
        if (verbose > 0) System.out.println("\nEpoch " + (epoch + 1) + ": " + monitor + " did not improve from " + bestStr);
        return false;
    }

    private void save(int epoch, Integer batch, Map<String, Double> logs) {
        String path = filePath(epoch, batch, logs);
        if (!shouldSave(epoch, logs, path)) return;
        Path p = Path.of(path);
        if (Files.isDirectory(p)) {
            throw new UncheckedIOException(new IOException("Please specify a non-directory filepath for ModelCheckpoint. "
                    + "Filepath used is an existing directory: " + path));
        }
        try {
            if (p.toAbsolutePath().getParent() != null) Files.createDirectories(p.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (saveWeightsOnly) model.saveWeights(p);
        else model.save(p);
        if (verbose > 0) System.out.println("\nEpoch " + (epoch + 1) + ": finished saving model to " + path);
    }
}
