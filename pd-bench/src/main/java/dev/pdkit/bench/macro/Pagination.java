package dev.pdkit.bench.macro;

import dev.pdkit.Response;
import dev.pdkit.RestApiV2Client;
import dev.pdkit.json.jackson.JacksonJsonCodec;
import dev.pdkit.spi.Transport;
import dev.pdkit.testkit.FakePagerDuty;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Benchmark 2, pagination: {@code listAll("/users")} of 10,000 users from the fake with 20 ms of
 * latency on every answer, sequentially ({@code pageConcurrency(1)}) and with
 * {@code pageConcurrency(8)}. Targets: the concurrent run is at least 5 times faster than the
 * sequential one, and within 1.3 times the bound.
 *
 * <p>The bound is what perfect concurrency would achieve: the first page must come back alone
 * (its {@code total} tells how many pages follow), then the remaining pages go out 8 at a time:
 * {@code (1 + ceil((pages - 1) / 8)) * t}, where {@code t} is the median time of one page request
 * on its own, measured in the same rounds. Both runs must return the same ids in the same order,
 * checked every round.
 *
 * <p>The same runs are then repeated against {@link SyntheticServer} with the same latency: a
 * server that answers pages concurrently, whereas the fake builds every page of {@code /users}
 * under its account-wide lock. The difference between the two tables is the fake's share.
 *
 * <p>Flags: {@code --quick}, {@code --users N}, {@code --latency-ms N}, {@code --concurrency N},
 * {@code --page-size N}, {@code --rounds N}, {@code --warmups N}, {@code --transports jdk,okhttp,apache},
 * {@code --no-synthetic}.
 */
public final class Pagination {

    static final double SPEEDUP_TARGET = 5.0;
    static final double BOUND_TARGET = 1.3;

    private Pagination() {
    }

    /** Where the users come from. */
    private record Source(String name, String baseUrl, String token, Consumer<Duration> latency, List<String> ids) {
    }

    /** Runs the benchmark; see the class comment for the flags. */
    public static void main(String[] args) throws Exception {
        run(Args.parse(args), System.out);
    }

    /** Runs the benchmark and prints its table and RESULT lines to {@code out}. */
    public static List<Result> run(Args args, PrintStream out) throws Exception {
        Settings s = new Settings(args.integer("users", 10_000, 10_000), args.integer("latency-ms", 20, 2),
                args.integer("concurrency", 8, 8), args.integer("page-size", 100, 100), args.integer("rounds", 5, 1),
                args.integer("warmups", 2, 0));
        List<String> transports = args.list("transports", String.join(",", Transports.ALL), "jdk");
        boolean synthetic = !args.has("no-synthetic");
        out.printf(Locale.ROOT, "Pagination: listAll(\"/users\") of %,d users, %d per page (%d pages), %d ms latency,"
                + " sequential vs pageConcurrency(%d); bound = %d round trips; %d rounds%n",
                s.users, s.pageSize, s.pages(), s.latencyMs, s.concurrency, s.boundTrips(), s.rounds);

        List<Result> results = new ArrayList<>();
        Table table = new Table("server", "transport", "sequential ms", "concurrent ms", "1 page ms", "bound ms",
                "speedup", "concurrent / bound", "targets", "verdict");
        try (FakePagerDuty fake = FakePagerDuty.builder().standardSeed(false).start()) {
            long t0 = System.nanoTime();
            List<String> expected = new ArrayList<>(s.users);
            for (int i = 0; i < s.users; i++) {
                // Zero-padded names: the fake lists users by name, so this is also the expected order.
                expected.add((String) fake.seed().user(String.format(Locale.ROOT, "User %06d", i),
                        String.format(Locale.ROOT, "user%06d@example.com", i)).get("id"));
            }
            out.printf(Locale.ROOT, "  seeded %,d users into the fake in %.0f ms%n", s.users, Stats.millisSince(t0));
            Source source = new Source("fake", fake.restUrl(), fake.apiToken(), fake::latency, expected);
            for (String name : transports) {
                results.addAll(measure(source, name, s, table, ""));
            }
        }
        if (synthetic) {
            List<String> expected = new ArrayList<>(s.users);
            for (int i = 0; i < s.users; i++) {
                expected.add(SyntheticServer.userId(i));
            }
            try (SyntheticServer server = SyntheticServer.start(s.users)) {
                Source source = new Source("synthetic", server.url(), "bench-token", server::latency, expected);
                for (String name : transports) {
                    results.addAll(measure(source, name, s, table, "synthetic-"));
                }
                out.printf(Locale.ROOT, "  the synthetic server had at most %d requests in flight%n", server.maxInFlight());
            }
        }
        table.print(out);
        results.forEach(r -> out.println(r.line()));
        return results;
    }

