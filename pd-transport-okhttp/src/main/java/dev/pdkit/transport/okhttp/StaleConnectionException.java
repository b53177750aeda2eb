package dev.pdkit.transport.okhttp;

import java.io.IOException;
import okhttp3.Connection;

/**
 * Thrown by the network interceptor, before anything is written, for a pooled connection the
 * server had closed; the transport then sends the request on another connection.
 */
final class StaleConnectionException extends IOException {

    private static final long serialVersionUID = 1L;

    StaleConnectionException(Connection connection) {
        super("the pooled connection " + connection.route().socketAddress() + " had been closed by the server");
    }
}
