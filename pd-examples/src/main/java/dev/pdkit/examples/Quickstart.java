package dev.pdkit.examples;

import dev.pdkit.ChangeEventsApiV2Client;
import dev.pdkit.ClientStats;
import dev.pdkit.EventsApiV2Client;
import dev.pdkit.Paged;
import dev.pdkit.PdClientException;
import dev.pdkit.PdHttpException;
import dev.pdkit.RestApiV2Client.Existing;
import dev.pdkit.RestApiV2Client;
import dev.pdkit.Resources;
import dev.pdkit.TypeRef;
import dev.pdkit.testkit.FakePagerDuty;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * pdkit's quickstart: the examples of the pdpyras user guide, run one after another in Java. Each
 * step is headed by the section of the guide it mirrors, so the guide can be read alongside.
 *
 * <p>Without {@code PAGERDUTY_API_KEY} the program starts an embedded fake PagerDuty on
 * {@code 127.0.0.1} (pd-testkit's {@link FakePagerDuty}) and walks through everything: it creates a
 * user and a service, triggers three alerts through the Events API, lists the incidents a page at a
 * time with a multi-valued filter, acknowledges them in one multi-update with the {@code From}
 * header, resolves one through its dedup key, submits a change event, finds a user by email, shows
 * {@code persist}, and prints the call statistics. Nothing leaves the machine.
 *
 * <p>With {@code PAGERDUTY_API_KEY} set it runs only the read-only steps (GET requests) against the
 * real REST API: who the key belongs to, the users a page at a time, a user found by email, the
 * open incidents, and the statistics. It changes nothing in the account.
 *
 * <p>Run it from the repository's root with
 * {@code mvn -B -ntp -q -pl pd-examples -am -Dmaven.test.skip=true package -Pquickstart}.
 */
public final class Quickstart {

    /** The environment variable that holds a REST API key; when it is set, only read-only steps run, against the real API. */
    public static final String API_KEY_VARIABLE = "PAGERDUTY_API_KEY";

    // The names the walk-through gives the things it creates.
    static final String USER_NAME = "Alex Quickstart";
    static final String USER_EMAIL = "alex.quickstart@example.com";
    static final String SERVICE_NAME = "Quickstart Checkout";
    static final String CHANGE_SUMMARY = "Deployed checkout v2.3.1";
    static final List<Alert> ALERTS = List.of(
            new Alert("quickstart-disk-db-1", "Disk 95% full on db-1", "db-1.example.com"),
            new Alert("quickstart-cpu-web-2", "CPU at 100% on web-2", "web-2.example.com"),
            new Alert("quickstart-5xx-lb-1", "5xx rate above 5% on lb-1", "lb-1.example.com"));

    /** An alert the walk-through triggers: its own dedup key, a summary and the host it is about. */
    record Alert(String dedupKey, String summary, String source) {
    }

    private Quickstart() {
    }

    /**
     * Runs the quickstart: against the real API (read-only) when {@value #API_KEY_VARIABLE} is set
     * to a non-blank value, else against an embedded fake PagerDuty.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        try {
            run(System.out, apiKey(System.getenv(API_KEY_VARIABLE)));
        } catch (PdClientException e) {
            // For example a 401: the message says whether the key may be revoked or the region wrong.
            System.out.flush();
            System.err.println("The quickstart stopped: " + e.getMessage());
            System.exit(1);
        }
    }

    /**
     * Runs the quickstart, printing to {@code out}.
     *
     * @param out where to print what each step does
     * @param apiKey a REST API key: present, only the read-only steps run, against
     *     {@code https://api.pagerduty.com}; empty, every step runs against a fake PagerDuty that
     *     this method starts and stops
     * @throws PdClientException if a request fails
     */
    public static void run(PrintStream out, Optional<String> apiKey) {
        if (apiKey.isPresent()) {
            out.println("pdkit quickstart: " + API_KEY_VARIABLE + " is set, so only read-only requests (GET) go to the"
                    + " real PagerDuty REST API.");
            try (RestApiV2Client client = RestApiV2Client.create(apiKey.get())) {
                readOnlyTour(client, out);
            }
        } else {
            out.println("pdkit quickstart: " + API_KEY_VARIABLE + " is not set, so every step runs against an embedded"
                    + " fake PagerDuty on 127.0.0.1.");
            try (FakePagerDuty pd = FakePagerDuty.start()) {
                out.println("Started " + pd + "; it holds the standard seed (users Pat Oncall and Sam Responder,"
                        + " service Checkout API, ...).");
                walkThrough(pd, out);
            }
        }
        out.println();
        out.println("Done.");
    }

    /** The key to use: the variable's value, unless it is missing or blank. */
    static Optional<String> apiKey(String value) {
        return Optional.ofNullable(value).map(String::strip).filter(v -> !v.isEmpty());
    }

    // =====================================================================================
    // The whole walk-through, against a fake PagerDuty
    // =====================================================================================

    /** Every step of the walk-through, against a running fake. */
    static void walkThrough(FakePagerDuty pd, PrintStream out) {
        Steps steps = new Steps(out);

        // ---------------------------------------------------------------- Authentication
        steps.next("Authentication / The From header",
                "a REST API client per key; an account-level key needs a default From");
        // The fake's apiToken() is an account-level key, like one made on the "API Access Keys"
        // page: PagerDuty can't tell who acts from it, so actions on incidents need a From header.
        // pdpyras: APISession(api_key, default_from='pat.oncall@example.com')
        try (RestApiV2Client client = RestApiV2Client.builder(pd.apiToken())
                .baseUrl(pd.restUrl())              // the fake instead of https://api.pagerduty.com
                .defaultFrom(pd.userEmail())        // sent as "From: ..." with every request
                .build()) {
            steps.say("account: " + client.account());  // the token shows as * and its last four characters
            steps.say("apiKeyAccess(): " + client.account().apiKeyAccess()
                    + " (GET /users/me answers 400 for an account-level key)");

            Created created = createUserAndService(client, steps);

            // ------------------------------------------------------------ Events API v2
            steps.next("Events API v2: trigger an alert using a custom deduplication key",
                    "three alerts on the new service, through its routing key");
            // pdpyras: EventsAPISession(routing_key). The Events API has its own base URL; the fake
            // answers both APIs on one port.
            try (EventsApiV2Client events = EventsApiV2Client.builder(created.routingKey())
                    .baseUrl(pd.eventsUrl())
                    .build()) {
                for (Alert alert : ALERTS) {
                    // pdpyras: events_session.trigger(summary, source, dedup_key=...)
                    String dedupKey = events.trigger(alert.summary(), alert.source(),
                            e -> e.dedupKey(alert.dedupKey()).severity("error").component("checkout"));
                    steps.say("trigger(\"" + alert.summary() + "\", \"" + alert.source() + "\") -> dedup key " + dedupKey);
                }

                listOpenIncidents(client, created, steps);
                acknowledgeWithMultiUpdate(client, created, pd.userEmail(), steps);

                // -------------------------------------------------------- Events API v2
                steps.next("Events API v2: trigger and resolve an alert",
                        "resolve the first alert through its dedup key");
                String resolvedKey = ALERTS.get(0).dedupKey();
                events.resolve(resolvedKey);
                steps.say("resolve(\"" + resolvedKey + "\")");
                // incident_key is the dedup key of the alert that opened the incident.
                for (Map<String, Object> incident : client.with(o -> o.param("incident_key", resolvedKey)).listAll("/incidents")) {
                    steps.say("the incident it opened is now: " + describe(incident));
                }
                steps.say("events.stats(): " + events.stats().callCounts());
            }

            submitChangeEvent(pd, client, created, steps);

            // ------------------------------------------------------------ find
            steps.next("Searching resource collections", "find a user by email");
            // pdpyras: session.find('users', 'alex.quickstart@example.com', attribute='email')
            // It sends query=<email> and compares the attribute exactly, ignoring case.
            String shouted = USER_EMAIL.toUpperCase(Locale.ROOT);
            Optional<Map<String, Object>> found = client.find("users", shouted, "email");
            steps.say("find(\"users\", \"" + shouted + "\", \"email\") -> "
                    + found.map(u -> u.get("name") + " (" + u.get("id") + ")").orElse("nothing"));
            steps.say("find(\"users\", \"nobody@example.com\", \"email\") -> "
                    + client.find("users", "nobody@example.com", "email").map(u -> "" + u.get("id")).orElse("Optional.empty"));

            persistUser(client, created, steps);

            // ------------------------------------------------------------ Error handling
            steps.next("Error Handling", "a non-2xx status raises PdHttpException, with the response");
            try {
                client.rget("/users/PNOPE00");
            } catch (PdHttpException e) {
                steps.say("rget(\"/users/PNOPE00\") raised PdHttpException: status " + e.status() + ", error code "
                        + (e.errorCode().isPresent() ? e.errorCode().getAsInt() : "none") + ", message "
                        + e.errorMessage().orElse("none"));
            }

            printStatistics(client, steps);
        }
    }

    /** The ids and the routing key the later steps use. */
    record Created(String userId, String serviceId, String routingKey) {
    }

    private static Created createUserAndService(RestApiV2Client client, Steps steps) {
        // ---------------------------------------------------------------- rpost
        steps.next("Entity Wrapping: rpost", "create a user, an escalation policy and a service");
        // rpost wraps the entity ({"user": {...}}) and unwraps the answer, so both are plain maps.
        Map<String, Object> user = client.rpost("/users", Map.of(
                "type", "user",
                "name", USER_NAME,
                "email", USER_EMAIL,
                "role", "user"));
        steps.say("created user " + user.get("name") + " <" + user.get("email") + "> with id " + user.get("id"));

        Map<String, Object> policy = client.rpost("/escalation_policies", Map.of(
                "type", "escalation_policy",
                "name", "Quickstart Escalation",
                "escalation_rules", List.of(Map.of(
                        "escalation_delay_in_minutes", 30,
                        "targets", List.of(Map.of("id", user.get("id"), "type", "user_reference"))))));
        steps.say("created escalation policy " + policy.get("name") + " (" + policy.get("id") + "), paging "
                + user.get("name"));

        Map<String, Object> service = client.rpost("/services", Map.of(
                "type", "service",
                "name", SERVICE_NAME,
                "escalation_policy", Map.of("id", policy.get("id"), "type", "escalation_policy_reference")));
        steps.say("created service " + service.get("name") + " (" + service.get("id") + ")");

        // An Events API v2 integration on the service: its integration_key is the routing key.
        // Bound to a record: PagerDuty's integration_key fills integrationKey.
        Integration integration = client.as(Integration.class).rpost("/services/" + service.get("id") + "/integrations",
                Map.of("type", "events_api_v2_inbound_integration", "name", "Quickstart monitoring"));
        String routingKey = integration.integrationKey();
        steps.say("added integration " + integration.name() + "; its routing key ends in "
                + routingKey.substring(routingKey.length() - 4));

        // ---------------------------------------------------------------- get / jget / rget
        steps.next("Making a request and decoding the response", "get, jget and rget of the new service");
        // A record's own URL is its "self" link, which Resources.selfUrl reads.
        String self = Resources.selfUrl(service);
        var response = client.get(self);
        steps.say("get(self)  -> HTTP " + response.status() + ", X-Request-Id " + response.requestId().orElse("none"));
        Map<String, Object> body = client.jget(self);
        steps.say("jget(self) -> the whole body, with the wrapper: keys " + body.keySet());
        Map<String, Object> again = client.rget(self);
        steps.say("rget(self) -> the service itself: \"" + again.get("name") + "\", status " + again.get("status"));

        return new Created(String.valueOf(user.get("id")), String.valueOf(service.get("id")), routingKey);
    }

    /** An Events API v2 integration, as much of it as the quickstart reads. */
    record Integration(String id, String name, String integrationKey) {
    }

    private static void listOpenIncidents(RestApiV2Client client, Created created, Steps steps) {
        // ---------------------------------------------------------------- pagination + set filters
        steps.next("Using pagination / Using multi-valued set filters",
                "open incidents of the service, two per page, with statuses[] and service_ids[]");
        // A list value becomes PagerDuty's repeated key[] parameter:
        // GET /incidents?statuses[]=triggered&statuses[]=acknowledged&service_ids[]=...&limit=2&offset=0&total=true
        Map<String, Object> filters = Map.of(
                "statuses", List.of("triggered", "acknowledged"),
                "service_ids", List.of(created.serviceId()));
        long pagesBefore = client.stats().callCount("GET /incidents");
        // with(...) adds per-call options: the filters, pages of 2, and total=true for the count.
        RestApiV2Client open = client.with(o -> o.params(filters).pageSize(2).total(true));
        try (Paged<Map<String, Object>> incidents = open.iterAll("/incidents")) {
            for (Map<String, Object> incident : incidents) {
                steps.say(incidents.read() + " of " + incidents.total() + ": " + describe(incident));
            }
        }
        long pages = client.stats().callCount("GET /incidents") - pagesBefore;
        steps.say("that took " + pages + " requests (pages of 2); total() alone counts them in one: "
                + client.with(o -> o.params(filters)).iterAll("/incidents").total());
    }

    private static void acknowledgeWithMultiUpdate(RestApiV2Client client, Created created, String from, Steps steps) {
        // ---------------------------------------------------------------- multi-update
        steps.next("Performing multi-update", "acknowledge all triggered incidents assigned to the user, in one PUT");
        // pdpyras: incidents = session.list_all('incidents', params={'user_ids': [...], 'statuses': ['triggered']})
        List<Map<String, Object>> triggered = client
                .with(o -> o.param("user_ids", List.of(created.userId())).param("statuses", List.of("triggered")))
                .listAll("/incidents");
        steps.say("listAll found " + triggered.size() + " triggered incident(s) assigned to " + USER_NAME);
        List<Map<String, Object>> changes = new ArrayList<>();
        for (Map<String, Object> incident : triggered) {
            changes.add(Map.of("id", incident.get("id"), "type", "incident_reference", "status", "acknowledged"));
        }
        // PUT /incidents with {"incidents": [...]}. Updating incidents needs a user: the client
        // sends "From: <defaultFrom>" with the request, as the account-level key can't say who acts.
        // The answer is a list, not one entity: a TypeRef binds it.
        List<Map<String, Object>> updated = client.as(new TypeRef<List<Map<String, Object>>>() { })
                .rput("/incidents", changes);
        steps.say("rput(\"/incidents\", " + changes.size() + " references) sent From: " + from);
        for (Map<String, Object> incident : updated) {
            steps.say("now " + describe(incident));
        }
    }

    private static void submitChangeEvent(FakePagerDuty pd, RestApiV2Client client, Created created, Steps steps) {
        // ---------------------------------------------------------------- change events
        steps.next("Events API v2: submit a change event", "a deploy, with a ChangeEventsApiV2Client");
        // pdpyras: ChangeEventsAPISession(routing_key).submit("...", source="automation")
        // (EventsApiV2Client.submit(...) sends the same request.)
        try (ChangeEventsApiV2Client changeEvents = ChangeEventsApiV2Client.builder(created.routingKey())
                .baseUrl(pd.eventsUrl())
                .build()) {
            changeEvents.submit(CHANGE_SUMMARY, "ci.example.com", e -> e
                    .customDetail("commit", "4f2a9c1")
                    .customDetail("build", 231)
                    .link("https://ci.example.com/builds/231", "Build 231"));
            steps.say("submit(\"" + CHANGE_SUMMARY + "\", \"ci.example.com\", ...)");
        }
        for (Map<String, Object> event : client.listAll("/services/" + created.serviceId() + "/change_events")) {
            steps.say("GET /services/{id}/change_events lists: \"" + event.get("summary") + "\" from "
                    + event.get("source") + " at " + event.get("timestamp"));
        }
    }

    private static void persistUser(RestApiV2Client client, Created created, Steps steps) {
        // ---------------------------------------------------------------- persist
        steps.next("Idempotent create/update", "persist: create a user unless one with the email exists");
        // pdpyras: session.persist('users', 'email', user_data, update=True)
        Map<String, Object> same = client.persist("users", "email", Map.of("name", USER_NAME, "email", USER_EMAIL),
                Existing.KEEP);
        steps.say("persist(\"users\", \"email\", {" + USER_EMAIL + "}) -> the existing user " + same.get("id")
                + (created.userId().equals(same.get("id")) ? " (no POST: nothing was created)" : " (a new user!)"));
        Map<String, Object> updated = client.persist("users", "email",
                Map.of("email", USER_EMAIL, "job_title", "Release manager"), Existing.UPDATE);
        steps.say("persist(..., {job_title: Release manager}, Existing.UPDATE) -> PUT to its self link; job_title is now "
                + updated.get("job_title"));
        Map<String, Object> created2 = client.persist("users", "email",
                Map.of("type", "user", "name", "Robin Persist", "email", "robin.persist@example.com"), Existing.KEEP);
        steps.say("persist(\"users\", \"email\", {robin.persist@example.com}) -> created " + created2.get("id"));
    }

    private static void printStatistics(RestApiV2Client client, Steps steps) {
        // ---------------------------------------------------------------- statistics
        steps.next("Statistics: api_call_counts and api_time", "client.stats(), per endpoint");
        ClientStats stats = client.stats();
        stats.callCounts().forEach((endpoint, count) -> steps.say(String.format("%-42s %3d call(s) %6d ms",
                endpoint, count, stats.callTimes().getOrDefault(endpoint, Duration.ZERO).toMillis())));
        steps.say(String.format("%-42s %3d call(s) %6d ms", "total", stats.totalCallCount(),
                stats.totalCallTime().toMillis()));
    }

    // =====================================================================================
    // The read-only tour, for a real account
    // =====================================================================================

    /**
     * The read-only steps: every request is a GET, so nothing in the account changes. Shows at
     * most a few records of each collection and stops paging early.
     */
    static void readOnlyTour(RestApiV2Client client, PrintStream out) {
        Steps steps = new Steps(out);

        steps.next("Authentication", "whose key is this?");
        steps.say("account: " + client.account());
        String access = client.account().apiKeyAccess();
        steps.say("apiKeyAccess(): " + access);
        if (access.equals("user")) {
            Map<String, Object> me = client.rget("/users/me");
            steps.say("the key belongs to " + me.get("name") + " <" + me.get("email") + ">");
        }

        steps.next("Using pagination", "users, 25 per page, stopping after 50");
        steps.say("iterAll(\"/users\").total(): " + client.iterAll("/users").total() + " user(s) in the account");
        List<Map<String, Object>> users;
        // A Paged asks for the next page only when it needs one; limit(50) stops at two pages.
        try (Stream<Map<String, Object>> all = client.with(o -> o.pageSize(25)).iterAll("/users").stream()) {
            users = all.limit(50).toList();
        }
        users.stream().limit(10).forEach(u -> steps.say(u.get("id") + "  " + u.get("email") + "  " + u.get("name")));
        if (users.size() > 10) {
            steps.say("... and " + (users.size() - 10) + " more read");
        }

        steps.next("Searching resource collections", "find a user by email");
        if (users.isEmpty()) {
            steps.say("(the account lists no users)");
        } else {
            String email = String.valueOf(users.get(0).get("email"));
            steps.say("find(\"users\", \"" + email + "\", \"email\") -> " + client.find("users", email, "email")
                    .map(u -> u.get("name") + " (" + u.get("id") + ")").orElse("nothing"));
        }

        steps.next("Using multi-valued set filters", "open incidents: statuses[]=triggered&statuses[]=acknowledged");
        Map<String, Object> open = Map.of("statuses", List.of("triggered", "acknowledged"));
        RestApiV2Client openIncidents = client.with(o -> o.params(open).pageSize(25));
        steps.say("iterAll(\"/incidents\").total() with statuses: " + openIncidents.iterAll("/incidents").total()
                + " open incident(s)");
        try (Stream<Map<String, Object>> incidents = openIncidents.iterAll("/incidents").stream()) {
            incidents.limit(10).forEach(i -> steps.say(describe(i)));
        }

        printStatistics(client, steps);
    }

    // =====================================================================================
    // Helpers
    // =====================================================================================

    /** One line about an incident. */
    static String describe(Map<String, Object> incident) {
        return "#" + incident.get("incident_number") + " " + incident.get("status") + " \"" + incident.get("title")
                + "\" (incident_key " + incident.get("incident_key") + ")";
    }

    /** Numbers the steps and prints them. */
    static final class Steps {
        private final PrintStream out;
        private int number;

        Steps(PrintStream out) {
            this.out = out;
        }

        /** Starts a step: the user guide section it mirrors, and what it does. */
        void next(String section, String what) {
            number++;
            out.println();
            out.println("== " + number + ". " + section + " ==");
            out.println("   " + what);
        }

        /** A line of the current step. */
        void say(String line) {
            out.println("   - " + line);
        }
    }
}
