package dev.pdkit.testkit;

import dev.pdkit.testkit.families.Seeder;
import dev.pdkit.testkit.rest.Json;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Adds data to a fake's account without going through HTTP. Seeded resources obey the same rules
 * and get the same defaults as those created over REST, and each method returns the resource as
 * {@code GET} would show it: a read-only JSON tree ({@code Map}, {@code List}, strings, numbers,
 * booleans, {@code null}) whose {@code id} tests can use. Invalid input throws
 * {@link IllegalArgumentException} with PagerDuty's validation message.
 *
 * <p>The shorthand methods take names and ids; the {@code Map} overloads take the resource's
 * API fields, e.g. {@code seed.user(Map.of("name", "Ann", "email", "ann@example.com", "role", "admin"))}.
 * Thread-safe. Obtain one from {@link FakePagerDuty#seed()}; it always seeds the fake's current
 * account, also after a {@link FakePagerDuty#reset()}.
 */
public final class Seed {

    private final FakePagerDuty fake;

    Seed(FakePagerDuty fake) {
        this.fake = fake;
    }

    /** A user with role {@code user}. */
    public Map<String, Object> user(String name, String email) {
        return user(fields("name", name, "email", email));
    }

    /** A user from API fields; {@code name} and {@code email} are required. */
    public Map<String, Object> user(Map<String, ?> fields) {
        return run(s -> s.user(copy(fields)));
    }

    /** A team. */
    public Map<String, Object> team(String name) {
        return team(fields("name", name));
    }

    /** A team from API fields; {@code members} ({@code [{"user":{"id":..}, "role":..}]}) may be given. */
    public Map<String, Object> team(Map<String, ?> fields) {
        return run(s -> s.team(copy(fields)));
    }

    /**
     * Adds a user to a team.
     *
     * @param role {@code observer}, {@code responder} or {@code manager}
     */
    public void teamMember(String teamId, String userId, String role) {
        Map<String, Object> member = fields("user", ref(userId, "user_reference"), "role", role);
        fake.seeding(account -> {
            account.families().teams().addMember(account.store().require("/teams", teamId),
                    account.store().require("/users", userId), role);
            return member;
        });
    }

    /** An escalation policy with one rule that targets these users. */
    public Map<String, Object> escalationPolicy(String name, String... userIds) {
        List<Object> targets = new ArrayList<>();
        for (String id : userIds) {
            targets.add(ref(id, "user_reference"));
        }
        return escalationPolicy(fields("name", name, "escalation_rules",
                List.of(fields("escalation_delay_in_minutes", 30, "targets", targets))));
    }

    /** An escalation policy from API fields; {@code name} and {@code escalation_rules} are required. */
    public Map<String, Object> escalationPolicy(Map<String, ?> fields) {
        return run(s -> s.escalationPolicy(copy(fields)));
    }

    /** A service on this escalation policy, with an Events API v2 integration (see {@link FakePagerDuty#routingKey(String)}). */
    public Map<String, Object> service(String name, String escalationPolicyId) {
        return service(fields("name", name, "escalation_policy", ref(escalationPolicyId, "escalation_policy_reference")));
    }

    /**
     * A service from API fields; {@code name} and {@code escalation_policy} are required. Without
     * {@code integrations} it gets an Events API v2 integration; with them, exactly those
     * ({@code [{"type":"events_api_v2_inbound_integration","integration_key":"<32 chars>"}]}).
     */
    public Map<String, Object> service(Map<String, ?> fields) {
        return run(s -> s.service(copy(fields)));
    }

    /** A schedule in {@code Etc/UTC} with one layer rotating weekly through these users, from 2024-01-01. */
    public Map<String, Object> schedule(String name, String... userIds) {
        List<Object> users = new ArrayList<>();
        for (String id : userIds) {
            users.add(fields("user", ref(id, "user_reference")));
        }
        return schedule(fields("name", name, "time_zone", "Etc/UTC", "schedule_layers", List.of(fields(
                "start", "2024-01-01T00:00:00Z", "rotation_virtual_start", "2024-01-01T00:00:00Z",
                "rotation_turn_length_seconds", 604800, "users", users))));
    }

    /** A schedule from API fields; {@code time_zone} is required. */
    public Map<String, Object> schedule(Map<String, ?> fields) {
        return run(s -> s.schedule(copy(fields)));
    }

    /** A priority, listed after the existing ones. */
    public Map<String, Object> priority(String name) {
        return run(s -> s.priority(fields("name", name)));
    }

    /** A triggered incident on a service, assigned through the service's escalation policy. */
    public Map<String, Object> incident(String serviceId, String title) {
        return incident(fields("service", ref(serviceId, "service_reference"), "title", title));
    }

    /**
     * An incident from fields: {@code service} and {@code title} are required; {@code status}
     * ({@code triggered}, {@code acknowledged}, {@code resolved}), {@code urgency} and
     * {@code incident_key} are optional.
     */
    public Map<String, Object> incident(Map<String, ?> fields) {
        return run(s -> s.incident(copy(fields)));
    }

    /** A maintenance window from API fields ({@code start_time}, {@code end_time}, {@code services}). */
    public Map<String, Object> maintenanceWindow(Map<String, ?> fields) {
        return run(s -> s.maintenanceWindow(copy(fields)));
    }

    /** A tag. */
    public Map<String, Object> tag(String label) {
        return run(s -> s.tag(fields("label", label)));
    }

    /** Makes an ability known to the account: enabled ({@code GET /abilities/{name}} 204) or missing (402). */
    public void ability(String name, boolean enabled) {
        Objects.requireNonNull(name, "name");
        fake.seeding(account -> {
            account.seeder().ability(name, enabled);
            return Map.of();
        });
    }

    /**
     * A resource of any other collection, stored as given and served by the generic engine, e.g.
     * {@code resource("/business_services", Map.of("name", "Payments"))} or
     * {@code resource("/users/PABC123/notification_rules", ...)}. An {@code id} may be given.
     *
     * @param collection the collection's API path
     */
    public Map<String, Object> resource(String collection, Map<String, ?> fields) {
        Objects.requireNonNull(collection, "collection");
        return run(s -> s.resource(collection, copy(fields)));
    }

    private Map<String, Object> run(Function<Seeder, Map<String, Object>> action) {
        return fake.seeding(account -> action.apply(account.seeder()));
    }

    private static Map<String, Object> copy(Map<String, ?> fields) {
        Objects.requireNonNull(fields, "fields");
        return Json.copy(new LinkedHashMap<>(fields));
    }

    private static Map<String, Object> fields(Object... keysAndValues) {
        for (int i = 1; i < keysAndValues.length; i += 2) {
            Objects.requireNonNull(keysAndValues[i], () -> "argument " + Arrays.toString(keysAndValues));
        }
        return Json.obj(keysAndValues);
    }

    private static Map<String, Object> ref(String id, String type) {
        return Json.obj("id", Objects.requireNonNull(id, "id"), "type", type);
    }
}
