package dev.pdkit.moduletests;

import dev.pdkit.RestApiV2Client;
import dev.pdkit.spi.JsonCodecProvider;
import dev.pdkit.spi.Transport;
import dev.pdkit.spi.TransportOptions;
import dev.pdkit.spi.TransportProvider;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What the forked module-path smoke test runs, as an application would: {@code java -p PATH -m
 * dev.pdkit.moduletests/dev.pdkit.moduletests.ModulePathSmoke MODE}. It prints one result per line
 * on standard output and exits with 0, or prints {@code error ...} and exits with 1.
 *
 * <ul>
 *   <li>{@code providers}: one line per provider found by {@link ServiceLoader}:
 *       {@code transport NAME PRIORITY MODULE} and {@code json NAME PRIORITY MODULE}.</li>
 *   <li>{@code each}: for every transport provider, a {@link RestApiV2Client} built on it performs
 *       {@code rget("/users/P1")} against a local server: {@code ok NAME ID TRANSPORT-IN-USER-AGENT}.</li>
 *   <li>{@code default}: a client built with nothing but a base URL, so discovery chooses (honouring
 *       {@code -Dpdkit.transport} and {@code -Dpdkit.json}):
 *       {@code chosen transport=NAME codec=NAME user=ID}.</li>
 * </ul>
 */
public final class ModulePathSmoke {

    private static final Pattern CHOSEN = Pattern.compile("\\(transport (\\S+); codec (\\S+)\\)");

    private ModulePathSmoke() {
    }

    /**
     * Runs one mode; see the class comment.
     *
     * @param args the mode
     */
    public static void main(String[] args) {
        String mode = args.length == 0 ? "each" : args[0];
        try {
            switch (mode) {
                case "providers" -> providers().forEach(System.out::println);
                case "each" -> each().forEach(System.out::println);
                case "default" -> System.out.println(chosen());
                default -> throw new IllegalArgumentException("unknown mode " + mode);
            }
        } catch (RuntimeException | Error e) {
            System.out.println("error " + e.getClass().getName() + ": " + e.getMessage());
            System.out.flush();
            System.exit(1);
        }
    }

    /**
     * Lists every provider that {@link ServiceLoader} finds, sorted by name.
     *
     * @return {@code transport NAME PRIORITY MODULE} and {@code json NAME PRIORITY MODULE} lines
     */
    public static List<String> providers() {
        List<String> lines = ServiceLoader.load(TransportProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .sorted(Comparator.comparing(TransportProvider::name))
                .map(p -> "transport " + p.name() + " " + p.priority() + " " + p.getClass().getModule().getName())
                .collect(Collectors.toList());
        ServiceLoader.load(JsonCodecProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .sorted(Comparator.comparing(JsonCodecProvider::name))
                .map(p -> "json " + p.name() + " " + p.priority() + " " + p.getClass().getModule().getName())
                .forEach(lines::add);
        return lines;
    }

    /**
     * Performs {@code rget("/users/P1")} on a client built on each transport provider in turn.
     *
     * @return {@code ok NAME ID TRANSPORT-IN-USER-AGENT} per transport, sorted by name
     */
    public static List<String> each() {
        List<TransportProvider> transports = ServiceLoader.load(TransportProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .sorted(Comparator.comparing(TransportProvider::name))
                .collect(Collectors.toList());
        if (transports.isEmpty()) {
            throw new IllegalStateException("no transport provider on the module path");
        }
        try (UsersServer server = UsersServer.start()) {
            return transports.stream().map(provider -> {
                try (Transport transport = provider.create(TransportOptions.defaults());
                        RestApiV2Client client = RestApiV2Client.builder("smoke-token").baseUrl(server.baseUrl())
                                .transport(transport).build()) {
                    Map<?, ?> user = (Map<?, ?>) client.rget("/users/P1");
                    List<String> agents = server.userAgents();
                    return "ok " + provider.name() + " " + user.get("id") + " " + chosenIn(agents.get(agents.size() - 1))[0];
                }
            }).collect(Collectors.toList());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Builds a client with nothing but a base URL, so discovery picks the transport and codec, and
     * performs {@code rget("/users/P1")}.
     *
     * @return {@code chosen transport=NAME codec=NAME user=ID}
     */
    public static String chosen() {
        try (UsersServer server = UsersServer.start();
                RestApiV2Client client = RestApiV2Client.builder("smoke-token").baseUrl(server.baseUrl()).build()) {
            Map<?, ?> user = (Map<?, ?>) client.rget("/users/P1");
            String[] chosen = chosenIn(server.userAgents().get(0));
            return "chosen transport=" + chosen[0] + " codec=" + chosen[1] + " user=" + user.get("id");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The transport and codec names in pdkit's User-Agent, e.g. {@code pdkit/0.1 (transport jdk; codec jackson) Java/17}. */
    private static String[] chosenIn(String userAgent) {
        Matcher m = CHOSEN.matcher(userAgent);
        if (!m.find()) {
            throw new IllegalStateException("no transport and codec in the User-Agent: " + userAgent);
        }
        return new String[] {m.group(1), m.group(2)};
    }
}
