package dev.pdkit.internal.url;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pdkit.PdUrlException;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
            """)
    void refusesUnsafeBaseUrls(String base) {
        assertThrows(PdUrlException.class, () -> BaseUrl.parse(base));
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
            [::1]                     | true
            ::1                       | true
            [0:0:0:0:0:0:0:1]         | true
            [0000::0001]              | true
            [0::0:1]                  | true
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
}
