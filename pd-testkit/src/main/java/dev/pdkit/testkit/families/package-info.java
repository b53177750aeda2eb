/**
 * The hand-written REST handlers for the resource families people automate (users, teams,
 * services, escalation policies, schedules, incidents and their log entries, alerts and notes,
 * priorities, maintenance windows, tags, abilities, audit records, change events), and the
 * seeding that builds an account. Each family keeps PagerDuty's rules for its resources; every
 * other operation of the endpoint table is left to the generic engine. Not exported.
 */
package dev.pdkit.testkit.families;
