package dev.pdkit.bench.macro;

import dev.pdkit.Event;
import dev.pdkit.EventsApiV2Client;
import dev.pdkit.json.jackson.JacksonJsonCodec;
import dev.pdkit.spi.Transport;
import dev.pdkit.testkit.FakePagerDuty;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * Benchmark 5, Events API: 1,000 triggers to the fake with 20 ms of latency, sent one after another
 * with {@code send} and through the concurrent submission helper {@code sendAsync} with
 * {@code maxConcurrentSends(8)}. Issue 8 sets no target for it; the table compares the speedup
 * with its bound, the concurrency itself (the fake answers every event after the same latency, so
 * {@code ceil(n / 8)} round trips is the best possible).
 *
 * <p>Each run starts from a fresh account ({@code reset()}), so both sides find the same state, and
 * is checked: as many distinct dedup keys as events, and as many requests received by the fake.
 *
 * <p>Flags: {@code --quick}, {@code --events N}, {@code --latency-ms N}, {@code --concurrency N},
 * {@code --rounds N}, {@code --transport jdk|okhttp|apache}.
 */
public final class Events {

    private Events() {
    }

    /** Runs the benchmark; see the class comment for the flags. */
    public static void main(String[] args) throws Exception {
        run(Args.parse(args), System.out);
    }

    /** Runs the benchmark and prints its table and RESULT lines to {@code out}. */
    public static List<Result> run(Args args, PrintStream out) throws Exception {
        int events = args.integer("events", 1000, 40);
        int latencyMs = args.integer("latency-ms", 20, 2);
        int concurrency = args.integer("concurrency", 8, 8);
        int rounds = args.integer("rounds", 3, 1);
        String transportName = args.text("transport", "jdk", "jdk");
        int boundTrips = (events + concurrency - 1) / concurrency;
        out.printf(Locale.ROOT, "Events: %,d triggers, %d ms latency, send() in a loop vs sendAsync() with"
                + " maxConcurrentSends(%d), %s transport; %d rounds%n", events, latencyMs, concurrency, transportName,
                rounds);
        List<Result> results = new ArrayList<>();
        Table table = new Table("sending", "ms (median)", "events/s", "1 event ms", "bound ms", "vs bound");
        try (FakePagerDuty fake = FakePagerDuty.start();
                Transport transport = Transports.create(transportName);
                EventsApiV2Client sequential = client(fake, transport, 1);
                EventsApiV2Client concurrent = client(fake, transport, concurrency)) {
            // Warm-up without latency: the JIT sees every path in seconds.
            for (int i = 0; i < 2; i++) {
                sendSequentially(fake, sequential, Math.min(events, 200), Duration.ZERO);
                sendConcurrently(fake, concurrent, Math.min(events, 200), Duration.ZERO);
            }
            Duration latency = Duration.ofMillis(latencyMs);
            fake.latency(latency);
            List<Double> seqMs = new ArrayList<>();
            List<Double> concMs = new ArrayList<>();
            List<Double> oneMs = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                for (int k = 0; k < 5; k++) {
                    long t0 = System.nanoTime();
                    sequential.send(trigger(k));
                    oneMs.add(Stats.millisSince(t0));
                }
                if (r % 2 == 0) {
                    seqMs.add(sendSequentially(fake, sequential, events, latency));
                    concMs.add(sendConcurrently(fake, concurrent, events, latency));
                } else {
                    concMs.add(sendConcurrently(fake, concurrent, events, latency));
                    seqMs.add(sendSequentially(fake, sequential, events, latency));
                }
            }
            double seq = Stats.median(seqMs);
            double conc = Stats.median(concMs);
            double one = Stats.median(oneMs);
            double seqBound = events * one;
            double concBound = boundTrips * one;
            table.row("send() in a loop", Stats.fmt(seq, 0), Stats.fmt(events / seq * 1000, 0), Stats.fmt(one, 1),
                    Stats.fmt(seqBound, 0), Stats.fmt(seq / seqBound, 2));
            table.row("sendAsync(), " + concurrency + " in flight", Stats.fmt(conc, 0),
                    Stats.fmt(events / conc * 1000, 0), Stats.fmt(one, 1), Stats.fmt(concBound, 0),
                    Stats.fmt(conc / concBound, 2));
            table.print(out);
            double speedup = seq / conc;
            out.printf(Locale.ROOT, "  speedup %.2fx (the bound is %.2fx)%n", speedup, (double) events / boundTrips);
            results.add(new Result("Events", "speedup", speedup, "none", Result.Verdict.INFO,
                    String.format(Locale.ROOT, "send %.0f ms, sendAsync %.0f ms for %d events; bound %.2fx",
                            seq, conc, events, (double) events / boundTrips)));
            results.add(new Result("Events", "sendAsync-vs-bound", conc / concBound, "none", Result.Verdict.INFO,
                    String.format(Locale.ROOT, "bound %d x %.1f ms = %.0f ms", boundTrips, one, concBound)));
        }
        results.forEach(r -> out.println(r.line()));
        return results;
    }

    private static EventsApiV2Client client(FakePagerDuty fake, Transport transport, int concurrency) {
        return EventsApiV2Client.builder(fake.routingKey()).baseUrl(fake.eventsUrl()).transport(transport)
                .json(JacksonJsonCodec.create()).maxConcurrentSends(concurrency).build();
    }

    private static Event trigger(int i) {
        // No dedup key: each trigger opens its own incident, and sendAsync may send them all at once.
        return Event.trigger("Disk full on db-" + i, "db-" + (i % 50) + ".example.com").severity("warning").build();
    }

    /** Resets the fake (which also restores the builder's latency, so it is set again) and sends. */
    private static double sendSequentially(FakePagerDuty fake, EventsApiV2Client client, int n, Duration latency) {
        fake.reset();
        fake.latency(latency);
        long t0 = System.nanoTime();
        List<String> keys = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            keys.add(client.send(trigger(i)));
        }
        double ms = Stats.millisSince(t0);
        check(fake, keys, n, "send");
        return ms;
    }

    private static double sendConcurrently(FakePagerDuty fake, EventsApiV2Client client, int n, Duration latency) {
        fake.reset();
        fake.latency(latency);
        long t0 = System.nanoTime();
        List<CompletableFuture<String>> sent = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            sent.add(client.sendAsync(trigger(i)));
        }
        List<String> keys = new ArrayList<>(n);
        for (CompletableFuture<String> f : sent) {
            keys.add(f.join());
        }
        double ms = Stats.millisSince(t0);
        check(fake, keys, n, "sendAsync");
        return ms;
    }

    private static void check(FakePagerDuty fake, List<String> keys, int n, String what) {
        if (new HashSet<>(keys).size() != n || fake.requestCount() != n) {
            throw new IllegalStateException(what + ": " + n + " events gave " + new HashSet<>(keys).size()
                    + " distinct dedup keys and " + fake.requestCount() + " requests at the fake");
        }
    }
}
