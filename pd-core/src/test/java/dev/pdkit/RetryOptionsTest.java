package dev.pdkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pdkit.internal.retry.RetrySettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RetryOptionsTest {

    /** Each preset is exactly the retry machine's defaults for its client. */
    static Stream<Arguments> presets() {
        return Stream.of(
                Arguments.of(RetryOptions.restDefaults(), RetrySettings.restDefaults()),
                Arguments.of(RetryOptions.eventsDefaults(), RetrySettings.eventsDefaults()),
                Arguments.of(RetryOptions.changeEventsDefaults(), RetrySettings.changeEventsDefaults()));
    }

    @ParameterizedTest
    @MethodSource("presets")
    void presetsAreTheClientsDefaults(RetryOptions preset, RetrySettings defaults) {
        assertEquals(defaults, preset.settings(defaults.postIsIdempotent()));
        assertEquals(defaults.retry(), preset.retries());
        assertEquals(defaults.readsOnly(), preset.readsOnlyStatuses());
        assertEquals(Duration.ofMillis(1500), preset.sleepTimer());
    }

    @Test
    void theRestDefaultsReadAsTheReadmeStatesThem() {
        RetryOptions rest = RetryOptions.restDefaults();
        assertEquals(List.of(500, 502, 503, 504), List.copyOf(rest.retries().keySet()), "sorted by status");
        assertEquals(Map.of(500, 2, 502, 4, 503, 6, 504, 6), rest.retries());
        assertEquals(Set.of(500), rest.readsOnlyStatuses());
        assertEquals(10, rest.maxHttpAttempts());
        assertEquals(3, rest.maxNetworkAttempts());
        assertEquals(2.0, rest.sleepTimerBase());
        assertEquals(0.0, rest.staggerCooldown());
        assertEquals(Duration.ofSeconds(60), rest.maxSleep());
        assertFalse(rest.retryNonIdempotent());
        assertEquals(rest, RetryOptions.builder().build(), "builder() starts from the REST defaults");
    }

    @Test
    void everySetterLandsInTheValueAndTheRetryMachinesSettings() {
        RetryOptions o = RetryOptions.builder()
                .retry(404, 5).retry(500, 1).maxHttpAttempts(4).maxNetworkAttempts(7)
                .sleepTimer(Duration.ofMillis(250)).sleepTimerBase(3).staggerCooldown(0.5)
                .maxSleep(Duration.ofSeconds(9)).retryNonIdempotent(true)
                .build();

        assertEquals(Map.of(404, 5, 500, 1, 502, 4, 503, 6, 504, 6), o.retries());
        assertEquals(Set.of(), o.readsOnlyStatuses(), "retry(500, n) makes 500 retried for every safe method");
        RetrySettings s = o.settings(true);
        assertEquals(new RetrySettings(Map.of(404, 5, 500, 1, 502, 4, 503, 6, 504, 6), Set.of(), 4, 7, 0.25, 3, 0.5,
                Duration.ofSeconds(9), true, true), s);
        assertEquals(Duration.ofMillis(250), o.sleepTimer());
    }

    @Test
    void sleepTimerInSecondsIsTheSameAsTheDuration() {
        assertEquals(RetryOptions.builder().sleepTimer(Duration.ofMillis(2500)).build(),
                RetryOptions.builder().sleepTimerSeconds(2.5).build());
    }

    @Test
    void aValueIsImmutableAndItsBuilderACopy() {
        RetryOptions shared = RetryOptions.builder().retry(404, 5).build();
        RetryOptions.Builder copy = shared.toBuilder();
        copy.retry(404, 1).maxHttpAttempts(1);

        assertEquals(5, shared.retries().get(404));
        assertEquals(10, shared.maxHttpAttempts());
        assertEquals(shared, shared.toBuilder().build());
        assertEquals(shared.hashCode(), shared.toBuilder().build().hashCode());
        assertNotEquals(shared, copy.build());
        assertThrows(UnsupportedOperationException.class, () -> shared.retries().put(418, 1));
    }

    /** Every setter refuses a bad value at once, naming the setting. */
    static Stream<Arguments> badValues() {
        return Stream.of(
                bad("retry: status out of range 100..999: 99", b -> b.retry(99, 1)),
                bad("retry: status out of range 100..999: 1000", b -> b.retry(1000, 1)),
                bad("retry(503, -2): times must be -1, 0 or positive", b -> b.retry(503, -2)),
                bad("maxHttpAttempts must be >= 0: -1", b -> b.maxHttpAttempts(-1)),
                bad("maxNetworkAttempts must be >= 0: -1", b -> b.maxNetworkAttempts(-1)),
                bad("sleepTimer must not be negative: PT-1S", b -> b.sleepTimer(Duration.ofSeconds(-1))),
                bad("sleepTimer must be a finite number of seconds >= 0: NaN", b -> b.sleepTimerSeconds(Double.NaN)),
                bad("sleepTimer must be a finite number of seconds >= 0: Infinity",
                        b -> b.sleepTimerSeconds(Double.POSITIVE_INFINITY)),
                bad("sleepTimerBase must be a finite number >= 1: 0.5", b -> b.sleepTimerBase(0.5)),
                bad("staggerCooldown must be a finite number >= 0: -0.1", b -> b.staggerCooldown(-0.1)),
                bad("maxSleep must not be negative: PT-1S", b -> b.maxSleep(Duration.ofSeconds(-1))));
    }

    private static Arguments bad(String message, Consumer<RetryOptions.Builder> setter) {
        return Arguments.of(message, setter);
    }

    @ParameterizedTest
    @MethodSource("badValues")
    void badValuesAreRefusedByTheirSetter(String message, Consumer<RetryOptions.Builder> setter) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> setter.accept(RetryOptions.builder()));
        assertEquals(message, e.getMessage());
    }

    @Test
    void theBuildersShortFormsChangeTheBuildersCopyOfTheOptions() {
        RetryOptions shared = RetryOptions.builder().retry(404, 5).maxSleep(Duration.ofSeconds(5)).build();
        RestApiV2ClientBuilder b = RestApiV2Client.builder("token").retryOptions(shared).maxHttpAttempts(2);

        RetrySettings settings = b.retrySettings(false);
        assertEquals(5, settings.retry().get(404));
        assertEquals(Duration.ofSeconds(5), settings.maxSleep());
        assertEquals(2, settings.maxHttpAttempts());
        assertEquals(10, shared.maxHttpAttempts(), "the shared value is untouched");
    }

    @Test
    void eachClientStartsFromItsOwnDefaults() {
        assertEquals(RetrySettings.restDefaults(), RestApiV2Client.builder("token").retrySettings(false));
        assertEquals(RetrySettings.eventsDefaults(), EventsApiV2Client.builder("R0UTINGKEY0000000000000000000000")
                .retrySettings(true));
        assertTrue(RetrySettings.changeEventsDefaults().retry().containsKey(503));
        assertThrows(NullPointerException.class, () -> RestApiV2Client.builder("token").retryOptions(null));
    }
}
