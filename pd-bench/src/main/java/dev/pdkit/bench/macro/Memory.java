package dev.pdkit.bench.macro;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Benchmark 3, memory: iterating 200,000 records with page concurrency 8 in a heap of 64 MB. The
 * parent serves {@code GET /log_entries} ({@link SyntheticServer}) and forks child JVMs
 * ({@link MemoryChild}) with {@code -Xmx64m}, the same {@code java} and the same class path; each
 * reads every record with {@code iterHistory}, the only way past PagerDuty's 10,000-record offset
 * cap, which splits the time window and reads each part with concurrent offset pagination.
 *
 * <p>Target: it completes, every record exactly once. The ratio printed is the largest heap the
 * iteration kept after a collection, divided by the 64 MB limit. For reference the same iteration
 * runs with concurrency 1, and as a control a child that keeps every record in a list, which must
 * run out of memory: that shows 64 MB is a real constraint, not a formality.
 *
 * <p>Flags: {@code --quick}, {@code --records N}, {@code --heap-mb N}, {@code --concurrency N},
 * {@code --rounds N}, {@code --no-control}, {@code --no-reference} (the concurrency-1 run),
 * {@code --transport jdk|okhttp|apache}. {@code --quick} runs neither the control nor the reference.
 */
public final class Memory {

    private Memory() {
    }

    /** Runs the benchmark; see the class comment for the flags. */
    public static void main(String[] args) throws Exception {
        run(Args.parse(args), System.out);
    }

    /** Runs the benchmark and prints its table and RESULT lines to {@code out}. */
    public static List<Result> run(Args args, PrintStream out) throws Exception {
        int records = args.integer("records", 200_000, 20_000);
        int heapMb = args.integer("heap-mb", 64, 64);
        int concurrency = args.integer("concurrency", 8, 8);
        int rounds = args.integer("rounds", 3, 1);
        boolean control = !args.has("no-control") && !args.quick();
        boolean reference = !args.has("no-reference") && !args.quick();
        String transport = args.text("transport", "jdk", "jdk");
        out.printf(Locale.ROOT, "Memory: iterHistory over %,d log entries in child JVMs with -Xmx%dm, %s transport;"
                + " %d rounds%n", records, heapMb, transport, rounds);
        Table table = new Table("run", "completed", "records", "max live after GC", "peak sampled", "seconds",
                "server max in flight", "note");
        List<Double> liveMb = new ArrayList<>();
        boolean allComplete = true;
        try (SyntheticServer server = SyntheticServer.start(records)) {
            for (int r = 0; r < rounds; r++) {
                // The concurrency-1 reference runs once: it is slow and only there for comparison.
                List<Integer> order = r > 0 || !reference ? List.of(concurrency) : List.of(concurrency, 1);
                for (int c : order) {
                    server.resetCounters();
                    Map<String, String> child = fork(server.url(), records, heapMb, c, "stream", transport);
                    boolean complete = Boolean.parseBoolean(child.get("completed"));
                    if (c == concurrency) {
                        allComplete &= complete;
                        liveMb.add(mb(child.get("maxLiveAfterGcBytes")));
                    }
                    table.row("stream, concurrency " + c, complete, Stats.fmt(Long.parseLong(child.get("records")), 0),
                            Stats.fmt(mb(child.get("maxLiveAfterGcBytes")), 1) + " MB",
                            Stats.fmt(mb(child.get("peakSampledBytes")), 1) + " MB", child.get("seconds"),
                            server.maxInFlight(), "gc " + child.get("gc") + (c == concurrency ? "" : " (reference)"));
                }
            }
            if (control) {
                server.resetCounters();
                Map<String, String> child = fork(server.url(), records, heapMb, concurrency, "hold", transport);
                table.row("hold all in a list (control)", child.get("completed"),
                        Stats.fmt(Long.parseLong(child.get("records")), 0) + " held",
                        Stats.fmt(mb(child.get("maxLiveAfterGcBytes")), 1) + " MB",
                        Stats.fmt(mb(child.get("peakSampledBytes")), 1) + " MB", child.get("seconds"),
                        server.maxInFlight(), "error " + child.get("error"));
            }
        }
        table.print(out);
        double ratio = Stats.median(liveMb) / heapMb;
        Result result = new Result("Memory", "concurrency-" + concurrency, ratio, "completes in " + heapMb + "MB",
                Result.verdict(allComplete), String.format(Locale.ROOT, "%,d records, max live heap after GC %.1f MB"
                        + " of %d MB (median of %d)", records, Stats.median(liveMb), heapMb, liveMb.size()));
        out.println(result.line());
        return List.of(result);
    }

    private static double mb(String bytes) {
        return Long.parseLong(bytes) / (1024.0 * 1024.0);
    }

    /** Runs one child JVM and returns the fields of its MEMORY-CHILD line. */
    static Map<String, String> fork(String url, int records, int heapMb, int concurrency, String mode, String transport)
            throws IOException, InterruptedException {
        return ChildJvm.run(List.of("-Xmx" + heapMb + "m"), MemoryChild.class, "MEMORY-CHILD", 10,
                "--url", url, "--records", String.valueOf(records), "--concurrency", String.valueOf(concurrency),
                "--mode", mode, "--transport", transport);
    }
}
