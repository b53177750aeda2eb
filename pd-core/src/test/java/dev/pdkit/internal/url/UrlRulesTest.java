package dev.pdkit.internal.url;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pdkit.PdUrlException;
import java.net.URI;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** The URL rules as a table: what each base URL and each value resolves to, or why it is refused. */
class UrlRulesTest {

    @ParameterizedTest(name = "{0} + {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            https://api.pagerduty.com/    | users                                   | https://api.pagerduty.com/users
            https://api.pagerduty.com     | /users                                  | https://api.pagerduty.com/users
            https://api.pagerduty.com     | users/PABC123                           | https://api.pagerduty.com/users/PABC123
            https://api.pagerduty.com     | https://api.pagerduty.com/users/P1      | https://api.pagerduty.com/users/P1
            https://api.pagerduty.com     | HTTPS://API.PAGERDUTY.COM/users/P1      | HTTPS://API.PAGERDUTY.COM/users/P1
            https://api.pagerduty.com     | https://api.pagerduty.com:443/users     | https://api.pagerduty.com:443/users
            https://api.pagerduty.com     | users?limit=1                           | https://api.pagerduty.com/users?limit=1
            https://api.pagerduty.com     | incidents?since=2026-01-01T10:00:00Z    | https://api.pagerduty.com/incidents?since=2026-01-01T10:00:00Z
            https://api.pagerduty.com     | log_entries?until=10:00                 | https://api.pagerduty.com/log_entries?until=10:00
            https://api.eu.pagerduty.com  | /incidents                              | https://api.eu.pagerduty.com/incidents
            http://127.0.0.1:8080         | /users                                  | http://127.0.0.1:8080/users
            http://localhost:8080/api     | users                                   | http://localhost:8080/api/users
            http://localhost:8080/api     | http://localhost:8080/api/users         | http://localhost:8080/api/users
            http://[::1]:9000             | users                                   | http://[::1]:9000/users
            # The default port, written out or left out, is the same origin.
            http://localhost              | http://localhost:80/users               | http://localhost:80/users
            http://localhost:80           | http://localhost/users                  | http://localhost/users
            https://api.pagerduty.com:443 | https://api.pagerduty.com/users         | https://api.pagerduty.com/users
            # A base URL given with a trailing slash takes full URLs as well as paths.
            https://api.pagerduty.com/    | https://api.pagerduty.com/users         | https://api.pagerduty.com/users
            # The API root itself is under the root.
            http://localhost:8080/api     | http://localhost:8080/api               | http://localhost:8080/api
            # A scheme begins with a letter (RFC 3986), so a value whose colon follows a number is a path.
            https://api.pagerduty.com     | 123:456                                 | https://api.pagerduty.com/123:456
            """)
    void resolves(String base, String value, String expected) {
        assertEquals(URI.create(expected), BaseUrl.parse(base).resolve(value));
    }

    @ParameterizedTest(name = "{0} refuses {1}")
    @CsvSource(delimiter = '|', textBlock = """
            https://api.pagerduty.com     | https://events.pagerduty.com/v2/enqueue
            https://api.pagerduty.com     | https://some.shady-site.com/read-your-auth-token
            https://api.pagerduty.com     | https://api.pagerduty.com.evil.com/users
            https://api.pagerduty.com     | http://api.pagerduty.com/users
            https://api.pagerduty.com     | https://api.pagerduty.com:8443/users
            https://api.pagerduty.com     | https://user@api.pagerduty.com/users
            https://api.pagerduty.com     | //api.pagerduty.com/users
            https://api.pagerduty.com     | ftp://api.pagerduty.com/users
            http://localhost:8080/api     | http://localhost:8080/apiary
            http://localhost:8080/api     | http://localhost:8080/other
            # Any scheme name (letters, digits, + - .) makes a full URL, checked like any other: never a path.
            https://api.pagerduty.com     | git+ssh://api.pagerduty.com/users
            https://api.pagerduty.com     | chrome-extension://api.pagerduty.com/users
            https://api.pagerduty.com     | iris.beep://api.pagerduty.com/users
            # https without '//': no host at all.
            https://api.pagerduty.com     | https:api.pagerduty.com/users
            https://api.pagerduty.com     | mailto:ops@example.com
            # Not a valid URL.
            https://api.pagerduty.com     | https://api.pagerduty.com/a b
            """)
    void refusesOtherHostsSchemesPortsAndPaths(String base, String value) {
        PdUrlException e = assertThrows(PdUrlException.class, () -> BaseUrl.parse(base).resolve(value));
        assertTrue(e.getMessage().contains(value), e.getMessage());
    }

    @ParameterizedTest(name = "base URL {0} is refused")
    @CsvSource(delimiter = '|', textBlock = """
            http://api.pagerduty.com
            http://10.0.0.5:8080
            ftp://api.pagerduty.com
            api.pagerduty.com
            https://api.pagerduty.com?x=1
            https://user:pw@api.pagerduty.com
            https://api.pagerduty.com#users
            https:api.pagerduty.com
            https://api pagerduty.com
            """)
    void refusesUnsafeBaseUrls(String base) {
        PdUrlException e = assertThrows(PdUrlException.class, () -> BaseUrl.parse(base));
        assertTrue(e.getMessage().contains(base), e::getMessage);
    }

    /** An unset base URL (an empty environment variable, say) is reported as empty, not as malformed. */
    @ParameterizedTest(name = "base URL \"{0}\" is empty")
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\t"})
    void anEmptyBaseUrlIsReportedAsEmpty(String base) {
        PdUrlException e = assertThrows(PdUrlException.class, () -> BaseUrl.parse(base));
        assertEquals("API base URL is empty", e.getMessage());
    }

    /** What logs and messages show: the base URL as given, without a trailing slash. */
    @ParameterizedTest(name = "{0} shows as {1}")
    @CsvSource(delimiter = '|', textBlock = """
            https://api.pagerduty.com      | https://api.pagerduty.com
            https://api.pagerduty.com/     | https://api.pagerduty.com
            http://localhost:8080/api/     | http://localhost:8080/api
            """)
    void showsAsGivenWithoutTrailingSlash(String base, String shown) {
        BaseUrl url = BaseUrl.parse(base);
        assertEquals(shown, url.asString());
        assertEquals(shown, url.toString());
    }

    /**
     * Loopback, where plain http is allowed, is decided from the text alone: a name is never
     * resolved, since what resolves to 127.0.0.1 now may resolve elsewhere later (DNS rebinding).
     */
    @ParameterizedTest(name = "{0} is loopback: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            localhost                 | true
            LOCALHOST                 | true
            127.0.0.1                 | true
            127.1.2.3                 | true
            127.255.255.255           | true
            127.9.9.9                 | true
            [::1]                     | true
            ::1                       | true
            [0:0:0:0:0:0:0:1]         | true
            [0000::0001]              | true
            [0::0:1]                  | true
            # '::' stands for one or more zero groups: here one.
            [0:0:0:0:0:0::1]          | true
            cafe.bad                  | false
            dead.beef                 | false
            abc.def                   | false
            a.b.c.d                   | false
            localhost.localdomain     | false
            localhost.evil.com        | false
            127.0.0.1.evil.com        | false
            127.0.0.1.                | false
            0127.0.0.1                | false
            127.00.0.1                | false
            127.0.0.256               | false
            127.0.0                   | false
            127.1                     | false
            127.0.1                   | false
            2130706433                | false
            1.0.0.127                 | false
            10.0.0.1                  | false
            [::2]                     | false
            [::]                      | false
            [1::1]                    | false
            [::1:0]                   | false
            [::ffff:127.0.0.1]        | false
            [::1::]                   | false
            [0:0:0:0:0:0:0:0:1]       | false
            [00000::1]                | false
            [::g1]                    | false
            [g::1]                    | false
            # '::' standing for no group at all: nine groups, not eight.
            [0:0:0:0::0:0:0:1]        | false
            [::0:0:0:0:0:0:0:1]       | false
            # Groups are hexadecimal: ::11 is ::17 and ::10:1 has a group of 16.
            [::11]                    | false
            [::10:1]                  | false
            # An empty group is not a zero group.
            [:0:0:0:0:0:0:1]          | false
            """)
    void loopbackIsDecidedFromTheTextAlone(String host, boolean loopback) {
        assertEquals(loopback, BaseUrl.isLoopback(host));
    }

