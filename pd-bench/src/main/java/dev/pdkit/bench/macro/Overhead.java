package dev.pdkit.bench.macro;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pdkit.RestApiV2Client;
import dev.pdkit.json.jackson.JacksonJsonCodec;
import dev.pdkit.spi.Transport;
import dev.pdkit.testkit.FakePagerDuty;
import dev.pdkit.testkit.RecordedRequest;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/**
 * Benchmark 1, overhead: requests per second of {@code client.rget("/users/{id}")} through each
 * transport against the fake on loopback, divided by the requests per second of the same HTTP
 * library used bare (same URL, same headers) plus a plain Jackson parse of the same response and
 * {@code get("user")}. Target: at least 0.95 for every transport, in a quiet run.
 *
 * <p>Both sides make the same request to the same fake, one at a time on one keep-alive connection,
 * so the server's work is in both and the ratio shows what pdkit adds (URL resolution, path
 * matching, the retry loop, its JSON tree, unwrapping, statistics) as a user would see it on a
 * fast local server. The table also gives that difference in microseconds per request, which
 * doesn't depend on the server. Rounds of a fixed duration alternate AB, BA, ... after a warm-up;
 * the ratio is the median of the per-round ratios: on a shared 2-vCPU machine the request rate of
 * a ping-pong like this jumps between modes for seconds at a time (how the scheduler places client
 * and server threads), and a pair of adjacent rounds nearly always sees the same mode.
 *
 * <p>Flags: {@code --quick}, {@code --transports jdk,okhttp,apache}, {@code --rounds N},
 * {@code --round-ms N}, {@code --warmup-ms N}, {@code --verbose} (every round's figures).
 */
public final class Overhead {

    static final double TARGET = 0.95;

    private Overhead() {
    }

    /** Runs the benchmark; see the class comment for the flags. */
    public static void main(String[] args) throws Exception {
        run(Args.parse(args), System.out);
    }

    /** Runs the benchmark and prints its table and RESULT lines to {@code out}. */
    public static List<Result> run(Args args, PrintStream out) throws Exception {
        List<String> transports = args.list("transports", String.join(",", Transports.ALL), String.join(",", Transports.ALL));
        int rounds = args.integer("rounds", 20, 2);
        int roundMs = args.integer("round-ms", 500, 150);
        int warmupMs = args.integer("warmup-ms", 4000, 300);
        out.printf(Locale.ROOT, "Overhead: rget(\"/users/{id}\") vs bare HTTP + Jackson; %d rounds of %d ms per side"
                + " after %d ms of warm-up per side%n", rounds, roundMs, warmupMs);
        Table table = new Table("transport", "pdkit req/s", "bare req/s", "pdkit µs/req", "bare µs/req",
                "added µs/req", "ratio (median)", "target", "verdict");
        List<Result> results = new ArrayList<>();
        try (FakePagerDuty fake = FakePagerDuty.start()) {
            for (String name : transports) {
                results.add(measure(name, fake, rounds, roundMs, warmupMs, table, args.has("verbose") ? out : null));
            }
        }
        table.print(out);
        results.forEach(r -> out.println(r.line()));
        return results;
    }

