package dev.pdkit.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Type;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** What the ports give an adapter for free: default names, and the real sleeper. */
class PortDefaultsTest {

    @AfterEach
    void clearTheFlag() {
        Thread.interrupted();
    }

    @Test
    void anAdapterIsNamedAfterItsClassUnlessItSaysOtherwise() {
        assertEquals("LoopbackTransport", new LoopbackTransport().name());
        assertEquals("TreeCodec", new TreeCodec().name());
    }

    /**
     * A zero or negative wait returns at once without looking at the thread: not even an interrupt
     * makes it throw, and the flag stays set for whoever checks it next.
     */
    @ParameterizedTest(name = "sleep({0} ms) on an interrupted thread")
    @ValueSource(longs = {0, -1, -60_000})
    void theSystemSleeperReturnsAtOnceForNoWait(long millis) throws InterruptedException {
        Thread.currentThread().interrupt();

        Sleeper.system().sleep(Duration.ofMillis(millis));

        assertTrue(Thread.currentThread().isInterrupted());
    }

    /** A real wait on an interrupted thread ends at once with InterruptedException, as the port requires. */
    @ParameterizedTest(name = "sleep({0} ns) on an interrupted thread")
    @ValueSource(longs = {1, 1_500_000, 60_000_000_000L})
    void theSystemSleeperThrowsWhenTheThreadIsInterrupted(long nanos) {
        Thread.currentThread().interrupt();

        assertThrows(InterruptedException.class, () -> Sleeper.system().sleep(Duration.ofNanos(nanos)));
        assertFalse(Thread.currentThread().isInterrupted(), "the exception, not the flag, reports the interrupt");
    }

    private static final class LoopbackTransport implements Transport {
        @Override
        public HttpResponse send(HttpRequest request) {
            return HttpResponse.of(204, Headers.empty(), null);
        }
    }

    private static final class TreeCodec implements JsonCodec {
        @Override
        public byte[] write(Object value) {
            return new byte[0];
        }

        @Override
        public Object read(byte[] json) {
            return null;
        }

        @Override
        public <T> T convert(Object tree, Type type) {
            return null;
        }
    }
}
