package dev.pdkit.tests;

import dev.pdkit.spi.Headers;
import dev.pdkit.spi.HttpRequest;
import dev.pdkit.spi.HttpResponse;
import dev.pdkit.spi.Sleeper;
import dev.pdkit.spi.Transport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** A transport that plays back a script of responses and failures, and records every request. */
final class ScriptedTransport implements Transport {

    private final Deque<Object> script = new ArrayDeque<>();
    final List<HttpRequest> requests = new ArrayList<>();

    ScriptedTransport status(int status, int times) {
        for (int i = 0; i < times; i++) {
            respond(status, Headers.empty(), "{}");
        }
        return this;
    }

    ScriptedTransport status(int status) {
        return status(status, 1);
    }

    ScriptedTransport respond(int status, Headers headers, String body) {
        script.add(HttpResponse.of(status, headers, body.getBytes(StandardCharsets.UTF_8)));
        return this;
    }

    ScriptedTransport fail(IOException failure, int times) {
        for (int i = 0; i < times; i++) {
            script.add(failure);
        }
        return this;
    }

    /** One attempt that runs {@code step}: it may return a response or throw anything, checked or not. */
    ScriptedTransport then(Step step) {
        script.add(step);
        return this;
    }

    /** One scripted attempt. */
    @FunctionalInterface
    interface Step {
        HttpResponse run(HttpRequest request) throws Exception;
    }

    @Override
    public synchronized HttpResponse send(HttpRequest request) throws IOException {
        requests.add(request);
        Object next = script.poll();
        if (next == null) {
            throw new AssertionError("the script ran out after " + requests.size() + " requests");
        }
        if (next instanceof IOException e) {
            throw e;
        }
        if (next instanceof Step step) {
            return sneaky(step, request);
        }
        return (HttpResponse) next;
    }

    @Override
    public String name() {
        return "scripted";
    }

    /** Runs the step, letting any exception through as it is: a transport may break the port's rules. */
    @SuppressWarnings("unchecked")
    private static <E extends Exception> HttpResponse sneaky(Step step, HttpRequest request) throws E {
        try {
            return step.run(request);
        } catch (Exception e) {
            throw (E) e;
        }
    }

    /** A sleeper that records the waits instead of waiting. */
    static final class RecordingSleeper implements Sleeper {
        final List<Duration> sleeps = new ArrayList<>();

        @Override
        public synchronized void sleep(Duration duration) {
            sleeps.add(duration);
        }

        List<Double> seconds() {
            return sleeps.stream().map(d -> d.toNanos() / 1e9).toList();
        }

        double total() {
            return seconds().stream().mapToDouble(Double::doubleValue).sum();
        }
    }
}
