package io.keras4j.bench;

import io.keras4j.backend.jvm.Parallel;
import io.keras4j.backend.jvm.Sgemm;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Random;

/**
 * JMH benchmark of square SGEMM. Throughput is in calls per second: GFLOP/s = ops/s × 2·size³ / 1e9
 * (e.g. 512: ops/s × 0.2684).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class GemmBench {

    @Param({"128", "512", "1024"})
    public int size;

    @Param({"1", "2"})
    public int threads;

    private float[] a, b, c;

    @Setup
    public void setup() {
        Parallel.setThreads(threads);
        Random r = new Random(1);
        a = new float[size * size];
        b = new float[size * size];
        c = new float[size * size];
        for (int i = 0; i < a.length; i++) {
            a[i] = r.nextFloat() - 0.5f;
            b[i] = r.nextFloat() - 0.5f;
        }
    }

    @Benchmark
    public float[] sgemm() {
        Sgemm.sgemm(false, false, size, size, size, a, 0, size, b, 0, size, c, 0, size, false);
        return c;
    }
}
