package dev.pdkit.internal.paging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** How a page's flags such as {@code more} are read from the decoded body. */
class PageTest {

    static Stream<Arguments> flags() {
        return Stream.of(
                Arguments.of(true, true),
                Arguments.of("true", true),      // some endpoints and proxies send the flag as text
                Arguments.of(false, false),
                Arguments.of("false", false),
                Arguments.of(null, false),
                Arguments.of("yes", false),
                Arguments.of(1, false));
    }

    @ParameterizedTest(name = "more: {0} is {1}")
    @MethodSource("flags")
    void onlyJsonTrueOrTheTextTrueIsTrue(Object value, boolean expected) {
        Map<String, Object> body = new HashMap<>();
        body.put("more", value);
        assertEquals(expected, new Page(List.of(), body).isTrue("more"));
    }
}
