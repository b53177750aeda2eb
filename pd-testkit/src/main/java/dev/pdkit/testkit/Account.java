package dev.pdkit.testkit;

import dev.pdkit.testkit.events.EventsEngine;
import dev.pdkit.testkit.families.Families;
import dev.pdkit.testkit.families.Seeder;
import dev.pdkit.testkit.generic.GenericEngine;
import dev.pdkit.testkit.rest.ApiError;
import dev.pdkit.testkit.rest.Call;
import dev.pdkit.testkit.rest.Principal;
import dev.pdkit.testkit.rest.Reply;
import dev.pdkit.testkit.routing.EndpointTable;
import dev.pdkit.testkit.routing.Router;
import dev.pdkit.testkit.server.Pipeline;
import dev.pdkit.testkit.store.Store;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * One fake account: its data, the families and engines that serve it, and the REST rules applied
 * before any handler (authentication, routing, the {@code From} header). A reset replaces the
 * whole account, so no handler needs a "clear" method.
 *
 * <p>Requests are handled one at a time under the store's lock: handlers do several steps (an
 * Events API trigger opens an incident, an alert and a log entry) that must look atomic to
 * concurrent requests. The HTTP I/O around them stays concurrent.
 */
final class Account {

    static final String FROM_MISSING = "You must specify a user's email address in the \"From\" header to perform this action";

    private final Settings settings;
    private final Store store;
    private final Families families;
    private final EventsEngine events;
    private final Router router;
    private final Seeder seeder;

    /** The credentials and routing key an instance keeps across resets. */
    record Settings(String apiToken, String userToken, String oauthToken, String routingKey, boolean standardSeed) {
    }

    Account(String restUrl, Settings settings) {
        this.settings = settings;
        this.store = new Store(restUrl, Clock.systemUTC());
        this.families = new Families(store);
        this.events = new EventsEngine(families);
        this.router = new Router(EndpointTable.standard(), new GenericEngine(store, EndpointTable.standard()));
        families.register(router);
        this.seeder = new Seeder(families);
        if (settings.standardSeed()) {
            synchronized (store) {
                seeder.standard(settings.routingKey());
            }
        }
    }

    Store store() {
        return store;
    }

    Families families() {
        return families;
    }

    Seeder seeder() {
        return seeder;
    }

    /** Answers a request that got through the pipeline. */
    Reply dispatch(Call call) {
        synchronized (store) {
            try {
                if (Pipeline.isEvents(call)) {
                    return call.path().equals("/v2/enqueue") ? events.enqueue(call) : events.changeEnqueue(call);
                }
                Principal principal = authenticate(call);
                Router.Route route = router.route(call.method(), call.segments());
                if (route == null) {
                    return ApiError.notFound().reply().asUnmatched();
                }
                call.routed(route.match().pattern(), route.match().params());
                call.authenticated(principal, actor(call, principal, route.operation().fromRequired()));
                return route.handler().handle(call);
            } catch (ApiError e) {
                return e.reply();
            } finally {
                if (!call.method().equals("GET") && !call.method().equals("HEAD")) {
                    // The handler may have changed resources in place.
                    store.touch();
                }
            }
        }
    }

    /**
     * Checks {@code Authorization}: {@code Token token=<key>} for the account or user key,
     * {@code Bearer <token>} for the OAuth token. Anything else is a 401 with code 2006. A key or
     * token whose user no longer exists is rejected too.
     */
    private Principal authenticate(Call call) {
        String h = call.header("Authorization");
        Principal p = null;
        if (h != null && h.startsWith("Token token=")) {
            String t = h.substring("Token token=".length());
            if (t.equals(settings.apiToken())) {
                p = new Principal(Principal.Kind.ACCOUNT_KEY, t, null);
            } else if (t.equals(settings.userToken())) {
                p = new Principal(Principal.Kind.USER_KEY, t, Seeder.STANDARD_USER_EMAIL);
            }
        } else if (h != null && h.startsWith("Bearer ")) {
            String t = h.substring("Bearer ".length());
            if (t.equals(settings.oauthToken())) {
                p = new Principal(Principal.Kind.OAUTH, t, Seeder.STANDARD_USER_EMAIL);
            }
        }
        if (p == null || (p.userEmail() != null && families.users().byEmail(p.userEmail()) == null)) {
            throw new ApiError(401, 2006, "Authentication failed", List.of());
        }
        return p;
    }

    /**
     * The user a request acts for: the {@code From} header's user, else the token's. Where the
     * spec requires {@code From}, having neither is a 400 (code 2016, with the message PagerDuty
     * sends), and a {@code From} that names no user is a 400 (code 1028, "Malformed From header").
     */
    private Map<String, Object> actor(Call call, Principal principal, boolean fromRequired) {
        String from = call.header("From");
        Map<String, Object> fromUser = from == null || from.isBlank() ? null : families.users().byEmail(from);
        if (fromRequired && from != null && !from.isBlank() && fromUser == null) {
            throw new ApiError(400, 1028, "Malformed \"From\" header",
                    List.of("The From header must be the email address of a user on the account: " + from));
        }
        Map<String, Object> tokenUser = principal.userEmail() == null ? null : families.users().byEmail(principal.userEmail());
        Map<String, Object> actor = fromUser != null ? fromUser : tokenUser;
        if (fromRequired && actor == null) {
            throw new ApiError(400, 2016, FROM_MISSING, List.of());
        }
        return actor;
    }
}
