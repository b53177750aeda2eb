package dev.pdkit.bench.macro;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs the macro benchmarks one after another with the same flags (e.g. {@code --quick}): the
 * five measurements, then the {@link FaultMix} fault-injection experiment; it ends with every
 * RESULT line together. Flags that only one benchmark knows are ignored by the others.
 */
public final class RunAll {

    private RunAll() {
    }

    /** Runs everything; see the class comment. */
    public static void main(String[] args) throws Exception {
        run(Args.parse(args), System.out);
        System.exit(0);
    }

    /** Runs everything and prints a summary of the RESULT lines to {@code out}. */
    public static List<Result> run(Args args, PrintStream out) throws Exception {
        List<Result> all = new ArrayList<>();
        long t0 = System.nanoTime();
        all.addAll(timed("Overhead", () -> Overhead.run(args, out), out));
        all.addAll(timed("Pagination", () -> Pagination.run(args, out), out));
        all.addAll(timed("Memory", () -> Memory.run(args, out), out));
        all.addAll(timed("FakeVsWireMock", () -> FakeVsWireMock.run(args, out), out));
        all.addAll(timed("Events", () -> Events.run(args, out), out));
        all.addAll(timed("FaultMix", () -> FaultMix.run(args, out), out));
        out.printf(Locale.ROOT, "%nSummary (%.0f s in all):%n", Stats.millisSince(t0) / 1000);
        all.forEach(r -> out.println(r.line()));
        return all;
    }

    @FunctionalInterface
    private interface Benchmark {
        List<Result> run() throws Exception;
    }

    private static List<Result> timed(String name, Benchmark b, PrintStream out) throws Exception {
        long t0 = System.nanoTime();
        List<Result> results = b.run();
        out.printf(Locale.ROOT, "(%s took %.0f s)%n%n", name, Stats.millisSince(t0) / 1000);
        return results;
    }
}
