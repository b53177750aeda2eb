package dev.pdkit.internal.wrapping;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The name helpers. pdpyras' singular strips every trailing s ({@code rstrip('s')}): it turns
 * status into statu, address into addre, statuses into statuse. These tables pin the fix.
 */
class SingularPluralTest {

    @ParameterizedTest(name = "singular({0}) = {1}")
    @CsvSource(delimiter = '|', textBlock = """
            escalation_policies | escalation_policy
            services            | service
            log_entries         | log_entry
            policies            | policy
            entries             | entry
            incidents           | incident
            oncalls             | oncall
            users               | user
            abilities           | ability
            priorities          | priority
            statuses            | status
            addresses           | address
            status              | status
            address             | address
            bonuses             | bonus
            buses               | bus
            # No consonant before "uses": only the s goes.
            uses                | use
            causes              | cause
            boxes               | box
            classes             | class
            responses           | response
            licenses            | license
            status_updates      | status_update
            user                | user
            v3                  | v3
            """)
    void singular(String plural, String singular) {
        assertEquals(singular, EntityWrapping.singular(plural));
    }

    @ParameterizedTest(name = "plural({0}) = {1}")
    @CsvSource(delimiter = '|', textBlock = """
            escalation_policy           | escalation_policies
            escalation_policy_reference | escalation_policies
            user_reference              | users
            service                     | services
            log_entry                   | log_entries
            incident                    | incidents
            oncall                      | oncalls
            priority                    | priorities
            status                      | statuses
            address                     | addresses
            box                         | boxes
            survey                      | surveys
            lobby                       | lobbies
            # A lone y has no consonant before it.
            y                           | ys
            key                         | keys
            """)
    void plural(String singular, String plural) {
        assertEquals(plural, EntityWrapping.plural(singular));
    }

    /** pdpyras HelperFunctionsTest's three round trips, plus the words its rstrip broke. */
    @ParameterizedTest
    @ValueSource(strings = {"escalation_policy", "service", "log_entry", "status", "address", "user", "priority",
        "incident", "status_page", "business_service", "webhook_subscription", "maintenance_window"})
    void roundTrips(String singular) {
        String plural = EntityWrapping.plural(singular);
        assertEquals(singular, EntityWrapping.singular(plural));
        assertEquals(plural, EntityWrapping.plural(EntityWrapping.singular(plural)));
    }
}
