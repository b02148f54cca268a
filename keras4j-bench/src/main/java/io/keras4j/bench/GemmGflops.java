package io.keras4j.bench;

import io.keras4j.backend.jvm.Parallel;
import io.keras4j.backend.jvm.Sgemm;

import java.util.Arrays;
import java.util.Random;

/**
 * SGEMM throughput without JMH, for the project's {@code bench} command: warms up about 2 s, then
 * prints one line per size and thread count, e.g.
 * {@code sgemm 512x512x512 threads=1 simd=true: 131.2 GFLOP/s (median of 5)}.
 *
 * <p>Arguments (optional): comma-separated square sizes (default 128,512,1024), then
 * comma-separated thread counts (default 1,2). Run with {@code --add-modules jdk.incubator.vector}
 * for the SIMD kernel.
 */
public final class GemmGflops {

    private static final int SAMPLES = 5;
    private static final long SAMPLE_NANOS = 200_000_000L;

    private GemmGflops() {}

    public static void main(String[] args) {
        int[] sizes = parse(args.length > 0 ? args[0] : "128,512,1024");
        int[] threads = parse(args.length > 1 ? args[1] : "1,2");
        int maxThreads = Arrays.stream(threads).max().orElse(1);
        // Warm-up: brings the kernels (and the pool's hand-off) to C2 before anything is timed.
        long warmEnd = System.nanoTime() + 2_000_000_000L;
        for (int i = 0; System.nanoTime() < warmEnd; i++) {
            Parallel.setThreads(i % 2 == 0 ? 1 : maxThreads);
            sample(i % 3 == 0 ? 512 : 128, 50_000_000L);
        }
        for (int n : sizes) {
            for (int t : threads) {
                Parallel.setThreads(t);
                double[] g = new double[SAMPLES];
                for (int s = 0; s < SAMPLES; s++) g[s] = sample(n, SAMPLE_NANOS);
                Arrays.sort(g);
                System.out.printf("sgemm %dx%dx%d threads=%d simd=%b: %.1f GFLOP/s (median of %d)%n",
                        n, n, n, t, Sgemm.vectorized(), g[SAMPLES / 2], SAMPLES);
            }
        }
    }

    /** Runs n×n×n SGEMMs for about {@code nanos} and returns GFLOP/s. */
    private static double sample(int n, long nanos) {
        float[] a = random(n * n, 1), b = random(n * n, 2), c = new float[n * n];
        long start = System.nanoTime(), elapsed;
        int calls = 0;
        do {
            Sgemm.sgemm(false, false, n, n, n, a, 0, n, b, 0, n, c, 0, n, false);
            calls++;
            elapsed = System.nanoTime() - start;
        } while (elapsed < nanos);
        return 2.0 * n * n * n * calls / elapsed;
    }

    private static float[] random(int size, long seed) {
        Random r = new Random(seed);
        float[] x = new float[size];
        for (int i = 0; i < size; i++) x[i] = r.nextFloat() - 0.5f;
        return x;
    }

    private static int[] parse(String csv) {
        return Arrays.stream(csv.split(",")).mapToInt(s -> Integer.parseInt(s.trim())).toArray();
    }
}
