package dev.pdkit.bench.micro;

import dev.pdkit.internal.url.QueryEncoder;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Query encoding: a realistic incident search (set filters, a time window, a search term with
 * characters to escape) and the small map every page of an offset iteration sends.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class QueryEncodingBenchmark {

    private Map<String, Object> incidentSearch;
    private Map<String, Object> page;

    /** Builds the parameter maps once. */
    @Setup
    public void setup() {
        incidentSearch = new LinkedHashMap<>();
        incidentSearch.put("statuses", List.of("triggered", "acknowledged"));
        incidentSearch.put("team_ids", List.of("PTEAM01", "PTEAM02", "PTEAM03"));
        incidentSearch.put("service_ids", List.of("PSVC001", "PSVC002"));
        incidentSearch.put("urgencies", List.of("high"));
        incidentSearch.put("since", OffsetDateTime.of(2026, 11, 1, 0, 0, 0, 0, ZoneOffset.UTC));
        incidentSearch.put("until", OffsetDateTime.of(2026, 11, 26, 12, 30, 0, 0, ZoneOffset.ofHours(1)));
        incidentSearch.put("include", List.of("assignees", "services", "first_trigger_log_entries"));
        incidentSearch.put("time_zone", "Europe/Zürich");
        incidentSearch.put("query", "disk full on db-1 (primary) & café");
        incidentSearch.put("total", true);
        incidentSearch.put("limit", 100);
        incidentSearch.put("offset", 200);

        page = new LinkedHashMap<>();
        page.put("limit", 100);
        page.put("offset", 4200);
        page.put("total", true);
    }

    /** A 12-parameter incident search (about 420 characters encoded). */
    @Benchmark
    public String incidentSearch() {
        return QueryEncoder.encode(incidentSearch);
    }

    /** {@code limit}, {@code offset}, {@code total}: what each page request of iterAll adds. */
    @Benchmark
    public String pageParameters() {
        return QueryEncoder.encode(page);
    }
}
