package dev.pdkit.bench.macro;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads HTTP/1.1 messages off one side of a connection for {@link FaultProxy}, keeping their raw
 * bytes so that they can be relayed exactly as they arrived. It knows just enough of the framing
 * to find where a message ends: the head up to the empty line, then a body delimited by
 * {@code Content-Length}, by {@code Transfer-Encoding: chunked} (chunks and trailers copied as
 * they are), by the end of the stream, or absent (responses to {@code HEAD}, 1xx, 204 and 304).
 *
 * <p>Its own buffer rather than a {@link java.io.BufferedInputStream}: the proxy's idle timer
 * asks the socket whether bytes are waiting while this reader is blocked in {@code read}, and the
 * JDK's buffered stream would hold its lock through that read.
 *
 * <p>Not thread-safe: one reader per connection side, used by that connection's thread.
 */
final class HttpWire {

    /** The longest head accepted: far more than any pdkit request or fake response needs. */
    static final int MAX_HEAD_BYTES = 64 * 1024;
    /** The longest body accepted, so that a runaway peer cannot exhaust the heap. */
    static final long MAX_BODY_BYTES = 64L * 1024 * 1024;

    private static final int MAX_LINE_BYTES = 8 * 1024;

    private final InputStream in;
    private final byte[] buf = new byte[16 * 1024];
    private int pos;
    private int limit;

    HttpWire(InputStream in) {
        this.in = in;
    }

    /**
     * The head of a message: its raw bytes (start line, fields and the empty line) and the parsed
     * start line and fields.
     *
     * @param raw the bytes as received
     * @param startLine the request or status line, without its line end
     * @param fields the header fields as {@code {name, value}} pairs, in order
     */
    record Head(byte[] raw, String startLine, List<String[]> fields) {

        /** The first value of a field, by case-insensitive name, or {@code null}. */
        String field(String name) {
            for (String[] f : fields) {
                if (f[0].equalsIgnoreCase(name)) {
                    return f[1];
                }
            }
            return null;
        }

        /** Whether a comma-separated field such as {@code Connection} lists {@code token}. */
        boolean lists(String name, String token) {
            for (String[] f : fields) {
                if (f[0].equalsIgnoreCase(name)) {
                    for (String part : f[1].split(",")) {
                        if (part.trim().equalsIgnoreCase(token)) {
                            return true;
                        }
                    }
                }
            }
            return false;
        }

        /** The request method, for a request head. */
        String method() {
            return startLine.substring(0, Math.max(0, startLine.indexOf(' ')));
        }

        /** The request target, for a request head. */
        String target() {
            String[] parts = startLine.split(" ");
            return parts.length > 1 ? parts[1] : "";
        }

        /** The status code, for a response head. */
        int status() throws IOException {
            String[] parts = startLine.split(" ");
            try {
                return Integer.parseInt(parts[1]);
            } catch (RuntimeException e) {
                throw new IOException("not an HTTP status line: " + startLine);
            }
        }

        /** Whether the peer asked to close the connection after this message (HTTP/1.0 does by default). */
        boolean closes() {
            if (lists("Connection", "close")) {
                return true;
            }
            return startLine.contains("HTTP/1.0") && !lists("Connection", "keep-alive");
        }

        /** This head without the named fields, as raw bytes (used to drop {@code Expect}). */
        byte[] without(String name) {
            StringBuilder sb = new StringBuilder(startLine).append("\r\n");
            for (String[] f : fields) {
                if (!f[0].equalsIgnoreCase(name)) {
                    sb.append(f[0]).append(": ").append(f[1]).append("\r\n");
                }
            }
            return sb.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        }
    }

    /**
     * Reads the next head, blocking until its first byte arrives.
     *
     * @param onFirstByte run once the first byte is available, before the rest is read (the proxy
     *     marks its connection busy there, so its idle timer leaves it open)
     * @return the head, or {@code null} when the stream ended cleanly before a new message began
     * @throws IOException on a read failure, a stream that ends inside the head, or a head that is
     *     too long or malformed
     */
    Head readHead(Runnable onFirstByte) throws IOException {
        if (pos == limit && !fill()) {
            return null;
        }
        onFirstByte.run();
        ByteArrayOutputStream raw = new ByteArrayOutputStream(512);
        List<String> lines = new ArrayList<>();
        while (true) {
            byte[] line = readLine(raw);
            if (raw.size() > MAX_HEAD_BYTES) {
                throw new IOException("head longer than " + MAX_HEAD_BYTES + " bytes");
            }
            String text = new String(line, StandardCharsets.ISO_8859_1);
            if (text.isEmpty()) {
                if (lines.isEmpty()) {
                    continue; // a stray line end before a message, which RFC 9112 lets a recipient skip
                }
                break;
            }
            lines.add(text);
        }
        List<String[]> fields = new ArrayList<>();
        for (String l : lines.subList(1, lines.size())) {
            int colon = l.indexOf(':');
            if (colon <= 0) {
                throw new IOException("malformed header field: " + l);
            }
            fields.add(new String[] {l.substring(0, colon).trim(), l.substring(colon + 1).trim()});
        }
        return new Head(raw.toByteArray(), lines.get(0), fields);
    }

