package dev.pdkit.internal.retry;

import dev.pdkit.spi.Headers;
import java.io.IOException;

/** What one attempt produced, as far as the retry decision cares. */
public sealed interface Outcome {

    /** The server answered with a status. */
    record Answered(int status, Headers headers) implements Outcome {
    }

    /**
     * The attempt failed on the network.
     *
     * @param failure the transport's exception
     * @param nothingSent true when the request cannot have reached the server (a
     *     {@link java.net.ConnectException})
     */
    record NetworkFailure(IOException failure, boolean nothingSent) implements Outcome {
    }
}
