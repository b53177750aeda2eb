package dev.pdkit.bench.macro;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/**
 * Benchmark 4, the fake itself: pd-testkit's {@code FakePagerDuty} against WireMock (a dependency
 * of this module only), both serving the same stubbed {@code GET /users/{id}}, so users know what
 * reusing the fake costs. Targets: throughput at least WireMock's; start-up at most a third of
 * WireMock's.
 *
 * <ul>
 *   <li><b>Throughput</b>: each server runs in a JVM of its own ({@link ServerChild}, default
 *       heap), so neither's garbage, journal or JIT weighs on the other; requests per second from
 *       Apache HttpClient 5 (classic) in this JVM, one thread and then four, on keep-alive
 *       connections; rounds alternate between the servers after a warm-up; medians. That client
 *       costs the least per request of the three on this machine, so the servers' own costs weigh
 *       the most. Both servers keep their defaults, so both journal every request.
 *   <li><b>Start-up</b>: from the start of construction (stub included) to the first 200 answer,
 *       probed with a raw socket. <i>Cold</i>: in fresh JVMs, class loading included, which is what
 *       a test run pays once; the children alternate between the servers; median. <i>Warm</i>:
 *       repeated in this JVM after two discarded starts, what each further start costs; median.
 * </ul>
 *
 * <p>Flags: {@code --quick}, {@code --rounds N}, {@code --round-ms N}, {@code --warmup-ms N},
 * {@code --cold N}, {@code --warm N}, {@code --verbose} (every round's figures).
 */
public final class FakeVsWireMock {

    static final double STARTUP_TARGET = 1.0 / 3;

    private FakeVsWireMock() {
    }

    /** Runs the benchmark; see the class comment for the flags. */
    public static void main(String[] args) throws Exception {
        run(Args.parse(args), System.out);
        // Don't let a thread that a stopped server left behind keep the JVM alive.
        System.exit(0);
    }

    /** Runs the benchmark and prints its tables and RESULT lines to {@code out}. */
    public static List<Result> run(Args args, PrintStream out) throws Exception {
        int rounds = args.integer("rounds", 20, 1);
        int roundMs = args.integer("round-ms", 500, 150);
        int warmupMs = args.integer("warmup-ms", 5000, 200);
        int cold = args.integer("cold", 5, 1);
        int warm = args.integer("warm", 10, 2);
        boolean verbose = args.has("verbose");
        out.printf(Locale.ROOT, "FakeVsWireMock: stubbed GET /users/{id}; throughput %d rounds of %d ms per server and"
                + " client count after %d ms warm-up; start-up %d cold (fresh JVMs) and %d warm starts each%n",
                rounds, roundMs, warmupMs, cold, warm);
        List<Result> results = new ArrayList<>();

        Table throughput = new Table("clients", "fake req/s", "WireMock req/s", "fake / WireMock", "target", "verdict");
        try (ChildJvm.Running fake = ChildJvm.start(List.of(), ServerChild.class, "SERVER-CHILD", "--server", "fake");
                ChildJvm.Running wm = ChildJvm.start(List.of(), ServerChild.class, "SERVER-CHILD", "--server", "wiremock");
                CloseableHttpClient http = HttpClients.custom().disableContentCompression()
                        .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                                .setMaxConnPerRoute(8).setMaxConnTotal(16).build()).build()) {
            String toFake = url(Integer.parseInt(fake.field("port")));
            String toWm = url(Integer.parseInt(wm.field("port")));
            for (int threads : List.of(1, 4)) {
                rate(http, toFake, threads, warmupMs);
                rate(http, toWm, threads, warmupMs);
                List<Double> fakeRates = new ArrayList<>();
                List<Double> wmRates = new ArrayList<>();
                List<Double> ratios = new ArrayList<>();
                for (int r = 0; r < rounds; r++) {
                    double a;
                    double b;
                    if (r % 2 == 0) {
                        a = rate(http, toFake, threads, roundMs);
                        b = rate(http, toWm, threads, roundMs);
                    } else {
                        b = rate(http, toWm, threads, roundMs);
                        a = rate(http, toFake, threads, roundMs);
                    }
                    fakeRates.add(a);
                    wmRates.add(b);
                    ratios.add(a / b);
                    if (verbose) {
                        out.printf(Locale.ROOT, "  %d client(s), round %d (%s first): fake %.0f req/s, WireMock %.0f req/s%n",
                                threads, r + 1, r % 2 == 0 ? "fake" : "WireMock", a, b);
                    }
                }
                double ratio = Stats.median(ratios);
                Result.Verdict v = Result.verdict(ratio >= 1.0);
                throughput.row(threads, Stats.fmt(Stats.median(fakeRates), 0), Stats.fmt(Stats.median(wmRates), 0),
                        Stats.fmt(ratio, 2), ">= 1.0", v);
                results.add(new Result("FakeVsWireMock", "throughput-" + threads + "-client" + (threads > 1 ? "s" : ""),
                        ratio, ">= 1.0", v, String.format(Locale.ROOT, "fake %.0f req/s, WireMock %.0f req/s",
                                Stats.median(fakeRates), Stats.median(wmRates))));
            }
        }

