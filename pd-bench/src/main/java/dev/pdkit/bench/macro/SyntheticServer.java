package dev.pdkit.bench.macro;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A synthetic PagerDuty on 127.0.0.1 that generates its answers instead of storing records, for
 * the benchmarks that need a server whose cost stays out of the figure:
 *
 * <ul>
 *   <li>{@code GET /log_entries}: {@code n} log entries, entry {@code i} created at {@link #T0}
 *       plus {@code i} seconds, with {@code since}/{@code until} windows (what {@code iterHistory}
 *       needs to get past the 10,000 cap);</li>
 *   <li>{@code GET /users}: {@code n} users in id order;</li>
 * </ul>
 *
 * <p>Both with offset pagination ({@code limit} clamped to 100, {@code offset}, {@code more},
 * {@code total=true}) and PagerDuty's 400 for {@code offset + limit > 10000}, and an optional
 * latency before each answer. Records have the shape and about the size of the fake's. Requests
 * are served concurrently with no shared lock, so a page costs the same at any size.
 *
 * <p>Why not the fake: the fake serves each list request by copying (and for users, sorting)
 * its whole collection under one account-wide lock. At 200,000 log entries that makes each page
 * slow, and at 10,000 users it serializes concurrent pages; either way the benchmark would measure
 * the fake rather than the client (the benchmarks that use this server say so in their output).
 *
 * <p>It also counts requests and the most it was working on at once, which shows whether a
 * client really kept 8 requests going.
 */
public final class SyntheticServer implements AutoCloseable {

    /** When entry 0 was created. */
    public static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static final int CAP = 10_000;

    private final int n;
    private volatile Duration latency;
    private final HttpServer server;
    private final ExecutorService executor;
    private final String url;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();

    private SyntheticServer(int n, Duration latency) throws IOException {
        this.n = n;
        this.latency = latency;
        // The JDK server stalls ~40 ms per keep-alive request without TCP_NODELAY (build-notes section 3).
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(32, r -> {
            Thread t = new Thread(r, "log-entries-server-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/log_entries", ex -> handle(ex, this::logEntriesPage));
        server.createContext("/users", ex -> handle(ex, this::usersPage));
        server.start();
        this.url = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Starts a server holding {@code n} log entries and {@code n} users, answering at once. */
    public static SyntheticServer start(int n) {
        return start(n, Duration.ZERO);
    }

    /** Starts a server holding {@code n} log entries and {@code n} users, answering after {@code latency}. */
    public static SyntheticServer start(int n, Duration latency) {
        try {
            return new SyntheticServer(n, latency);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The base URL, e.g. {@code http://127.0.0.1:54321}. */
    public String url() {
        return url;
    }

    /** Requests answered so far. */
    public long requests() {
        return requests.get();
    }

    /** The most requests in flight at once so far. */
    public int maxInFlight() {
        return maxInFlight.get();
    }

    /** Sets the latency before each answer from now on. */
    public void latency(Duration latency) {
        this.latency = latency;
    }

    /** Forgets the counters, between runs. */
    public void resetCounters() {
        requests.set(0);
        maxInFlight.set(0);
    }

    private void handle(HttpExchange ex, java.util.function.Function<Map<String, String>, byte[]> pager)
            throws IOException {
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        byte[] body;
        int status = 200;
        try {
            requests.incrementAndGet();
            ex.getRequestBody().readAllBytes();
            Map<String, String> q = query(ex.getRequestURI().getRawQuery());
            try {
                body = pager.apply(q);
            } catch (IllegalArgumentException e) {
                status = 400;
                body = ("{\"error\":{\"message\":\"Invalid Input Provided\",\"code\":2001,\"errors\":[\""
                        + e.getMessage() + "\"]}}").getBytes(StandardCharsets.UTF_8);
            }
            Duration wait = latency;
            if (!wait.isZero()) {
                Thread.sleep(wait.toMillis(), wait.toNanosPart() % 1_000_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ex.close();
            return;
        } finally {
            // Before the answer goes out: once the client has it, it may send its next request at once.
            inFlight.decrementAndGet();
        }
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    private byte[] logEntriesPage(Map<String, String> q) {
        int lo = index(q.get("since"), 0);
        int hi = Math.max(lo, index(q.get("until"), n));
        return page(q, "log_entries", lo, hi, this::entry);
    }

    private byte[] usersPage(Map<String, String> q) {
        return page(q, "users", 0, n, this::user);
    }

    /** An offset page over the records {@code lo} (inclusive) to {@code hi} (exclusive). */
    private static byte[] page(Map<String, String> q, String wrapper, int lo, int hi, Writer writer) {
        int limit = Math.max(1, Math.min(100, integer(q.get("limit"), 25)));
        int offset = integer(q.get("offset"), 0);
        if ((long) offset + limit > CAP) {
            throw new IllegalArgumentException("Offset+limit exceeds maximum allowed value of 10000.");
        }
        int total = hi - lo;
        int from = (int) Math.min(hi, (long) lo + offset);
        int to = Math.min(hi, from + limit);
        StringBuilder sb = new StringBuilder(1100 * (to - from) + 100);
        sb.append("{\"").append(wrapper).append("\":[");
        for (int i = from; i < to; i++) {
            if (i > from) {
                sb.append(',');
            }
            writer.write(sb, i);
        }
        sb.append("],\"limit\":").append(limit).append(",\"offset\":").append(offset)
                .append(",\"more\":").append(to < hi)
                .append(",\"total\":").append("true".equals(q.get("total")) ? String.valueOf(total) : "null")
                .append('}');
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Writes record {@code i} as JSON. */
    @FunctionalInterface
    private interface Writer {
        void write(StringBuilder sb, int i);
    }

    /** The first entry index at or after a time; entries are one second apart from {@link #T0}. */
    private int index(String time, int dflt) {
        if (time == null || time.isBlank()) {
            return dflt;
        }
        Instant t;
        try {
            t = OffsetDateTime.parse(time).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Invalid time value: " + time);
        }
        Duration d = Duration.between(T0, t);
        if (d.isNegative()) {
            return 0;
        }
        long seconds = d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
        return (int) Math.min(n, seconds);
    }

    private static int integer(String v, int dflt) {
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an integer: " + v);
        }
    }

    /** One log entry of about 1 KB, shaped like the fake's trigger entries. */
    private void entry(StringBuilder sb, int i) {
        String id = id(i);
        int incident = i / 3;
        String incidentId = String.format("PI%05d", incident % 100_000);
        String created = T0.plusSeconds(i).toString();
        sb.append("{\"id\":\"").append(id).append("\",\"type\":\"trigger_log_entry\",")
                .append("\"summary\":\"Triggered through the API\",")
                .append("\"self\":\"").append(url).append("/log_entries/").append(id).append("\",")
                .append("\"html_url\":\"https://bench.pagerduty.com/incidents/").append(incidentId)
                .append("/log_entries/").append(id).append("\",")
                .append("\"created_at\":\"").append(created).append("\",")
                .append("\"agent\":{\"id\":\"PSVC001\",\"type\":\"service_reference\",\"summary\":\"Checkout API\",")
                .append("\"self\":\"").append(url).append("/services/PSVC001\",")
                .append("\"html_url\":\"https://bench.pagerduty.com/services/PSVC001\"},")
                .append("\"channel\":{\"type\":\"api\"},")
                .append("\"service\":{\"id\":\"PSVC001\",\"type\":\"service_reference\",\"summary\":\"Checkout API\",")
                .append("\"self\":\"").append(url).append("/services/PSVC001\",")
                .append("\"html_url\":\"https://bench.pagerduty.com/services/PSVC001\"},")
                .append("\"incident\":{\"id\":\"").append(incidentId).append("\",\"type\":\"incident_reference\",")
                .append("\"summary\":\"[#").append(incident).append("] Disk full on db-").append(i % 97).append("\",")
                .append("\"self\":\"").append(url).append("/incidents/").append(incidentId).append("\",")
                .append("\"html_url\":\"https://bench.pagerduty.com/incidents/").append(incidentId).append("\"},")
                .append("\"teams\":[{\"id\":\"PTEAM01\",\"type\":\"team_reference\",\"summary\":\"Platform\",")
                .append("\"self\":\"").append(url).append("/teams/PTEAM01\",")
                .append("\"html_url\":\"https://bench.pagerduty.com/teams/PTEAM01\"}],")
                .append("\"contexts\":[],\"event_details\":{\"description\":\"Disk full on db-").append(i % 97)
                .append("\"}}");
    }

    /** One user of about 740 bytes, shaped like the fake's. */
    private void user(StringBuilder sb, int i) {
        String id = userId(i);
        sb.append("{\"id\":\"").append(id).append("\",\"type\":\"user\",\"summary\":\"User ").append(i).append("\",")
                .append("\"self\":\"").append(url).append("/users/").append(id).append("\",")
                .append("\"html_url\":\"https://bench.pagerduty.com/users/").append(id).append("\",")
                .append("\"name\":\"User ").append(i).append("\",\"email\":\"user").append(i).append("@example.com\",")
                .append("\"time_zone\":\"Etc/UTC\",\"color\":\"purple\",\"role\":\"user\",")
                .append("\"avatar_url\":\"https://secure.gravatar.com/avatar/").append(Integer.toHexString(id.hashCode()))
                .append(".png?d=mm&r=PG\",\"description\":null,\"invitation_sent\":false,\"job_title\":null,")
                .append("\"teams\":[],\"contact_methods\":[{\"id\":\"PC").append(id.substring(2)).append("\",")
                .append("\"type\":\"email_contact_method_reference\",\"summary\":\"Default\",")
                .append("\"self\":\"").append(url).append("/users/").append(id).append("/contact_methods/PC")
                .append(id.substring(2)).append("\",\"html_url\":null}],\"notification_rules\":[],")
                .append("\"coordinations\":[],\"created_via_sso\":false}");
    }

    /** The id of user {@code i}: PU and 6 digits. */
    public static String userId(int i) {
        return String.format("PU%06d", i);
    }

    /** The id of entry {@code i}: Q and 13 digits, so a client can tell which entry it got. */
    public static String id(int i) {
        return String.format("Q%013d", i);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new HashMap<>();
        if (raw == null) {
            return q;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            q.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
        }
        return q;
    }

    /** Stops the server at once. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
