package dev.pdkit.internal.paging;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The collections {@code iterHistory} supports: those whose {@code since}/{@code until} filter a
 * stream of time-stamped records. python-pagerduty's {@code HISTORICAL_RECORD_PATHS}, plus the
 * other endpoints of the same kind in PagerDuty's OpenAPI document
 * ({@code /incidents/{id}/log_entries}, {@code /services/{id}/change_events},
 * {@code /notifications} and the audit records of IP allow lists and v3 schedules).
 */
public final class HistoryPaths {

    /** Offset-paginated paths and the property that stamps their records. */
    private static final Map<String, String> OFFSET = Map.of(
            "/change_events", "timestamp",
            "/services/{id}/change_events", "timestamp",
            "/incidents", "created_at",
            "/incidents/{id}/log_entries", "created_at",
            "/log_entries", "created_at",
            "/notifications", "started_at",
            "/oncalls", "start");

    /** Cursor-paginated paths: one cursor walk covers any window, nothing to split. */
    private static final Set<String> CURSOR = Set.of(
            "/audit/records",
            "/escalation_policies/{id}/audit/records",
            "/ip_allow_lists/{id}/audit/records",
            "/schedules/{id}/audit/records",
            "/services/{id}/audit/records",
            "/teams/{id}/audit/records",
            "/users/{id}/audit/records",
            "/v3/schedules/{id}/audit/records");

    private HistoryPaths() {
    }

    /** Whether {@code pattern} is a supported cursor-paginated history path. */
    public static boolean isCursor(String pattern) {
        return CURSOR.contains(pattern);
    }

    /** The time property of a supported offset-paginated path, or {@code null} if it is not one. */
    public static String timeField(String pattern) {
        return pattern == null ? null : OFFSET.get(pattern);
    }

    /** Every supported path, sorted, for messages. */
    public static Set<String> all() {
        Set<String> all = new TreeSet<>(OFFSET.keySet());
        all.addAll(CURSOR);
        return all;
    }
}
