package dev.pdkit;

import dev.pdkit.internal.paging.OffsetPager;
import dev.pdkit.internal.paging.Paginator;
import dev.pdkit.internal.redact.Secrets;
import dev.pdkit.spi.Headers;
import java.util.Objects;

/**
 * Builds a {@link RestApiV2Client}: {@code RestApiV2Client.builder(token).defaultFrom(email).build()}.
 * The settings every client shares (region, base URL, transport, codec, retries, timeouts,
 * listeners) are those of {@link ClientBuilder}. Not thread-safe.
 */
public final class RestApiV2ClientBuilder extends ClientBuilder<RestApiV2ClientBuilder> {
    final String token;
    AuthType authType = AuthType.TOKEN;
    String defaultFrom;
    int defaultPageSize = 100;
    int pageConcurrency = 1;
    boolean warnAtPaginationLimit;

    RestApiV2ClientBuilder(String token) {
        super(RetryOptions.restDefaults());
        this.token = checkCredential(token, "API token");
    }

    /** How the token is sent (default {@link AuthType#TOKEN}; OAuth tokens need {@link AuthType#OAUTH2}). */
    public RestApiV2ClientBuilder authType(AuthType authType) {
        this.authType = Objects.requireNonNull(authType, "authType");
        return this;
    }

    /**
     * The email of the PagerDuty user that actions are recorded against, sent as the
     * {@code From} header. Required with account-level API keys on incident operations.
     */
    public RestApiV2ClientBuilder defaultFrom(String email) {
        if (email != null && email.isBlank()) {
            throw new IllegalArgumentException("defaultFrom must be an email address, not blank");
        }
        if (email != null) {
            Headers.of("From", email);
        }
        this.defaultFrom = email;
        return this;
    }

    /**
     * The records to ask for per request when a pagination method is given no page size
     * (default 100, the most PagerDuty's offset pagination returns; pdpyras'
     * {@code default_page_size}).
     *
     * @throws IllegalArgumentException unless 1 &lt;= {@code pageSize} &lt;= 10000
     */
    public RestApiV2ClientBuilder defaultPageSize(int pageSize) {
        if (pageSize < 1 || pageSize > OffsetPager.CAP) {
            throw new IllegalArgumentException("defaultPageSize must be between 1 and " + OffsetPager.CAP + ": "
                    + pageSize);
        }
        this.defaultPageSize = pageSize;
        return this;
    }

    /**
     * The most page requests that offset pagination ({@code iterAll}, {@code listAll},
     * {@code dictAll}, {@code find}, ...) keeps in flight at once. The default, 1, requests
     * each page when the previous one is used up, as pdpyras does; above 1 the pages after
     * the first are fetched concurrently and still yielded in order, with the same results,
     * as {@link RestApiV2Client#iterAll(String)} describes. A concurrency of
     * 4 to 8 reads a large collection several times faster; every request still counts
     * against PagerDuty's rate limit, which the client's retries and throttle respect.
     *
     * @throws IllegalArgumentException unless 1 &lt;= {@code pageConcurrency} &lt;= 100
     */
    public RestApiV2ClientBuilder pageConcurrency(int pageConcurrency) {
        this.pageConcurrency = Paginator.checkPageConcurrency(pageConcurrency, "pageConcurrency");
        return this;
    }

    /**
     * What offset pagination does when PagerDuty's 10,000-record cap stops it while more
     * records exist. By default ({@code false}) the iteration returns every reachable record
     * and then throws {@link PdPaginationLimitException}; {@code true} keeps pdpyras'
     * behaviour: log a WARNING and end the iteration, so the results are silently incomplete
     * for a caller that doesn't read logs.
     */
    public RestApiV2ClientBuilder warnAtPaginationLimit(boolean warn) {
        this.warnAtPaginationLimit = warn;
        return this;
    }

    /** PagerDuty's REST API version header value. */
    private static final String ACCEPT = "application/vnd.pagerduty+json;version=2";

    /** The headers every request of the client carries: the API version, the credential, the {@code From}. */
    Headers fixedHeaders() {
        Headers.Builder fixed = Headers.builder()
                .set("Accept", ACCEPT)
                .set("Authorization", authType.header(token));
        if (defaultFrom != null) {
            fixed.set("From", defaultFrom);
        }
        return fixed.build();
    }

    /** Builds the client, finding a transport and codec if none was given. */
    public RestApiV2Client build() {
        return new RestApiV2Client(this);
    }

    @Override
    public String toString() {
        return "RestApiV2ClientBuilder{token=" + Secrets.redact(token) + "}";
    }
}
