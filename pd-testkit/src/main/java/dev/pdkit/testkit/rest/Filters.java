package dev.pdkit.testkit.rest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The list filters many endpoints share: {@code query} (a case-insensitive substring of the name,
 * or of the email for users: the real matching rule is undocumented), set filters such as
 * {@code statuses[]} and {@code service_ids[]} (values ORed, filters ANDed), and
 * {@code since}/{@code until} windows on a timestamp field.
 */
public final class Filters {

    private Filters() {
    }

    /** Keeps the items whose {@code fields} contain the {@code query} parameter, ignoring case. */
    public static List<Map<String, Object>> query(Call call, List<Map<String, Object>> items, String... fields) {
        String q = call.param("query");
        if (Json.blank(q)) {
            return items;
        }
        String needle = q.toLowerCase(Locale.ROOT);
        return keep(items, item -> {
            for (String f : fields) {
                String v = Json.str(item, f);
                if (v != null && v.toLowerCase(Locale.ROOT).contains(needle)) {
                    return true;
                }
            }
            return false;
        });
    }

    /**
     * Keeps the items for which {@code valuesOf} yields at least one of the set filter's values; the
     * list is unchanged when the parameter is absent.
     */
    public static List<Map<String, Object>> anyOf(Call call, String param, List<Map<String, Object>> items,
            Function<Map<String, Object>, Collection<String>> valuesOf) {
        List<String> wanted = call.params(param);
        if (wanted.isEmpty()) {
            return items;
        }
        return keep(items, item -> valuesOf.apply(item).stream().anyMatch(wanted::contains));
    }

    /** The ids of the references in an array member, e.g. {@code teams} gives the team ids. */
    public static List<String> refIds(Map<String, Object> item, String arrayField) {
        List<String> ids = new ArrayList<>();
        for (Object o : Json.list(item.get(arrayField))) {
            String id = Json.id(o);
            if (id != null) {
                ids.add(id);
            }
        }
        return ids;
    }

    /** The id of a single reference member, as a list of zero or one. */
    public static List<String> refId(Map<String, Object> item, String field) {
        String id = Json.id(item.get(field));
        return id == null ? List.of() : List.of(id);
    }

    /**
     * Keeps the items whose {@code field} timestamp lies in [{@code since}, {@code until}); either
     * bound may be given by the request or as a default (both may be {@code null}).
     */
    public static List<Map<String, Object>> window(List<Map<String, Object>> items, String field, Instant since,
            Instant until) {
        if (since == null && until == null) {
            return items;
        }
        return keep(items, item -> {
            Instant t = parseOrNull(Json.str(item, field));
            return t != null && (since == null || !t.isBefore(since)) && (until == null || t.isBefore(until));
        });
    }

    /** A time parameter ({@code since}, {@code until}), or {@code null} when absent; 400 when unparseable. */
    public static Instant time(Call call, String name) {
        String raw = call.param(name);
        if (Json.blank(raw)) {
            return null;
        }
        Instant t = parseOrNull(raw);
        if (t == null) {
            throw ApiError.invalid("Invalid time value in '" + name + "': " + raw);
        }
        return t;
    }

    /** Parses ISO 8601 date-times (with {@code Z} or an offset) and dates; {@code null} otherwise. */
    public static Instant parseOrNull(String s) {
        if (s == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(s.trim()).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(s.trim()).atStartOfDay().toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    /** The items that pass {@code test}, in order. */
    public static List<Map<String, Object>> keep(List<Map<String, Object>> items, Predicate<Map<String, Object>> test) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> i : items) {
            if (test.test(i)) {
                out.add(i);
            }
        }
        return out;
    }
}
