package dev.pdkit.testkit;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a fake PagerDuty as a program, for tests in any language:
 * {@code java -jar pd-testkit-<version>-standalone.jar --port 8080 --token T --seed fixture.json}.
 * It prints {@code key=value} lines (URLs, credentials, routing key) and runs until the process is
 * stopped; SIGTERM and Ctrl-C close the server cleanly.
 *
 * <p>Options: {@code --port N} (default 0: a free port), {@code --token T} (the account-level API
 * key), {@code --user-token T}, {@code --oauth-token T}, {@code --routing-key K} (32 characters),
 * {@code --seed FILE} (a JSON fixture, repeatable), {@code --no-standard-seed},
 * {@code --rate-limit N} (REST requests per minute), {@code --help}.
 */
public final class FakePagerDutyMain {

    private FakePagerDutyMain() {
    }

    /** Starts the fake, prints its coordinates and waits until the JVM is asked to stop. */
    public static void main(String[] args) throws InterruptedException {
        FakePagerDuty fake;
        try {
            fake = start(args, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println("pd-testkit: " + e.getMessage());
            System.err.println(usage());
            System.exit(2);
            return;
        }
        if (fake == null) {
            return; // --help
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            fake.close();
            stopped.countDown();
        }, "pd-testkit-shutdown"));
        stopped.await();
    }

    /**
     * Parses the options, starts a fake, seeds it and prints its coordinates to {@code out}: what
     * {@link #main} does before it waits. The caller closes the returned fake.
     *
     * @return the running fake, or {@code null} for {@code --help} (the usage is printed)
     * @throws IllegalArgumentException for an unknown or incomplete option or an invalid fixture
     */
    public static FakePagerDuty start(String[] args, PrintStream out) {
        FakePagerDuty.Builder b = FakePagerDuty.builder();
        java.util.List<Path> seeds = new java.util.ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String opt = args[i];
            switch (opt) {
                case "--help", "-h" -> {
                    out.println(usage());
                    return null;
                }
                case "--no-standard-seed" -> b.standardSeed(false);
                case "--port" -> b.port(integer(opt, value(args, ++i, opt)));
                case "--token" -> b.apiToken(value(args, ++i, opt));
                case "--user-token" -> b.userToken(value(args, ++i, opt));
                case "--oauth-token" -> b.oauthToken(value(args, ++i, opt));
                case "--routing-key" -> b.routingKey(value(args, ++i, opt));
                case "--rate-limit" -> b.rateLimit(integer(opt, value(args, ++i, opt)));
                case "--journal-limit" -> b.journalLimit(integer(opt, value(args, ++i, opt)));
                case "--seed" -> seeds.add(Path.of(value(args, ++i, opt)));
                default -> throw new IllegalArgumentException("unknown option: " + opt);
            }
        }
        FakePagerDuty fake = b.start();
        try {
            for (Path p : seeds) {
                fake.seedFromJson(p);
            }
        } catch (RuntimeException e) {
            fake.close();
            throw e instanceof IllegalArgumentException iae ? iae : new IllegalArgumentException(e.getMessage(), e);
        }
        out.println("pd-testkit fake PagerDuty is running; stop it with SIGTERM or Ctrl-C");
        out.println("rest_url=" + fake.restUrl());
        out.println("events_url=" + fake.eventsUrl());
        out.println("api_token=" + fake.apiToken());
        out.println("user_token=" + fake.userToken());
        out.println("oauth_token=" + fake.oauthToken());
        out.println("user_email=" + fake.userEmail());
        out.println("routing_key=" + fake.routingKey());
        out.flush();
        return fake;
    }

    private static String value(String[] args, int i, String opt) {
        if (i >= args.length) {
            throw new IllegalArgumentException(opt + " needs a value");
        }
        return args[i];
    }

    private static int integer(String opt, String v) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(opt + " needs a number, not " + v);
        }
    }

    static String usage() {
        return "usage: java -jar pd-testkit-standalone.jar [--port N] [--token T] [--user-token T] [--oauth-token T]"
                + " [--routing-key K] [--seed fixture.json]... [--no-standard-seed] [--rate-limit N] [--journal-limit N]";
    }
}
