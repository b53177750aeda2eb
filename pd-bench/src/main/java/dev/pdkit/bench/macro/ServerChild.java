package dev.pdkit.bench.macro;

/**
 * A JVM that runs one stub server of {@link StubServers} for the throughput part of
 * {@link FakeVsWireMock}: it prints {@code SERVER-CHILD port=N} and serves until its standard input
 * closes. A JVM per server keeps each server's garbage, journal and JIT out of the other's figures.
 *
 * <p>Argument: {@code --server fake|wiremock}.
 */
public final class ServerChild {

    private ServerChild() {
    }

    /** Serves until standard input ends. */
    public static void main(String[] argv) throws Exception {
        String name = Args.parse(argv).text("server", "fake", "fake");
        StubServers.Server server = StubServers.start(name);
        System.out.println("SERVER-CHILD port=" + server.port());
        System.out.flush();
        while (System.in.read() != -1) {
            // Wait for the parent to close our input.
        }
        server.close();
        System.exit(0);
    }
}
