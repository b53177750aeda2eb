package dev.pdkit.internal.paging;

import dev.pdkit.PdPaginationLimitException;
import dev.pdkit.internal.http.ClientLog;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * python-pagerduty's {@code iter_history}: reads a time-windowed collection past PagerDuty's
 * 10,000-record cap by splitting the {@code since}/{@code until} window.
 *
 * <p>For each window, oldest first, it asks for the window's {@code total}. An empty window is
 * skipped; a window of at most 10,000 records is read with {@link OffsetPager}; a larger one is
 * split in half and the halves are handled the same way. A window that can't be split any
 * further (one second long, or {@link #MAX_DEPTH} splits deep) is read as far as the cap allows,
 * and then the cap rule of its {@link OffsetPager} applies.
 *
 * <p>Adjacent windows share their boundary instant, and PagerDuty may return a record stamped at
 * that instant in both. So the ids of the records near the end of a window (those stamped less
 * than a second before its {@code until}, or whose time can't be read) are remembered, and records
 * of the next window with one of those ids are skipped. Only those boundary ids are kept, never a
 * whole window. Records without an {@code id} (on-call entries) are never skipped.
 *
 * <p>Pending windows are kept on an explicit stack (no recursion), at most one per split level.
 */
public final class HistoryPager extends Pager {

    /** How many times a window is split at most; a 1 s floor is normally reached long before. */
    public static final int MAX_DEPTH = 40;

    /** The total of one window. */
    @FunctionalInterface
    public interface Totals {
        /** The number of records stamped in {@code [since, until]}. */
        long total(Instant since, Instant until);
    }

    /** Opens an offset pager over one window. */
    @FunctionalInterface
    public interface Windows {
        /**
         * @param since the window's start
         * @param until the window's end
         * @param capAdvice what a cap message should suggest for this window
         */
        OffsetPager open(Instant since, Instant until, String capAdvice);
    }

    private record Window(Instant since, Instant until, int depth) {
    }

    private final String what;
    private final String timeField;
    private final Totals totals;
    private final Windows windows;
    private final ClientLog log;
    private final int maxDepth;
    private final Deque<Window> pending = new ArrayDeque<>();

    private Window window;
    private OffsetPager current;
    private Set<String> previousBoundary = new HashSet<>();
    private Set<String> currentBoundary = new HashSet<>();

    /**
     * @param what the request, for messages, e.g. {@code GET /log_entries}
     * @param timeField the record property that places a record in time, e.g. {@code created_at}
     * @param since the start of the whole window
     * @param until the end of the whole window, after {@code since}
     * @param totals counts one window
     * @param windows reads one window
     * @param log where notes go
     * @throws IllegalArgumentException if {@code since} is not before {@code until}
     */
    public HistoryPager(String what, String timeField, Instant since, Instant until, Totals totals, Windows windows,
            ClientLog log) {
        this(what, timeField, since, until, totals, windows, log, MAX_DEPTH);
    }

    HistoryPager(String what, String timeField, Instant since, Instant until, Totals totals, Windows windows,
            ClientLog log, int maxDepth) {
        this.what = Objects.requireNonNull(what, "what");
        this.timeField = Objects.requireNonNull(timeField, "timeField");
        checkWindow(since, until);
        this.totals = Objects.requireNonNull(totals, "totals");
        this.windows = Objects.requireNonNull(windows, "windows");
        this.log = Objects.requireNonNull(log, "log");
        this.maxDepth = maxDepth;
        pending.push(new Window(since, until, 0));
    }

    /**
     * Checks a history window.
     *
     * @throws IllegalArgumentException if {@code since} is not before {@code until}
     */
    public static void checkWindow(Instant since, Instant until) {
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(until, "until");
        if (!since.isBefore(until)) {
            throw new IllegalArgumentException("\"since\" must be before \"until\": since " + since + ", until " + until);
        }
    }

    /**
     * Where a window is split: half its whole seconds (rounded down) after {@code since}, so both
     * halves last at least one second; {@code null} for a window shorter than two seconds, which
     * can't be split (the one-second floor).
     */
    static Instant midpoint(Instant since, Instant until) {
        long seconds = Duration.between(since, until).getSeconds();
        return seconds < 2 ? null : since.plusSeconds(seconds / 2);
    }

    @Override
    protected List<Map<String, Object>> nextPage() {
        while (true) {
            if (current != null) {
                List<Map<String, Object>> page;
                try {
                    page = current.nextPage();
                } catch (PdPaginationLimitException e) {
                    throw new PdPaginationLimitException(e.getMessage() + " (" + returned()
                            + " records were returned by iterHistory in all)", returned());
                }
                if (page != null) {
                    return withoutBoundaryRepeats(page);
                }
                current = null;
                previousBoundary = currentBoundary;
                currentBoundary = new HashSet<>();
                continue;
            }
            Window w = pending.poll();
            if (w == null) {
                return null;
            }
            long total;
            try {
                total = totals.total(w.since, w.until);
            } catch (RuntimeException e) {
                throw PageFailure.at(e, "the total of the window " + w.since + " to " + w.until + " of " + what,
                        returned());
            }
            if (total <= 0) {
                continue;
            }
            Instant mid = midpoint(w.since, w.until);
            if (total > OffsetPager.CAP && mid != null && w.depth < maxDepth) {
                pending.push(new Window(mid, w.until, w.depth + 1));
                pending.push(new Window(w.since, mid, w.depth + 1));
                continue;
            }
            String advice;
            if (total > OffsetPager.CAP) {
                String why = mid == null ? "is already the minimum length (one second)"
                        : "is " + w.depth + " splits deep, the most iterHistory makes";
                advice = "The window " + w.since + " to " + w.until + " holds " + total + " records and " + why
                        + "; narrow the query with filters.";
                log.debug(() -> what + ": " + advice);
            } else {
                advice = "The window " + w.since + " to " + w.until + " grew past the limit while it was read;"
                        + " narrow the query with filters.";
            }
            window = w;
            current = windows.open(w.since, w.until, advice);
        }
    }

    private List<Map<String, Object>> withoutBoundaryRepeats(List<Map<String, Object>> page) {
        Instant boundary = window.until.minusSeconds(1);
        List<Map<String, Object>> kept = new ArrayList<>(page.size());
        for (Map<String, Object> item : page) {
            Object idValue = item.get("id");
            String id = idValue == null ? null : String.valueOf(idValue);
            if (id != null && previousBoundary.contains(id)) {
                continue;
            }
            kept.add(item);
            if (id != null) {
                Instant t = timeOf(item.get(timeField));
                if (t == null || !t.isBefore(boundary)) {
                    currentBoundary.add(id);
                }
            }
        }
        return kept;
    }

    /** The instant of an ISO-8601 timestamp with an offset, or {@code null} if it isn't one. */
    static Instant timeOf(Object value) {
        if (!(value instanceof String s)) {
            return null;
        }
        try {
            return OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
