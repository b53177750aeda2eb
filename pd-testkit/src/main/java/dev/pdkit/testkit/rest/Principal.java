package dev.pdkit.testkit.rest;

/**
 * Who a REST request authenticated as.
 *
 * @param kind the kind of credential
 * @param token the token itself
 * @param userEmail the email of the user the token belongs to, or {@code null} for an account-level key
 */
public record Principal(Kind kind, String token, String userEmail) {

    /** The kinds of credentials the fake accepts. */
    public enum Kind {
        /** An account-level API key ({@code Token token=}); carries no user. */
        ACCOUNT_KEY,
        /** A user API key ({@code Token token=}). */
        USER_KEY,
        /** An OAuth access token ({@code Bearer}) of a user. */
        OAUTH
    }

    /** The token shown as PagerDuty's audit trail shows it: the last four characters. */
    public String truncatedToken() {
        return token.length() <= 4 ? token : token.substring(token.length() - 4);
    }
}
