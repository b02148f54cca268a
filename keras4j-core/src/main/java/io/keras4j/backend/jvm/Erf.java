package io.keras4j.backend.jvm;

/** The error function to double precision (Java's Math has none; exact GELU needs it). */
final class Erf {
    private static final double TWO_OVER_SQRT_PI = 1.1283791670955126;

    private Erf() {}

    static double erf(double x) {
        if (Double.isNaN(x)) return x;
        double ax = Math.abs(x);
        if (ax > 6) return Math.signum(x);
        if (ax > 3) return Math.signum(x) * (1 - erfcContinuedFraction(ax));
        // erf(x) = 2/sqrt(pi) * exp(-x^2) * sum_n 2^n x^(2n+1) / (1*3*...*(2n+1)): all terms positive,
        // so no cancellation; about 60 terms at |x| = 3.
        double term = x, sum = x, x2 = 2 * x * x;
        for (int n = 1; n < 200; n++) {
            term *= x2 / (2 * n + 1);
            sum += term;
            if (Math.abs(term) < 1e-17 * Math.abs(sum)) break;
        }
        return TWO_OVER_SQRT_PI * Math.exp(-x * x) * sum;
    }

    /** erfc(x) for x > 3 by Lentz's continued fraction. */
    private static double erfcContinuedFraction(double x) {
        // erfc(x) = exp(-x^2)/sqrt(pi) * 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + ...)))))
        double tiny = 1e-300;
        double f = x, c = x, d = 0;
        for (int n = 1; n < 300; n++) {
            double a = n / 2.0;
            d = x + a * d;
            d = Math.abs(d) < tiny ? tiny : d;
            c = x + a / c;
            c = Math.abs(c) < tiny ? tiny : c;
            d = 1 / d;
            double delta = c * d;
            f *= delta;
            if (Math.abs(delta - 1) < 1e-16) break;
        }
        return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
    }
}
