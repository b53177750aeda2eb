package dev.pdkit.json.jackson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.pdkit.spi.JsonCodec;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * pdkit's own mapper binds Java names to PagerDuty's snake_case JSON; map keys, explicit names and a
 * caller's mapper are left alone.
 */
class JacksonJsonCodecNamingTest {

    private static final String INCIDENT_JSON = "{\"id\":\"P1\",\"type\":\"incident\",\"incident_key\":\"k\","
            + "\"created_at\":\"2026-01-02T03:04:05Z\",\"incident_number\":7,"
            + "\"service\":{\"id\":\"PSVC1\",\"type\":\"service_reference\",\"html_url\":\"https://x.example/s\","
            + "\"camelKey\":1},\"added_by_pagerduty_tomorrow\":{\"x\":[1,2]}}";

    private final JsonCodec codec = JacksonJsonCodec.create();

    private Object read(String json) {
        return codec.read(json.getBytes(StandardCharsets.UTF_8));
    }

    private String write(JsonCodec with, Object value) {
        return new String(with.write(value), StandardCharsets.UTF_8);
    }

    @Test
    void bindsEveryComponentOfARecordFromSnakeCase() {
        Incident incident = codec.convert(read(INCIDENT_JSON), Incident.class);

        assertEquals("P1", incident.id());
        assertEquals("k", incident.incidentKey());
        assertEquals(OffsetDateTime.parse("2026-01-02T03:04:05Z"), incident.createdAt());
        Map<String, Object> service = new LinkedHashMap<>();
        service.put("id", "PSVC1");
        service.put("type", "service_reference");
        service.put("html_url", "https://x.example/s");
        service.put("camelKey", 1);
        assertEquals(service, incident.service(), "the keys of a Map component are bound as they are");
    }

    @Test
    void theProvidersCodecUsesTheSameDefault() {
        JsonCodec provided = new JacksonJsonCodecProvider().create();

        assertEquals("k", provided.<Incident>convert(read(INCIDENT_JSON), Incident.class).incidentKey());
        assertEquals("{\"name\":\"SRE\",\"description\":null,\"parent_team_id\":\"PT0\"}",
                write(provided, new Team("SRE", null, "PT0")));
    }

    @Test
    void writesARecordInSnakeCase() {
        assertEquals("{\"name\":\"SRE\",\"description\":\"On call\",\"parent_team_id\":\"PT0\"}",
                write(codec, new Team("SRE", "On call", "PT0")));
    }

    @Test
    void readsAndWritesABeanInSnakeCase() {
        Object tree = read("{\"id\":\"PUSER1\",\"time_zone\":\"Europe/Berlin\",\"job_title\":\"SRE\",\"role\":\"admin\"}");

        UserBean user = codec.convert(tree, UserBean.class);

        assertEquals("PUSER1", user.getId());
        assertEquals("Europe/Berlin", user.getTimeZone());
        assertEquals("SRE", user.getJobTitle());
        assertEquals("{\"id\":\"PUSER1\",\"time_zone\":\"Europe/Berlin\",\"job_title\":\"SRE\"}", write(codec, user));
    }

    @Test
    void bindsNestedRecordsInListsAndMapsWithoutRenamingMapKeys() {
        Object tree = read("{\"firstTeam\":{\"name\":\"A\",\"parent_team_id\":\"P0\"},"
                + "\"second_team\":{\"name\":\"B\",\"parentTeamId\":\"ignored: not the wire name\"}}");
        Type mapOfTeams = new TypeCapture<Map<String, Team>>() { }.type();
        Type listOfTeams = new TypeCapture<List<Team>>() { }.type();

        Map<String, Team> byKey = codec.convert(tree, mapOfTeams);
        List<Team> list = codec.convert(read("[{\"name\":\"C\",\"parent_team_id\":\"P1\"}]"), listOfTeams);

        Map<String, Team> expected = new LinkedHashMap<>();
        expected.put("firstTeam", new Team("A", null, "P0"));
        expected.put("second_team", new Team("B", null, null));
        assertEquals(expected, byKey);
        assertEquals(List.of(new Team("C", null, "P1")), list);
    }

    @Test
    void writesMapKeysAsTheyAre() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("parentTeamId", "PT0");
        body.put("incident_key", "k");
        body.put("Mixed_Case", Map.of("innerKey", 1));
        body.put("team", new Team("SRE", null, "PT1"));

