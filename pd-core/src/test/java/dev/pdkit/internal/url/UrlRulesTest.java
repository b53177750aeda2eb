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
