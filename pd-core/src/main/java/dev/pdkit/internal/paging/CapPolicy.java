package dev.pdkit.internal.paging;

/** What offset pagination does when PagerDuty's 10,000-record cap stops it while more records exist. */
public enum CapPolicy {
    /** Throw {@code PdPaginationLimitException} after yielding every reachable record (pdkit's default). */
    THROW,
    /** Log a WARNING and end the iteration, as pdpyras does. */
    WARN
}
