package dev.pdkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RequestOptionsTest {

    @Test
    void noneSetsNothing() {
        RequestOptions none = RequestOptions.none();
        assertEquals(Map.of(), none.params());
        assertTrue(none.headers().isEmpty());
        assertEquals(Optional.empty(), none.timeout());
        assertEquals(OptionalInt.empty(), none.pageSize());
        assertEquals(OptionalInt.empty(), none.pageConcurrency());
        assertEquals(Optional.empty(), none.total());
        assertEquals(Optional.empty(), none.itemHook());
        assertEquals("RequestOptions{params=[], headers=[]}", none.toString());
    }

    @Test
    void everySettingIsKeptAndToBuilderCopiesIt() {
        RequestOptions.ItemHook hook = (item, n, total) -> { };
        RequestOptions o = RequestOptions.builder().param("statuses[]", List.of("triggered")).params(Map.of("q", "x"))
                .from("ops@example.com").header("X-EARLY-ACCESS", "feature").timeout(Duration.ofSeconds(5))
                .pageSize(25).pageConcurrency(4).total(true).itemHook(hook).build();

        for (RequestOptions same : List.of(o, o.toBuilder().build(), RequestOptions.none().with(o))) {
            assertEquals(Map.of("statuses[]", List.of("triggered"), "q", "x"), same.params());
            assertEquals("ops@example.com", same.headers().firstOrNull("From"));
            assertEquals("feature", same.headers().firstOrNull("X-EARLY-ACCESS"));
            assertEquals(Optional.of(Duration.ofSeconds(5)), same.timeout());
            assertEquals(OptionalInt.of(25), same.pageSize());
            assertEquals(OptionalInt.of(4), same.pageConcurrency());
            assertEquals(Optional.of(true), same.total());
            assertEquals(Optional.of(hook), same.itemHook());
        }
        assertEquals("RequestOptions{params=[statuses[], q], headers=[From, X-EARLY-ACCESS], timeout=PT5S, pageSize=25,"
                + " pageConcurrency=4, total=true, itemHook}", o.toString());
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                refused(IllegalArgumentException.class, "page size must be at least 1: 0", b -> b.pageSize(0)),
                refused(IllegalArgumentException.class, "pageConcurrency must be between 1 and 100: 101",
                        b -> b.pageConcurrency(101)),
                refused(IllegalArgumentException.class, "timeout must be positive: PT0S", b -> b.timeout(Duration.ZERO)),
                refused(NullPointerException.class, "timeout", b -> b.timeout(null)),
                refused(NullPointerException.class, "value", b -> b.param("q", null)),
                refused(NullPointerException.class, "name", b -> b.param(null, 1)),
                refused(NullPointerException.class, "email", b -> b.from(null)),
                refused(NullPointerException.class, "itemHook", b -> b.itemHook(null)));
    }

    private static Arguments refused(Class<? extends RuntimeException> type, String message,
            Consumer<RequestOptions.Builder> setter) {
        return Arguments.of(type, message, setter);
    }

    @ParameterizedTest
    @MethodSource("refused")
    void badValuesAreRefusedByTheirSetter(Class<? extends RuntimeException> type, String message,
            Consumer<RequestOptions.Builder> setter) {
        RuntimeException e = assertThrows(type, () -> setter.accept(RequestOptions.builder()));
        assertEquals(message, e.getMessage());
    }

    @Test
    void aHeaderHttpDoesNotAllowIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> RequestOptions.builder().header("X-A", "line\nbreak"));
    }

    @Test
    void optionsMergeLaterWinsAndShowNoHeaderValues() {
        RequestOptions first = RequestOptions.builder().param("a", 1).header("X-Key", "secret-value").pageSize(5).build();
        RequestOptions later = RequestOptions.builder().param("a", 2).param("b", 3).header("x-key", "other").build();

        RequestOptions merged = first.with(later);

        assertEquals(Map.of("a", 2, "b", 3), merged.params());
        assertEquals(List.of("other"), merged.headers().all("X-Key"));
        assertEquals(5, merged.pageSize().getAsInt(), "unset in later: the earlier setting stays");
        assertFalse(merged.toString().contains("secret-value") || merged.toString().contains("other"),
                merged.toString());
        assertNotEquals(first.params(), merged.params());
        assertEquals(Map.of("a", 1), first.params(), "values are immutable");
    }

    @Test
    void anAnalyticsListingsOptionsKeepAllButTheParameters() {
        RequestOptions options = RequestOptions.builder().param("filters", Map.of()).header("X-A", "1").pageSize(5).build();
        RequestOptions bodyOnly = options.withoutParams();
        assertTrue(bodyOnly.params().isEmpty());
        assertEquals("1", bodyOnly.headers().firstOrNull("X-A"));
        assertEquals(5, bodyOnly.pageSize().getAsInt());
    }
}
