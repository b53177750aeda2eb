package dev.pdkit.bench.macro;

import java.util.Locale;

/**
 * One headline figure of a macro benchmark: a ratio against the baseline of the same run, the
 * target it is held to, and the verdict. {@link #line()} is the machine-readable line each
 * benchmark prints ({@code RESULT ...}), which the smoke tests and {@link RunAll} look for.
 *
 * @param benchmark the benchmark, e.g. {@code Overhead}
 * @param item what was measured, e.g. {@code jdk}
 * @param ratio the ratio against the baseline
 * @param target the target in words, e.g. {@code >= 0.90}; {@code none} when issue 8 sets none
 * @param verdict PASS, MISS, or INFO when there is no target
 * @param detail the figures behind the ratio, for the reader
 */
public record Result(String benchmark, String item, double ratio, String target, Verdict verdict, String detail) {

    /** Whether a figure met its target. */
    public enum Verdict {
        /** The target is met. */
        PASS,
        /** The target is missed; printed as it is, never adjusted. */
        MISS,
        /** There is no target: the figure is for information. */
        INFO
    }

    /** PASS or MISS from a condition. */
    public static Verdict verdict(boolean met) {
        return met ? Verdict.PASS : Verdict.MISS;
    }

    /** The {@code RESULT} line. */
    public String line() {
        return String.format(Locale.ROOT, "RESULT %s %s ratio=%.3f target=%s %s (%s)", benchmark, item, ratio,
                target.replace(" ", ""), verdict, detail);
    }
}
