package dev.pdkit.bench.macro;

import dev.pdkit.spi.Transport;
import dev.pdkit.transport.apache.ApacheTransport;
import dev.pdkit.transport.jdk.JdkTransport;
import dev.pdkit.transport.okhttp.OkHttpTransport;
import java.util.List;

/**
 * Builds each transport explicitly, by its public factory, rather than through discovery: a
 * benchmark must know which one it measures whatever else is on the class path.
 */
public final class Transports {

    /** The names, in the order the benchmarks report them. */
    public static final List<String> ALL = List.of("jdk", "okhttp", "apache");

    private Transports() {
    }

    /**
     * A new transport with default options; the caller closes it.
     *
     * @param name {@code jdk}, {@code okhttp} or {@code apache}
     */
    public static Transport create(String name) {
        return switch (name) {
            case "jdk" -> JdkTransport.create();
            case "okhttp" -> OkHttpTransport.create();
            case "apache" -> ApacheTransport.create();
            default -> throw new IllegalArgumentException("unknown transport " + name + "; use one of " + ALL);
        };
    }
}
