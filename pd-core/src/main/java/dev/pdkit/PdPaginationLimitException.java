package dev.pdkit;

/**
 * Offset pagination reached PagerDuty's cap of 10,000 on {@code offset + limit}: every record the
 * API would return has been yielded, and more exist. Narrow the query (filters, a shorter
 * {@code since}/{@code until} window) or use {@code iterHistory}, which splits the time window.
 */
public class PdPaginationLimitException extends PdClientException {

    private static final long serialVersionUID = 1L;

    private final long returned;

    /** Creates an exception after {@code returned} records were yielded. */
    public PdPaginationLimitException(String message, long returned) {
        super(message);
        this.returned = returned;
    }

    /** How many records were yielded before the cap stopped the iteration. */
    public long returned() {
        return returned;
    }
}
