package dev.pdkit.testkit;

import dev.pdkit.testkit.rest.Call;
import dev.pdkit.testkit.server.Recorder;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The received requests: the latest {@code limit} of them, the ones not yet taken by
 * {@code takeRequest}, and the unmatched ones, each kept once. Older requests are counted, not
 * kept, so a fake serving millions of requests holds a bounded journal. Thread-safe.
 */
final class Journal implements Recorder {

    /** How many requests a fake keeps unless its builder says otherwise. */
    static final int DEFAULT_LIMIT = 10_000;

    private final int limit;
    private final ArrayDeque<RecordedRequest> kept = new ArrayDeque<>();
    /** The kept requests by sequence number, so a later {@link #unmatched} mark finds its request. */
    private final Map<Long, RecordedRequest> bySequence = new HashMap<>();
    private final ArrayDeque<RecordedRequest> untaken = new ArrayDeque<>();
    private final ArrayDeque<RecordedRequest> unmatched = new ArrayDeque<>();
    private long received;

    /** @param limit how many requests to keep; 0 keeps none (they are still counted) */
    Journal(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("journal limit must not be negative: " + limit);
        }
        this.limit = limit;
    }

    @Override
    public void received(Call call) {
        RecordedRequest r = limit == 0 ? null : new RecordedRequest(call);
        synchronized (this) {
            received++;
            if (r == null) {
                return;
            }
            kept.addLast(r);
            bySequence.put(call.sequence(), r);
            if (kept.size() > limit) {
                bySequence.remove(kept.removeFirst().sequence());
            }
            bounded(untaken, r);
            notifyAll();
        }
    }

    @Override
    public synchronized void unmatched(Call call) {
        RecordedRequest r = bySequence.get(call.sequence());
        if (r != null) {
            bounded(unmatched, r);
        }
    }

    /** Adds {@code r}, dropping the oldest entry beyond the limit. */
    private void bounded(ArrayDeque<RecordedRequest> q, RecordedRequest r) {
        q.addLast(r);
        if (q.size() > limit) {
            q.removeFirst();
        }
    }

    synchronized List<RecordedRequest> all() {
        return List.copyOf(kept);
    }

    /** Every request received, kept or not. */
    synchronized long count() {
        return received;
    }

    /** Requests received but no longer kept. */
    synchronized long dropped() {
        return received - kept.size();
    }

    int limit() {
        return limit;
    }

    synchronized List<RecordedRequest> unmatched() {
        return new ArrayList<>(unmatched);
    }

    synchronized RecordedRequest take(Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative: " + timeout);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (untaken.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        return untaken.removeFirst();
    }

    synchronized void clear() {
        kept.clear();
        bySequence.clear();
        unmatched.clear();
        untaken.clear();
        received = 0;
    }
}
