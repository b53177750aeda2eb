package dev.pdkit.testkit.server;

import dev.pdkit.testkit.rest.ApiError;
import dev.pdkit.testkit.rest.Call;
import dev.pdkit.testkit.rest.Reply;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * What happens to every request, in order: it is journalled; a scheduled fault is taken; the
 * global latency, then a delay fault, are waited out; faults that replace the answer
 * (status, 429, dropped connection) answer now; the rate limit is applied (REST only; Events API
 * requests are never refused by it); a stub answers, else the dispatcher. A truncated or malformed
 * body fault then breaks the real answer. Every reply gets {@code X-Request-Id} and the
 * {@code ratelimit-*} headers.
 *
 * <p>Thread-safe: the collaborators are, and the latency is volatile.
 */
public final class Pipeline {

    /** A wait that ends early, returning {@code false}, when the server closes. */
    @FunctionalInterface
    public interface Pause {
        /** Waits; returns {@code false} if the server closed meanwhile. */
        boolean await(Duration d);
    }

    static final byte[] MALFORMED = "{\"error\": {\"message\": \"Internal Server Err".getBytes(StandardCharsets.UTF_8);

    private final Recorder recorder;
    private final Faults faults;
    private final RateLimiter limiter;
    private final Stubs stubs;
    private final Function<Call, Reply> dispatcher;
    private final Pause pause;
    private volatile Duration latency = Duration.ZERO;

    /**
     * A pipeline.
     *
     * @param recorder the journal
     * @param faults the scheduled faults
     * @param limiter the rate limit
     * @param stubs the ad-hoc routes
     * @param dispatcher answers requests that get through
     * @param pause waits that end when the server closes
     */
    public Pipeline(Recorder recorder, Faults faults, RateLimiter limiter, Stubs stubs, Function<Call, Reply> dispatcher,
            Pause pause) {
        this.recorder = recorder;
        this.faults = faults;
        this.limiter = limiter;
        this.stubs = stubs;
        this.dispatcher = dispatcher;
        this.pause = pause;
    }

    /** Sets the latency added before every answer. */
    public void latency(Duration d) {
        Objects.requireNonNull(d, "latency");
        if (d.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative: " + d);
        }
        this.latency = d;
    }

    /** Answers one request. */
    public Reply process(Call call) {
        recorder.received(call);
        FaultSpec fault = faults.take(call);
        Duration wait = latency;
        if (!wait.isZero() && !pause.await(wait)) {
            return dropped();
        }
        if (fault != null && fault.kind() == FaultSpec.Kind.DELAY && !pause.await(fault.delay())) {
            return dropped();
        }
        if (fault != null) {
            switch (fault.kind()) {
                case DROP:
                    return dropped();
                case STATUS:
                    return standard(call, Reply.json(fault.status(), ApiError.forStatus(fault.status())), limiter.peek());
                case RATE_LIMITED:
                    return tooMany(call, new RateLimiter.Decision(false, limiter.peek().limit(), 0, fault.resetSeconds()));
                default:
                    break;
            }
        }
        boolean events = isEvents(call);
        RateLimiter.Decision d = events ? limiter.peek() : limiter.acquire();
        if (!d.allowed()) {
            return tooMany(call, d);
        }
        Reply reply = stubs.match(call);
        if (reply == null) {
            reply = dispatch(call);
        }
        if (reply.unmatched()) {
            recorder.unmatched(call);
        }
        if (fault != null && fault.kind() == FaultSpec.Kind.TRUNCATE) {
            reply = reply.withDelivery(Reply.Delivery.TRUNCATE);
        } else if (fault != null && fault.kind() == FaultSpec.Kind.MALFORMED) {
            reply = reply.withBody(MALFORMED);
        }
        return standard(call, reply, d);
    }

    private Reply dispatch(Call call) {
        try {
            return dispatcher.apply(call);
        } catch (ApiError e) {
            return e.reply();
        } catch (RuntimeException e) {
            // A bug in the fake must not look like PagerDuty's answer: 500 with the cause, and the
            // request is listed with the unmatched ones so a test can see it.
            return Reply.json(500, ApiError.body(2000, "Internal error in pd-testkit", List.of(String.valueOf(e))))
                    .asUnmatched();
        }
    }

    /** Whether a request is for the Events API rather than REST. */
    public static boolean isEvents(Call call) {
        return call.method().equals("POST") && (call.path().equals("/v2/enqueue") || call.path().equals("/v2/change/enqueue"));
    }

    private static Reply dropped() {
        return Reply.empty(500).withDelivery(Reply.Delivery.DROP);
    }

    private static Reply tooMany(Call call, RateLimiter.Decision d) {
        return standard(call, Reply.json(429, ApiError.forStatus(429)), d);
    }

    private static Reply standard(Call call, Reply r, RateLimiter.Decision d) {
        return r.withHeader("X-Request-Id", call.requestId())
                .withHeader("ratelimit-limit", String.valueOf(d.limit()))
                .withHeader("ratelimit-remaining", String.valueOf(d.remaining()))
                .withHeader("ratelimit-reset", String.valueOf(d.resetSeconds()));
    }
}
