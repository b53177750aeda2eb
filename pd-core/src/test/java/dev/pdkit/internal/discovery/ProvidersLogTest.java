package dev.pdkit.internal.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pdkit.internal.discovery.ProvidersTest.Fake;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.ResourceBundle;
import java.util.ServiceConfigurationError;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What discovery reports: a provider jar that fails to load (the only trace of a broken jar), and
 * which provider was chosen and why, once per distinct choice rather than on every client build.
 */
class ProvidersLogTest {

    /** Each test uses properties of its own: the last choice logged is remembered per property. */
    private static final AtomicInteger UNIQUE = new AtomicInteger();

    private final Recorder log = new Recorder();
    private final String property = "pdkit.test.log." + UNIQUE.incrementAndGet();

    @AfterEach
    void clearProperty() {
        System.clearProperty(property);
    }

    private Providers<Fake> over(Iterable<Fake> candidates) {
        return new Providers<>(Fake.class, "transport", property, "dev.pdkit:pd-transport-jdk",
                Fake::name, Fake::priority, () -> candidates, log);
    }

    static Stream<Arguments> choices() {
        return Stream.of(
                Arguments.of("the only provider", List.of(new Fake("jdk", 100)),
                        List.of("Using transport jdk of [jdk(100)]")),
                Arguments.of("the highest priority", List.of(new Fake("jdk", 100), new Fake("okhttp", 200)),
                        List.of("Using transport okhttp of [okhttp(200), jdk(100)]")),
                Arguments.of("a tie at the top, decided by name",
                        List.of(new Fake("jdk", 100), new Fake("apache", 100)),
                        List.of("transport providers [apache(100), jdk(100)] share the top priority; 'apache' wins"
                                        + " by name. Set -D{property}=NAME to choose.",
                                "Using transport apache of [apache(100), jdk(100)]")),
                Arguments.of("a tie below the top is no tie",
                        List.of(new Fake("jdk", 100), new Fake("okhttp", 200), new Fake("apache", 100)),
                        List.of("Using transport okhttp of [okhttp(200), apache(100), jdk(100)]")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("choices")
    void theChoiceIsLoggedWithWhyItWon(String rule, List<Fake> candidates, List<String> expected) {
        over(candidates).choose();
        assertEquals(expected.stream().map(m -> "DEBUG " + m.replace("{property}", property)).toList(), log.lines);
    }

    @Test
    void aChoiceByTheSystemPropertyIsLoggedWithTheProperty() {
        System.setProperty(property, "jdk");
        over(List.of(new Fake("jdk", 100), new Fake("okhttp", 200))).choose();
        assertEquals(List.of("DEBUG Using transport 'jdk' chosen by -D" + property), log.lines);
    }

    /** A client is built often (one per request in some hosts); its unchanged choice is reported once. */
    @Test
    void theSameChoiceIsLoggedOnceAndAChangedOneAgain() {
        List<Fake> one = List.of(new Fake("jdk", 100));
        over(one).choose();
        over(one).choose();
        over(List.of(new Fake("jdk", 100), new Fake("okhttp", 200))).choose();
        assertEquals(List.of(
                "DEBUG Using transport jdk of [jdk(100)]",
                "DEBUG Using transport okhttp of [okhttp(200), jdk(100)]"), log.lines);
    }

    /** A broken jar is skipped, but not silently: the warning names the port and the error. */
    @Test
    void aProviderThatFailsToLoadIsLoggedAsAWarning() {
        Iterable<Fake> withBrokenJars = () -> new Iterator<>() {
            private int i;

            @Override
            public boolean hasNext() {
                return i < 3;
            }

            @Override
            public Fake next() {
                switch (i++) {
                    case 0:
                        throw new ServiceConfigurationError("provider class not found");
                    case 1:
                        throw new NoClassDefFoundError("okhttp3/OkHttpClient");
                    case 2:
                        return new Fake("jdk", 100);
                    default:
                        throw new NoSuchElementException();
                }
            }
        };
        assertEquals(List.of(new Fake("jdk", 100)), over(withBrokenJars).available());
        assertEquals(List.of(
                "WARNING Skipping a transport provider that failed to load:"
                        + " java.util.ServiceConfigurationError: provider class not found",
                "WARNING Skipping a transport provider that failed to load:"
                        + " java.lang.NoClassDefFoundError: okhttp3/OkHttpClient"), log.lines);
    }

    /** A System.Logger that keeps "LEVEL message" lines, every level enabled. */
    static final class Recorder implements System.Logger {

        final List<String> lines = new ArrayList<>();

        @Override
        public String getName() {
            return "dev.pdkit.discovery";
        }

        @Override
        public boolean isLoggable(Level level) {
            return true;
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            lines.add(level.getName() + " " + msg);
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            lines.add(level.getName() + " " + format);
        }
    }
}
