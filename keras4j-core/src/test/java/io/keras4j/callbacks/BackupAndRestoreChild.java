package io.keras4j.callbacks;

import io.keras4j.models.Sequential;
import io.keras4j.random.Random;
import io.keras4j.tensor.Tensor;
import io.keras4j.trainers.FitOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The program {@link BackupAndRestoreTest} runs in a child JVM and kills: a seeded fit with
 * dropout and shuffling under {@code BackupAndRestore}, slowed down so that the kill lands mid-fit;
 * at the end it writes the weights, one float per line, to the file named by its second argument.
 */
public final class BackupAndRestoreChild {
    private BackupAndRestoreChild() {}

    /** args: backup dir, output file, save_freq ("epoch" or a number of batches), sleep ms per batch. */
    public static void main(String[] args) throws Exception {
        Random.setSeed(2024);
        Tensor[] d = Fixtures.regression(64, 77);
        Sequential m = Fixtures.mlp();
        long sleep = Long.parseLong(args[3]);
        LambdaCallback slow = new LambdaCallback().onTrainBatchEnd((b, l) -> {
            try {
                Thread.sleep(sleep);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        m.fit(d[0], d[1], new FitOptions().epochs(6).batchSize(8).verbose(0)
                .callbacks(new BackupAndRestore(args[0]).saveFreq(args[2]), slow));
        List<String> lines = new ArrayList<>();
        for (Tensor w : m.getWeights()) for (float v : w.toFloatArray()) lines.add(Float.toString(v));
        Files.write(Path.of(args[1]), lines);
    }
}
