package dev.pdkit.testkit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pdkit.testkit.FakePagerDuty;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Clients that send part of a request and stop, or open connections and send nothing, must not
 * keep the fake from answering everyone else: one hung test must not stall a suite.
 */
class SlowClientsTest {

    /** More than the server's old fixed pool of 32 threads. */
    private static final int HALF_SENT = 48;
    private static final int IDLE = 200;

    @Test
    void halfSentRequestsAndIdleConnectionsLeaveTheOthersAnswered() throws IOException {
        try (FakePagerDuty pd = FakePagerDuty.start()) {
            int port = URI.create(pd.restUrl()).getPort();
            List<Socket> stalled = new ArrayList<>();
            try {
                for (int i = 0; i < HALF_SENT; i++) {
                    Socket s = connect(port);
                    String head = i % 2 == 0
                            ? "GET /users HTTP/1.1\r\nHost: 127.0.0.1\r\n"   // headers never finished
                            : "POST /teams HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n{\"te";  // body cut
                    s.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
                    s.getOutputStream().flush();
                    stalled.add(s);
                }
                for (int i = 0; i < IDLE; i++) {
                    stalled.add(connect(port));
                }
                for (int i = 0; i < 5; i++) {
                    // The socket's read timeout bounds the wait: a frozen server fails the test, never hangs it.
                    assertEquals("HTTP/1.1 200 OK", statusLine(port, pd.apiToken()), "request " + i);
                }
            } finally {
                for (Socket s : stalled) {
                    s.close();
                }
            }
            assertTrue(pd.requests().size() >= 5, "the normal requests were served and journalled");
        }
    }

    private static Socket connect(int port) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
        return s;
    }

    private static String statusLine(int port, String token) throws IOException {
        try (Socket s = connect(port)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("GET /users?limit=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Token token=" + token
                    + "\r\nAccept: application/vnd.pagerduty+json;version=2\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int c; (c = in.read()) != -1 && c != '\r';) {
                line.append((char) c);
            }
            return line.toString();
        }
    }
}