    private static Result measure(String name, FakePagerDuty fake, int rounds, int roundMs, int warmupMs, Table table,
            PrintStream out) throws Exception {
        boolean verbose = out != null;
        try (Transport transport = Transports.create(name);
                RestApiV2Client client = RestApiV2Client.builder(fake.apiToken()).baseUrl(fake.restUrl())
                        .transport(transport).json(JacksonJsonCodec.create()).build();
                Bare bare = Bare.create(name)) {
            Side pdkit = path -> {
                @SuppressWarnings("unchecked")
                Map<String, Object> user = (Map<String, Object>) client.rget(path);
                return (String) user.get("id");
            };
            fake.reset();
            String id = seedUser(fake);
            pdkit.call("/users/" + id);
            // The bare client sends exactly the headers pdkit sent, so both ask the server the same thing.
            Map<String, String> headers = headersOf(fake.requests().get(fake.requests().size() - 1));
            Side baseline = path -> bare.getUserId(fake.restUrl() + path, headers);

            runFor(pdkit, "/users/" + id, id, warmupMs);
            runFor(baseline, "/users/" + id, id, warmupMs);
            List<Double> ratios = new ArrayList<>();
            List<Double> pdkitRates = new ArrayList<>();
            List<Double> bareRates = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                // A fresh account each round keeps the fake's request journal (which nothing trims) small.
                fake.reset();
                id = seedUser(fake);
                String path = "/users/" + id;
                double a;
                double b;
                if (r % 2 == 0) {
                    a = runFor(pdkit, path, id, roundMs);
                    b = runFor(baseline, path, id, roundMs);
                } else {
                    b = runFor(baseline, path, id, roundMs);
                    a = runFor(pdkit, path, id, roundMs);
                }
                pdkitRates.add(a);
                bareRates.add(b);
                ratios.add(a / b);
                if (verbose) {
                    out.printf(Locale.ROOT, "  %s round %d (%s first): pdkit %.0f req/s, bare %.0f req/s%n", name, r + 1,
                            r % 2 == 0 ? "pdkit" : "bare", a, b);
                }
            }
            double ratio = Stats.median(ratios);
            double a = Stats.median(pdkitRates);
            double b = Stats.median(bareRates);
            Result.Verdict verdict = Result.verdict(ratio >= TARGET);
            table.row(name, Stats.fmt(a, 0), Stats.fmt(b, 0), Stats.fmt(1e6 / a, 1), Stats.fmt(1e6 / b, 1),
                    Stats.fmt(1e6 / a - 1e6 / b, 1), Stats.fmt(ratio, 3), ">= " + TARGET, verdict);
            return new Result("Overhead", name, ratio, ">= " + TARGET, verdict, String.format(Locale.ROOT,
                    "pdkit %.0f req/s, bare %.0f req/s, %.1f µs/req added", a, b, 1e6 / a - 1e6 / b));
        }
    }

    private static String seedUser(FakePagerDuty fake) {
        return (String) fake.seed().user("Bench User", "bench.user@example.com").get("id");
    }

    private static Map<String, String> headersOf(RecordedRequest sent) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : List.of("Accept", "Authorization", "User-Agent", "From")) {
            String v = sent.header(name);
            if (v != null) {
                headers.put(name, v);
            }
        }
        return headers;
    }

    /** Sends requests one after another for {@code millis}; returns requests per second. */
    static double runFor(Side side, String path, String expectedId, long millis) throws Exception {
        long start = System.nanoTime();
        long end = start + millis * 1_000_000L;
        long n = 0;
        long now;
        do {
            String got = side.call(path);
            if (!expectedId.equals(got)) {
                throw new IllegalStateException("expected user " + expectedId + ", got " + got);
            }
            n++;
            now = System.nanoTime();
        } while (now < end);
        return n / ((now - start) / 1e9);
    }

    /** One way to fetch a user and return its id. */
    @FunctionalInterface
    interface Side {
        String call(String path) throws Exception;
    }

    /**
     * The baseline: an HTTP library used the plain way, plus {@code ObjectMapper.readValue(bytes,
     * Map.class)}. Each is configured like its pdkit transport where that changes the wire (HTTP/1.1
     * for the JDK; no compression for Apache), and otherwise left at its defaults.
     */
    abstract static class Bare implements AutoCloseable {
        final ObjectMapper mapper = new ObjectMapper();

        static Bare create(String name) {
            return switch (name) {
                case "jdk" -> new Jdk();
                case "okhttp" -> new OkHttp();
                case "apache" -> new Apache();
                default -> throw new IllegalArgumentException(name);
            };
        }

        abstract byte[] get(String url, Map<String, String> headers) throws IOException, InterruptedException;

        String getUserId(String url, Map<String, String> headers) throws IOException, InterruptedException {
            Map<?, ?> body = mapper.readValue(get(url, headers), Map.class);
            return (String) ((Map<?, ?>) body.get("user")).get("id");
        }

        @Override
        public void close() throws IOException {
        }
    }

    private static final class Jdk extends Bare {
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        @Override
        byte[] get(String url, Map<String, String> headers) throws IOException, InterruptedException {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).GET();
            headers.forEach(b::header);
            java.net.http.HttpResponse<byte[]> r = http.send(b.build(), BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw new IOException("status " + r.statusCode());
            }
            return r.body();
        }
    }

    private static final class OkHttp extends Bare {
        private final OkHttpClient http = new OkHttpClient();

        @Override
        byte[] get(String url, Map<String, String> headers) throws IOException {
            Request.Builder b = new Request.Builder().url(url);
            headers.forEach(b::header);
            try (okhttp3.Response r = http.newCall(b.build()).execute()) {
                if (r.code() != 200) {
                    throw new IOException("status " + r.code());
                }
                return r.body().bytes();
            }
        }

        @Override
        public void close() {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }

    private static final class Apache extends Bare {
        private final CloseableHttpClient http = HttpClients.custom().disableContentCompression().build();

        @Override
        byte[] get(String url, Map<String, String> headers) throws IOException {
            HttpGet get = new HttpGet(url);
            headers.forEach(get::setHeader);
            return http.execute(get, response -> {
                if (response.getCode() != 200) {
                    throw new IOException("status " + response.getCode());
                }
                return EntityUtils.toByteArray(response.getEntity());
            });
        }

        @Override
        public void close() throws IOException {
            http.close();
        }
    }
}
