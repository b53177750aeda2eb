package dev.pdkit.testkit.families;

import dev.pdkit.testkit.rest.ApiError;
import dev.pdkit.testkit.rest.Call;
import dev.pdkit.testkit.rest.Filters;
import dev.pdkit.testkit.rest.Json;
import dev.pdkit.testkit.rest.Reply;
import dev.pdkit.testkit.routing.Router;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Users, {@code /users/me} and contact methods. A new user gets a default email contact method,
 * as in PagerDuty. Emails are unique, compared ignoring case.
 */
public final class Users {

    static final String USERS = "/users";
    static final Set<String> ROLES = Set.of("admin", "limited_user", "observer", "owner", "read_only_user",
            "restricted_access", "read_only_limited_user", "user");
    static final String ACCOUNT_LEVEL_MESSAGE = "Because this request was made using an account-level access token, "
            + "we were unable to determine the user's identity. Please use a user-level token.";

    private final Families f;
    /** Users by lower-cased email: every request with a From header looks one up. Guarded by the store's lock. */
    private final Map<String, Map<String, Object>> byEmail = new HashMap<>();

    Users(Families f) {
        this.f = f;
    }

    void register(Router r) {
        r.register("GET", USERS, this::list);
        r.register("POST", USERS, call -> {
            Map<String, Object> user = create(call.wrapped("user"));
            f.audit().record(call, user, "create");
            return Support.one(201, "user", user);
        });
        r.register("GET", "/users/{id}", call -> Support.one(200, "user",
                Includes.apply(f.store(), call, f.store().require(USERS, call.pathParam("id")))));
        r.register("PUT", "/users/{id}", this::update);
        r.register("DELETE", "/users/{id}", this::delete);
        r.register("GET", "/users/me", this::me);
        r.register("GET", "/users/{id}/contact_methods", call -> Reply.json(200, Json.obj("contact_methods",
                f.store().list(contactMethods(f.store().require(USERS, call.pathParam("id")))))));
        r.register("POST", "/users/{id}/contact_methods", this::createContactMethod);
        r.register("GET", "/users/{id}/contact_methods/{contact_method_id}", call -> Support.one(200, "contact_method",
                f.store().require(contactMethods(f.store().require(USERS, call.pathParam("id"))),
                        call.pathParam("contact_method_id"))));
        r.register("PUT", "/users/{id}/contact_methods/{contact_method_id}", this::updateContactMethod);
        r.register("DELETE", "/users/{id}/contact_methods/{contact_method_id}", this::deleteContactMethod);
    }

    /** The user with this email (ignoring case), or {@code null}. */
    public Map<String, Object> byEmail(String email) {
        if (email == null) {
            return null;
        }
        synchronized (f.store()) {
            String key = email.trim().toLowerCase(Locale.ROOT);
            Map<String, Object> user = byEmail.get(key);
            if (user != null && (f.store().get(USERS, (String) user.get("id")) != user
                    || !key.equals(String.valueOf(user.get("email")).toLowerCase(Locale.ROOT)))) {
                byEmail.remove(key);
                return null;
            }
            return user;
        }
    }

    /**
     * Creates a user from API-shaped fields; {@code name} and {@code email} are required.
     *
     * @throws ApiError 400 for missing or invalid fields or a taken email
     */
    public Map<String, Object> create(Map<String, Object> body) {
        String name = Support.required(body, "name", "Name");
        String email = Support.required(body, "email", "Email");
        checkEmail(email, null);
        String role = Support.oneOf(body, "role", ROLES, "user");
        Map<String, Object> fields = Json.obj("id", body.get("id"), "name", name, "email", email,
                "time_zone", body.getOrDefault("time_zone", "Etc/UTC"),
                "color", body.getOrDefault("color", "purple"),
                "role", role,
                "avatar_url", "https://secure.gravatar.com/avatar/" + Integer.toHexString(email.toLowerCase(Locale.ROOT).hashCode())
                        + ".png?d=mm&r=PG",
                "description", body.get("description"),
                "invitation_sent", false,
                "job_title", body.get("job_title"),
                "teams", new ArrayList<>(),
                "contact_methods", new ArrayList<>(),
                "notification_rules", new ArrayList<>(),
                "coordinations", new ArrayList<>(),
                "created_via_sso", false);
        Map<String, Object> user = f.store().insert(USERS, "user", fields);
        byEmail.put(email.trim().toLowerCase(Locale.ROOT), user);
        Map<String, Object> cm = f.store().insert(contactMethods(user), "email_contact_method",
                Json.obj("label", "Default", "address", email, "summary", "Default"));
        Support.addRef(user, "contact_methods", Support.ref(cm));
        return user;
    }

