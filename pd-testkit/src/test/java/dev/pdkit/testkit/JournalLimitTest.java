package dev.pdkit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The journal keeps the latest requests up to its limit and counts the rest, so its memory is bounded. */
class JournalLimitTest {

    @Test
    void keepsTheLatestRequestsAndCountsTheOthers() {
        try (FakePagerDuty pd = FakePagerDuty.builder().journalLimit(3).start()) {
            Api api = Api.account(pd);
            for (int i = 0; i < 5; i++) {
                api.get("/users?query=n" + i);
            }
            api.get("/no/such/thing/" + 5);
            assertEquals(6, pd.requestCount());
            assertEquals(3, pd.droppedRequestCount());
            assertEquals(java.util.Arrays.asList("n3", "n4", null), pd.requests().stream().map(r -> r.queryParam("query")).toList());
            assertEquals(List.of("/no/such/thing/5"), pd.unmatchedRequests().stream().map(RecordedRequest::path).toList());
            assertEquals("n3", pd.takeRequest(Duration.ZERO).queryParam("query"), "the oldest kept request first");
            assertEquals("n4", pd.takeRequest(Duration.ZERO).queryParam("query"));
            assertEquals("/no/such/thing/5", pd.takeRequest(Duration.ZERO).path());
            assertNull(pd.takeRequest(Duration.ZERO));

            pd.reset();
            assertEquals(0, pd.requestCount());
            assertEquals(0, pd.droppedRequestCount());
            assertTrue(pd.requests().isEmpty());
        }
    }

    @Test
    void aLimitOfZeroKeepsNothingButCountsEverything() {
        try (FakePagerDuty pd = FakePagerDuty.builder().journalLimit(0).start()) {
            Api.account(pd).get("/users");
            Api.account(pd).get("/teams");
            assertEquals(2, pd.requestCount());
            assertEquals(2, pd.droppedRequestCount());
            assertTrue(pd.requests().isEmpty());
            assertNull(pd.takeRequest(Duration.ZERO));
        }
    }

    @Test
    void aNegativeLimitIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> FakePagerDuty.builder().journalLimit(-1));
    }
}
