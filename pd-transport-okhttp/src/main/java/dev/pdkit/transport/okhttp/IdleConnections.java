package dev.pdkit.transport.okhttp;

import dev.pdkit.spi.Transport;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.TimeUnit;
import okhttp3.Connection;
import okhttp3.Protocol;

/**
 * Tells whether a pooled HTTP/1 connection was closed by the server while it sat idle, before a
 * request is written on it. Why here: OkHttp checks a pooled connection only after 10 s idle, while
 * servers and load balancers close idle connections much sooner; a request written on such a
 * connection fails as if the server may have acted on it. A connection idle for
 * {@value Transport#STALE_CHECK_IDLE_MILLIS} ms or more gets a read of at most a millisecond: end of
 * stream, an error or a stray byte means the server closed it, and the connection is closed here so
 * that the pool drops it.
 *
 * <p>HTTP/2 connections are never checked: OkHttp's reader thread owns their socket, and a closed
 * one answers new streams with an error OkHttp handles. Connections last used outside this
 * transport (a wrapped client's own calls) are not tracked and so not checked.
 *
 * <p>Thread-safe. Connections are held weakly: one the pool evicted is forgotten.
 */
final class IdleConnections {

    private static final long CHECK_AFTER_NANOS = TimeUnit.MILLISECONDS.toNanos(Transport.STALE_CHECK_IDLE_MILLIS);

    private final Map<Connection, Long> releasedAt = new WeakHashMap<>();

    /** Notes that {@code connection} finished an exchange now and went back to the pool. */
    void released(Connection connection) {
        long now = System.nanoTime();
        synchronized (releasedAt) {
            releasedAt.put(connection, now);
        }
    }

    /**
     * True if {@code connection}, about to carry a request, has been idle long enough to be checked
     * and was found closed by the server; it is then closed.
     */
    boolean closedByServer(Connection connection) {
        Long released;
        synchronized (releasedAt) {
            released = releasedAt.remove(connection);
        }
        if (released == null || System.nanoTime() - released < CHECK_AFTER_NANOS
                || (connection.protocol() != Protocol.HTTP_1_1 && connection.protocol() != Protocol.HTTP_1_0)) {
            return false;
        }
        Socket socket = connection.socket();
        if (!closedByPeer(socket)) {
            return false;
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // It is of no use either way.
        }
        return true;
    }

    /** One read of at most a millisecond: anything but a timeout means the connection is unusable. */
    private static boolean closedByPeer(Socket socket) {
        int timeout;
        try {
            timeout = socket.getSoTimeout();
            socket.setSoTimeout(1);
        } catch (SocketException closed) {
            return true;
        }
        try {
            // -1 is the server's close; a byte on an idle HTTP/1 connection is garbage or a TLS alert.
            socket.getInputStream().read();
            return true;
        } catch (SocketTimeoutException alive) {
            return false;
        } catch (IOException broken) {
            return true;
        } finally {
            try {
                socket.setSoTimeout(timeout);
            } catch (SocketException ignored) {
                // Closed meanwhile: the next use finds out.
            }
        }
    }
}