        assertEquals("{\"parentTeamId\":\"PT0\",\"incident_key\":\"k\",\"Mixed_Case\":{\"innerKey\":1},"
                + "\"team\":{\"name\":\"SRE\",\"description\":null,\"parent_team_id\":\"PT1\"}}", write(codec, body));
    }

    @Test
    void anExplicitJsonPropertyWins() {
        Object tree = read("{\"incidentNumber\":7,\"incident_number\":8,\"x\":\"explicit\",\"display_name\":\"n\"}");

        Explicit bound = codec.convert(tree, Explicit.class);

        assertEquals(new Explicit(7L, "explicit", "n"), bound);
        assertEquals("{\"incidentNumber\":7,\"x\":\"explicit\",\"display_name\":\"n\"}", write(codec, bound));
    }

    static Stream<Arguments> javaTimeValues() {
        return Stream.of(
                Arguments.of("offset date-time keeps its offset", "created_at", "2026-01-02T03:04:05+02:00",
                        OffsetDateTime.parse("2026-01-02T03:04:05+02:00")),
                Arguments.of("offset date-time in UTC", "created_at", "2026-01-02T03:04:05Z",
                        OffsetDateTime.parse("2026-01-02T03:04:05Z")),
                Arguments.of("instant", "resolved_at", "2026-01-02T03:04:05Z", Instant.parse("2026-01-02T03:04:05Z")),
                Arguments.of("local date", "start_date", "2026-01-02", LocalDate.parse("2026-01-02")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("javaTimeValues")
    void javaTimeComponentsBindAndAreWrittenAsIso8601(String name, String member, String iso, Object expected) {
        Times bound = codec.convert(read("{\"" + member + "\":\"" + iso + "\"}"), Times.class);

        Object actual = switch (member) {
            case "created_at" -> bound.createdAt();
            case "resolved_at" -> bound.resolvedAt();
            default -> bound.startDate();
        };
        assertEquals(expected, actual);
        Map<?, ?> written = assertInstanceOf(Map.class, codec.read(codec.write(bound)));
        assertEquals(iso, written.get(member));
    }

    @Test
    void aCallersMapperWithoutAStrategyKeepsJavaNames() {
        ObjectMapper mapper = JsonMapper.builder().addModule(new JavaTimeModule()).build();
        JsonCodec custom = JacksonJsonCodec.create(mapper);

        assertEquals("{\"name\":\"SRE\",\"description\":null,\"parentTeamId\":\"PT0\"}",
                write(custom, new Team("SRE", null, "PT0")));
        Incident fromSnake = custom.convert(read(INCIDENT_JSON), Incident.class);
        assertEquals("P1", fromSnake.id());
        assertNull(fromSnake.incidentKey(), "the host's mapper has no snake_case: incident_key is an unknown member");
        Incident fromCamel = custom.convert(read("{\"id\":\"P2\",\"incidentKey\":\"k2\"}"), Incident.class);
        assertEquals("k2", fromCamel.incidentKey());

        assertNull(mapper.getPropertyNamingStrategy(), "the caller's mapper was changed");
        assertThrows(UnrecognizedPropertyException.class, () -> mapper.readValue("{\"incident_key\":\"k\"}", Incident.class),
                "the caller's mapper still fails on unknown properties, as configured");
    }

    @Test
    void aCallersStrategyIsKept() {
        ObjectMapper mapper = JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        JsonCodec custom = JacksonJsonCodec.create(mapper);

        assertEquals("{\"name\":\"SRE\",\"description\":null,\"parent-team-id\":\"PT0\"}",
                write(custom, new Team("SRE", null, "PT0")));
        assertEquals(new Team("A", null, "P0"),
                custom.convert(read("{\"name\":\"A\",\"parent-team-id\":\"P0\",\"parent_team_id\":\"no\"}"), Team.class));
        assertEquals(PropertyNamingStrategies.KEBAB_CASE, mapper.getPropertyNamingStrategy());
    }

    /** Captures a generic type with the JDK alone. */
    abstract static class TypeCapture<T> {
        Type type() {
            return ((ParameterizedType) getClass().getGenericSuperclass()).getActualTypeArguments()[0];
        }
    }

    record Incident(String id, String incidentKey, OffsetDateTime createdAt, Map<String, Object> service) {
    }

    record Team(String name, String description, String parentTeamId) {
    }

    record Times(OffsetDateTime createdAt, Instant resolvedAt, LocalDate startDate) {
    }

    record Explicit(@JsonProperty("incidentNumber") long incidentNumber, @JsonProperty("x") String renamed,
            String displayName) {
    }

    static final class UserBean {
        private String id;
        private String timeZone;
        private String jobTitle;

        public String getId() {
            return id;
        }

        public void setId(String id) {
            this.id = id;
        }

        public String getTimeZone() {
            return timeZone;
        }

        public void setTimeZone(String timeZone) {
            this.timeZone = timeZone;
        }

        public String getJobTitle() {
            return jobTitle;
        }

        public void setJobTitle(String jobTitle) {
            this.jobTitle = jobTitle;
        }
    }
}
