package dev.pdkit.testkit.families;

import dev.pdkit.testkit.routing.Router;
import dev.pdkit.testkit.store.Store;

/**
 * The families of one fake account, wired to one {@link Store}. Families call each other (an
 * incident is assigned through its service's escalation policy, which targets schedules), so they
 * are created together here and reach each other through this object.
 *
 * <p>Not thread-safe by itself: the dispatcher and the seeding API hold the store's lock.
 */
public final class Families {

    private final Store store;
    private final AuditTrail audit;
    private final Users users;
    private final Teams teams;
    private final EscalationPolicies escalationPolicies;
    private final Schedules schedules;
    private final Services services;
    private final LogEntries logEntries;
    private final Incidents incidents;
    private final Priorities priorities;
    private final MaintenanceWindows maintenanceWindows;
    private final Tags tags;
    private final Abilities abilities;
    private final ChangeEvents changeEvents;

    /** The families of an account whose data lives in {@code store}. */
    public Families(Store store) {
        this.store = store;
        this.audit = new AuditTrail(this);
        this.users = new Users(this);
        this.teams = new Teams(this);
        this.escalationPolicies = new EscalationPolicies(this);
        this.schedules = new Schedules(this);
        this.services = new Services(this);
        this.logEntries = new LogEntries(this);
        this.incidents = new Incidents(this);
        this.priorities = new Priorities(this);
        this.maintenanceWindows = new MaintenanceWindows(this);
        this.tags = new Tags(this);
        this.abilities = new Abilities();
        this.changeEvents = new ChangeEvents(this);
    }

    /** Registers every family's handlers. */
    public void register(Router router) {
        audit.register(router);
        users.register(router);
        teams.register(router);
        escalationPolicies.register(router);
        schedules.register(router);
        services.register(router);
        logEntries.register(router);
        incidents.register(router);
        priorities.register(router);
        maintenanceWindows.register(router);
        tags.register(router);
        abilities.register(router);
        changeEvents.register(router);
    }

    /** The account's data. */
    public Store store() {
        return store;
    }

    AuditTrail audit() {
        return audit;
    }

    /** Users and their contact methods. */
    public Users users() {
        return users;
    }

    /** Teams and memberships. */
    public Teams teams() {
        return teams;
    }

    /** Escalation policies. */
    public EscalationPolicies escalationPolicies() {
        return escalationPolicies;
    }

    /** Schedules, overrides and on-calls. */
    public Schedules schedules() {
        return schedules;
    }

    /** Services and their integrations. */
    public Services services() {
        return services;
    }

    /** Log entries. */
    public LogEntries logEntries() {
        return logEntries;
    }

    /** Incidents, alerts and notes. */
    public Incidents incidents() {
        return incidents;
    }

    /** Priorities. */
    public Priorities priorities() {
        return priorities;
    }

    /** Maintenance windows. */
    public MaintenanceWindows maintenanceWindows() {
        return maintenanceWindows;
    }

    /** Tags. */
    public Tags tags() {
        return tags;
    }

    /** Abilities. */
    public Abilities abilities() {
        return abilities;
    }

    /** Change events. */
    public ChangeEvents changeEvents() {
        return changeEvents;
    }
}