        Table startup = new Table("start-up", "fake ms", "WireMock ms", "fake / WireMock", "target", "verdict");
        List<Double> fakeCold = new ArrayList<>();
        List<Double> wmCold = new ArrayList<>();
        for (int i = 0; i < cold; i++) {
            for (String name : i % 2 == 0 ? List.of("fake", "wiremock") : List.of("wiremock", "fake")) {
                Map<String, String> child = ChildJvm.run(List.of(), StartupChild.class, "STARTUP-CHILD", 2,
                        "--server", name);
                (name.equals("fake") ? fakeCold : wmCold).add(Double.parseDouble(child.get("ms")));
            }
        }
        List<Double> fakeWarm = new ArrayList<>();
        List<Double> wmWarm = new ArrayList<>();
        for (int i = -2; i < warm; i++) {
            for (String name : i % 2 == 0 ? List.of("fake", "wiremock") : List.of("wiremock", "fake")) {
                AtomicReference<StubServers.Server> started = new AtomicReference<>();
                double ms = StubServers.timeToFirstAnswer(name, started::set);
                started.get().close();
                if (i >= 0) {
                    (name.equals("fake") ? fakeWarm : wmWarm).add(ms);
                }
            }
        }
        addStartup(startup, results, "cold (fresh JVM, median of " + cold + ")", "startup-cold", fakeCold, wmCold);
        addStartup(startup, results, "warm (in-process, median of " + warm + ")", "startup-warm", fakeWarm, wmWarm);

        throughput.print(out);
        out.println();
        startup.print(out);
        results.forEach(r -> out.println(r.line()));
        return results;
    }

    private static void addStartup(Table table, List<Result> results, String label, String item, List<Double> fake,
            List<Double> wm) {
        double f = Stats.median(fake);
        double w = Stats.median(wm);
        double ratio = f / w;
        Result.Verdict v = Result.verdict(ratio <= STARTUP_TARGET);
        table.row(label, Stats.fmt(f, 1), Stats.fmt(w, 1), Stats.fmt(ratio, 2), "<= 0.33", v);
        results.add(new Result("FakeVsWireMock", item, ratio, "<= 0.33", v,
                String.format(Locale.ROOT, "fake %.1f ms, WireMock %.1f ms", f, w)));
    }

    private static String url(int port) {
        return "http://127.0.0.1:" + port + StubServers.PATH;
    }

    /** Requests per second from {@code threads} threads sending one after another for {@code millis}. */
    private static double rate(CloseableHttpClient http, String url, int threads, long millis) throws Exception {
        AtomicLong count = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        long start = System.nanoTime();
        long end = start + millis * 1_000_000L;
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                try {
                    while (System.nanoTime() < end) {
                        HttpGet get = new HttpGet(url);
                        get.setHeader("Accept", "application/json");
                        int length = http.execute(get, response -> {
                            if (response.getCode() != 200) {
                                throw new IOException("unexpected status " + response.getCode());
                            }
                            return EntityUtils.toByteArray(response.getEntity()).length;
                        });
                        if (length != StubServers.USER_JSON.length()) {
                            throw new IOException("unexpected body of " + length + " bytes");
                        }
                        count.incrementAndGet();
                    }
                } catch (Exception e) {
                    failure.compareAndSet(null, e);
                }
            });
            worker.start();
            workers.add(worker);
        }
        for (Thread w : workers) {
            w.join();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return count.get() / ((System.nanoTime() - start) / 1e9);
    }
}
