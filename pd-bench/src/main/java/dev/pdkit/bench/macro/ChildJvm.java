package dev.pdkit.bench.macro;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a main class of this jar in a fresh JVM: the same {@code java}, the same class path, the
 * given JVM options. Used where a figure needs a JVM of its own (a 64 MB heap, a cold start, a
 * server whose garbage and JIT must not mix with another's).
 */
public final class ChildJvm {

    private ChildJvm() {
    }

    /**
     * Runs {@code mainClass} and returns the fields ({@code key=value} words) of the first output
     * line that starts with {@code marker}.
     *
     * @throws IllegalStateException if no such line was printed; the message has the whole output
     */
    public static Map<String, String> run(List<String> jvmOptions, Class<?> mainClass, String marker,
            long timeoutMinutes, String... args) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command(jvmOptions, mainClass, args)).redirectErrorStream(true).start();
        // A watchdog, so that a child that hangs can't hang the benchmark: it ends this process only.
        CompletableFuture.delayedExecutor(timeoutMinutes, TimeUnit.MINUTES).execute(() -> {
            if (p.isAlive()) {
                p.destroyForcibly();
            }
        });
        List<String> output = new ArrayList<>();
        Map<String, String> fields = null;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null;) {
                output.add(line);
                if (fields == null && line.startsWith(marker + " ")) {
                    fields = fields(line, marker);
                }
            }
        }
        int exit = p.waitFor();
        if (fields == null) {
            throw new IllegalStateException(mainClass.getSimpleName() + " printed no " + marker + " line (exit " + exit
                    + "):\n" + String.join("\n", output));
        }
        return fields;
    }

    /**
     * Starts {@code mainClass} as a long-running child (a server) and returns once it has printed
     * its {@code marker} line; its later output is read and dropped. Closing the handle closes the
     * child's standard input, which tells it to stop, and then waits for it.
     */
    public static Running start(List<String> jvmOptions, Class<?> mainClass, String marker, String... args)
            throws IOException {
        Process p = new ProcessBuilder(command(jvmOptions, mainClass, args)).redirectErrorStream(true).start();
        BufferedReader reader = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        List<String> output = new ArrayList<>();
        for (String line; (line = reader.readLine()) != null;) {
            output.add(line);
            if (line.startsWith(marker + " ")) {
                Thread drain = new Thread(() -> {
                    try {
                        while (reader.readLine() != null) {
                            // The child's later output (WireMock's warnings, say) is not needed.
                        }
                    } catch (IOException e) {
                        // The child ended.
                    }
                }, "child-output");
                drain.setDaemon(true);
                drain.start();
                return new Running(p, fields(line, marker));
            }
        }
        p.destroyForcibly();
        throw new IllegalStateException(mainClass.getSimpleName() + " ended without a " + marker + " line:\n"
                + String.join("\n", output));
    }

    /** A child started by {@link #start}. */
    public static final class Running implements AutoCloseable {
        private final Process process;
        private final Map<String, String> fields;

        private Running(Process process, Map<String, String> fields) {
            this.process = process;
            this.fields = fields;
        }

        /** A field of the marker line. */
        public String field(String name) {
            return fields.get(name);
        }

        /** Closes the child's standard input, waits up to 10 s for it to end, then ends it. */
        @Override
        public void close() throws IOException {
            process.getOutputStream().close();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private static List<String> command(List<String> jvmOptions, Class<?> mainClass, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        return command;
    }

    private static Map<String, String> fields(String line, String marker) {
        Map<String, String> fields = new HashMap<>();
        for (String kv : line.substring(marker.length() + 1).split(" ")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                fields.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        return fields;
    }
}
