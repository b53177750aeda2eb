package dev.pdkit.testkit.junit;

import dev.pdkit.EventsApiV2Client;
import dev.pdkit.RestApiV2Client;
import dev.pdkit.testkit.FakePagerDuty;
import java.util.Objects;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts a {@link FakePagerDuty} for JUnit Jupiter tests, injects it as a parameter (of test and
 * lifecycle methods, and of the constructor when it runs per class), resets it between tests and
 * closes it at the end.
 *
 * <pre>{@code
 * @ExtendWith(FakePagerDutyExtension.class)       // one fake per test class, reset after each test
 * class IncidentTest {
 *     @Test void triggers(FakePagerDuty pd) { ... }
 * }
 *
 * class OtherTest {
 *     @RegisterExtension
 *     static FakePagerDutyExtension pd = FakePagerDutyExtension.builder()
 *             .perTest().failOnUnmatchedRequests(true)
 *             .configure(b -> b.rateLimit(100))
 *             .build();
 * }
 * }</pre>
 *
 * <p>Per class (the default), the fake starts before the class's first test and is
 * {@linkplain FakePagerDuty#reset() reset} after each test, so seed in {@code @BeforeEach}. Per
 * test, each test gets a fresh fake that is closed after it. Registered on an instance field, the
 * extension never sees the class start and so always works per test. Nested classes share their
 * enclosing class's fake.
 *
 * <p>With {@link Builder#failOnUnmatchedRequests(boolean)}, a test fails after it ran if the fake
 * received a request that matched no PagerDuty operation (see {@link FakePagerDuty#unmatchedRequests()}).
 *
 * <p>Compiled against JUnit 5.14, it runs on JUnit 5.14 and 6.
 */
// JUnit is an optional ("requires static") dependency: whoever uses the extension has JUnit.
@SuppressWarnings("exports")
public final class FakePagerDutyExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

    /** When a fake starts and stops. */
    public enum Lifecycle {
        /** One fake per test class, reset after each test. */
        PER_CLASS,
        /** One fake per test, closed after it. */
        PER_TEST
    }

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(FakePagerDutyExtension.class);

    private final Lifecycle lifecycle;
    private final boolean failOnUnmatched;
    private final boolean resetBetweenTests;
    private final Consumer<FakePagerDuty.Builder> configuration;
    private volatile FakePagerDuty current;

    /** The defaults, for {@code @ExtendWith}: per class, reset between tests, unmatched requests allowed. */
    public FakePagerDutyExtension() {
        this(builder());
    }

    private FakePagerDutyExtension(Builder b) {
        this.lifecycle = b.lifecycle;
        this.failOnUnmatched = b.failOnUnmatched;
        this.resetBetweenTests = b.resetBetweenTests;
        this.configuration = b.configuration;
    }

    /** A builder for {@code @RegisterExtension}. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The fake of the test running now.
     *
     * @throws IllegalStateException outside a test or lifecycle method
     */
    public FakePagerDuty server() {
        FakePagerDuty f = current;
        if (f == null) {
            throw new IllegalStateException("no FakePagerDuty is running: call server() from a test or lifecycle method");
        }
        return f;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (lifecycle == Lifecycle.PER_CLASS) {
            startIn(context);
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        FakePagerDuty shared = context.getStore(NAMESPACE).get(this, FakePagerDuty.class);
        current = shared != null ? shared : startIn(context);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        // remove() only sees this test's own store, so it finds a per-test fake and never the class's.
        FakePagerDuty own = context.getStore(NAMESPACE).remove(this, FakePagerDuty.class);
        if (own != null) {
            try {
                check(own);
            } finally {
                own.close();
                current = null;
            }
            return;
        }
        FakePagerDuty shared = context.getStore(NAMESPACE).get(this, FakePagerDuty.class);
        if (shared != null) {
            try {
                check(shared);
            } finally {
                if (resetBetweenTests) {
                    shared.reset();
                }
            }
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        FakePagerDuty own = context.getStore(NAMESPACE).remove(this, FakePagerDuty.class);
        if (own != null) {
            own.close();
            current = null;
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return type == FakePagerDuty.class || type == RestApiV2Client.class || type == EventsApiV2Client.class;
    }

    /**
     * A {@link FakePagerDuty}, or a client of it ({@link FakePagerDuty#restClient()},
     * {@link FakePagerDuty#eventsClient()}), which the extension closes after the test or the
     * class it was made for.
     */
    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        FakePagerDuty f = fake(extensionContext);
        Class<?> type = parameterContext.getParameter().getType();
        if (type == FakePagerDuty.class) {
            return f;
        }
        AutoCloseable client = type == RestApiV2Client.class ? f.restClient() : f.eventsClient();
        // Closed when this context's store is: after the test, or after the class for a constructor
        // or @BeforeAll parameter.
        extensionContext.getStore(NAMESPACE).put(new Object(), (ExtensionContext.Store.CloseableResource) client::close);
        return client;
    }

    private FakePagerDuty fake(ExtensionContext extensionContext) {
        FakePagerDuty f = extensionContext.getStore(NAMESPACE).get(this, FakePagerDuty.class);
        if (f != null) {
            return f;
        }
        if (lifecycle == Lifecycle.PER_TEST && extensionContext.getTestMethod().isEmpty()) {
            throw new ParameterResolutionException("FakePagerDutyExtension runs per test: inject FakePagerDuty into "
                    + "@Test or @BeforeEach/@AfterEach methods, not into the constructor or @BeforeAll");
        }
        // E.g. the constructor of a @TestInstance(PER_CLASS) class, which runs before beforeAll.
        return startIn(extensionContext);
    }

    private FakePagerDuty startIn(ExtensionContext context) {
        FakePagerDuty f = context.getStore(NAMESPACE).getOrComputeIfAbsent(this, k -> {
            FakePagerDuty.Builder b = FakePagerDuty.builder();
            configuration.accept(b);
            return b.start();
        }, FakePagerDuty.class);
        current = f;
        return f;
    }

    private void check(FakePagerDuty f) {
        if (failOnUnmatched) {
            f.assertNoUnmatchedRequests();
        }
    }

    /** Settings for the extension. */
    public static final class Builder {
        private Lifecycle lifecycle = Lifecycle.PER_CLASS;
        private boolean failOnUnmatched;
        private boolean resetBetweenTests = true;
        private Consumer<FakePagerDuty.Builder> configuration = b -> { };

        private Builder() {
        }

        /** One fake per test instead of per class. */
        public Builder perTest() {
            return lifecycle(Lifecycle.PER_TEST);
        }

        /** When fakes start and stop (default {@link Lifecycle#PER_CLASS}). */
        public Builder lifecycle(Lifecycle lifecycle) {
            this.lifecycle = Objects.requireNonNull(lifecycle, "lifecycle");
            return this;
        }

        /** Whether a test fails when the fake received a request no PagerDuty operation matches (default false). */
        public Builder failOnUnmatchedRequests(boolean fail) {
            this.failOnUnmatched = fail;
            return this;
        }

        /** Whether a per-class fake is reset after each test (default true). */
        public Builder resetBetweenTests(boolean reset) {
            this.resetBetweenTests = reset;
            return this;
        }

        /** Settings for each fake the extension starts, e.g. {@code b -> b.apiToken("T").rateLimit(60)}. */
        public Builder configure(Consumer<FakePagerDuty.Builder> configuration) {
            this.configuration = Objects.requireNonNull(configuration, "configuration");
            return this;
        }

        /** The extension. */
        public FakePagerDutyExtension build() {
            return new FakePagerDutyExtension(this);
        }
    }
}
