package dev.pdkit.spi;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link TransportProvider} needs to build a {@link Transport}: timeouts, an optional proxy,
 * the User-Agent to send and the longest response body to accept. Immutable and thread-safe.
 */
public final class TransportOptions {

    /** The connect timeout used when none is set: 10 seconds. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** The read timeout used when none is set: 60 seconds, as pdpyras' {@code TIMEOUT}. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);
    /**
     * The longest response body accepted when no limit is set: 64 MiB. Why so generous: PagerDuty's
     * largest pages are a few megabytes; the limit is there so that a broken proxy or server can't
     * exhaust the heap.
     */
    public static final long DEFAULT_MAX_RESPONSE_BYTES = 64L * 1024 * 1024;

    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final ProxyOptions proxy;
    private final String userAgent;
    private final long maxResponseBytes;

    private TransportOptions(Builder b) {
        this.connectTimeout = b.connectTimeout;
        this.readTimeout = b.readTimeout;
        this.proxy = b.proxy;
        this.userAgent = b.userAgent;
        this.maxResponseBytes = b.maxResponseBytes;
    }

    /** Options with every default. */
    public static TransportOptions defaults() {
        return builder().build();
    }

    /** Returns a builder with every default. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns a builder that starts from these options. */
    public Builder toBuilder() {
        return new Builder().connectTimeout(connectTimeout).readTimeout(readTimeout).proxy(proxy).userAgent(userAgent)
                .maxResponseBytes(maxResponseBytes);
    }

    /** How long to wait for a TCP (and TLS) connection. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** How long to wait for the response once the request was sent, unless a request sets its own. */
    public Duration readTimeout() {
        return readTimeout;
    }

    /** The proxy to use, if any. */
    public Optional<ProxyOptions> proxy() {
        return Optional.ofNullable(proxy);
    }

    /** The User-Agent the transport's client should use when a request carries none; may be null. */
    public String userAgent() {
        return userAgent;
    }

    /**
     * The longest response body to read; a longer one fails with {@link ResponseTooLargeException}
     * once the limit is reached.
     *
     * @return the limit in bytes, at least 1
     */
    public long maxResponseBytes() {
        return maxResponseBytes;
    }

    @Override
    public String toString() {
        return "TransportOptions{connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout
                + ", proxy=" + proxy + ", userAgent=" + userAgent + ", maxResponseBytes=" + maxResponseBytes + "}";
    }

    /** A mutable builder of {@link TransportOptions}. Not thread-safe. */
    public static final class Builder {
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration readTimeout = DEFAULT_READ_TIMEOUT;
        private ProxyOptions proxy;
        private String userAgent;
        private long maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;

        private Builder() {
        }

        /** Sets the connect timeout; it must be positive. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /** Sets the read timeout; it must be positive. */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = positive(timeout, "readTimeout");
            return this;
        }

        /** Sets the proxy, or {@code null} for a direct connection. */
        public Builder proxy(ProxyOptions proxy) {
            this.proxy = proxy;
            return this;
        }

        /** Sets the User-Agent, or {@code null} for the transport's own. */
        public Builder userAgent(String userAgent) {
            if (userAgent != null) {
                Headers.checkValue("User-Agent", userAgent);
            }
            this.userAgent = userAgent;
            return this;
        }

        /**
         * Sets the longest response body to accept (default {@link #DEFAULT_MAX_RESPONSE_BYTES}).
         * Transports that hold the body in one array accept at most {@code Integer.MAX_VALUE - 8}
         * bytes whatever the limit.
         *
         * @param bytes the limit, at least 1
         * @return this builder
         */
        public Builder maxResponseBytes(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("maxResponseBytes must be at least 1: " + bytes);
            }
            this.maxResponseBytes = bytes;
            return this;
        }

        /** Returns the immutable options. */
        public TransportOptions build() {
            return new TransportOptions(this);
        }

        private static Duration positive(Duration d, String what) {
            Objects.requireNonNull(d, what);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive: " + d);
            }
            return d;
        }
    }
}
