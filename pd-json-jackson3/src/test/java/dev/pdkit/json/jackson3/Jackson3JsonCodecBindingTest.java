package dev.pdkit.json.jackson3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.pdkit.spi.JsonCodecException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** What pdkit's default Jackson 3 mapper and a host's own mapper make of PagerDuty's snake_case JSON. */
class Jackson3JsonCodecBindingTest {

    /** A caller's record, named the Java way. */
    public record Incident(String id, String incidentKey, OffsetDateTime createdAt, Map<String, Object> service) {
    }

    /** An explicit name wins over the naming strategy. */
    public record Renamed(@JsonProperty("incidentKEY") String incidentKey, Duration timeToAck) {
    }

    private static final String INCIDENT = "{\"id\":\"Q1\",\"incident_key\":\"k-1\",\"created_at\":\"2026-01-02T03:04:05+02:00\","
            + "\"service\":{\"id\":\"PSVC\",\"type\":\"service_reference\"},\"urgency\":\"high\"}";

    private final Jackson3JsonCodec codec = Jackson3JsonCodec.create();

    @Test
    void bindsSnakeCaseToJavaNamesByDefaultAndKeepsTheOffset() {
        Incident i = codec.convert(codec.read(INCIDENT.getBytes(StandardCharsets.UTF_8)), Incident.class);
        assertEquals(new Incident("Q1", "k-1", OffsetDateTime.parse("2026-01-02T03:04:05+02:00"),
                Map.of("id", "PSVC", "type", "service_reference")), i);
        assertEquals("{\"id\":\"Q1\",\"incident_key\":\"k-1\",\"created_at\":\"2026-01-02T03:04:05+02:00\","
                + "\"service\":{\"id\":\"PSVC\",\"type\":\"service_reference\"}}",
                new String(codec.write(i), StandardCharsets.UTF_8), "snake_case, in declaration order, ISO-8601 time");
    }

    @Test
    void anExplicitNameWinsAndDurationsAreIsoText() {
        Renamed r = new Renamed("k", Duration.ofMinutes(5));
        assertEquals("{\"incidentKEY\":\"k\",\"time_to_ack\":\"PT5M\"}", new String(codec.write(r), StandardCharsets.UTF_8));
        assertEquals(r, codec.convert(codec.read(codec.write(r)), Renamed.class));
    }

    @Test
    void aHostMapperKeepsItsOwnNamingAndUnknownPropertiesAreIgnored() {
        Jackson3JsonCodec host = Jackson3JsonCodec.create(JsonMapper.builder().build());
        Incident i = host.convert(Map.of("id", "Q1", "incidentKey", "k", "incident_key", "ignored"), Incident.class);
        assertEquals("k", i.incidentKey(), "Java names, as the host's mapper says");
        assertEquals("jackson3", host.name());
    }

    @Test
    void genericTypesAndErrorsNameTheTarget() {
        List<Incident> list = codec.convert(List.of(Map.of("id", "A"), Map.of("id", "B")),
                new java.lang.reflect.ParameterizedType() {
                    @Override
                    public java.lang.reflect.Type[] getActualTypeArguments() {
                        return new java.lang.reflect.Type[] {Incident.class};
                    }

                    @Override
                    public java.lang.reflect.Type getRawType() {
                        return List.class;
                    }

                    @Override
                    public java.lang.reflect.Type getOwnerType() {
                        return null;
                    }
                });
        assertEquals(List.of("A", "B"), list.stream().map(Incident::id).toList());
        JsonCodecException e = assertThrows(JsonCodecException.class,
                () -> codec.convert(Map.of("created_at", "yesterday"), Incident.class));
        assertTrue(e.getMessage().startsWith("cannot convert JSON to " + Incident.class.getName()), e.getMessage());
        assertTrue(e.getMessage().contains("$.created_at"), e.getMessage());
    }
}
