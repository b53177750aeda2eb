package dev.pdkit.transport.jdk;

import dev.pdkit.spi.ResponseTooLargeException;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * The whole body as one array, refused with {@link ResponseTooLargeException} as soon as it
 * declares or delivers more than the limit: the subscription is cancelled, which closes the
 * connection, so the heap never holds more than the limit. A body of declared length is copied
 * into one array as it arrives, without the second copy {@code BodyHandlers.ofByteArray()} makes.
 */
final class LimitedBody implements BodySubscriber<byte[]> {

    /** The longest array the JVM reliably allocates. */
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final long limit;
    private final String what;
    private final boolean declaredTooLong;
    /** The body, when its length was declared; else null and the parts are kept. */
    private final byte[] array;
    private final List<ByteBuffer> parts;
    private long received;
    private Flow.Subscription subscription;
    private boolean done;

    private LimitedBody(long limit, String what, OptionalLong declared) {
        this.limit = limit;
        this.what = what;
        long effective = Math.min(limit, MAX_ARRAY);
        this.declaredTooLong = declared.isPresent() && declared.getAsLong() > effective;
        boolean preallocate = declared.isPresent() && !declaredTooLong;
        this.array = preallocate ? new byte[(int) declared.getAsLong()] : null;
        this.parts = preallocate ? null : new ArrayList<>();
    }

    /**
     * A handler of bodies up to {@code limit} bytes, for the request {@code what}; {@code onHeaders}
     * runs when the response headers have arrived.
     */
    static BodyHandler<byte[]> handler(long limit, String what, Runnable onHeaders) {
        return info -> {
            onHeaders.run();
            OptionalLong declared;
            try {
                declared = info.headers().firstValueAsLong("Content-Length");
            } catch (NumberFormatException unparseable) {
                declared = OptionalLong.empty();
            }
            return new LimitedBody(limit, what, declared);
        };
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        if (declaredTooLong) {
            refuse();
            return;
        }
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        if (done) {
            return;
        }
        for (ByteBuffer item : items) {
            int n = item.remaining();
            if (received + n > Math.min(limit, MAX_ARRAY) || (array != null && received + n > array.length)) {
                refuse();
                return;
            }
            if (array != null) {
                item.get(array, (int) received, n);
            } else {
                parts.add(item);
            }
            received += n;
        }
    }

    @Override
    public void onError(Throwable throwable) {
        done = true;
        result.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
        if (done) {
            return;
        }
        done = true;
        if (array != null) {
            result.complete(received == array.length ? array : java.util.Arrays.copyOf(array, (int) received));
            return;
        }
        byte[] body = new byte[(int) received];
        int at = 0;
        for (ByteBuffer part : parts) {
            int n = part.remaining();
            part.get(body, at, n);
            at += n;
        }
        result.complete(body);
    }

    private void refuse() {
        done = true;
        subscription.cancel();
        result.completeExceptionally(new ResponseTooLargeException(limit, what));
    }
}
