package dev.pdkit.json.jackson;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.pdkit.spi.JsonCodec;
import dev.pdkit.spi.JsonCodecException;
import java.io.IOException;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A {@link JsonCodec} on Jackson databind 2.x.
 *
 * <p>{@link #read} builds plain trees straight from Jackson's streaming parser:
 * {@link LinkedHashMap} (document order), {@link ArrayList}, {@link String}, {@link Boolean},
 * {@code null}, and exact numbers: integers as {@link Integer}, {@link Long} or
 * {@link java.math.BigInteger}, the smallest that fits; decimals as {@link Double} when the double
 * equals the literal's value, else {@link BigDecimal}. The input must be exactly one JSON value,
 * nested at most 1000 deep. Reading never uses the {@code ObjectMapper}, so a caller's mapper
 * settings (comments, lenient numbers, …) cannot change what a tree looks like.
 *
 * <p>{@link #write} and {@link #convert} use the {@code ObjectMapper}. The default one
 * ({@link #create()}, which is also what the {@link java.util.ServiceLoader} provider returns) binds
 * records and beans to PagerDuty's snake_case JSON: a record component or bean property
 * {@code incidentKey} is read from and written as {@code incident_key}, so
 * {@code record Incident(String id, String incidentKey, OffsetDateTime createdAt)} binds a PagerDuty
 * incident without annotations. Only property names of records and beans are translated: the keys
 * of a {@code Map} are written and bound exactly as they are, and an explicit
 * {@code @JsonProperty("name")} (or a class's own {@code @JsonNaming}) wins over the default. It also
 * registers {@link JavaTimeModule} and writes {@code java.time} values as ISO-8601 strings (an
 * {@code OffsetDateTime} keeps its offset, also when bound). A codec on a caller's mapper
 * ({@link #create(ObjectMapper)}) uses that mapper's naming strategy, whatever it is (Jackson's own
 * default keeps Java names). {@link #convert} always ignores unknown properties, with any mapper, so
 * a field PagerDuty adds tomorrow never breaks a caller's class.
 *
 * <p><b>Module path:</b> Jackson binds by reflection, so an application that binds its own records
 * or classes on the module path must open their packages to Jackson, e.g.
 * {@code opens com.example.model to com.fasterxml.jackson.databind;} in its {@code module-info}.
 *
 * <p>Instances are immutable and thread-safe, as long as a caller's mapper is not reconfigured
 * after it was passed in.
 */
public final class JacksonJsonCodec implements JsonCodec {

    /**
     * Why explicit: {@code readValue} recurses once per level, and this bound (Jackson's default)
     * is what keeps hostile input from overflowing the stack.
     */
    private static final int MAX_NESTING_DEPTH = 1000;

    private static final int MAX_PATH_LENGTH = 200;

    /** Jackson's "[Source: REDACTED (… disabled); line: 1, …]" inside a reason: noise that suggests a secret was hidden. */
    private static final Pattern SOURCE_NOTE = Pattern.compile("\\[Source: REDACTED \\([^)]*\\); ");

    private final JsonFactory treeFactory;
    private final ObjectMapper mapper;

    private JacksonJsonCodec(ObjectMapper mapper) {
        this.treeFactory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
                .build();
        this.mapper = mapper;
    }

    /**
     * Returns a codec with pdkit's default mapper: properties of records and beans named in
     * snake_case on the wire ({@code parentTeamId} is {@code parent_team_id}; map keys and explicit
     * {@code @JsonProperty} names are kept as they are), {@link JavaTimeModule} registered, dates and
     * durations written as ISO-8601 strings, offsets of bound date-times kept, characters outside
     * the BMP written as UTF-8 rather than escaped, unknown properties ignored.
     *
     * @return a new codec
     */
    public static JacksonJsonCodec create() {
        return new JacksonJsonCodec(JsonMapper.builder()
                // PagerDuty's JSON is snake_case throughout; Java's names are camelCase.
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                // Else Jackson 2 writes an emoji as two escaped surrogates: valid JSON, but not plain UTF-8.
                .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build());
    }

    /**
     * Returns a codec that writes and binds with {@code mapper} as configured (modules, naming
     * strategy, date format), except that binding always ignores unknown properties. The mapper is
     * never modified; configure it fully before passing it in. pdkit's snake_case default does not
     * apply here: a mapper without a naming strategy binds {@code incidentKey} to
     * {@code "incidentKey"}, so set {@code PropertyNamingStrategies.SNAKE_CASE} (or annotate the
     * types) to bind PagerDuty's JSON by Java names.
     *
     * @param mapper the application's mapper, used as it is
     * @return a new codec
     * @throws IllegalArgumentException if the mapper does not produce JSON (e.g. a YAML or XML mapper)
     */
    public static JacksonJsonCodec create(ObjectMapper mapper) {
        Objects.requireNonNull(mapper, "mapper");
        String format = mapper.getFactory().getFormatName();
        if (!JsonFactory.FORMAT_NAME_JSON.equals(format)) {
            throw new IllegalArgumentException("the ObjectMapper must produce JSON, not " + format);
        }
        return new JacksonJsonCodec(mapper);
    }

    /** Returns {@code jackson}. */
    @Override
    public String name() {
        return "jackson";
    }

    /**
     * Encodes a plain tree, a record, a bean or anything else the mapper can serialize as UTF-8 JSON.
     *
     * @throws JsonCodecException if the mapper cannot serialize the value
     */
    @Override
    public byte[] write(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new JsonCodecException("cannot write " + (value == null ? "null" : value.getClass().getName())
                    + " as JSON: " + reason(e), e);
        }
    }

    /**
     * Decodes exactly one UTF-8 JSON value into a plain tree.
     *
     * @throws JsonCodecException if the input is empty, malformed, nested deeper than 1000 levels or
     *     followed by more content; the message gives line, column and byte offset, never the input
     */
    @Override
    public Object read(byte[] json) {
        Objects.requireNonNull(json, "json");
        try (JsonParser p = treeFactory.createParser(json)) {
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
            } catch (JsonProcessingException e) {
                // Not every Jackson error carries a location (constraint violations don't).
                JsonLocation at = e.getLocation() != null ? e.getLocation() : p.currentLocation();
                throw new JsonCodecException("malformed JSON" + where(at) + ": " + reason(e), e);
            }
        } catch (IOException e) {
            throw new JsonCodecException("cannot read JSON: " + e.getMessage(), e);
        }
    }

    /**
     * Binds a plain tree to {@code type}, which may be generic (a {@link java.lang.reflect.ParameterizedType}
     * such as {@code List<Incident>}). Unknown properties are ignored. {@code Object.class} returns
     * the tree itself. Trees from {@link #read} are at most 1000 levels deep; binding a deeper tree
     * built by hand is not guarded and can overflow the stack.
     *
     * @throws JsonCodecException naming the type, if the tree does not fit it
     */
    @Override
    @SuppressWarnings("unchecked")
    public <T> T convert(Object tree, Type type) {
        Objects.requireNonNull(type, "type");
        if (type == Object.class) {
            return (T) tree;
        }
        try (TokenBuffer tokens = new TokenBuffer(mapper, false)) {
            JavaType target = mapper.getTypeFactory().constructType(type);
            // A reader per call: the caller's mapper stays untouched, yet its current settings apply.
            mapper.writer().without(SerializationFeature.WRAP_ROOT_VALUE).writeValue(tokens, tree);
            try (JsonParser p = tokens.asParser()) {
                return mapper.readerFor(target)
                        .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.UNWRAP_ROOT_VALUE)
                        .readValue(p);
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new JsonCodecException("cannot convert JSON to " + type.getTypeName() + ": " + reason(e), e);
        }
    }

    /** Reads the value whose first token is {@code t}; recursion is bounded by the nesting limit. */
    private static Object readValue(JsonParser p, JsonToken t) throws IOException {
        if (t == null) {
            // Jackson reports end-of-input inside a container itself; this is a safety net.
            throw new JsonCodecException("malformed JSON" + where(p.currentLocation()) + ": unexpected end of input");
        }
        switch (t) {
            case START_OBJECT: {
                Map<String, Object> map = new LinkedHashMap<>();
                for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
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
                return p.getText();
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
                throw new JsonCodecException("malformed JSON" + where(p.currentTokenLocation())
                        + ": unexpected token " + t);
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

    private static String where(JsonLocation at) {
        if (at == null || at == JsonLocation.NA) {
            return "";
        }
        String where = " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        return at.getByteOffset() >= 0 ? where + ", byte offset " + at.getByteOffset() : where;
    }

    /** Jackson's short reason, without the location suffix of its {@code getMessage()}: we give our own. */
    private static String reason(Exception e) {
        if (e instanceof JsonMappingException jme && !jme.getPath().isEmpty()) {
            return jme.getOriginalMessage() + " (at " + path(jme.getPath()) + ")";
        }
        if (e instanceof JsonProcessingException jpe) {
            return SOURCE_NOTE.matcher(jpe.getOriginalMessage()).replaceAll("[");
        }
        return e.getMessage();
    }

    /** A JSONPath-like path such as {@code $.incident.assignments[0]}, cut short so a deep tree can't flood a log. */
    private static String path(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder("$");
        for (JsonMappingException.Reference r : references) {
            if (r.getFieldName() != null) {
                path.append('.').append(r.getFieldName());
            } else {
                path.append('[').append(r.getIndex() >= 0 ? String.valueOf(r.getIndex()) : "?").append(']');
            }
        }
        return path.length() <= MAX_PATH_LENGTH ? path.toString() : path.substring(0, MAX_PATH_LENGTH) + "…";
    }
}
