package dev.pdkit;

import dev.pdkit.internal.url.QueryEncoder;
import dev.pdkit.internal.wrapping.EntityWrapping;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the REST API v2 client tells about the account and its token: whether the account has an
 * ability, its subdomain, and whether the token is account-level or a user's. The subdomain and
 * the access level are fetched once and remembered, each under its own lock, so concurrent first
 * calls make one request; a failure is not remembered.
 *
 * <p>A package-private part of {@link RestApiV2Client}, in {@code dev.pdkit} because its messages
 * are built with the core's package-private status rules ({@link ClientCore#requireSuccess},
 * {@link ClientCore#errorSuffix}). Thread-safe.
 */
final class AccountHelpers {

    private final RestCalls calls;
    private final Object subdomainLock = new Object();
    private final Object apiKeyAccessLock = new Object();
    /** Guarded by subdomainLock. */
    private String subdomain;
    /** Guarded by apiKeyAccessLock. */
    private String apiKeyAccess;

    AccountHelpers(RestCalls calls) {
        this.calls = calls;
    }

    /** {@link RestApiV2Client#accountHasAbility}: 204 is true, 402 false, anything else raises. */
    boolean accountHasAbility(String ability) {
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

    /** {@link RestApiV2Client#subdomain}: fetched once, then remembered. */
    String subdomain() {
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

    /** {@link RestApiV2Client#apiKeyAccess}: {@code "account"} or {@code "user"}, from {@code GET /users/me}. */
    String apiKeyAccess() {
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
}
