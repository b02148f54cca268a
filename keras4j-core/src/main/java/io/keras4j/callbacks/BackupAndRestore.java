package io.keras4j.callbacks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Lets an interrupted {@code fit} resume where it stopped (Keras's {@code BackupAndRestore}): it
 * saves the weights and the optimizer state to {@code <backup_dir>/latest.weights.h5} and the
 * progress to {@code training_metadata.json} at every epoch end (or every N batches); a later
 * {@code fit} with the same callback loads them in {@code onTrainBegin} and continues from that
 * epoch and batch. Since {@code fit} derives its shuffling and dropout from (seed, epoch, step), a
 * program that sets the same random seed ends with the same weights as an uninterrupted run. The
 * backup is deleted when training ends normally (unless {@code deleteCheckpoint(false)}).
 *
 * <p>Unlike Keras, which resumes a batch-level backup from the start of its epoch (re-running the
 * batches already done), this resumes after the last saved batch; the metadata keeps Keras's
 * "epoch" and "batch" keys and adds "batches_done" for that. The two files are replaced through a
 * commit protocol (new weights, then new metadata, then renames) so that a kill at any instant
 * leaves a matching pair.
 */
public class BackupAndRestore extends Callback {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path backupDir;
    private final Path weightsPath;
    private final Path metadataPath;
    private final Path nextWeightsPath;
    private final Path nextMetadataPath;
    private final Path prevWeightsPath;
    private final Path prevMetadataPath;
    private Integer saveFreq; // null: "epoch"
    private boolean doubleCheckpoint;
    private boolean deleteCheckpoint = true;

    private int batchesSinceLastSave;
    private int lastBatchSeen;
    private int currentEpoch;

    public BackupAndRestore(String backupDir) { this(backupDir == null || backupDir.isEmpty() ? null : Path.of(backupDir)); }

    public BackupAndRestore(Path backupDir) {
        if (backupDir == null || backupDir.toString().isEmpty()) throw new IllegalArgumentException("Empty `backup_dir` argument passed");
        this.backupDir = backupDir;
        weightsPath = backupDir.resolve("latest.weights.h5");
        metadataPath = backupDir.resolve("training_metadata.json");
        nextWeightsPath = backupDir.resolve("next.weights.h5");
        nextMetadataPath = backupDir.resolve("training_metadata.json.next");
        prevWeightsPath = backupDir.resolve("latest.weights.h5.bkp");
        prevMetadataPath = backupDir.resolve("training_metadata.json.bkp");
    }

    /** "epoch" (the default) or a number of batches as a string; see also {@link #saveFreq(int)}. */
    public BackupAndRestore saveFreq(String value) {
        if ("epoch".equals(value)) { saveFreq = null; return this; }
        try {
            return saveFreq(Integer.parseInt(value));
        } catch (NumberFormatException e) {
            throw badSaveFreq(value);
        }
    }

    public BackupAndRestore saveFreq(int batches) {
        if (batches <= 0) throw badSaveFreq(batches);
        saveFreq = batches;
        return this;
    }

    private static IllegalArgumentException badSaveFreq(Object value) {
        return new IllegalArgumentException("Invalid value for argument `save_freq`. Received: save_freq=" + value
                + ". Expected either 'epoch' or an integer value.");
    }

    /** Keeps the previous backup beside the latest, to fall back on if the latest is unreadable. */
    public BackupAndRestore doubleCheckpoint(boolean value) { doubleCheckpoint = value; return this; }

    /** Whether the backup is deleted when training ends (default true). */
    public BackupAndRestore deleteCheckpoint(boolean value) { deleteCheckpoint = value; return this; }

    public Path backupDir() { return backupDir; }

    @Override public void onTrainBegin(Map<String, Double> logs) {
        // A Sequential given an Input builds its layers, not its own flag: count that as built too.
        boolean built = model.built() || (!model.layers().isEmpty() && model.layers().stream().allMatch(io.keras4j.layers.Layer::built));
        if (!built) {
            throw new IllegalStateException("To use the BackupAndRestore callback, you model must be built before you call `fit()`. Model "
                    + model.name() + " is unbuilt. You can build it beforehand by calling it on a batch of data.");
        }
        currentEpoch = 0;
        lastBatchSeen = 0;
        batchesSinceLastSave = 0;
        try {
            finishInterruptedCommit();
            try {
                load();
            } catch (RuntimeException e) {
                // The latest backup may be damaged: fall back on the previous one, as Keras.
                if (!Files.exists(prevWeightsPath)) throw e;
                Files.copy(prevWeightsPath, weightsPath, StandardCopyOption.REPLACE_EXISTING);
                if (Files.exists(prevMetadataPath)) Files.copy(prevMetadataPath, metadataPath, StandardCopyOption.REPLACE_EXISTING);
                else Files.deleteIfExists(metadataPath);
                load();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A kill during a save leaves "next" files: complete the commit if the new metadata was written, else drop them. */
    private void finishInterruptedCommit() throws IOException {
        if (Files.exists(nextMetadataPath)) {
            if (Files.exists(nextWeightsPath)) move(nextWeightsPath, weightsPath);
            move(nextMetadataPath, metadataPath);
        } else {
            Files.deleteIfExists(nextWeightsPath);
        }
    }

    private void load() throws IOException {
        if (Files.exists(weightsPath)) {
            // The optimizer's slots must exist for its saved state to be loaded into them.
            if (model.optimizer() != null && !model.optimizer().built()) model.optimizer().build(model.trainableVariables());
            model.loadWeights(weightsPath);
        }
        if (Files.exists(metadataPath)) {
            var meta = JSON.readTree(metadataPath.toFile());
            int epoch = meta.get("epoch").asInt();
            int done = meta.has("batches_done") ? meta.get("batches_done").asInt() : 0;
            Object steps = params.get("steps");
            if (steps instanceof Integer s && done >= s) {
                epoch++;
                done = 0;
            }
            model.resumeFrom(epoch, done);
            currentEpoch = epoch;
            // Count batches as the uninterrupted run did since its last save.
            lastBatchSeen = Math.max(0, done - 1);
        }
    }

    @Override public void onEpochBegin(int epoch, Map<String, Double> logs) { currentEpoch = epoch; }

    @Override public void onEpochEnd(int epoch, Map<String, Double> logs) {
        currentEpoch = epoch + 1;
        lastBatchSeen = 0;
        if (saveFreq == null) save(currentEpoch, 0, 0);
    }

    @Override public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
        if (saveFreq == null) return;
        int add = batch <= lastBatchSeen ? batch + 1 : batch - lastBatchSeen;
        batchesSinceLastSave += add;
        lastBatchSeen = batch;
        if (batchesSinceLastSave >= saveFreq) {
            batchesSinceLastSave = 0;
            save(currentEpoch, batch, batch + 1);
        }
    }

    private void save(int epoch, int batch, int batchesDone) {
        try {
            Files.createDirectories(backupDir);
            if (doubleCheckpoint && Files.exists(weightsPath)) Files.copy(weightsPath, prevWeightsPath, StandardCopyOption.REPLACE_EXISTING);
            if (doubleCheckpoint && Files.exists(metadataPath)) Files.copy(metadataPath, prevMetadataPath, StandardCopyOption.REPLACE_EXISTING);
            model.saveWeights(nextWeightsPath);
            ObjectNode meta = JSON.createObjectNode();
            meta.put("epoch", epoch);
            meta.put("batch", batch);
            meta.put("batches_done", batchesDone);
            Path tmp = backupDir.resolve("training_metadata.json.tmp");
            Files.writeString(tmp, JSON.writeValueAsString(meta));
            move(tmp, nextMetadataPath);
            // From here the new pair is committed: finishInterruptedCommit completes it after a kill.
            move(nextWeightsPath, weightsPath);
            move(nextMetadataPath, metadataPath);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override public void onTrainEnd(Map<String, Double> logs) {
        if (!deleteCheckpoint || !Files.exists(backupDir)) return;
        try (Stream<Path> all = Files.walk(backupDir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
