package dev.pdkit.json.jackson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.pdkit.spi.JsonCodec;
import dev.pdkit.spi.JsonCodecException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JacksonJsonCodecBindingTest {

    private final JsonCodec codec = JacksonJsonCodec.create();

    private Object read(String json) {
        return codec.read(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void bindsARecordIgnoringUnknownFields() {
        Object tree = read("{\"id\":\"PABC123\",\"status\":\"triggered\",\"incident_number\":9007199254740993,"
                + "\"created_at\":\"2026-01-02T03:04:05Z\",\"added_by_pagerduty_tomorrow\":{\"x\":[1,2]}}");

        Incident incident = codec.convert(tree, Incident.class);

        assertEquals(new Incident("PABC123", "triggered", 9007199254740993L, Instant.parse("2026-01-02T03:04:05Z")), incident);
    }

    @Test
    void bindsABeanIgnoringUnknownFields() {
        Object tree = read("{\"id\":\"PSVC1\",\"name\":\"Web\",\"escalation_policy\":{\"id\":\"PEP1\"},\"teams\":[]}");

        Service service = codec.convert(tree, Service.class);

        assertEquals("PSVC1", service.getId());
        assertEquals("Web", service.getName());
    }

    @Test
    void bindsAListOfRecordsThroughAParameterizedType() {
        Type listOfRefs = new TypeCapture<List<Ref>>() { }.type();
        assertInstanceOf(ParameterizedType.class, listOfRefs);
        Object tree = read("[{\"id\":\"P1\",\"type\":\"user_reference\",\"summary\":\"Ada\"},{\"id\":\"P2\",\"type\":\"user_reference\"}]");

        List<Ref> refs = codec.convert(tree, listOfRefs);

        assertEquals(List.of(new Ref("P1", "user_reference"), new Ref("P2", "user_reference")), refs);
    }

    @Test
    void bindsGenericMaps() {
        Type mapOfLongs = new TypeCapture<Map<String, Long>>() { }.type();

        Map<String, Long> counts = codec.convert(read("{\"a\":1,\"b\":9007199254740993}"), mapOfLongs);

        assertEquals(Map.of("a", 1L, "b", 9007199254740993L), counts);
    }

    @Test
    void keepsExactDecimalsAndOffsetsWhenBinding() {
        Object tree = read("{\"amount\":1.00000000000000000001,\"at\":\"2026-01-02T03:04:05+02:00\"}");

        Charge charge = codec.convert(tree, Charge.class);

        assertEquals(new BigDecimal("1.00000000000000000001"), charge.amount());
        assertEquals(OffsetDateTime.parse("2026-01-02T03:04:05+02:00"), charge.at());
    }

    @Test
    void objectClassReturnsTheTreeItself() {
        Object tree = read("{\"a\":[1,2]}");

        assertSame(tree, codec.convert(tree, Object.class));
        assertNull(codec.convert(null, Object.class));
    }

    @Test
    void nullBindsToNull() {
        assertNull(codec.convert(null, Incident.class));
    }

    @Test
    void typedValuesRoundTripThroughTheWire() {
        Incident incident = new Incident("P1", "resolved", 42L, Instant.parse("2026-01-02T03:04:05Z"));

        assertEquals(incident, codec.convert(codec.read(codec.write(incident)), Incident.class));
    }

    @Test
    void bindingFailuresNameTheTargetType() {
        JsonCodecException e = assertThrows(JsonCodecException.class,
                () -> codec.convert(read("{\"id\":\"P1\",\"incident_number\":\"not a number\"}"), Incident.class));

        assertTrue(e.getMessage().startsWith("cannot convert JSON to " + Incident.class.getTypeName() + ": "), e.getMessage());
        assertTrue(e.getMessage().endsWith("(at $.incident_number)"), e.getMessage());

        Type listOfRefs = new TypeCapture<List<Ref>>() { }.type();
        JsonCodecException list = assertThrows(JsonCodecException.class, () -> codec.convert(read("{\"id\":1}"), listOfRefs));
        assertTrue(list.getMessage().contains("java.util.List<" + Ref.class.getTypeName() + ">"), list.getMessage());
    }

    @Test
    void usesTheCallersMapperWithoutChangingIt() throws Exception {
        ObjectMapper mapper = JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE)
                .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .build();
        JsonCodec custom = JacksonJsonCodec.create(mapper);

        String written = new String(custom.write(new Ref("P1", "user_reference")), StandardCharsets.UTF_8);
        assertEquals("{\"Id\":\"P1\",\"Type\":\"user_reference\"}", written);

        Object tree = custom.read("{\"Id\":\"P2\",\"Type\":\"team_reference\",\"Unknown\":true}".getBytes(StandardCharsets.UTF_8));
        assertEquals(new Ref("P2", "team_reference"), custom.convert(tree, Ref.class));

        assertTrue(mapper.isEnabled(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES), "the caller's mapper was changed");
        assertThrows(UnrecognizedPropertyException.class,
                () -> mapper.readValue("{\"Id\":\"P2\",\"Type\":\"t\",\"Unknown\":true}", Ref.class));
    }

    @Test
    void readingIgnoresTheCallersMapperSettings() {
        ObjectMapper mapper = JsonMapper.builder()
                .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .build();
        JsonCodec custom = JacksonJsonCodec.create(mapper);

        assertEquals(Double.valueOf(0.1), custom.read("0.1".getBytes(StandardCharsets.UTF_8)));
        assertThrows(JsonCodecException.class, () -> custom.read("// comment\n1".getBytes(StandardCharsets.UTF_8)));
        assertFalse(custom.read("{}".getBytes(StandardCharsets.UTF_8)) instanceof com.fasterxml.jackson.databind.JsonNode);
    }

    @Test
    void refusesAMapperThatDoesNotWriteJson() {
        ObjectMapper notJson = new ObjectMapper(new JsonFactory() {
            private static final long serialVersionUID = 1L;

            @Override
            public String getFormatName() {
                return "YAML";
            }
        });

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JacksonJsonCodec.create(notJson));
        assertTrue(e.getMessage().contains("YAML"), e.getMessage());
    }

    /** Captures a generic type with the JDK alone, as a caller that doesn't use Jackson would. */
    abstract static class TypeCapture<T> {
        Type type() {
            return ((ParameterizedType) getClass().getGenericSuperclass()).getActualTypeArguments()[0];
        }
    }

    record Ref(String id, String type) {
    }

    record Charge(BigDecimal amount, OffsetDateTime at) {
    }

    record Incident(String id, String status,
            @com.fasterxml.jackson.annotation.JsonProperty("incident_number") long incidentNumber,
            @com.fasterxml.jackson.annotation.JsonProperty("created_at") Instant createdAt) {
    }

    static final class Service {
        private String id;
        private String name;

        public String getId() {
            return id;
        }

        public void setId(String id) {
            this.id = id;
        }

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }
    }
}
