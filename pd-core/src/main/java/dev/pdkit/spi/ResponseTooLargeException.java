package dev.pdkit.spi;

import java.io.IOException;

/**
 * A response body longer than {@link TransportOptions#maxResponseBytes()}. The transport stops
 * reading at the limit and closes the connection, so the heap never holds more than the limit.
 * Core does not retry it: the same request would get the same body.
 */
public class ResponseTooLargeException extends IOException {

    private static final long serialVersionUID = 1L;

    private final long limit;

    /**
     * Creates the exception.
     *
     * @param limit the limit that was exceeded, in bytes
     * @param what the request, for the message, e.g. {@code GET https://api.pagerduty.com/users}
     */
    public ResponseTooLargeException(long limit, String what) {
        super("the response to " + what + " is longer than the limit of " + limit
                + " bytes (TransportOptions.maxResponseBytes, or maxResponseBytes(...) on the client builder)");
        this.limit = limit;
    }

    /**
     * The limit that was exceeded.
     *
     * @return the limit in bytes
     */
    public long limit() {
        return limit;
    }
}
