package dev.pdkit.bench.macro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Each macro benchmark runs in its smallest configuration ({@code --quick}) and prints its table
 * and RESULT lines. No timing is asserted: figures from a shared machine in a test run mean
 * nothing. What is asserted is what the benchmarks check about correctness (the runs throw when
 * records are missing or out of order) and that each produced its result lines. FaultMix reports
 * what it found instead of throwing, and its report is asserted here.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MacroSmokeTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private String output() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private void assertResults(String benchmark, List<Result> results, int expected) {
        assertEquals(expected, results.size(), output());
        for (Result r : results) {
            assertEquals(benchmark, r.benchmark());
            assertTrue(Double.isFinite(r.ratio()) && r.ratio() > 0, r.line());
            assertTrue(output().contains(r.line()), "printed: " + r.line());
        }
        assertTrue(output().contains("|---"), "a table is printed");
    }

    @Test
    void overhead() throws Exception {
        List<Result> results = Overhead.run(Args.parse("--quick"), out);
        assertResults("Overhead", results, 3);
        assertEquals(List.of("jdk", "okhttp", "apache"), results.stream().map(Result::item).toList());
    }

    @Test
    void paginationReturnsTheSameTenThousandIdsSequentiallyAndConcurrently() throws Exception {
        // Pagination.run throws unless both listAll runs return the 10,000 seeded ids in order.
        List<Result> results = Pagination.run(Args.parse("--quick"), out);
        assertResults("Pagination", results, 4);
        assertTrue(results.stream().allMatch(r -> r.detail().contains("10,000 ids identical")), output());
    }

    @Test
    void memoryCompletesInA64MbChildJvm() throws Exception {
        List<Result> results = Memory.run(Args.parse("--quick"), out);
        assertResults("Memory", results, 1);
        // Completion is not a timing: every record, once, without running out of heap.
        assertEquals(Result.Verdict.PASS, results.get(0).verdict(), output());
        assertTrue(output().contains("| stream, concurrency 8 | true"), output());
    }

    @Test
    void fakeVsWireMock() throws Exception {
        List<Result> results = FakeVsWireMock.run(Args.parse("--quick"), out);
        assertResults("FakeVsWireMock", results, 4);
    }

    @Test
    void events() throws Exception {
        // Events.run throws unless every event gave a distinct dedup key and reached the fake.
        List<Result> results = Events.run(Args.parse("--quick"), out);
        assertResults("Events", results, 2);
        assertFalse(output().contains("MISS"), "Events has no target: " + output());
    }

    @Test
    void faultMixDuplicatesLosesAndReordersNothingOnAnyTransport() throws Exception {
        FaultMix.Report report = FaultMix.execute(Args.parse("--quick"), out);
        // Three create scenarios and two listings per transport.
        assertEquals(3 * 5, report.results().size(), output());
        for (Result r : report.results()) {
            assertEquals("FaultMix", r.benchmark());
            assertTrue(output().contains(r.line()), "printed: " + r.line());
        }
        assertTrue(output().contains("|---"), "a table is printed");
        assertEquals(List.of("jdk", "okhttp", "apache"),
                report.listings().stream().map(FaultMix.ListRun::transport).distinct().toList());

        int controlDuplicates = 0;
        for (FaultMix.CreateRun r : report.creates()) {
            assertEquals(r.calls(), r.succeeded() + r.raised(), "every call returned or raised: " + r);
            // A call that returned a team never lost it, and never got another call's answer.
            assertEquals(0, r.lost(), r + "\n" + output());
            assertEquals(0, r.wrongAnswers(), r + "\n" + output());
            if (r.control()) {
                // retryNonIdempotent(true) resends POSTs the server acted on: duplicates are allowed.
                controlDuplicates += r.duplicates();
            } else {
                assertEquals(0, r.duplicates(), r + "\n" + output());
            }
        }
        // The control proves the experiment can see a duplicate. About a third of the faults strike
        // after the server acted, so each transport's 60 creates expect 4 or 5 duplicates, and the
        // three together about 14: all three seeing none is not a realistic outcome of the seeded draws.
        assertTrue(controlDuplicates > 0, "the control showed no duplicate on any transport: " + output());

        for (FaultMix.ListRun r : report.listings()) {
            assertNull(r.raised(), r + "\n" + output());
            assertEquals(r.expected(), r.returned(), r.toString());
            assertTrue(r.correct(), "every record once, in order: " + r + "\n" + output());
        }
        // Each kind of fault was injected at least once, and the proxy itself never failed.
        report.totalFaults().forEach((fault, n) -> assertTrue(n > 0, fault + " was never injected: " + output()));
        report.creates().forEach(r -> assertEquals(0, r.upstreamFailures(), r.toString()));
        report.listings().forEach(r -> assertEquals(0, r.upstreamFailures(), r.toString()));
    }
}
