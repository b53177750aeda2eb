package dev.pdkit.bench.macro;

import dev.pdkit.PdClientException;
import dev.pdkit.PdHttpException;
import dev.pdkit.RestApiV2Client;
import dev.pdkit.RestApiV2ClientBuilder;
import dev.pdkit.bench.macro.FaultProxy.Fault;
import dev.pdkit.bench.macro.FaultProxy.Handled;
import dev.pdkit.json.jackson.JacksonJsonCodec;
import dev.pdkit.spi.Sleeper;
import dev.pdkit.spi.Transport;
import dev.pdkit.testkit.FakePagerDuty;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fault mix: a fault-injection experiment, not a timing. It checks the claim that pdkit's
 * request path loses, duplicates and reorders nothing when a proxy in front of the API fails a
 * fifth of the requests. Each client talks to the fake PagerDuty through a {@link FaultProxy} that
 * gives 20 % of requests one fault, evenly among: 500, 503 and 429 answered by the proxy, a reset
 * before forwarding, a reset after the server acted, and a 502 after the server acted; and that
 * closes keep-alive connections idle for more than 120 ms, as a load balancer does.
 *
 * <p>Scenarios, for each transport, each with its own proxy and transport and a fault sequence
 * seeded from {@code --seed}, the transport and the scenario (so one transport's figures do not
 * depend on which others ran):
 * <ul>
 *   <li><b>creates-default</b>: N {@code rpost("/teams", ...)} calls with the default settings,
 *       one after another, each with its own name; a pause of 50 to 300 ms before every
 *       {@code --pause-every}-th call lets the proxy close idle connections. Afterwards the teams
 *       are counted straight from the fake: duplicates (a name present more than once) and lost
 *       creates (a call that returned success whose team is missing) must both be 0. Raised calls
 *       whose request never reached the proxy (no injected fault explains them) are counted and
 *       printed with their timing: an idle close racing the reuse of a pooled connection.</li>
 *   <li><b>creates-retry5xx</b>: the same with {@code retry(500, 5).retry(502, 5).retry(503, 5)},
 *       which used to duplicate; must show 0 duplicates and 0 lost too.</li>
 *   <li><b>creates-retryNonIdempotent</b>: the same plus {@code retryNonIdempotent(true)}, a
 *       control that should show duplicates (a POST resent after the server acted), proving that
 *       the experiment can see them. Its verdict is INFO.</li>
 *   <li><b>list-c1</b> and <b>list-c8</b>: {@code listAll("/users")} of the users seeded into a
 *       second fake, with {@code pageConcurrency} 1 and 8 and the default settings; the ids must
 *       equal a clean listing straight from the fake: all of them, once each, in order, without an
 *       exception.</li>
 * </ul>
 * Clients wait for nothing: their {@link Sleeper} returns at once (the backoff and the rate-limit
 * throttle both wait through it), so the run measures correctness, not patience.
 *
 * <p>The RESULT lines' {@code ratio} is the share of calls or records that went wrong (extra
 * copies + lost + wrong answers per create; missing + duplicated + unexpected + out-of-order ids per
 * expected record), with target 0.
 *
 * <p>Flags: {@code --quick} (60 creates, 1,000 users), {@code --transports jdk,okhttp,apache},
 * {@code --creates N}, {@code --users N}, {@code --fault-rate 0.2}, {@code --seed S},
 * {@code --idle-ms N} (the proxy's idle timeout, default 120), {@code --pause-every N} (default 50,
 * quick 10), {@code --concurrency N} (the concurrent listing's, default 8), {@code --verbose} (every
 * scenario's causes of raised calls).
 */
public final class FaultMix {

    static final String TEAM_PREFIX = "fault-mix-";
    static final int PAUSE_MIN_MS = 50;
    static final int PAUSE_MAX_MS = 300;

    private static final Pattern TEAM_NAME = Pattern.compile("\"name\"\\s*:\\s*\"(" + TEAM_PREFIX + "\\d+)\"");
    /** How many examples of one kind of anomaly a note lists. */
    private static final int EXAMPLES = 5;

    /**
     * Returns at once instead of waiting, but keeps the interrupt rule of {@link Sleeper}: retries
     * and the throttle then cost no time, and a run measures what is sent, not how long it waits.
     */
    static final Sleeper NO_WAIT = duration -> {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
    };

    private FaultMix() {
    }

    /** The three ways of creating teams. */
    enum CreateScenario {
        DEFAULT("creates-default", false, b -> b),
        RETRY_5XX("creates-retry5xx", false, b -> b.retry(500, 5).retry(502, 5).retry(503, 5)),
        NON_IDEMPOTENT("creates-retryNonIdempotent", true,
                b -> b.retry(500, 5).retry(502, 5).retry(503, 5).retryNonIdempotent(true));

        final String label;
        /** Whether this is the control, expected to show duplicates. */
        final boolean control;
        final UnaryOperator<RestApiV2ClientBuilder> settings;

        CreateScenario(String label, boolean control, UnaryOperator<RestApiV2ClientBuilder> settings) {
            this.label = label;
            this.control = control;
            this.settings = settings;
        }
    }

    private record Settings(int creates, int users, double faultRate, long seed, int idleMs, int pauseEvery,
            int concurrency, List<String> transports, boolean verbose) {
    }

    /**
     * One create scenario's outcome.
     *
     * @param transport the transport's name
     * @param scenario the scenario, e.g. {@code creates-default}
     * @param control whether it is the control that should show duplicates
     * @param calls the {@code rpost} calls made
     * @param succeeded the calls that returned a team
     * @param raised the calls that raised {@link PdClientException}
     * @param raisedButCreated raised calls whose team exists anyway (the server acted, the answer was lost)
     * @param raisedUnsent raised calls whose request never reached the proxy, so that no injected fault
     *     explains them (e.g. a request written on a pooled connection the proxy had closed as idle)
     * @param teams the teams of this run the fake holds afterwards
     * @param duplicates the names present more than once
     * @param extraCopies the copies beyond the first, summed over the names
     * @param lost calls that returned success whose team is missing
     * @param wrongAnswers calls that returned a team of another name
     * @param requests the requests the proxy read
     * @param connections the client connections the proxy accepted
     * @param faults the faults the proxy injected, per kind
     * @param upstreamFailures the proxy's own failures talking to the fake (0 in a sound run)
     * @param millis the time the calls took
     * @param notes what went wrong, with the faults each affected call met and its exception
     */
    public record CreateRun(String transport, String scenario, boolean control, int calls, int succeeded, int raised,
            int raisedButCreated, int raisedUnsent, int teams, int duplicates, int extraCopies, int lost,
            int wrongAnswers, long requests, int connections, Map<Fault, Long> faults, long upstreamFailures,
            double millis, List<String> notes) {

        /** No duplicate, nothing lost, no wrong answer. */
        public boolean correct() {
            return duplicates == 0 && lost == 0 && wrongAnswers == 0;
        }
    }

    /**
     * One listing's outcome.
     *
     * @param transport the transport's name
     * @param concurrency the {@code pageConcurrency}
     * @param expected the ids of the clean listing
     * @param returned the records {@code listAll} returned (0 if it raised)
     * @param distinct the distinct ids among them
     * @param missing expected ids not returned
     * @param duplicated records beyond the first of their id
     * @param unexpected returned ids the clean listing does not have
     * @param outOfOrder places where an id comes before one that the clean listing puts ahead of it
     * @param raised the exception {@code listAll} raised, described, or {@code null}
     * @param requests the requests the proxy read
     * @param connections the client connections the proxy accepted
     * @param faults the faults the proxy injected, per kind
     * @param upstreamFailures the proxy's own failures talking to the fake (0 in a sound run)
     * @param millis the time {@code listAll} took
     * @param notes what went wrong
     */
    public record ListRun(String transport, int concurrency, int expected, int returned, int distinct, int missing,
            int duplicated, int unexpected, int outOfOrder, String raised, long requests, int connections,
            Map<Fault, Long> faults, long upstreamFailures, double millis, List<String> notes) {

        /** Every record exactly once, in order, without an exception. */
        public boolean correct() {
            return raised == null && returned == expected && missing == 0 && duplicated == 0 && unexpected == 0
                    && outOfOrder == 0;
        }

        /** The scenario's name, e.g. {@code list-c8}. */
        public String scenario() {
            return "list-c" + concurrency;
        }
    }

    /**
     * Everything a run found.
     *
     * @param creates the create scenarios, per transport
     * @param listings the listings, per transport
     * @param results the RESULT lines
     */
    public record Report(List<CreateRun> creates, List<ListRun> listings, List<Result> results) {

        /** The faults injected over the whole run, per kind. */
        public Map<Fault, Long> totalFaults() {
            Map<Fault, Long> total = new EnumMap<>(Fault.class);
            for (Fault f : Fault.values()) {
                total.put(f, 0L);
            }
            creates.forEach(c -> c.faults().forEach((f, n) -> total.merge(f, n, Long::sum)));
            listings.forEach(l -> l.faults().forEach((f, n) -> total.merge(f, n, Long::sum)));
            return total;
        }
    }

    /** Runs the experiment; see the class comment for the flags. */
    public static void main(String[] args) throws Exception {
        run(Args.parse(args), System.out);
    }

    /** Runs the experiment and prints its tables and RESULT lines to {@code out}. */
    public static List<Result> run(Args args, PrintStream out) throws Exception {
        return execute(args, out).results();
    }

    /** Runs the experiment, prints its tables and RESULT lines, and returns everything it found. */
    public static Report execute(Args args, PrintStream out) throws Exception {
        Settings s = new Settings(args.integer("creates", 1000, 60), args.integer("users", 10_000, 1000),
                Double.parseDouble(args.text("fault-rate", "0.2", "0.2")),
                Long.parseLong(args.text("seed", "20261203", "20261203")), args.integer("idle-ms", 120, 120),
                args.integer("pause-every", 50, 10), args.integer("concurrency", 8, 8),
                args.list("transports", String.join(",", Transports.ALL), String.join(",", Transports.ALL)),
                args.has("verbose"));
        out.printf(Locale.ROOT, "FaultMix: %.0f %% of requests faulted (500, 503, 429, reset before, reset after the"
                + " server acted, 502 after it acted; evenly), idle keep-alive connections closed after %d ms;"
                + " %,d creates per scenario (a %d-%d ms pause before every %d-th), listAll of %,d users;"
                + " seed %d; transports %s%n", s.faultRate * 100, s.idleMs, s.creates, PAUSE_MIN_MS, PAUSE_MAX_MS,
                s.pauseEvery, s.users, s.seed, s.transports);
        List<CreateRun> creates = new ArrayList<>();
        List<ListRun> listings = new ArrayList<>();
        // Every injected fault makes the client log a warning (a retry, or a POST not retried):
        // thousands of expected lines that would bury the tables. --verbose keeps them.
        Logger clientLog = Logger.getLogger("dev.pdkit");
        Level level = clientLog.getLevel();
        if (!s.verbose) {
            clientLog.setLevel(Level.SEVERE);
        }
        try (FakePagerDuty teamsFake = FakePagerDuty.builder().standardSeed(false).start();
                FakePagerDuty usersFake = FakePagerDuty.builder().standardSeed(false).start();
                Transport cleanTransport = Transports.create("jdk");
                RestApiV2Client teamsReader = cleanClient(teamsFake, cleanTransport);
                RestApiV2Client usersReader = cleanClient(usersFake, cleanTransport)) {
            List<String> expected = seedUsers(usersFake, usersReader, s.users, out);
            for (String transport : s.transports) {
                for (CreateScenario scenario : CreateScenario.values()) {
                    CreateRun run = creates(teamsFake, teamsReader, transport, scenario, s);
                    creates.add(run);
                    progress(out, s, run.transport + " " + run.scenario, run.notes,
                            (!run.correct() && !run.control) || run.raisedUnsent > 0);
                }
                for (int concurrency : new int[] {1, s.concurrency}) {
                    ListRun run = listing(usersFake, transport, concurrency, expected, s);
                    listings.add(run);
                    progress(out, s, run.transport + " " + run.scenario(), run.notes, !run.correct());
                }
            }
        } finally {
            clientLog.setLevel(level);
        }
        List<Result> results = print(out, creates, listings);
        return new Report(List.copyOf(creates), List.copyOf(listings), results);
    }

    private static void progress(PrintStream out, Settings s, String what, List<String> notes, boolean anomaly) {
        if (s.verbose || anomaly) {
            out.println("  " + what + (anomaly ? ": ANOMALY" : "") + (notes.isEmpty() ? ": nothing to note" : ""));
            notes.forEach(n -> out.println("    " + n));
        }
    }

    private static RestApiV2Client cleanClient(FakePagerDuty fake, Transport transport) {
        return RestApiV2Client.builder(fake.apiToken()).baseUrl(fake.restUrl()).transport(transport)
                .json(JacksonJsonCodec.create()).build();
    }

    /** A client through the proxy: no waiting, and bounded calls, so a hang shows as a timeout. */
    private static RestApiV2ClientBuilder faultyClient(FakePagerDuty fake, FaultProxy proxy, Transport transport) {
        return RestApiV2Client.builder(fake.apiToken()).baseUrl(proxy.url()).transport(transport)
                .json(JacksonJsonCodec.create()).sleeper(NO_WAIT).timeout(Duration.ofSeconds(10));
    }

    /** Seeds the users and returns the ids of a clean listing straight from the fake, checked against the seed. */
    private static List<String> seedUsers(FakePagerDuty fake, RestApiV2Client reader, int users, PrintStream out) {
        long t0 = System.nanoTime();
        List<String> seeded = new ArrayList<>(users);
        for (int i = 0; i < users; i++) {
            // Zero-padded names: the fake lists users by name, so the seed's order is the listing's.
            seeded.add((String) fake.seed().user(String.format(Locale.ROOT, "User %06d", i),
                    String.format(Locale.ROOT, "user%06d@example.com", i)).get("id"));
        }
        List<String> clean = Pagination.ids(reader.listAll("/users"));
        if (!clean.equals(seeded)) {
            throw new IllegalStateException("the clean listing of the fake returned " + clean.size()
                    + " ids, not the " + seeded.size() + " seeded ones in order");
        }
        out.printf(Locale.ROOT, "  seeded %,d users into the fake and listed them cleanly in %.0f ms%n", users,
                Stats.millisSince(t0));
        return clean;
    }

    /** A seed for one scenario: the same for a transport and scenario whichever others run. */
    private static long scenarioSeed(Settings s, String transport, String scenario) {
        return s.seed * 1_000_003L + (transport + "/" + scenario).hashCode();
    }

    private static CreateRun creates(FakePagerDuty fake, RestApiV2Client reader, String transportName,
            CreateScenario scenario, Settings s) throws Exception {
        fake.reset(); // an empty account (no standard seed): no teams, an empty journal
        long seed = scenarioSeed(s, transportName, scenario.label);
        Map<String, String> returned = new LinkedHashMap<>();
        Map<String, PdClientException> raised = new LinkedHashMap<>();
        /** How long the client was idle before each call, in ms: the pause, or the gap since the last call. */
        Map<String, Double> idleBefore = new HashMap<>();
        Map<String, Long> callStart = new HashMap<>();
        List<String> wrong = new ArrayList<>();
        List<String> proxyFailures;
        double millis;
        List<Handled> log;
        long requests;
        int connections;
        Map<Fault, Long> faults;
        long upstreamFailures;
        try (FaultProxy proxy = FaultProxy.start(fake.restUrl(), s.faultRate, seed, Duration.ofMillis(s.idleMs));
                Transport transport = Transports.create(transportName);
                RestApiV2Client client = scenario.settings.apply(faultyClient(fake, proxy, transport)).build()) {
            SplittableRandom pauses = new SplittableRandom(~seed);
            long t0 = System.nanoTime();
            long lastEnd = t0;
            for (int i = 0; i < s.creates; i++) {
                if (i > 0 && s.pauseEvery > 0 && i % s.pauseEvery == 0) {
                    // Long enough, mostly, for the proxy to close the pooled connection as idle.
                    Thread.sleep(pauses.nextInt(PAUSE_MIN_MS, PAUSE_MAX_MS + 1));
                }
                String name = TEAM_PREFIX + i;
                callStart.put(name, System.nanoTime());
                idleBefore.put(name, Stats.millisSince(lastEnd));
                try {
                    Object team = client.rpost("/teams", Map.of("type", "team", "name", name));
                    Map<?, ?> map = (Map<?, ?>) team;
                    returned.put(name, String.valueOf(map.get("id")));
                    if (!name.equals(map.get("name"))) {
                        wrong.add(name + " answered with team " + map.get("id") + " named " + map.get("name"));
                    }
                } catch (PdClientException e) {
                    raised.put(name, e);
                }
                lastEnd = System.nanoTime();
            }
            millis = Stats.millisSince(t0);
            log = proxy.log();
            requests = proxy.requests();
            connections = proxy.connections();
            faults = proxy.counts();
            upstreamFailures = proxy.upstreamFailures();
            proxyFailures = proxy.upstreamFailureMessages();
        }

        // The fake's state, read straight from it; sorted, so that the notes come out in the same order every run.
        Map<String, Integer> copies = new TreeMap<>();
        for (Map<String, Object> team : reader.listAll("/teams")) {
            copies.merge(String.valueOf(team.get("name")), 1, Integer::sum);
        }
        Map<String, List<String>> attempts = attemptsByName(log);
        List<String> notes = new ArrayList<>();
        proxyFailures.forEach(m -> notes.add("proxy upstream failure: " + m));
        int duplicates = 0;
        int extra = 0;
        Map<String, Integer> duplicateCauses = new TreeMap<>();
        List<String> duplicateExamples = new ArrayList<>();
        for (Map.Entry<String, Integer> e : copies.entrySet()) {
            if (e.getValue() > 1) {
                duplicates++;
                extra += e.getValue() - 1;
                List<String> a = attempts.getOrDefault(e.getKey(), List.of());
                duplicateCauses.merge(String.join(" > ", a), 1, Integer::sum);
                if (duplicateExamples.size() < EXAMPLES) {
                    duplicateExamples.add("duplicate " + e.getKey() + " (" + e.getValue() + " copies; attempts: "
                            + String.join(" > ", a) + "; the call " + (raised.containsKey(e.getKey())
                            ? "raised " + describe(raised.get(e.getKey())) : "returned success") + ")");
                }
            }
        }
        List<String> lost = new ArrayList<>();
        for (String name : returned.keySet()) {
            if (!copies.containsKey(name)) {
                lost.add("lost " + name + ": the call returned team " + returned.get(name) + ", the fake has none;"
                        + " attempts: " + String.join(" > ", attempts.getOrDefault(name, List.of())));
            }
        }
        int raisedButCreated = 0;
        List<String> unsent = new ArrayList<>();
        Map<String, Integer> raisedCauses = new TreeMap<>();
        for (Map.Entry<String, PdClientException> e : raised.entrySet()) {
            if (copies.containsKey(e.getKey())) {
                raisedButCreated++;
            }
            List<String> a = attempts.getOrDefault(e.getKey(), List.of());
            String last = a.isEmpty() ? "never reached the proxy" : a.get(a.size() - 1);
            raisedCauses.merge(last + " -> " + describe(e.getValue()), 1, Integer::sum);
            if (a.isEmpty()) {
                // No fault of the proxy's explains it: the request died on the client's side of the
                // socket, e.g. written on a pooled connection that the proxy had closed as idle.
                unsent.add(String.format(Locale.ROOT, "raised before reaching the proxy: %s, sent after %.1f ms idle;"
                        + " %s; %s", e.getKey(), idleBefore.get(e.getKey()),
                        nearestIdleClose(log, callStart.get(e.getKey())), chain(e.getValue())));
            }
        }
        int teams = 0;
        for (Map.Entry<String, Integer> e : copies.entrySet()) {
            teams += e.getKey().startsWith(TEAM_PREFIX) ? e.getValue() : 0;
        }
        if (!duplicateCauses.isEmpty()) {
            notes.add("duplicates by the attempts the proxy saw: " + duplicateCauses);
        }
        notes.addAll(duplicateExamples);
        notes.addAll(lost.subList(0, Math.min(EXAMPLES, lost.size())));
        notes.addAll(wrong.subList(0, Math.min(EXAMPLES, wrong.size())));
        notes.addAll(unsent);
        if (!raisedCauses.isEmpty()) {
            notes.add("raised calls by the last fault their request met: " + raisedCauses);
        }
        return new CreateRun(transportName, scenario.label, scenario.control, s.creates, returned.size(),
                raised.size(), raisedButCreated, unsent.size(), teams, duplicates, extra, lost.size(), wrong.size(),
                requests, connections, faults, upstreamFailures, millis, notes);
    }

    /**
     * Where the proxy's idle close nearest to a call's start lies in time: closed well before the call,
     * the transport should have found the connection closed; at about the same time, it is the race
     * every idle timeout has with a client that reuses the connection just then.
     */
    private static String nearestIdleClose(List<Handled> log, long startNanos) {
        Handled nearest = null;
        for (Handled h : log) {
            if (h.fault() == Fault.IDLE_CLOSE
                    && (nearest == null || Math.abs(h.nanos() - startNanos) < Math.abs(nearest.nanos() - startNanos))) {
                nearest = h;
            }
        }
        if (nearest == null) {
            return "the proxy closed no connection as idle";
        }
        double ms = (startNanos - nearest.nanos()) / 1e6;
        return String.format(Locale.ROOT, "the nearest idle close (connection %d, after %.1f ms idle) came %.1f ms %s"
                + " the call started", nearest.connection(), nearest.idleMillis(), Math.abs(ms),
                ms >= 0 ? "before" : "after");
    }

    /** The attempts the proxy saw per team name, each as the fault it got or {@code relayed}. */
    private static Map<String, List<String>> attemptsByName(List<Handled> log) {
        Map<String, List<String>> attempts = new HashMap<>();
        for (Handled h : log) {
            if (h.body() == null) {
                continue;
            }
            Matcher m = TEAM_NAME.matcher(h.body());
            if (m.find()) {
                attempts.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(label(h));
            }
        }
        return attempts;
    }

    private static String label(Handled h) {
        return h.fault() == null ? "relayed" : h.fault().label();
    }

    private static ListRun listing(FakePagerDuty fake, String transportName, int concurrency, List<String> expected,
            Settings s) throws Exception {
        long seed = scenarioSeed(s, transportName, "list-c" + concurrency);
        List<String> got = List.of();
        String raised = null;
        List<String> notes = new ArrayList<>();
        double millis;
        List<Handled> log;
        long requests;
        int connections;
        Map<Fault, Long> faults;
        long upstreamFailures;
        try (FaultProxy proxy = FaultProxy.start(fake.restUrl(), s.faultRate, seed, Duration.ofMillis(s.idleMs));
                Transport transport = Transports.create(transportName);
                RestApiV2Client client = faultyClient(fake, proxy, transport).pageConcurrency(concurrency)
                        .defaultPageSize(100).build()) {
            long t0 = System.nanoTime();
            try {
                got = Pagination.ids(client.listAll("/users"));
            } catch (PdClientException e) {
                raised = describe(e);
                notes.add("listAll raised " + e);
            }
            millis = Stats.millisSince(t0);
            log = proxy.log();
            requests = proxy.requests();
            connections = proxy.connections();
            faults = proxy.counts();
            upstreamFailures = proxy.upstreamFailures();
            proxy.upstreamFailureMessages().forEach(m -> notes.add("proxy upstream failure: " + m));
        }
        if (raised != null) {
            // The pages whose last request the proxy saw was faulted: where listAll gave up.
            Map<String, List<String>> byTarget = new LinkedHashMap<>();
            for (Handled h : log) {
                if (h.target() != null) {
                    byTarget.computeIfAbsent(h.target(), k -> new ArrayList<>()).add(label(h));
                }
            }
            byTarget.forEach((target, a) -> {
                if (!a.get(a.size() - 1).equals("relayed")) {
                    notes.add("GET " + target + ": attempts " + String.join(" > ", a));
                }
            });
        }
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < expected.size(); i++) {
            position.put(expected.get(i), i);
        }
        Set<String> distinct = new HashSet<>(got);
        int missing = 0;
        for (String id : expected) {
            missing += distinct.contains(id) ? 0 : 1;
        }
        int unexpected = 0;
        int outOfOrder = 0;
        int previous = -1;
        for (String id : got) {
            Integer p = position.get(id);
            if (p == null) {
                unexpected++;
                continue;
            }
            if (p < previous) {
                outOfOrder++;
            }
            previous = p;
        }
        int duplicated = got.size() - distinct.size();
        if (raised == null && (missing > 0 || duplicated > 0 || unexpected > 0 || outOfOrder > 0)) {
            notes.add(String.format(Locale.ROOT, "%,d records: %,d missing, %,d duplicated, %,d unexpected,"
                    + " %,d out of order", got.size(), missing, duplicated, unexpected, outOfOrder));
        }
        return new ListRun(transportName, concurrency, expected.size(), got.size(), distinct.size(), missing,
                duplicated, unexpected, outOfOrder, raised, requests, connections, faults, upstreamFailures, millis,
                notes);
    }

    /** An exception and its causes, each as type and message. */
    static String chain(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            sb.append(sb.length() == 0 ? "" : " <- caused by ").append(t);
        }
        return sb.toString();
    }

    /**
     * An exception in a few words: its type, and the status or the type of its root cause (a
     * listing wraps the failure of a page in another {@link PdClientException}).
     */
    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String rootText = root instanceof PdHttpException h ? h.getClass().getSimpleName() + " " + h.status()
                : root.getClass().getSimpleName();
        if (root == e) {
            return rootText;
        }
        return e.getClass().getSimpleName() + " (" + rootText + ")";
    }

    private static List<Result> print(PrintStream out, List<CreateRun> creates, List<ListRun> listings) {
        List<Result> results = new ArrayList<>();
        Table createTable = new Table("transport", "scenario", "calls", "succeeded", "raised", "raised, created anyway",
                "raised, never reached the proxy", "teams at the fake", "duplicates", "lost", "wrong answers",
                "requests", "ms", "verdict");
        for (CreateRun r : creates) {
            Result.Verdict verdict = r.control ? Result.Verdict.INFO : Result.verdict(r.correct());
            createTable.row(r.transport, r.scenario, Stats.fmt(r.calls, 0), Stats.fmt(r.succeeded, 0),
                    Stats.fmt(r.raised, 0), Stats.fmt(r.raisedButCreated, 0), Stats.fmt(r.raisedUnsent, 0),
                    Stats.fmt(r.teams, 0),
                    r.duplicates + (r.extraCopies > r.duplicates ? " (" + r.extraCopies + " extra)" : ""), r.lost,
                    r.wrongAnswers, Stats.fmt(r.requests, 0), Stats.fmt(r.millis, 0),
                    r.control ? (r.duplicates > 0 ? "INFO (duplicates seen)" : "INFO (no duplicate seen)") : verdict);
            String detail = String.format(Locale.ROOT, "%,d calls: %,d succeeded, %,d raised (%,d created anyway,"
                    + " %,d never reached the proxy), %d duplicates (%d extra copies), %d lost, %d wrong answers;"
                    + " %,d requests; faults %s%s", r.calls, r.succeeded, r.raised, r.raisedButCreated,
                    r.raisedUnsent, r.duplicates, r.extraCopies, r.lost,
                    r.wrongAnswers, r.requests, faultSummary(r.faults),
                    r.control ? "; the control: duplicates show the experiment can see them" : "");
            double ratio = r.control ? (double) r.extraCopies / r.calls
                    : (double) (r.extraCopies + r.lost + r.wrongAnswers) / r.calls;
            results.add(new Result("FaultMix", r.transport + " " + r.scenario, ratio, r.control ? "none" : "0",
                    verdict, detail));
        }
        Table listTable = new Table("transport", "pageConcurrency", "expected", "returned", "distinct", "missing",
                "duplicated", "out of order", "raised", "requests", "ms", "verdict");
        for (ListRun r : listings) {
            Result.Verdict verdict = Result.verdict(r.correct());
            listTable.row(r.transport, r.concurrency, Stats.fmt(r.expected, 0), Stats.fmt(r.returned, 0),
                    Stats.fmt(r.distinct, 0), Stats.fmt(r.missing, 0), Stats.fmt(r.duplicated, 0),
                    Stats.fmt(r.outOfOrder, 0) + (r.unexpected > 0 ? " (+" + r.unexpected + " unexpected)" : ""),
                    r.raised == null ? "no" : r.raised, Stats.fmt(r.requests, 0), Stats.fmt(r.millis, 0), verdict);
            String detail = String.format(Locale.ROOT, "%,d expected: %,d returned, %,d distinct, %,d missing,"
                    + " %,d duplicated, %,d unexpected, %,d out of order, %s; %,d requests; faults %s", r.expected,
                    r.returned, r.distinct, r.missing, r.duplicated, r.unexpected, r.outOfOrder,
                    r.raised == null ? "no exception" : "raised " + r.raised, r.requests, faultSummary(r.faults));
            double ratio = r.raised != null ? 1.0
                    : (double) (r.missing + r.duplicated + r.unexpected + r.outOfOrder) / r.expected;
            results.add(new Result("FaultMix", r.transport + " " + r.scenario(), ratio, "0", verdict, detail));
        }
        List<String> faultHeader = new ArrayList<>(List.of("transport", "scenario"));
        for (Fault f : Fault.values()) {
            faultHeader.add(f.label());
        }
        faultHeader.addAll(List.of("faulted / requests", "connections", "proxy upstream failures"));
        Table faultTable = new Table(faultHeader.toArray(String[]::new));
        for (CreateRun r : creates) {
            faultTable.row(faultRow(r.transport, r.scenario, r.faults, r.requests, r.connections, r.upstreamFailures));
        }
        for (ListRun r : listings) {
            faultTable.row(faultRow(r.transport, r.scenario(), r.faults, r.requests, r.connections,
                    r.upstreamFailures));
        }
        out.println();
        out.println("Creates (rpost /teams through the proxy; the fake's teams counted afterwards):");
        createTable.print(out);
        out.println();
        out.println("Listings (listAll /users through the proxy, against a clean listing):");
        listTable.print(out);
        out.println();
        out.println("Faults injected per scenario (idle-close: by the proxy's idle timer, not one of the drawn ones):");
        faultTable.print(out);
        results.forEach(r -> out.println(r.line()));
        return results;
    }

    private static Object[] faultRow(String transport, String scenario, Map<Fault, Long> faults, long requests,
            int connections, long upstreamFailures) {
        List<Object> row = new ArrayList<>(List.of(transport, scenario));
        long drawn = 0;
        for (Fault f : Fault.values()) {
            row.add(faults.get(f));
            drawn += f == Fault.IDLE_CLOSE ? 0 : faults.get(f);
        }
        row.add(String.format(Locale.ROOT, "%,d / %,d (%.1f %%)", drawn, requests,
                requests == 0 ? 0.0 : 100.0 * drawn / requests));
        row.add(connections);
        row.add(upstreamFailures);
        return row.toArray();
    }

    private static String faultSummary(Map<Fault, Long> faults) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<Fault, Long> e : faults.entrySet()) {
            sb.append(sb.length() == 0 ? "" : " ").append(e.getKey().label()).append('=').append(e.getValue());
        }
        return sb.toString();
    }
}
