package dev.pdkit;

/** How a REST API credential is sent in the {@code Authorization} header. */
public enum AuthType {

    /** An account or user API key: {@code Authorization: Token token=KEY}. The default. */
    TOKEN,
    /** An OAuth 2 access token (classic or scoped app): {@code Authorization: Bearer TOKEN}. */
    OAUTH2;

    String header(String credential) {
        return this == TOKEN ? "Token token=" + credential : "Bearer " + credential;
    }
}
