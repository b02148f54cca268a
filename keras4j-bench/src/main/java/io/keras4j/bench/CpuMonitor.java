package io.keras4j.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How busy the rest of the machine was during a timed window, as the PyTorch peer script measures
 * it: "others" is the CPU used by other processes, in cores, from {@code /proc/stat} minus this
 * process's own ticks; "steal" the hypervisor's steal time. On a shared machine a window during
 * which others ran is not a clean measurement. Without {@code /proc} both read 0.
 */
final class CpuMonitor {
    // USER_HZ: 100 on every Linux architecture the JVM runs on; /proc reports ticks of it.
    private static final double TICKS_PER_SECOND = 100;
    private static final Path STAT = Path.of("/proc/stat"), SELF = Path.of("/proc/self/stat");

    private long busy0, steal0, self0;

    void start() {
        long[] m = machineTicks();
        busy0 = m[0];
        steal0 = m[1];
        self0 = selfTicks();
    }

    /** {others, steal} in cores over a window of {@code wallSeconds}, rounded as the peer rounds them. */
    double[] stop(double wallSeconds) {
        long[] m = machineTicks();
        long self = selfTicks();
        double others = Math.max(0, (m[0] - busy0) - (self - self0)) / TICKS_PER_SECOND / wallSeconds;
        double steal = (m[1] - steal0) / TICKS_PER_SECOND / wallSeconds;
        return new double[] {round3(others), round3(steal)};
    }

    /** CPU seconds this process has used, all threads. */
    static double processCpuSeconds() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime() / 1e9;
        }
        return selfTicks() / TICKS_PER_SECOND;
    }

    static double round3(double v) { return Math.round(v * 1000) / 1000.0; }

    /** {busy, steal} ticks of the whole machine: user nice system irq softirq, and steal. */
    private static long[] machineTicks() {
        try {
            String[] f = Files.readAllLines(STAT).get(0).trim().split("\\s+");
            long busy = Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6]) + Long.parseLong(f[7]);
            long steal = f.length > 8 ? Long.parseLong(f[8]) : 0;
            return new long[] {busy, steal};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    /** utime + stime of this process, in ticks. */
    private static long selfTicks() {
        try {
            String s = Files.readString(SELF);
            String[] f = s.substring(s.lastIndexOf(')') + 2).trim().split("\\s+");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
