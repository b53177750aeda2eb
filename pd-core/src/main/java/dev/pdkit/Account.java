package dev.pdkit;

import dev.pdkit.internal.url.QueryEncoder;
import dev.pdkit.internal.wrapping.EntityWrapping;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The PagerDuty account a {@link RestApiV2Client} works on, and the credential it uses: where it
 * sends (its base URL), as whom (the token, shown truncated; the default {@code From}), and what
 * python-pagerduty's account helpers tell about it: its subdomain, its abilities and whether the
 * token is an account-level key. Reached through {@link RestApiV2Client#account()}.
 *
 * <p>The subdomain and the access level are fetched once and remembered, each under its own lock,
 * so concurrent first calls make one request; a failure is not remembered. Views of a client
 * ({@code with}) share their client's account. Thread-safe.
 */
public final class Account {

    private final RestCalls calls;
    private final String baseUrl;
    private final String truncatedToken;
    private final String defaultFrom;
    private final Object subdomainLock = new Object();
    private final Object apiKeyAccessLock = new Object();
    /** Guarded by subdomainLock. */
    private String subdomain;
    /** Guarded by apiKeyAccessLock. */
    private String apiKeyAccess;

    Account(RestCalls calls, String baseUrl, String truncatedToken, String defaultFrom) {
        this.calls = calls;
        this.baseUrl = baseUrl;
        this.truncatedToken = truncatedToken;
        this.defaultFrom = defaultFrom;
    }

    /**
     * The base URL requests go to, e.g. {@code https://api.eu.pagerduty.com}.
     *
     * @return the base URL
     */
    public String baseUrl() {
        return baseUrl;
    }

    /**
     * The token as it may be shown: {@code *} and its last four characters (pdpyras' {@code trunc_key}).
     *
     * @return the truncated token
     */
    public String truncatedToken() {
        return truncatedToken;
    }

    /**
     * The {@code From} header sent with every request: the user write calls act as.
     *
     * @return the email, or {@code null} when none is set
     */
    public String defaultFrom() {
        return defaultFrom;
    }

    /**
     * Whether the account has an ability, such as {@code teams} or {@code read_only_users}:
     * {@code GET /abilities/{ability}} answers 204 (true) or 402 Payment Required (false).
     * python-pagerduty's {@code account_has_ability}.
     *
     * @param ability the ability's name
     * @return whether the account has it
     * @throws IllegalArgumentException for a blank name
     * @throws PdHttpException on 404 ("Invalid or unknown ability"), on 403 (the credential may not
     *     read abilities) and on any other error status
     */
    public boolean hasAbility(String ability) {
        if (ability == null || ability.isBlank()) {
            throw new IllegalArgumentException("ability must be a non-empty name");
        }
        Response r = calls.get("/abilities/" + QueryEncoder.percentEncode(ability), null);
        switch (r.status()) {
            case 402:
                return false;
            case 403:
                throw new PdHttpException(ClientCore.describe(r) + ": received 403 Forbidden; the credential does not"
                        + " have permission to read the account's abilities" + ClientCore.errorSuffix(r), r);
            case 404:
                throw new PdHttpException(ClientCore.describe(r) + ": Invalid or unknown ability \"" + ability
                        + "\"; API responded with status 404 Not Found" + ClientCore.errorSuffix(r), r);
            default:
                ClientCore.requireSuccess(r, null);
                return true;
        }
    }

    /**
     * The account's subdomain, e.g. {@code acme} for {@code acme.pagerduty.com}: the first label
     * of the host of the first user's {@code html_url} ({@code GET /users?limit=1}). Fetched once,
     * then remembered.
     *
     * @return the subdomain
     * @throws PdHttpException if the request fails
     * @throws PdServerException if the account lists no user or the user has no usable {@code html_url}
     */
    public String subdomain() {
        synchronized (subdomainLock) {
            if (subdomain == null) {
                subdomain = fetchSubdomain();
            }
            return subdomain;
        }
    }

    private String fetchSubdomain() {
        Response r = ClientCore.requireSuccess(calls.get("/users", Map.of("limit", 1)), null);
        Object users = calls.unwrap(r, EntityWrapping.decide("GET", "/users"));
        Object first = users instanceof List<?> list && !list.isEmpty() ? list.get(0) : null;
        Object htmlUrl = first instanceof Map<?, ?> user ? user.get("html_url") : null;
        String host = null;
        if (htmlUrl instanceof String u) {
            try {
                host = new URI(u).getHost();
            } catch (java.net.URISyntaxException e) {
                host = null;
            }
        }
        if (host == null || host.indexOf('.') <= 0) {
            throw new PdServerException(ClientCore.describe(r) + ": cannot tell the account's subdomain: expected a"
                    + " user with an html_url such as https://acme.pagerduty.com/users/P1, found "
                    + RestCalls.kind(htmlUrl), r);
        }
        return host.substring(0, host.indexOf('.'));
    }

    /**
     * Whether the token is an account-level key ({@code "account"}) or belongs to a user
     * ({@code "user"}), from {@code GET /users/me}: a 400 whose error mentions an
     * "account-level access token" means account; any other answer but the errors below means
     * user. Fetched once, then remembered. python-pagerduty's {@code api_key_access}.
     *
     * @return {@code "account"} or {@code "user"}
     * @throws PdHttpException on any other 400 (the access level can't be told; not remembered)
     * @throws PdServerException on a 5xx (not remembered)
     */
    public String apiKeyAccess() {
        synchronized (apiKeyAccessLock) {
            if (apiKeyAccess == null) {
                Response r = calls.get("/users/me", null);
                if (r.status() == 400 && r.text().toLowerCase(Locale.ROOT).contains("account-level access token")) {
                    apiKeyAccess = "account";
                } else if (r.status() == 400 || r.status() / 100 == 5) {
                    ClientCore.requireSuccess(r, "telling the token's access level");
                } else {
                    apiKeyAccess = "user";
                }
            }
            return apiKeyAccess;
        }
    }

    @Override
    public String toString() {
        return "Account{baseUrl=" + baseUrl + ", token=" + truncatedToken
                + (defaultFrom == null ? "" : ", from=" + defaultFrom) + "}";
    }
}
