package dev.pdkit.testkit.rest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * PagerDuty's pagination styles, applied to a fully filtered list.
 *
 * <ul>
 *   <li>offset: {@code limit} (default 25, clamped to 1..100 and echoed), {@code offset} (echoed),
 *       {@code more}, {@code total} ({@code null} unless {@code total=true}); {@code offset+limit}
 *       above 10,000 is a 400 with code 2002 and the message the real API sends;</li>
 *   <li>cursor: {@code limit} (same default and clamp), {@code next_cursor} ({@code null} at the
 *       end); the cursor is opaque to clients;</li>
 *   <li>cursor-after-before: the whole list with {@code after}, {@code before} ({@code null}),
 *       {@code limit} and {@code total};</li>
 *   <li>none: the whole list under the wrapper.</li>
 * </ul>
 */
public final class Paging {

    /** The default page size of both offset and cursor pagination. */
    public static final int DEFAULT_LIMIT = 25;
    /** The largest page; larger limits are clamped (the docs say only "cannot exceed 100"). */
    public static final int MAX_LIMIT = 100;
    /** PagerDuty's ceiling on {@code offset + limit}. */
    public static final int MAX_OFFSET_PLUS_LIMIT = 10_000;

    static final String CAP_MESSAGE = "Offset+limit exceeds maximum allowed value of 10000. Please try to refine your "
            + "search to reduce the returned set of records below this number, like adding a date range.";

    private Paging() {
    }

    /** The page body for {@code items} in the given style (a word of the endpoint table). */
    public static Map<String, Object> page(Call call, String style, String wrapper, List<?> items) {
        return switch (style) {
            case "offset" -> offset(call, wrapper, items);
            case "cursor" -> cursor(call, wrapper, items);
            case "cursor-after-before" -> Json.obj(wrapper, items, "after", null, "before", null,
                    "limit", limit(call), "total", call.flag("total") ? items.size() : null);
            default -> Json.obj(wrapper, items);
        };
    }

    /** An offset page: {@code {wrapper:[...], limit, offset, more, total}}. */
    public static Map<String, Object> offset(Call call, String wrapper, List<?> items) {
        int limit = limit(call);
        int offset = nonNegative(call, "offset", 0);
        if ((long) offset + limit > MAX_OFFSET_PLUS_LIMIT) {
            throw ApiError.arguments(CAP_MESSAGE);
        }
        int from = Math.min(offset, items.size());
        int to = Math.min(from + limit, items.size());
        return Json.obj(wrapper, new ArrayList<>(items.subList(from, to)), "limit", limit, "offset", offset,
                "more", to < items.size(), "total", call.flag("total") ? items.size() : null);
    }

    /** A cursor page: {@code {wrapper:[...], limit, next_cursor}}. */
    public static Map<String, Object> cursor(Call call, String wrapper, List<?> items) {
        int limit = limit(call);
        String cursor = call.param("cursor");
        int from = Json.blank(cursor) ? 0 : decodeCursor(cursor);
        from = Math.min(from, items.size());
        int to = Math.min(from + limit, items.size());
        String next = to < items.size() ? encodeCursor(to) : null;
        return Json.obj(wrapper, new ArrayList<>(items.subList(from, to)), "limit", limit, "next_cursor", next);
    }

    /** The {@code limit} parameter, defaulted and clamped. */
    public static int limit(Call call) {
        String raw = call.param("limit");
        if (Json.blank(raw)) {
            return DEFAULT_LIMIT;
        }
        try {
            return (int) Math.max(1, Math.min(MAX_LIMIT, Long.parseLong(raw.trim())));
        } catch (NumberFormatException e) {
            throw ApiError.invalid("limit must be an integer");
        }
    }

    private static int nonNegative(Call call, String name, int dflt) {
        String raw = call.param(name);
        if (Json.blank(raw)) {
            return dflt;
        }
        try {
            long v = Long.parseLong(raw.trim());
            if (v < 0) {
                throw ApiError.invalid(name + " must not be negative");
            }
            return (int) Math.min(Integer.MAX_VALUE, v);
        } catch (NumberFormatException e) {
            throw ApiError.invalid(name + " must be an integer");
        }
    }

    private static String encodeCursor(int position) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("pd-testkit:" + position).getBytes(StandardCharsets.UTF_8));
    }

    private static int decodeCursor(String cursor) {
        try {
            String s = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (s.startsWith("pd-testkit:")) {
                return Integer.parseInt(s.substring("pd-testkit:".length()));
            }
        } catch (IllegalArgumentException e) {
            // fall through
        }
        throw ApiError.invalid("Invalid cursor");
    }
}
