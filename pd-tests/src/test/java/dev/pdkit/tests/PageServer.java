package dev.pdkit.tests;

import dev.pdkit.tests.LocalServer.Received;
import dev.pdkit.tests.LocalServer.Reply;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A hand-made server of paginated collections on 127.0.0.1, for the few pagination tests that
 * {@code FakePagerDuty} cannot serve (each says why in its Javadoc): paginations the fake answers
 * in one page, servers that break PagerDuty's rules on purpose, history windows inclusive at both
 * ends, and 200,000 records streamed without holding them. Each path is routed to a handler; the
 * handlers below generate their records from an index on the fly (so a collection of 200,000 costs
 * nothing) and otherwise paginate the way PagerDuty does: offset with {@code limit} (default 25,
 * clamped to 100), {@code offset}, {@code more}, {@code total} (null unless {@code total=true}) and
 * the 10,000 cap answered with 400 code 2002; cursor with {@code next_cursor}; history windows
 * filtered by {@code since}/{@code until}.
 */
final class PageServer implements AutoCloseable {

    static final String CAP_ERROR = "{\"error\":{\"message\":\"Arguments Caused Error\",\"code\":2002,\"errors\":"
            + "[\"Offset+limit exceeds maximum allowed value of 10000. Please try to refine your search to reduce the"
            + " returned set of records below this number, like adding a date range.\"]}}";

    private final Map<String, Function<Received, Reply>> routes = new ConcurrentHashMap<>();
    private final LocalServer server;

    private PageServer() {
        server = LocalServer.start(this::route);
    }

    static PageServer start() {
        return new PageServer();
    }

    PageServer on(String path, Function<Received, Reply> handler) {
        routes.put(path, handler);
        return this;
    }

    String url() {
        return server.url();
    }

    List<Received> received() {
        return server.received();
    }

    private Reply route(Received r) {
        Function<Received, Reply> handler = routes.get(r.path());
        return handler == null ? Reply.json(404, "{\"error\":{\"message\":\"Not Found\",\"code\":2100}}")
                : handler.apply(r);
    }

    @Override
    public void close() {
        server.close();
    }

    /** The decoded query parameters of a request; repeated keys keep every value. */
    static Map<String, List<String>> query(Received r) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (r.query() == null || r.query().isEmpty()) {
            return params;
        }
        for (String pair : r.query().split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        return params;
    }

    /** One decoded query parameter, or {@code null}. */
    static String param(Received r, String name) {
        List<String> values = query(r).get(name);
        return values == null ? null : values.get(0);
    }

    /** A generated user: id {@code P0000042}, name, email and a 100-character summary. */
    static Map<String, Object> user(int i) {
        Map<String, Object> u = new LinkedHashMap<>();
        u.put("id", String.format("P%07d", i));
        u.put("type", "user");
        u.put("name", "User " + i);
        u.put("email", "user" + i + "@example.com");
        u.put("summary", "x".repeat(100));
        return u;
    }

    /** Classic offset pagination over {@code size} generated records, optionally broken on purpose. */
    static final class Offset implements Function<Received, Reply> {
        private final String wrapper;
        private final int size;
        /** {@code "echo"} echoes the limit used; anything else is echoed as given (null, 42, 2020). */
        volatile Object limitEcho = "echo";
        /** The offset answered with an empty page that still says {@code more}; -1 for none. */
        volatile long emptyAtOffset = -1;

        Offset(String wrapper, int size) {
            this.wrapper = wrapper;
            this.size = size;
        }

        @Override
        public Reply apply(Received r) {
            String l = param(r, "limit");
            String o = param(r, "offset");
            long limit = l == null ? 25 : Long.parseLong(l);
            long offset = o == null ? 0 : Long.parseLong(o);
            if (offset + limit > 10_000) {
                return Reply.json(400, CAP_ERROR);
            }
            long used = Math.min(limit, 100);
            List<Map<String, Object>> items = new ArrayList<>();
            long end = Math.min(size, offset + used);
            if (offset != emptyAtOffset) {
                for (long i = offset; i < end; i++) {
                    items.add(user((int) i));
                }
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put(wrapper, items);
            body.put("limit", "echo".equals(limitEcho) ? used : limitEcho);
            body.put("offset", offset);
            body.put("more", end < size);
            body.put("total", "true".equals(param(r, "total")) ? size : null);
            return Reply.json(200, Json.write(body));
        }
    }

    /** Cursor pagination over {@code size} generated records; cursors are {@code c<index>}. */
    static final class Cursor implements Function<Received, Reply> {
        private final String wrapper;
        private final int size;

        Cursor(String wrapper, int size) {
            this.wrapper = wrapper;
            this.size = size;
        }

        @Override
        public Reply apply(Received r) {
            String cursor = param(r, "cursor");
            String l = param(r, "limit");
            int limit = Math.min(100, l == null ? 25 : Integer.parseInt(l));
            int start = cursor == null ? 0 : Integer.parseInt(cursor.substring(1));
            int end = Math.min(size, start + limit);
            List<Map<String, Object>> items = new ArrayList<>(end - start);
            for (int i = start; i < end; i++) {
                items.add(user(i));
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put(wrapper, items);
            body.put("limit", limit);
            body.put("next_cursor", end < size ? "c" + end : null);
            return Reply.json(200, Json.write(body));
        }
    }

    /**
     * Log entries stamped at the given instants (sorted), ids {@code L000000...} in time order,
     * filtered by {@code since}/{@code until} inclusive at both ends (PagerDuty's worst case),
     * oldest first, with offset pagination, {@code total} and the 10,000 cap.
     */
    static final class History implements Function<Received, Reply> {
        private final long[] seconds;

        History(long[] epochSeconds) {
            this.seconds = epochSeconds.clone();
            Arrays.sort(this.seconds);
        }

        int size() {
            return seconds.length;
        }

        static Map<String, Object> entry(int i, long epochSecond) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("id", String.format("L%07d", i));
            e.put("type", "trigger_log_entry");
            e.put("created_at", Instant.ofEpochSecond(epochSecond).toString());
            return e;
        }

        @Override
        public Reply apply(Received r) {
            String l = param(r, "limit");
            String o = param(r, "offset");
            long limit = l == null ? 25 : Long.parseLong(l);
            long offset = o == null ? 0 : Long.parseLong(o);
            if (offset + limit > 10_000) {
                return Reply.json(400, CAP_ERROR);
            }
            long since = Instant.parse(param(r, "since")).getEpochSecond();
            long until = Instant.parse(param(r, "until")).getEpochSecond();
            int from = firstAtLeast(since);
            int to = firstAtLeast(until + 1);
            long used = Math.min(limit, 100);
            long start = from + offset;
            long end = Math.min(to, start + used);
            List<Map<String, Object>> items = new ArrayList<>();
            for (long i = start; i < end; i++) {
                items.add(entry((int) i, seconds[(int) i]));
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("log_entries", items);
            body.put("limit", used);
            body.put("offset", offset);
            body.put("more", end < to);
            body.put("total", "true".equals(param(r, "total")) ? (Object) (long) (to - from) : null);
            return Reply.json(200, Json.write(body));
        }

        private int firstAtLeast(long t) {
            int lo = 0;
            int hi = seconds.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (seconds[mid] < t) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }
    }
}
