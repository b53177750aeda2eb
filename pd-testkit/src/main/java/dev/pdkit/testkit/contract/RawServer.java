package dev.pdkit.testkit.contract;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback server on a plain {@link ServerSocket}, for the cases an HTTP server library hides:
 * exact response bytes (odd header spellings, non-ASCII values), dropped connections, and seeing
 * when a client closes its pooled connection. Each accepted connection runs a {@link Script} on its
 * own daemon thread.
 */
final class RawServer implements AutoCloseable {

    /** What the server does with one accepted connection. */
    @FunctionalInterface
    interface Script {
        void run(Connection connection) throws IOException;
    }

    /** A parsed request head and its body (read by {@code Content-Length} or chunked coding). */
    record Request(String method, String target, List<String[]> headers, byte[] body) {

        String header(String name) {
            for (String[] h : headers) {
                if (h[0].equalsIgnoreCase(name)) {
                    return h[1];
                }
            }
            return null;
        }
    }

    private final ServerSocket serverSocket;
    private final Script script;
    private final List<Socket> sockets = Collections.synchronizedList(new ArrayList<>());
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private final List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger connections = new AtomicInteger();
    private final Thread acceptor;
    private volatile boolean closed;

    private RawServer(Script script) throws IOException {
        this.script = script;
        this.serverSocket = new ServerSocket(0, 256, InetAddress.getByName("127.0.0.1"));
        this.acceptor = new Thread(this::acceptLoop, "pdkit-contract-raw-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static RawServer start(Script script) throws IOException {
        return new RawServer(script);
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                return;
            }
            connections.incrementAndGet();
            sockets.add(socket);
            Thread handler = new Thread(() -> {
                try (socket) {
                    script.run(new Connection(socket));
                } catch (SocketException ignored) {
                    // the client went away, or close() closed the socket
                } catch (IOException | RuntimeException | Error e) {
                    if (!closed) {
                        failures.add(e);
                    }
                }
            }, "pdkit-contract-raw-conn");
            handler.setDaemon(true);
            handler.start();
        }
    }

    int port() {
        return serverSocket.getLocalPort();
    }

    String base() {
        return "http://127.0.0.1:" + port();
    }

    /** Connections accepted so far. */
    int connections() {
        return connections.get();
    }

    /** Requests read so far, by any connection. */
    List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** Failures of scripts (not of clients going away); a test may assert there were none. */
    List<Throwable> failures() {
        synchronized (failures) {
            return List.copyOf(failures);
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        serverSocket.close();
        synchronized (sockets) {
            for (Socket s : sockets) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }
    }

    /** One accepted connection, as seen by a script. */
    final class Connection {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
        }

        /**
         * Reads one request, or returns null when the client closed the connection before sending
         * a byte. The request is recorded before this returns.
         */
        Request readRequest() throws IOException {
            String requestLine = readLine(true);
            if (requestLine == null) {
                return null;
            }
            String[] parts = requestLine.split(" ");
            if (parts.length != 3) {
                throw new IOException("bad request line: " + requestLine);
            }
            List<String[]> headers = new ArrayList<>();
            for (String line = readLine(false); !line.isEmpty(); line = readLine(false)) {
                int colon = line.indexOf(':');
                headers.add(new String[] {line.substring(0, colon).trim(), line.substring(colon + 1).trim()});
            }
            byte[] body = new byte[0];
            String length = find(headers, "Content-Length");
            String coding = find(headers, "Transfer-Encoding");
            if (coding != null && coding.toLowerCase(Locale.ROOT).contains("chunked")) {
                body = readChunked();
            } else if (length != null) {
                body = in.readNBytes(Integer.parseInt(length));
            }
            Request request = new Request(parts[0], parts[1], List.copyOf(headers), body);
            requests.add(request);
            return request;
        }

        /** Writes raw bytes: the script controls every byte of the response. */
        void write(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
        }

        /** Writes ASCII text, e.g. a whole response head. */
        void write(String ascii) throws IOException {
            write(ascii.getBytes(StandardCharsets.ISO_8859_1));
        }

        /**
         * Waits up to {@code timeout} for the client to close the connection; returns true if it did
         * (end of stream or reset), false if it was still open when the time ran out.
         */
        boolean awaitClientClose(Duration timeout) throws IOException {
            socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
            try {
                while (true) {
                    if (in.read() < 0) {
                        return true;
                    }
                }
            } catch (SocketTimeoutException stillOpen) {
                return false;
            } catch (SocketException reset) {
                return true;
            }
        }

        /** Closes the connection at once. */
        void close() throws IOException {
            socket.close();
        }

        private byte[] readChunked() throws IOException {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                String sizeLine = readLine(false);
                int semicolon = sizeLine.indexOf(';');
                int size = Integer.parseInt((semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).trim(), 16);
                if (size == 0) {
                    for (String trailer = readLine(false); !trailer.isEmpty(); trailer = readLine(false)) {
                        // trailers are ignored
                    }
                    return body.toByteArray();
                }
                body.write(in.readNBytes(size));
                readLine(false);
            }
        }

        /** Reads a CRLF-terminated line as ISO-8859-1; null at a clean end of stream when allowed. */
        private String readLine(boolean eofAllowed) throws IOException {
            StringBuilder line = new StringBuilder();
            while (true) {
                int b = in.read();
                if (b < 0) {
                    if (eofAllowed && line.length() == 0) {
                        return null;
                    }
                    throw new IOException("end of stream inside a request head");
                }
                if (b == '\n') {
                    int end = line.length();
                    if (end > 0 && line.charAt(end - 1) == '\r') {
                        line.setLength(end - 1);
                    }
                    return line.toString();
                }
                line.append((char) b);
            }
        }
    }

    private static String find(List<String[]> headers, String name) {
        for (String[] h : headers) {
            if (h[0].equalsIgnoreCase(name)) {
                return h[1];
            }
        }
        return null;
    }
}