    @ParameterizedTest(name = "plain http to {0} is refused")
    @CsvSource(delimiter = '|', textBlock = """
            http://cafe.bad:1
            http://dead.beef:8080
            http://localhost.localdomain:8080
            http://127.0.0.1.nip.io:8080
            """)
    void plainHttpToANameThatIsNotLocalhostIsRefused(String base) {
        PdUrlException e = assertThrows(PdUrlException.class, () -> BaseUrl.parse(base));
        assertTrue(e.getMessage().contains("plain http"), e::getMessage);
    }

    @ParameterizedTest(name = "empty value {0}")
    @CsvSource(value = {"''", "'   '"})
    void refusesEmptyValues(String value) {
        assertThrows(PdUrlException.class, () -> BaseUrl.parse("https://api.pagerduty.com").resolve(value));
    }

    @ParameterizedTest(name = "{0}: api path of {1} is {2}")
    @CsvSource(delimiter = '|', textBlock = """
            https://api.pagerduty.com | https://api.pagerduty.com/users/P1?limit=1 | /users/P1
            https://api.pagerduty.com | https://api.pagerduty.com                  | /
            http://localhost:1/api    | http://localhost:1/api/users/me            | /users/me
            https://api.pagerduty.com/ | https://api.pagerduty.com/users/P1        | /users/P1
            http://localhost:1/api/   | http://localhost:1/api                     | /
            """)
    void apiPathIsRelativeToTheRoot(String base, String url, String path) {
        assertEquals(path, BaseUrl.parse(base).apiPath(URI.create(url)));
    }

