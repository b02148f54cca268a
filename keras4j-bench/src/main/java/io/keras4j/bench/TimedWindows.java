package io.keras4j.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * The measurement protocol of the PyTorch peer ({@code bench_models.py}), so that the numbers
 * compare: warm up for at least {@code warmupSteps} steps and {@code warmupSec} seconds, time a
 * quarter of the warm-up's steps to size a window of about {@code windowSec}, then run windows
 * until {@code windows} of them were clean (other processes used at most 0.15 cores) or four
 * times as many were tried, when dirty ones fill up and are flagged.
 */
final class TimedWindows {
    static final double MAX_OTHERS = 0.15;
    static final int MAX_TRIES_FACTOR = 4;

    /** The rates (samples/s) of the windows used, steps per window, and the peer's window info. */
    record Outcome(double[] rates, int stepsPerWindow, Map<String, Object> info) {}

    private record Window(double rate, double cpuPerWall, double others, double steal) {}

    private TimedWindows() {}

    static Outcome run(IntConsumer step, int batch, int warmupSteps, double warmupSec, int windows, double windowSec) {
        int i = 0;
        long t0 = System.nanoTime();
        while (i < warmupSteps || (System.nanoTime() - t0) / 1e9 < warmupSec) step.accept(i++);
        int nCal = Math.max(1, i / 4);
        t0 = System.nanoTime();
        for (int k = 0; k < nCal; k++) step.accept(i + k);
        double perStep = (System.nanoTime() - t0) / 1e9 / nCal;
        int steps = (int) Math.max(1, Math.round(windowSec / perStep));

        CpuMonitor mon = new CpuMonitor();
        List<Window> clean = new ArrayList<>(), dirty = new ArrayList<>();
        for (int w = 0; w < windows * MAX_TRIES_FACTOR && clean.size() < windows; w++) {
            double c0 = CpuMonitor.processCpuSeconds();
            mon.start();
            long start = System.nanoTime();
            for (int k = 0; k < steps; k++) step.accept(k);
            double dt = (System.nanoTime() - start) / 1e9;
            double[] os = mon.stop(dt);
            double cpu = Math.round((CpuMonitor.processCpuSeconds() - c0) / dt * 100) / 100.0;
            (os[0] <= MAX_OTHERS ? clean : dirty).add(new Window(steps * (double) batch / dt, cpu, os[0], os[1]));
        }
        List<Window> used = new ArrayList<>(clean);
        for (int k = 0; used.size() < windows && k < dirty.size(); k++) used.add(dirty.get(k));

        Map<String, Object> info = new LinkedHashMap<>();
        info.put("windows_used", used.size());
        info.put("windows_discarded", clean.size() + dirty.size() - used.size());
        info.put("contaminated_windows_used", used.stream().filter(r -> r.others > MAX_OTHERS).count());
        info.put("cpu_per_wall", used.stream().map(Window::cpuPerWall).toList());
        info.put("others_cores", used.stream().map(Window::others).toList());
        info.put("steal_cores", used.stream().map(Window::steal).toList());
        return new Outcome(used.stream().mapToDouble(Window::rate).toArray(), steps, info);
    }

    /** {median, min, max, n, values} as the peer's {@code summarize}. */
    static Map<String, Object> summarize(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        double median = n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("median", median);
        m.put("min", s[0]);
        m.put("max", s[n - 1]);
        m.put("n", n);
        m.put("values", Arrays.stream(values).map(v -> Math.round(v * 1000) / 1000.0).boxed().toList());
        return m;
    }
}
