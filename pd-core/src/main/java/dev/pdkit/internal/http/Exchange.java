package dev.pdkit.internal.http;

import dev.pdkit.internal.retry.Decision.StopReason;
import dev.pdkit.spi.HttpRequest;
import dev.pdkit.spi.HttpResponse;
import java.time.Duration;

/**
 * The result of one call through the executor: the request sent, the last response, how many
 * requests it took, and why the loop stopped.
 *
 * @param request the request as sent (the same on every attempt)
 * @param response the last response
 * @param attempts the number of requests made
 * @param elapsed the wall time of the call, waits included
 * @param reason {@code ANSWERED}, {@code UNAUTHORIZED}, {@code NOT_SAFE_TO_REPEAT} or
 *     {@code HTTP_ATTEMPTS_EXHAUSTED}
 */
public record Exchange(HttpRequest request, HttpResponse response, int attempts, Duration elapsed, StopReason reason) {
}