    @org.junit.jupiter.api.Test
    void resourcesAreAddressedByTheirSelfLink() {
        BaseUrl base = BaseUrl.parse("https://api.pagerduty.com");
        assertEquals(URI.create("https://api.pagerduty.com/users/P1"),
                base.resolveResource(Map.of("id", "P1", "self", "https://api.pagerduty.com/users/P1")));
        PdUrlException noSelf = assertThrows(PdUrlException.class, () -> base.resolveResource(Map.of("id", "P1")));
        assertTrue(noSelf.getMessage().contains("self"));
        assertThrows(PdUrlException.class,
                () -> base.resolveResource(Map.of("self", "https://evil.example.com/users/P1")));
    }

    /**
     * A resource that cannot be addressed says so, and lists the keys it has, so the caller sees
     * what was passed instead of a resource (a wrapped body, an id map).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("resourcesWithoutSelf")
    void aResourceWithoutAUsableSelfLinkIsRefusedWithItsKeys(String what, Map<String, ?> resource, String keys) {
        BaseUrl base = BaseUrl.parse("https://api.pagerduty.com");
        PdUrlException e = assertThrows(PdUrlException.class, () -> base.resolveResource(resource));
        assertTrue(e.getMessage().startsWith("resource has no 'self' link to address it by" + keys + ";"),
                e::getMessage);
    }

    static Stream<Arguments> resourcesWithoutSelf() {
        return Stream.of(
                Arguments.of("no resource", null, ""),
                Arguments.of("no self key", Map.of("id", "P1"), " (keys: [id])"),
                Arguments.of("a blank self", Map.of("self", "  "), " (keys: [self])"),
                Arguments.of("a self that is not text", Map.of("self", 42), " (keys: [self])"));
    }
}