    /** The raw body of a request: by {@code Transfer-Encoding}, else {@code Content-Length}, else none. */
    byte[] readRequestBody(Head head) throws IOException {
        if (isChunked(head)) {
            return readChunked();
        }
        long length = contentLength(head);
        return length <= 0 ? new byte[0] : readExactly(length);
    }

    /**
     * The raw body of a response with this head.
     *
     * @param headRequest whether the request was a {@code HEAD}, whose response has no body
     * @return the body, and whether it ran to the end of the stream (the connection is then done)
     */
    Body readResponseBody(Head head, boolean headRequest) throws IOException {
        int status = head.status();
        if (headRequest || status / 100 == 1 || status == 204 || status == 304) {
            return new Body(new byte[0], false);
        }
        if (isChunked(head)) {
            return new Body(readChunked(), false);
        }
        long length = contentLength(head);
        if (length >= 0) {
            return new Body(readExactly(length), false);
        }
        return new Body(readToEnd(), true);
    }

    /**
     * A response body as read.
     *
     * @param raw the bytes, with chunked framing when the response was chunked
     * @param untilClose whether the body was delimited by the end of the stream
     */
    record Body(byte[] raw, boolean untilClose) {
    }

    private static boolean isChunked(Head head) {
        String te = head.field("Transfer-Encoding");
        return te != null && te.toLowerCase(Locale.ROOT).contains("chunked");
    }

    private static long contentLength(Head head) throws IOException {
        String value = head.field("Content-Length");
        if (value == null) {
            return -1;
        }
        try {
            long length = Long.parseLong(value.trim());
            if (length < 0 || length > MAX_BODY_BYTES) {
                throw new IOException("unacceptable Content-Length: " + value);
            }
            return length;
        } catch (NumberFormatException e) {
            throw new IOException("malformed Content-Length: " + value, e);
        }
    }

    private byte[] readChunked() throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = new String(readLine(raw), StandardCharsets.ISO_8859_1);
            int semicolon = sizeLine.indexOf(';');
            String hex = (semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).trim();
            long size;
            try {
                size = Long.parseLong(hex, 16);
            } catch (NumberFormatException e) {
                throw new IOException("malformed chunk size: " + sizeLine, e);
            }
            if (size < 0 || raw.size() + size > MAX_BODY_BYTES) {
                throw new IOException("chunked body longer than " + MAX_BODY_BYTES + " bytes");
            }
            if (size == 0) {
                // Trailer fields, if any, then the empty line that ends the message.
                while (readLine(raw).length > 0) {
                    if (raw.size() > MAX_BODY_BYTES) {
                        throw new IOException("trailers too long");
                    }
                }
                return raw.toByteArray();
            }
            raw.writeBytes(readExactly(size));
            if (readLine(raw).length != 0) {
                throw new IOException("chunk data not followed by a line end");
            }
        }
    }

    /** Reads up to and including LF, appends the raw bytes to {@code raw}, returns the line without CRLF. */
    private byte[] readLine(ByteArrayOutputStream raw) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        while (true) {
            if (pos == limit && !fill()) {
                throw new EOFException("the stream ended inside a line");
            }
            byte b = buf[pos++];
            raw.write(b);
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int n = bytes.length;
                return n > 0 && bytes[n - 1] == '\r' ? Arrays.copyOf(bytes, n - 1) : bytes;
            }
            line.write(b);
            if (line.size() > MAX_LINE_BYTES) {
                throw new IOException("line longer than " + MAX_LINE_BYTES + " bytes");
            }
        }
    }

    private byte[] readExactly(long length) throws IOException {
        byte[] out = new byte[(int) length];
        int done = 0;
        while (done < length) {
            if (pos == limit && !fill()) {
                throw new EOFException("the stream ended after " + done + " of " + length + " body bytes");
            }
            int n = Math.min(limit - pos, out.length - done);
            System.arraycopy(buf, pos, out, done, n);
            pos += n;
            done += n;
        }
        return out;
    }

    private byte[] readToEnd() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (pos < limit || fill()) {
            out.write(buf, pos, limit - pos);
            pos = limit;
            if (out.size() > MAX_BODY_BYTES) {
                throw new IOException("body longer than " + MAX_BODY_BYTES + " bytes");
            }
        }
        return out.toByteArray();
    }

    /** Reads more bytes into the empty buffer; {@code false} at the end of the stream. */
    private boolean fill() throws IOException {
        int n = in.read(buf, 0, buf.length);
        if (n < 0) {
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }
}
