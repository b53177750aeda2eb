package dev.pdkit.bench.macro;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Medians and number formatting shared by the macro benchmarks. */
public final class Stats {

    private Stats() {
    }

    /**
     * The median: robust to the odd round that a shared 2-core machine slows down, which a mean is
     * not.
     */
    public static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** A number with thousands separators and {@code decimals} digits. */
    public static String fmt(double v, int decimals) {
        return String.format(Locale.ROOT, "%,." + decimals + "f", v);
    }

    /** Milliseconds since {@code startNanos}. */
    public static double millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }
}
