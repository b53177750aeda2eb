package dev.pdkit.internal.paging;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * An in-memory offset-paginated collection of generated records, as a {@link PageSource}. Safe to
 * fetch from several threads: each page is cut from the records under a lock, and the hooks let a
 * test block, fail or change the collection at a chosen offset.
 */
class FakeCollection implements PageSource {

    /** Runs before a page is cut, outside the lock, on the fetching thread. */
    interface BeforeServe {
        void at(long offset) throws InterruptedException;
    }

    final List<Map<String, Object>> records;
    final List<Map<String, Object>> requests = Collections.synchronizedList(new ArrayList<>());
    volatile int maxLimit = 100;
    volatile boolean sendMore = true;
    volatile boolean sendTotal = true;
    volatile Function<Long, RuntimeException> failAt = offset -> null;
    volatile BeforeServe beforeServe = offset -> { };
    /** Records hidden from a page (the API may omit records the key can't see), by offset. */
    volatile Function<Long, Integer> omitAt = offset -> 0;
    /** Rewrites the page served at an offset, to play an API quirk; by default the page is served as cut. */
    volatile BiFunction<Long, Page, Page> reshape = (offset, page) -> page;

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
        try {
            beforeServe.at(offset);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while fetching offset " + offset, e);
        }
        RuntimeException failure = failAt.apply(offset);
        if (failure != null) {
            throw failure;
        }
        Page page;
        synchronized (records) {
            int from = (int) Math.min(offset, records.size());
            int to = (int) Math.min(records.size(), offset + Math.min(limit, maxLimit));
            List<Map<String, Object>> items = new ArrayList<>(records.subList(from, to));
            int omit = Math.min(items.size(), omitAt.apply(offset));
            items.subList(items.size() - omit, items.size()).clear();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("records", items);
            body.put("limit", null);
            body.put("offset", offset);
            if (sendMore) {
                body.put("more", to < records.size());
            }
            boolean total = sendTotal && Boolean.TRUE.equals(request.get("total"));
            body.put("total", total ? (Object) records.size() : null);
            page = new Page(items, body);
        }
        return reshape.apply(offset, page);
    }

    /** The page served at {@code at} is empty, although its body says {@code more: true}. */
    void emptyAt(long at) {
        reshape = (offset, page) -> offset == at ? new Page(List.of(), Map.of("records", List.of(), "more", true)) : page;
    }

    /** The page served at {@code at} repeats the records of the page before it (of {@code pageSize}). */
    void repeatAt(long at, int pageSize) {
        reshape = (offset, page) -> offset == at
                ? new Page(new ArrayList<>(records.subList((int) at - pageSize, (int) at)), page.body()) : page;
    }

    /** The body of the page served at {@code at} is changed: a {@code more} set or removed, for example. */
    void bodyAt(long at, Consumer<Map<String, Object>> change) {
        reshape = (offset, page) -> {
            if (offset != at) {
                return page;
            }
            Map<String, Object> body = new LinkedHashMap<>();
            page.body().forEach((k, v) -> body.put((String) k, v));
            change.accept(body);
            return new Page(page.items(), body);
        };
    }

    /** Changes the records under the lock that pages are cut under. */
    void modify(Consumer<List<Map<String, Object>>> change) {
        synchronized (records) {
            change.accept(records);
        }
    }

    List<Long> offsets() {
        return List.copyOf(requests).stream().map(r -> ((Number) r.get("offset")).longValue()).toList();
    }

    List<Long> limits() {
        return List.copyOf(requests).stream().map(r -> ((Number) r.get("limit")).longValue()).toList();
    }
}