    private record Settings(int users, int latencyMs, int concurrency, int pageSize, int rounds, int warmups) {
        int pages() {
            return (users + pageSize - 1) / pageSize;
        }

        int boundTrips() {
            return 1 + (pages() - 1 + concurrency - 1) / concurrency;
        }
    }

    private static List<Result> measure(Source source, String transportName, Settings s, Table table, String prefix) {
        try (Transport transport = Transports.create(transportName);
                RestApiV2Client sequential = client(source, transport, 1, s.pageSize);
                RestApiV2Client concurrent = client(source, transport, s.concurrency, s.pageSize)) {
            // Warm-up without latency: the JIT sees every path, and it costs seconds, not minutes.
            source.latency.accept(Duration.ZERO);
            for (int i = 0; i < s.warmups; i++) {
                check(source.ids, ids(sequential.listAll("/users")), "sequential warm-up");
                check(source.ids, ids(concurrent.listAll("/users")), "concurrent warm-up");
            }
            source.latency.accept(Duration.ofMillis(s.latencyMs));
            List<Double> seqMs = new ArrayList<>();
            List<Double> concMs = new ArrayList<>();
            List<Double> pageMs = new ArrayList<>();
            for (int r = 0; r < s.rounds; r++) {
                for (int k = 0; k < 5; k++) {
                    pageMs.add(onePage(sequential, s.pageSize));
                }
                if (r % 2 == 0) {
                    seqMs.add(timeListAll(sequential, source.ids, "sequential"));
                    concMs.add(timeListAll(concurrent, source.ids, "concurrent"));
                } else {
                    concMs.add(timeListAll(concurrent, source.ids, "concurrent"));
                    seqMs.add(timeListAll(sequential, source.ids, "sequential"));
                }
            }
            double seq = Stats.median(seqMs);
            double conc = Stats.median(concMs);
            double page = Stats.median(pageMs);
            double bound = s.boundTrips() * page;
            double speedup = seq / conc;
            double vsBound = conc / bound;
            String targets = ">= " + SPEEDUP_TARGET + "x; <= " + BOUND_TARGET + " x bound";
            Result.Verdict speedVerdict = Result.verdict(speedup >= SPEEDUP_TARGET);
            Result.Verdict boundVerdict = Result.verdict(vsBound <= BOUND_TARGET);
            table.row(source.name, transportName, Stats.fmt(seq, 0), Stats.fmt(conc, 0), Stats.fmt(page, 1),
                    Stats.fmt(bound, 0), Stats.fmt(speedup, 2) + "x", Stats.fmt(vsBound, 2), targets,
                    speedVerdict + " / " + boundVerdict);
            String detail = String.format(Locale.ROOT, "%s: sequential %.0f ms, concurrent %.0f ms, bound %.0f ms"
                    + " (%d x %.1f ms), %,d ids identical", source.name, seq, conc, bound, s.boundTrips(), page,
                    source.ids.size());
            return List.of(
                    new Result("Pagination", prefix + transportName + "-speedup", speedup, ">= " + SPEEDUP_TARGET,
                            speedVerdict, detail),
                    new Result("Pagination", prefix + transportName + "-vs-bound", vsBound, "<= " + BOUND_TARGET,
                            boundVerdict, detail));
        }
    }

    private static RestApiV2Client client(Source source, Transport transport, int concurrency, int pageSize) {
        return RestApiV2Client.builder(source.token).baseUrl(source.baseUrl).transport(transport)
                .json(JacksonJsonCodec.create()).pageConcurrency(concurrency).defaultPageSize(pageSize).build();
    }

    private static double timeListAll(RestApiV2Client client, List<String> expected, String what) {
        long t0 = System.nanoTime();
        List<Map<String, Object>> all = client.listAll("/users");
        double ms = Stats.millisSince(t0);
        check(expected, ids(all), what);
        return ms;
    }

    /** One page on its own, as the first page of listAll asks for it. */
    private static double onePage(RestApiV2Client client, int pageSize) {
        RestApiV2Client firstPage = client.with(o -> o.param("limit", pageSize).param("offset", 0).param("total", true));
        long t0 = System.nanoTime();
        Response r = firstPage.get("/users");
        double ms = Stats.millisSince(t0);
        if (r.status() != 200) {
            throw new IllegalStateException("GET /users answered " + r.status());
        }
        return ms;
    }

    static List<String> ids(List<Map<String, Object>> records) {
        List<String> ids = new ArrayList<>(records.size());
        for (Map<String, Object> r : records) {
            ids.add((String) r.get("id"));
        }
        return ids;
    }

    private static void check(List<String> expected, List<String> got, String what) {
        if (!expected.equals(got)) {
            throw new IllegalStateException(what + ": listAll returned " + got.size() + " ids, not the "
                    + expected.size() + " expected ones in order");
        }
    }
}
