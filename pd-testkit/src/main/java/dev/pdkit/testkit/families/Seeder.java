package dev.pdkit.testkit.families;

import dev.pdkit.testkit.rest.ApiError;
import dev.pdkit.testkit.rest.Json;
import dev.pdkit.testkit.routing.PathPatterns;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds an account's data without going through HTTP: the standard seed, JSON fixtures and the
 * public seeding API. Everything goes through the families' own create methods, so seeded data
 * obeys the same rules (and gets the same defaults) as data created over REST.
 */
public final class Seeder {

    /** The email of the standard seed's user who owns the user API key and the OAuth token. */
    public static final String STANDARD_USER_EMAIL = "pat.oncall@example.com";

    /** The fixture keys seeded first, in this order, so later items can reference earlier ones. */
    private static final List<String> ORDER = List.of("abilities", "users", "teams", "escalation_policies",
            "schedules", "services", "priorities", "maintenance_windows", "tags", "incidents");

    private final Families f;

    /** A seeder for these families. */
    public Seeder(Families f) {
        this.f = f;
    }

    /**
     * The standard seed: abilities ({@code teams}, {@code read_only_users}, {@code service_support_hours},
     * {@code urgencies} enabled; {@code coordinated_responding} known but missing), priorities P1..P5,
     * users Pat Oncall (admin, {@value #STANDARD_USER_EMAIL}) and Sam Responder (user,
     * {@code sam.responder@example.com}), team Platform (Pat manager, Sam responder), schedule
     * Platform Primary (Pat and Sam, weekly turns), escalation policy Platform Escalation (level 1:
     * Pat; level 2: the schedule) and service Checkout API with an Events API v2 integration whose
     * key is {@code routingKey}.
     */
    public void standard(String routingKey) {
        for (String a : List.of("teams", "read_only_users", "service_support_hours", "urgencies")) {
            f.abilities().set(a, true);
        }
        f.abilities().set("coordinated_responding", false);
        String[] descriptions = {"Critical", "High", "Medium", "Low", "Informational"};
        for (int i = 0; i < descriptions.length; i++) {
            f.priorities().create(Json.obj("name", "P" + (i + 1), "description", descriptions[i]));
        }
        Map<String, Object> pat = f.users().create(Json.obj("name", "Pat Oncall", "email", STANDARD_USER_EMAIL,
                "role", "admin", "job_title", "SRE"));
        Map<String, Object> sam = f.users().create(Json.obj("name", "Sam Responder",
                "email", "sam.responder@example.com", "role", "user"));
        Map<String, Object> team = f.teams().create(Json.obj("name", "Platform", "description", "The platform team"));
        f.teams().addMember(team, pat, "manager");
        f.teams().addMember(team, sam, "responder");
        Map<String, Object> schedule = f.schedules().create(Json.obj("name", "Platform Primary", "time_zone", "Etc/UTC",
                "teams", List.of(Json.obj("id", team.get("id"), "type", "team_reference")),
                "schedule_layers", List.of(Json.obj("name", "Weekly", "start", "2024-01-01T00:00:00Z",
                        "rotation_virtual_start", "2024-01-01T00:00:00Z", "rotation_turn_length_seconds", 604800,
                        "users", List.of(Json.obj("user", Json.obj("id", pat.get("id"), "type", "user_reference")),
                                Json.obj("user", Json.obj("id", sam.get("id"), "type", "user_reference")))))));
        Map<String, Object> ep = f.escalationPolicies().create(Json.obj("name", "Platform Escalation",
                "teams", List.of(Json.obj("id", team.get("id"), "type", "team_reference")),
                "escalation_rules", List.of(
                        Json.obj("escalation_delay_in_minutes", 30,
                                "targets", List.of(Json.obj("id", pat.get("id"), "type", "user_reference"))),
                        Json.obj("escalation_delay_in_minutes", 30,
                                "targets", List.of(Json.obj("id", schedule.get("id"), "type", "schedule_reference"))))));
        f.services().create(Json.obj("name", "Checkout API", "description", "Takes the money",
                "escalation_policy", Json.obj("id", ep.get("id"), "type", "escalation_policy_reference"),
                "teams", List.of(Json.obj("id", team.get("id"), "type", "team_reference")),
                "integrations", List.of(Json.obj("type", Services.EVENTS_V2, "name", "Events API V2",
                        "integration_key", routingKey))), false);
    }

    /** Creates a user ({@code name}, {@code email} required). */
    public Map<String, Object> user(Map<String, Object> fields) {
        return f.users().create(fields);
    }

    /** Creates a team; {@code members} ({@code [{user:{id}, role}]}) may be given. */
    public Map<String, Object> team(Map<String, Object> fields) {
        Map<String, Object> team = f.teams().create(fields);
        for (Object m : Json.list(fields.get("members"))) {
            Map<String, Object> member = Json.map(m);
            Map<String, Object> user = Support.resolve(f.store(), Users.USERS, member == null ? null : member.get("user"), "User");
            f.teams().addMember(team, user, member.get("role") == null ? "manager" : String.valueOf(member.get("role")));
        }
        return team;
    }

    /** Creates an escalation policy. */
    public Map<String, Object> escalationPolicy(Map<String, Object> fields) {
        return f.escalationPolicies().create(fields);
    }

    /** Creates a schedule. */
    public Map<String, Object> schedule(Map<String, Object> fields) {
        return f.schedules().create(fields);
    }

