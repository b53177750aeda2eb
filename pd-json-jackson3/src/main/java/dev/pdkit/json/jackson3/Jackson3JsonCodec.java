package dev.pdkit.json.jackson3;

import dev.pdkit.spi.JsonCodec;
import dev.pdkit.spi.JsonCodecException;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A {@link JsonCodec} on Jackson databind 3.x ({@code tools.jackson}), for hosts on Jackson 3 such
 * as Spring Boot 4. It behaves as pdkit's Jackson 2 codec does, so a client gives the same results
 * on either.
 *
 * <p>{@link #read} builds plain trees straight from Jackson's streaming parser:
 * {@link LinkedHashMap} (document order), {@link ArrayList}, {@link String}, {@link Boolean},
 * {@code null}, and exact numbers: integers as {@link Integer}, {@link Long} or
 * {@link java.math.BigInteger}, the smallest that fits; decimals as {@link Double} when the double
 * equals the literal's value, else {@link BigDecimal}. The input must be exactly one JSON value,
 * nested at most 1000 deep. Reading never uses the mapper, so a host's mapper settings cannot change
 * what a tree looks like.
 *
 * <p>{@link #write} and {@link #convert} use the mapper. The default one ({@link #create()}, also
 * what the {@link java.util.ServiceLoader} provider returns) binds records and beans to PagerDuty's
 * snake_case JSON: a component {@code incidentKey} is read from and written as
 * {@code incident_key}, so {@code record Incident(String id, String incidentKey, OffsetDateTime
 * createdAt)} binds a PagerDuty incident without annotations. Map keys are kept as they are and an
 * explicit {@code @JsonProperty} (Jackson 3 keeps the {@code com.fasterxml.jackson.annotation}
 * package) wins. {@code java.time} values, built into Jackson 3, are written as ISO-8601 strings
 * and a bound date-time keeps its offset; properties are written in declaration order, as Jackson 2
 * does (Jackson 3 would sort them). A codec on a host's {@link JsonMapper}
 * ({@link #create(JsonMapper)}) uses that mapper's naming strategy and settings. {@link #convert}
 * always ignores unknown properties, with any mapper, so a field PagerDuty adds tomorrow never
 * breaks a caller's class.
 *
 * <p><b>Module path:</b> Jackson binds by reflection, so an application that binds its own records
 * on the module path must open their packages to Jackson, e.g.
 * {@code opens com.example.model to tools.jackson.databind;}.
 *
 * <p>Instances are immutable and thread-safe: Jackson 3 mappers are immutable.
 *
 * @since 0.1
 */
public final class Jackson3JsonCodec implements JsonCodec {

    /** Why explicit: reading recurses once per level, and this bound keeps hostile input from overflowing the stack. */
    private static final int MAX_NESTING_DEPTH = 1000;

    private static final int MAX_PATH_LENGTH = 200;

    /** Jackson's "[Source: REDACTED (… disabled); line: 1, …]" inside a reason: noise that suggests a secret was hidden. */
    private static final Pattern SOURCE_NOTE = Pattern.compile("\\[Source: REDACTED \\([^)]*\\); ");

    private final JsonMapper treeReader;
    private final JsonMapper mapper;
    /** The mapper with unknown properties ignored, for {@link #convert}. */
    private final JsonMapper binder;

    private Jackson3JsonCodec(JsonMapper mapper) {
        this.treeReader = JsonMapper.builder(JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
                .build()).build();
        this.mapper = mapper;
        this.binder = mapper.rebuild()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.UNWRAP_ROOT_VALUE)
                .build();
    }

    /**
     * Returns a codec with pdkit's default mapper: properties of records and beans named in
     * snake_case on the wire ({@code parentTeamId} is {@code parent_team_id}; map keys and explicit
     * {@code @JsonProperty} names are kept as they are), properties in declaration order, dates and
     * durations written as ISO-8601 strings, offsets of bound date-times kept, characters outside
     * the BMP written as UTF-8 rather than escaped, unknown properties ignored.
     *
     * @return a new codec
     */
    public static Jackson3JsonCodec create() {
        return new Jackson3JsonCodec(JsonMapper.builder()
                // PagerDuty's JSON is snake_case throughout; Java's names are camelCase.
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DateTimeFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .disable(DateTimeFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build());
    }

    /**
     * Returns a codec that writes and binds with the host's {@code mapper} as configured (naming
     * strategy, date handling, modules), except that binding always ignores unknown properties.
     * pdkit's snake_case default does not apply here: a mapper without a naming strategy binds
     * {@code incidentKey} to {@code "incidentKey"}, so set {@code PropertyNamingStrategies.SNAKE_CASE}
     * (or annotate the types) to bind PagerDuty's JSON by Java names.
     *
     * @param mapper the application's mapper, used as it is (Jackson 3 mappers are immutable)
     * @return a new codec
     * @throws NullPointerException if {@code mapper} is null
     */
    public static Jackson3JsonCodec create(JsonMapper mapper) {
        return new Jackson3JsonCodec(Objects.requireNonNull(mapper, "mapper"));
    }

    /**
     * Returns {@code jackson3}.
     *
     * @return the codec's name
     */
    @Override
    public String name() {
        return "jackson3";
    }

    /**
     * Encodes a plain tree, a record, a bean or anything else the mapper can serialize as UTF-8 JSON.
     *
     * @param value what to encode
     * @return the UTF-8 JSON
     * @throws JsonCodecException if the mapper cannot serialize the value
     */
    @Override
    public byte[] write(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JacksonException | IllegalArgumentException e) {
            throw new JsonCodecException("cannot write " + (value == null ? "null" : value.getClass().getName())
                    + " as JSON: " + reason(e), e);
        }
    }

    /**
     * Decodes exactly one UTF-8 JSON value into a plain tree.
     *
     * @param json the UTF-8 bytes
     * @return the tree
     * @throws JsonCodecException if the input is empty, malformed, nested deeper than 1000 levels or
     *     followed by more content; the message gives line, column and byte offset, never the input
     */
    @Override
    public Object read(byte[] json) {
        Objects.requireNonNull(json, "json");
        try (JsonParser p = treeReader.createParser(json)) {
            try {
                JsonToken first = p.nextToken();
                if (first == null) {
                    throw new JsonCodecException("no JSON content: the input is empty or only whitespace");
                }
                Object value = readValue(p, first);
                if (p.nextToken() != null) {
                    throw new JsonCodecException("malformed JSON" + where(p.currentTokenLocation())
                            + ": more content after the JSON value");
                }
                return value;
            } catch (JacksonException e) {
                // Not every Jackson error carries a location (constraint violations don't).
                TokenStreamLocation at = e.getLocation() != null ? e.getLocation() : p.currentLocation();
                throw new JsonCodecException("malformed JSON" + where(at) + ": " + reason(e), e);
            }
        } catch (JacksonException e) {
            throw new JsonCodecException("cannot read JSON: " + reason(e), e);
        }
    }

    /**
     * Binds a plain tree to {@code type}, which may be generic (a
     * {@link java.lang.reflect.ParameterizedType} such as {@code List<Incident>}). Unknown
     * properties are ignored. {@code Object.class} returns the tree itself.
     *
     * @param tree a plain tree, as {@link #read} returns
     * @param type the type to bind to
     * @param <T> the bound type
     * @return the bound value
     * @throws JsonCodecException naming the type, if the tree does not fit it
     */
    @Override
    @SuppressWarnings("unchecked")
    public <T> T convert(Object tree, Type type) {
        Objects.requireNonNull(type, "type");
        if (type == Object.class) {
            return (T) tree;
        }
        try {
            return binder.convertValue(tree, binder.getTypeFactory().constructType(type));
        } catch (JacksonException | IllegalArgumentException e) {
            throw new JsonCodecException("cannot convert JSON to " + type.getTypeName() + ": " + reason(e), e);
        }
    }

    @Override
    public String toString() {
        return "Jackson3JsonCodec{" + mapper.version() + "}";
    }

    /** Reads the value whose first token is {@code t}; recursion is bounded by the nesting limit. */
    private static Object readValue(JsonParser p, JsonToken t) {
        if (t == null) {
            throw new JsonCodecException("malformed JSON" + where(p.currentLocation()) + ": unexpected end of input");
        }
        switch (t) {
            case START_OBJECT: {
                Map<String, Object> map = new LinkedHashMap<>();
                for (String name = p.nextName(); name != null; name = p.nextName()) {
                    map.put(name, readValue(p, p.nextToken()));
                }
                return map;
            }
            case START_ARRAY: {
                List<Object> list = new ArrayList<>();
                for (JsonToken next = p.nextToken(); next != JsonToken.END_ARRAY; next = p.nextToken()) {
                    list.add(readValue(p, next));
                }
                return list;
            }
            case VALUE_STRING:
                return p.getString();
            case VALUE_NUMBER_INT:
                // Jackson already picks the smallest of Integer, Long and BigInteger.
                return p.getNumberValue();
            case VALUE_NUMBER_FLOAT:
                return exactDecimal(p.getDecimalValue(), p.getDoubleValue());
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new JsonCodecException("malformed JSON" + where(p.currentTokenLocation()) + ": unexpected token " + t);
        }
    }

    /**
     * Returns the double when it stands for the same value as the literal (as {@code 0.1} does, in
     * the sense of {@link Double#toString}), else the exact {@link BigDecimal}: a double that would
     * round the literal must never reach a caller.
     */
    private static Number exactDecimal(BigDecimal exact, double d) {
        if (Double.isFinite(d) && BigDecimal.valueOf(d).compareTo(exact) == 0) {
            return d;
        }
        return exact;
    }

    private static String where(TokenStreamLocation at) {
        if (at == null || at == TokenStreamLocation.NA) {
            return "";
        }
        String where = " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        return at.getByteOffset() >= 0 ? where + ", byte offset " + at.getByteOffset() : where;
    }

    /** Jackson's short reason, without the location suffix of its {@code getMessage()}: we give our own. */
    private static String reason(Exception e) {
        if (e instanceof JacksonException je) {
            String message = SOURCE_NOTE.matcher(String.valueOf(je.getOriginalMessage())).replaceAll("[");
            return je.getPath().isEmpty() ? message : message + " (at " + path(je.getPath()) + ")";
        }
        return e.getMessage();
    }

    /** A JSONPath-like path such as {@code $.incident.assignments[0]}, cut short so a deep tree can't flood a log. */
    private static String path(List<JacksonException.Reference> references) {
        StringBuilder path = new StringBuilder("$");
        for (JacksonException.Reference r : references) {
            if (r.getPropertyName() != null) {
                path.append('.').append(r.getPropertyName());
            } else {
                path.append('[').append(r.getIndex() >= 0 ? String.valueOf(r.getIndex()) : "?").append(']');
            }
        }
        return path.length() <= MAX_PATH_LENGTH ? path.toString() : path.substring(0, MAX_PATH_LENGTH) + "…";
    }
}
