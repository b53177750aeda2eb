package dev.pdkit.testkit.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.pdkit.testkit.FakePagerDuty;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * What the extension makes fail, seen by running fixture classes through the JUnit launcher (the
 * fixtures are static nested classes, which neither Surefire nor the outer class's discovery runs
 * on their own).
 */
class ExtensionFailuresTest {

    static TestExecutionSummary run(Class<?> fixture) {
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(fixture)).build(), listener);
        return listener.getSummary();
    }

    @Test
    void failOnUnmatchedRequestsFailsTheTestThatSentOne() {
        TestExecutionSummary s = run(UnmatchedFixture.class);
        assertEquals(2, s.getTestsStartedCount());
        assertEquals(1, s.getTestsFailedCount(), "only the test that sent the unmatched request fails");
        Throwable failure = s.getFailures().get(0).getException();
        assertTrue(failure instanceof AssertionError && failure.getMessage().contains("GET /no/such/operation"), String.valueOf(failure));
        assertTrue(s.getFailures().get(0).getTestIdentifier().getDisplayName().startsWith("sendsAnUnmatchedRequest"));
    }

    @Test
    void withoutTheOptionUnmatchedRequestsAreOnlyRecorded() {
        TestExecutionSummary s = run(LenientFixture.class);
        assertEquals(1, s.getTestsSucceededCount());
        assertEquals(0, s.getTestsFailedCount());
    }

    @Test
    void aPerTestFakeCannotGoIntoTheConstructor() {
        TestExecutionSummary s = run(PerTestConstructorFixture.class);
        assertEquals(1, s.getTestsFailedCount());
        String message = s.getFailures().get(0).getException().getMessage();
        assertTrue(message.contains("runs per test"), message);
    }

    @Test
    void serverOutsideATestIsAnError() {
        assertThrows(IllegalStateException.class, () -> FakePagerDutyExtension.builder().build().server());
    }

    static int get(FakePagerDuty pd, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(pd.restUrl() + path))
                .header("Authorization", "Token token=" + pd.apiToken()).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class UnmatchedFixture {
        @RegisterExtension
        static FakePagerDutyExtension ext = FakePagerDutyExtension.builder().failOnUnmatchedRequests(true).build();

        @Test
        @Order(1)
        void sendsAnUnmatchedRequest(FakePagerDuty pd) throws Exception {
            assertEquals(404, get(pd, "/no/such/operation"));
        }

        @Test
        @Order(2)
        void sendsOnlyMatchedRequests(FakePagerDuty pd) throws Exception {
            assertEquals(List.of(), pd.unmatchedRequests(), "the reset after the previous test cleared them");
            assertEquals(200, get(pd, "/users"));
        }
    }

    static class LenientFixture {
        @RegisterExtension
        static FakePagerDutyExtension ext = FakePagerDutyExtension.builder().build();

        @Test
        void sendsAnUnmatchedRequest(FakePagerDuty pd) throws Exception {
            assertEquals(404, get(pd, "/no/such/operation"));
            assertEquals(1, pd.unmatchedRequests().size());
        }
    }

    static class PerTestConstructorFixture {
        @RegisterExtension
        static FakePagerDutyExtension ext = FakePagerDutyExtension.builder().perTest().build();

        PerTestConstructorFixture(FakePagerDuty pd) {
        }

        @Test
        void neverRuns() {
        }
    }
}
