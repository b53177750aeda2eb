package dev.pdkit.bench.macro;

import java.util.Locale;

/**
 * The fresh JVM in which {@link FakeVsWireMock} times a cold start: construction of the server
 * (class loading included) to its first 200 answer. Prints {@code STARTUP-CHILD ms=...}.
 *
 * <p>Argument: {@code --server fake|wiremock}.
 */
public final class StartupChild {

    private StartupChild() {
    }

    /** Starts the server once, prints the time to its first answer and exits. */
    public static void main(String[] argv) {
        String name = Args.parse(argv).text("server", "fake", "fake");
        StubServers.Server[] started = new StubServers.Server[1];
        double ms = StubServers.timeToFirstAnswer(name, s -> started[0] = s);
        System.out.printf(Locale.ROOT, "STARTUP-CHILD ms=%.1f%n", ms);
        started[0].close();
        System.exit(0);
    }
}
