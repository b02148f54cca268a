package io.keras4j.trainers;

import io.keras4j.callbacks.Callback;
import io.keras4j.callbacks.History;
import io.keras4j.data.Dataset;
import io.keras4j.data.Element;
import io.keras4j.layers.core.Dense;
import io.keras4j.layers.core.Input;
import io.keras4j.losses.Losses;
import io.keras4j.models.Model;
import io.keras4j.models.Sequential;
import io.keras4j.optimizers.SGD;
import io.keras4j.tensor.Tensor;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The program {@link DatasetLargerThanHeapTest} runs in a child JVM with a small heap: a generator
 * makes, lazily, far more float32 examples than the heap can hold, and a pipeline with a parallel
 * map, a shuffle buffer, batching and prefetching feeds them to {@code fit}. It prints
 * {@code key=value} lines for the parent to check; it dies with OutOfMemoryError if any stage or
 * the trainer keeps what it has seen.
 */
public final class DatasetLargerThanHeapChild {
    private DatasetLargerThanHeapChild() {}

    /** args: features per example, examples per epoch, batch size, shuffle buffer, epochs. */
    public static void main(String[] args) {
        int features = Integer.parseInt(args[0]);
        int examples = Integer.parseInt(args[1]);
        int batchSize = Integer.parseInt(args[2]);
        int shuffleBuffer = Integer.parseInt(args[3]);
        int epochs = Integer.parseInt(args[4]);

        // The target is a fixed linear function of the features, so the loss has something to fall to.
        float[] trueW = new float[features];
        for (int j = 0; j < features; j++) trueW[j] = (float) (Math.sin(0.7 * j) / Math.sqrt(features));

        AtomicLong examplesProduced = new AtomicLong();
        AtomicLong bytesProduced = new AtomicLong();
        AtomicLong passes = new AtomicLong();
        // Every pass is a new generator: nothing exists before the pipeline asks for it.
        Dataset<float[]> raw = Dataset.fromGenerator(() -> {
            SplittableRandom r = new SplittableRandom(passes.getAndIncrement());
            return new Iterator<float[]>() {
                int i;

                @Override public boolean hasNext() { return i < examples; }

                @Override public float[] next() {
                    if (i >= examples) throw new NoSuchElementException();
                    i++;
                    float[] row = new float[features + 1]; // x, then y
                    double y = 0;
                    for (int j = 0; j < features; j++) {
                        float v = (float) (2 * r.nextDouble() - 1);
                        row[j] = v;
                        y += v * trueW[j];
                    }
                    row[features] = (float) y;
                    examplesProduced.incrementAndGet();
                    bytesProduced.addAndGet(4L * row.length);
                    return row;
                }
            };
        });
        Dataset<Element> train = raw
                .map(row -> Element.of(Tensor.of(java.util.Arrays.copyOf(row, features), features),
                        Tensor.of(new float[] {row[features]}, 1)), 2)
                .shuffle(shuffleBuffer, 7L)
                .batch(batchSize)
                .prefetch(2);

        Model model = new Sequential(Input.of(features), new Dense(1));
        model.compile(new SGD().learningRate(0.05), Losses.get("mse"), List.of());

        long[] steps = {0};
        long[] liveAfterEpoch = {0};
        Callback watch = new Callback() {
            @Override public void onTrainBatchEnd(int batch, Map<String, Double> logs) { steps[0]++; }

            @Override public void onEpochEnd(int epoch, Map<String, Double> logs) {
                // What survives a full collection at an epoch boundary is what the pipeline and trainer retain.
                System.gc();
                liveAfterEpoch[0] = Math.max(liveAfterEpoch[0], ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
            }
        };
        History h = model.fit(train, new FitOptions().epochs(epochs).verbose(0).callbacks(watch));

        long peak = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) peak += p.getPeakUsage().getUsed();
        }
        List<Double> loss = h.history().get("loss");
        System.out.println("max_heap=" + Runtime.getRuntime().maxMemory());
        System.out.println("peak_heap=" + peak); // the sum of each heap pool's own peak: an upper bound
        System.out.println("live_after_epoch=" + liveAfterEpoch[0]);
        System.out.println("examples_produced=" + examplesProduced.get());
        System.out.println("bytes_produced=" + bytesProduced.get());
        System.out.println("examples_trained=" + steps[0] * batchSize);
        System.out.println("first_loss=" + loss.get(0));
        System.out.println("last_loss=" + loss.get(loss.size() - 1));
    }
}
