package dev.pdkit.testkit;

import dev.pdkit.testkit.rest.Call;
import dev.pdkit.testkit.rest.Json;
import dev.pdkit.testkit.rest.Reply;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The fake's control API over HTTP, for test suites in any language: what {@link FakePagerDuty}'s
 * Java methods do, under {@value #PREFIX} on the fake's own port. PagerDuty has no path that starts
 * with {@code /__}, so the prefix can't hide one of its operations. Admin requests need no
 * credential, are not journalled and get no faults, latency or rate limit.
 *
 * <table>
 *   <caption>Operations</caption>
 *   <tr><th>request</th><th>does</th></tr>
 *   <tr><td>{@code GET /__admin}</td><td>lists these operations and the fake's coordinates</td></tr>
 *   <tr><td>{@code POST /__admin/reset}</td><td>{@link FakePagerDuty#reset()}: back to the seed</td></tr>
 *   <tr><td>{@code POST /__admin/seed} with a fixture</td><td>{@link FakePagerDuty#seedFromJson(String)}</td></tr>
 *   <tr><td>{@code GET /__admin/requests?method=&path=&since=}</td><td>the journal as JSON, filtered by
 *       method, path (exact, or a template such as {@code /users/{id}}) and arrival time</td></tr>
 *   <tr><td>{@code DELETE /__admin/requests}</td><td>clears the journal</td></tr>
 *   <tr><td>{@code POST /__admin/faults} {@code {"kind", "status", "reset_seconds", "delay_ms",
 *       "method", "path", "count"}}</td><td>{@link FakePagerDuty#inject}: kind {@code status} (the
 *       default when {@code status} is given), {@code rate_limited}, {@code delay},
 *       {@code drop_connection}, {@code truncated_body} or {@code malformed_body}; {@code path} is a
 *       regular expression on the whole path</td></tr>
 *   <tr><td>{@code PUT /__admin/latency} {@code {"millis": 50}}</td><td>{@link FakePagerDuty#latency}</td></tr>
 *   <tr><td>{@code PUT /__admin/rate_limit} {@code {"per_minute": 60}}</td><td>{@link FakePagerDuty#rateLimit}</td></tr>
 *   <tr><td>{@code POST /__admin/stubs} {@code {"method", "path", "status", "body"}}</td><td>{@link FakePagerDuty#stub}:
 *       {@code body} is any JSON value, sent as it is</td></tr>
 * </table>
 *
 * <p>A request it can't carry out is answered 400 with {@code {"error": {"message": ...}}}; an
 * unknown admin path 404.
 */
final class AdminApi {

    /** The path prefix of the admin API. */
    static final String PREFIX = "/__admin";

    private final FakePagerDuty fake;

    AdminApi(FakePagerDuty fake) {
        this.fake = fake;
    }

    /** Whether a request is for the admin API. */
    static boolean handles(Call call) {
        return call.path().equals(PREFIX) || call.path().startsWith(PREFIX + "/");
    }

    Reply handle(Call call) {
        String op = call.method() + " " + call.path().substring(PREFIX.length());
        try {
            return switch (op) {
                case "GET ", "GET /" -> Reply.json(200, index());
                case "POST /reset" -> {
                    fake.reset();
                    yield Reply.empty(204);
                }
                case "POST /seed" -> {
                    fake.seedFromJson(new String(call.body(), StandardCharsets.UTF_8));
                    yield Reply.empty(204);
                }
                case "GET /requests" -> Reply.json(200, journal(call));
                case "DELETE /requests" -> {
                    fake.clearRequests();
                    yield Reply.empty(204);
                }
                case "POST /faults" -> {
                    fault(body(call));
                    yield Reply.empty(204);
                }
                case "PUT /latency" -> {
                    fake.latency(Duration.ofMillis(number(body(call), "millis")));
                    yield Reply.empty(204);
                }
                case "PUT /rate_limit" -> {
                    fake.rateLimit(Math.toIntExact(number(body(call), "per_minute")));
                    yield Reply.empty(204);
                }
                case "POST /stubs" -> {
                    Map<String, Object> b = body(call);
                    Object stubBody = b.get("body");
                    fake.stub(text(b, "method", null), text(b, "path", null), Math.toIntExact(number(b, "status")),
                            stubBody == null ? null : new String(Json.write(stubBody), StandardCharsets.UTF_8));
                    yield Reply.json(201, Map.of());
                }
                default -> Reply.json(404, error("no admin operation " + op.replaceFirst(" ", " " + PREFIX)
                        + "; GET " + PREFIX + " lists them"));
            };
        } catch (IllegalArgumentException | ArithmeticException e) {
            return Reply.json(400, error(e.getMessage()));
        }
    }

    private Map<String, Object> index() {
        return Json.obj(
                "rest_url", fake.restUrl(),
                "events_url", fake.eventsUrl(),
                "api_token", fake.apiToken(),
                "user_email", fake.userEmail(),
                "routing_key", fake.routingKey(),
                "operations", List.of(
                        "POST " + PREFIX + "/reset",
                        "POST " + PREFIX + "/seed",
                        "GET " + PREFIX + "/requests?method=&path=&since=",
                        "DELETE " + PREFIX + "/requests",
                        "POST " + PREFIX + "/faults",
                        "PUT " + PREFIX + "/latency",
                        "PUT " + PREFIX + "/rate_limit",
                        "POST " + PREFIX + "/stubs"));
    }

    private Map<String, Object> journal(Call call) {
        String method = call.param("method");
        String path = call.param("path");
        Pattern template = path == null ? null
                : Pattern.compile(Pattern.quote(path).replaceAll("\\{[^/{}]+}", "\\\\E[^/]+\\\\Q"));
        Instant since = instant(call.param("since"));
        List<Object> requests = new ArrayList<>();
        for (RecordedRequest r : fake.requests()) {
            if ((method == null || method.equalsIgnoreCase(r.method()))
                    && (template == null || template.matcher(r.path()).matches())
                    && (since == null || !r.receivedAt().isBefore(since))) {
                requests.add(describe(r));
            }
        }
        return Json.obj("requests", requests, "received", fake.requestCount(), "dropped", fake.droppedRequestCount());
    }

    private static Map<String, Object> describe(RecordedRequest r) {
        Object body = null;
        if (r.body().length > 0) {
            try {
                body = Json.read(r.body());
            } catch (RuntimeException notJson) {
                body = r.bodyText();
            }
        }
        return Json.obj("method", r.method(), "path", r.path(), "query", r.query(), "headers", r.headers(),
                "body", body, "received_at", r.receivedAt().toString());
    }

    private void fault(Map<String, Object> b) {
        String kind = text(b, "kind", b.containsKey("status") ? "status" : null);
        Fault fault = switch (kind) {
            case "status" -> Fault.status(Math.toIntExact(number(b, "status")));
            case "rate_limited" -> Fault.rateLimited(b.containsKey("reset_seconds") ? number(b, "reset_seconds") : 1);
            case "delay" -> Fault.delay(Duration.ofMillis(number(b, "delay_ms")));
            case "drop_connection" -> Fault.dropConnection();
            case "truncated_body" -> Fault.truncatedBody();
            case "malformed_body" -> Fault.malformedBody();
            default -> throw new IllegalArgumentException("unknown fault kind '" + kind + "'; one of status,"
                    + " rate_limited, delay, drop_connection, truncated_body, malformed_body");
        };
        int count = b.containsKey("count") ? Math.toIntExact(number(b, "count")) : 1;
        fake.inject(fault, count, text(b, "method", ""), text(b, "path", ""));
    }

    private static Map<String, Object> body(Call call) {
        Object tree;
        try {
            tree = Json.read(call.body());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the body must be a JSON object: " + e.getMessage());
        }
        Map<String, Object> map = Json.map(tree);
        if (map == null) {
            throw new IllegalArgumentException("the body must be a JSON object");
        }
        return map;
    }

    /** A text member; {@code fallback} when absent ({@code ""} maps to {@code null}: any), required when it is null. */
    private static String text(Map<String, Object> b, String key, String fallback) {
        Object v = b.get(key);
        if (v == null) {
            if (fallback == null) {
                throw new IllegalArgumentException("'" + key + "' is required");
            }
            return fallback.isEmpty() ? null : fallback;
        }
        if (!(v instanceof String s)) {
            throw new IllegalArgumentException("'" + key + "' must be text");
        }
        return s;
    }

    private static long number(Map<String, Object> b, String key) {
        Object v = b.get(key);
        if (!(v instanceof Integer || v instanceof Long)) {
            throw new IllegalArgumentException("'" + key + "' must be a whole number");
        }
        return ((Number) v).longValue();
    }

    private static Instant instant(String s) {
        if (s == null) {
            return null;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("since must be an ISO-8601 instant such as 2026-01-02T03:04:05Z: " + s);
        }
    }

    private static Map<String, Object> error(String message) {
        return Json.obj("error", Json.obj("message", message));
    }
}
