package dev.pdkit.internal.wrapping;

/**
 * How a REST endpoint pages through its results, as the endpoint table records it (pagination
 * column of {@code endpoints.tsv}). The pagers choose their algorithm from this value instead of
 * from a hand-kept list of cursor paths, so a newly paginated endpoint needs only a data update.
 */
public enum Pagination {
    /** Not paginated, or a bulk update that merely echoes pagination fields. */
    NONE("none"),
    /** Classic {@code limit}/{@code offset}/{@code more} pagination, capped at 10,000 records. */
    OFFSET("offset"),
    /** {@code cursor} query parameter and {@code next_cursor} in the body. */
    CURSOR("cursor"),
    /** {@code after}/{@code before} cursors ({@code GET /alert_grouping_settings}). */
    AFTER_BEFORE("cursor-after-before"),
    /** Analytics POSTs: {@code starting_after}/{@code ending_before}/{@code limit} in the request body. */
    ANALYTICS("analytics");

    private final String word;

    Pagination(String word) {
        this.word = word;
    }

    /** The word used for this value in the endpoint table. */
    public String word() {
        return word;
    }

    /**
     * Parses a word of the endpoint table.
     *
     * @throws IllegalArgumentException for an unknown word, so a new style in the data fails the
     *     build instead of silently paging the wrong way
     */
    public static Pagination fromWord(String word) {
        for (Pagination p : values()) {
            if (p.word.equals(word)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown pagination style: " + word);
    }
}