    private void checkEmail(String email, String exceptId) {
        if (!email.contains("@")) {
            throw ApiError.invalid("Email is invalid");
        }
        Map<String, Object> other = byEmail(email);
        if (other != null && !other.get("id").equals(exceptId)) {
            throw ApiError.invalid("Email has already been taken");
        }
    }

    static String contactMethods(Map<String, Object> user) {
        return USERS + "/" + user.get("id") + "/contact_methods";
    }

    private Reply list(Call call) {
        List<Map<String, Object>> users = Support.byName(f.store(), USERS);
        users = Filters.query(call, users, "name", "email");
        users = Filters.anyOf(call, "team_ids", users, u -> Filters.refIds(u, "teams"));
        return Support.offsetPage(call, "users", Includes.apply(f.store(), call, users));
    }

    private Reply update(Call call) {
        Map<String, Object> user = f.store().require(USERS, call.pathParam("id"));
        Map<String, Object> body = call.wrapped("user");
        if (body.containsKey("name")) {
            user.put("name", Support.required(body, "name", "Name"));
            user.put("summary", user.get("name"));
        }
        if (body.containsKey("email")) {
            String email = Support.required(body, "email", "Email");
            checkEmail(email, (String) user.get("id"));
            byEmail.remove(String.valueOf(user.get("email")).trim().toLowerCase(Locale.ROOT));
            user.put("email", email);
            byEmail.put(email.trim().toLowerCase(Locale.ROOT), user);
        }
        if (body.containsKey("role")) {
            user.put("role", Support.oneOf(body, "role", ROLES, "user"));
        }
        Support.copyPresent(body, user, "time_zone", "color", "description", "job_title");
        f.audit().record(call, user, "update");
        return Support.one(200, "user", user);
    }

    private Reply delete(Call call) {
        Map<String, Object> user = f.store().require(USERS, call.pathParam("id"));
        f.teams().forgetUser((String) user.get("id"));
        f.store().remove(USERS, (String) user.get("id"));
        byEmail.remove(String.valueOf(user.get("email")).trim().toLowerCase(Locale.ROOT));
        f.audit().record(call, user, "delete");
        return Reply.empty(204);
    }

    private Reply me(Call call) {
        if (call.principal() == null || call.principal().userEmail() == null) {
            throw new ApiError(400, 2001, ACCOUNT_LEVEL_MESSAGE, List.of(ACCOUNT_LEVEL_MESSAGE));
        }
        Map<String, Object> me = byEmail(call.principal().userEmail());
        if (me == null) {
            throw ApiError.notFound();
        }
        return Support.one(200, "user", Includes.apply(f.store(), call, me));
    }

    private Reply createContactMethod(Call call) {
        Map<String, Object> user = f.store().require(USERS, call.pathParam("id"));
        Map<String, Object> body = call.wrapped("contact_method");
        String type = Support.required(body, "type", "Contact method type");
        String address = Support.required(body, "address", "Address");
        Map<String, Object> fields = Json.obj("label", body.getOrDefault("label", "Default"), "address", address);
        Support.copyPresent(body, fields, "country_code", "send_short_email", "blacklisted");
        Map<String, Object> cm = f.store().insert(contactMethods(user), type, fields);
        cm.put("summary", cm.get("label"));
        Support.addRef(user, "contact_methods", Support.ref(cm));
        return Support.one(201, "contact_method", cm);
    }

    private Reply updateContactMethod(Call call) {
        Map<String, Object> user = f.store().require(USERS, call.pathParam("id"));
        Map<String, Object> cm = f.store().require(contactMethods(user), call.pathParam("contact_method_id"));
        Map<String, Object> body = call.wrapped("contact_method");
        Support.copyPresent(body, cm, "label", "address", "country_code", "send_short_email");
        cm.put("summary", cm.get("label"));
        return Support.one(200, "contact_method", cm);
    }

    private Reply deleteContactMethod(Call call) {
        Map<String, Object> user = f.store().require(USERS, call.pathParam("id"));
        String id = call.pathParam("contact_method_id");
        if (f.store().remove(contactMethods(user), id) == null) {
            throw ApiError.notFound();
        }
        Support.removeRef(user, "contact_methods", id);
        return Reply.empty(204);
    }
}
