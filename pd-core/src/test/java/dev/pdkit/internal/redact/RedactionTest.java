package dev.pdkit.internal.redact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How secrets are shown, and how they are found in text a server sent back. */
class RedactionTest {

    @ParameterizedTest(name = "{0} shows as {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            y_NbAkKc66ryYTWUXYEu          | *XYEu
            u+abcd                        | *abcd
            abcde                         | *bcde
            abcd                          | *
            a                             | *
            NULL                          | null
            """)
    void aSecretShowsAsAnAsteriskAndItsLastFourCharacters(String secret, String shown) {
        assertEquals(shown, Secrets.redact(secret));
    }

    @Test
    void everySpellingOfTheSecretIsReplaced() {
        String token = "pdus+Ab/Cd3Ef4Gh";
        Redactor redactor = Redactor.of(token);

        assertEquals("key *f4Gh here", redactor.apply("key " + token + " here"));
        assertEquals("{\"k\":\"*f4Gh\"}", redactor.apply("{\"k\":\"pdus+Ab\\/Cd3Ef4Gh\"}"));
        assertEquals("?k=*f4Gh", redactor.apply("?k=pdus%2BAb%2FCd3Ef4Gh"));
        assertEquals("?k=*f4Gh", redactor.apply("?k=pdus%2bAb%2fCd3Ef4Gh"));
        assertEquals("*f4Gh and *f4Gh", redactor.apply(token + " and " + token));
        assertEquals("nothing to hide", redactor.apply("nothing to hide"));
        assertNull(redactor.apply(null));
    }

    @Test
    void severalSecretsAreReplacedLongestFirst() {
        Redactor redactor = Redactor.of("abcdef12", "abcdef12345678", null, "");

        assertEquals("*5678 *ef12", redactor.apply("abcdef12345678 abcdef12"));
    }

    @Test
    void noSecretsLeaveTextAlone() {
        String text = "a body";
        assertSame(text, Redactor.of().apply(text));
        assertSame(Redactor.NONE, Redactor.of(null, ""));
    }
}