    /**
     * Creates a service. Without {@code integrations} it gets an Events API v2 integration; with
     * them, exactly those ({@code {type, name?, integration_key?}}).
     */
    public Map<String, Object> service(Map<String, Object> fields) {
        return f.services().create(fields, !fields.containsKey("integrations"));
    }

    /** Creates a priority. */
    public Map<String, Object> priority(Map<String, Object> fields) {
        return f.priorities().create(fields);
    }

    /** Creates a tag. */
    public Map<String, Object> tag(Map<String, Object> fields) {
        return f.tags().create(fields);
    }

    /** Creates a maintenance window. */
    public Map<String, Object> maintenanceWindow(Map<String, Object> fields) {
        return f.maintenanceWindows().create(fields, null);
    }

    /**
     * Opens an incident: {@code title} and {@code service} are required; {@code status},
     * {@code urgency} and {@code incident_key} are optional.
     */
    public Map<String, Object> incident(Map<String, Object> fields) {
        String title = Support.required(fields, "title", "Title");
        Map<String, Object> service = Support.resolve(f.store(), Services.SERVICES, fields.get("service"), "Service");
        Incidents incidents = f.incidents();
        String urgency = fields.get("urgency") == null ? incidents.urgencyFor(service, null) : String.valueOf(fields.get("urgency"));
        Map<String, Object> agent = Support.ref(service);
        Map<String, Object> incident = incidents.open(service, title, Json.str(fields, "incident_key"), urgency,
                null, agent, null, null, null);
        String status = Json.str(fields, "status");
        if ("acknowledged".equals(status)) {
            incidents.acknowledge(incident, agent, "api");
        } else if ("resolved".equals(status)) {
            incidents.resolve(incident, agent, "api", null, null);
        } else if (status != null && !"triggered".equals(status)) {
            throw ApiError.invalid("status must be triggered, acknowledged or resolved");
        }
        return incident;
    }

    /** Makes an ability known, enabled or not. */
    public void ability(String name, boolean enabled) {
        f.abilities().set(name, enabled);
    }

    /**
     * Stores a resource of any other collection as it is, for the generic engine to serve.
     *
     * @param collection a collection path such as {@code /business_services} or
     *     {@code /users/PABC123/notification_rules}; a bare name gets a leading slash
     */
    public Map<String, Object> resource(String collection, Map<String, Object> fields) {
        String path = collection.startsWith("/") ? collection : "/" + collection;
        List<String> segs = PathPatterns.split(path);
        if (segs.isEmpty()) {
            throw new IllegalArgumentException("not a collection path: " + collection);
        }
        String type = Json.str(fields, "type");
        return f.store().insert(path, type != null ? type : singular(segs.get(segs.size() - 1)), fields);
    }

    /** pdpyras' singular rule: {@code ies} → {@code y}, else drop a trailing {@code s}. */
    static String singular(String plural) {
        if (plural.endsWith("ies")) {
            return plural.substring(0, plural.length() - 3) + "y";
        }
        return plural.endsWith("s") ? plural.substring(0, plural.length() - 1) : plural;
    }

    /**
     * Seeds a fixture: an object whose members are wrapped collections, e.g.
     * {@code {"users":[...], "services":[...]}}. Known families go first, in dependency order
     * (abilities, users, teams, escalation policies, schedules, services, priorities, maintenance
     * windows, tags, incidents); any other member is a generic collection named by its key (a bare
     * name such as {@code business_services} or a path such as {@code /users/PABC123/notification_rules}).
     * {@code abilities} is an array of names (enabled) or an object of name to boolean.
     *
     * @throws ApiError or {@link IllegalArgumentException} when the fixture is invalid
     */
    public void fixture(Object json) {
        Map<String, Object> root = Json.map(json);
        if (root == null) {
            throw new IllegalArgumentException("a fixture must be a JSON object of collections");
        }
        Map<String, Object> rest = new LinkedHashMap<>(root);
        for (String key : ORDER) {
            if (rest.containsKey(key)) {
                seedCollection(key, rest.remove(key));
            }
        }
        for (Map.Entry<String, Object> e : rest.entrySet()) {
            seedCollection(e.getKey(), e.getValue());
        }
    }

    private void seedCollection(String key, Object value) {
        if (key.equals("abilities")) {
            if (Json.map(value) != null) {
                Json.map(value).forEach((name, on) -> ability(name, Boolean.TRUE.equals(on)));
            } else {
                Json.list(value).forEach(name -> ability(String.valueOf(name), true));
            }
            return;
        }
        if (!(value instanceof List<?> items)) {
            throw new IllegalArgumentException("fixture member '" + key + "' must be an array of objects");
        }
        for (Object item : new ArrayList<>(items)) {
            Map<String, Object> fields = Json.map(item);
            if (fields == null) {
                throw new IllegalArgumentException("fixture member '" + key + "' must hold objects only");
            }
            switch (key) {
                case "users" -> user(fields);
                case "teams" -> team(fields);
                case "escalation_policies" -> escalationPolicy(fields);
                case "schedules" -> schedule(fields);
                case "services" -> service(fields);
                case "priorities" -> priority(fields);
                case "maintenance_windows" -> maintenanceWindow(fields);
                case "tags" -> tag(fields);
                case "incidents" -> incident(fields);
                default -> resource(key, fields);
            }
        }
    }
}
