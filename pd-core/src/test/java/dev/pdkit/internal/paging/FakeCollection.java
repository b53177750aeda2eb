package dev.pdkit.internal.paging;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** An in-memory offset-paginated collection of generated records, as a {@link PageSource}. */
class FakeCollection implements PageSource {

    final List<Map<String, Object>> records;
    final List<Map<String, Object>> requests = new ArrayList<>();
    int maxLimit = 100;
    boolean sendMore = true;
    Function<Long, RuntimeException> failAt = offset -> null;

    FakeCollection(int size) {
        records = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            records.add(Map.of("id", "P" + i, "n", i));
        }
    }

    FakeCollection(List<Map<String, Object>> records) {
        this.records = records;
    }

    @Override
    public Page fetch(Map<String, Object> request) {
        requests.add(request);
        long offset = ((Number) request.get("offset")).longValue();
        long limit = ((Number) request.get("limit")).longValue();
        if (offset + limit > 10_000) {
            throw new IllegalStateException("the fake refuses offset+limit > 10000: " + request);
        }
        RuntimeException failure = failAt.apply(offset);
        if (failure != null) {
            throw failure;
        }
        int from = (int) Math.min(offset, records.size());
        int to = (int) Math.min(records.size(), offset + Math.min(limit, maxLimit));
        List<Map<String, Object>> items = new ArrayList<>(records.subList(from, to));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("records", items);
        body.put("limit", null);
        body.put("offset", offset);
        if (sendMore) {
            body.put("more", to < records.size());
        }
        body.put("total", Boolean.TRUE.equals(request.get("total")) ? (Object) records.size() : null);
        return new Page(items, body);
    }

    List<Long> offsets() {
        return requests.stream().map(r -> ((Number) r.get("offset")).longValue()).toList();
    }

    List<Long> limits() {
        return requests.stream().map(r -> ((Number) r.get("limit")).longValue()).toList();
    }
}
