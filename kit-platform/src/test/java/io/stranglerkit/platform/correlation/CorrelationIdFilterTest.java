package io.stranglerkit.platform.correlation;

import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class CorrelationIdFilterTest {

    private final CorrelationIdFilter filter = new CorrelationIdFilter();

    @Test
    void keepsTheCallersPlainIdInTheLogContextAndTheAnswer() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/x");
        request.addHeader("X-Correlation-Id", "abc-123.x:y_z");
        MockHttpServletResponse response = new MockHttpServletResponse();
        AtomicReference<String> logged = new AtomicReference<>();

        filter.doFilter(request, response, (req, res) -> logged.set(MDC.get("correlationId")));

        assertThat(logged.get()).isEqualTo("abc-123.x:y_z");
        assertThat(response.getHeader("X-Correlation-Id")).isEqualTo("abc-123.x:y_z");
        assertThat(MDC.get("correlationId")).as("cleared after the request").isNull();
    }

    @Test
    void marksTheProxysShadowCopyOfAReadInTheLogContext() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/x");
        request.addHeader("X-Correlation-Id", "abc");
        request.addHeader("X-Shadow", "true");
        AtomicReference<String> logged = new AtomicReference<>();

        filter.doFilter(request, new MockHttpServletResponse(), (req, res) -> logged.set(MDC.get("correlationId") + MDC.get("shadow")));

        assertThat(logged.get()).isEqualTo("abc shadow");
        assertThat(MDC.get("shadow")).as("cleared after the request").isNull();
        filter.doFilter(new MockHttpServletRequest("GET", "/x"), new MockHttpServletResponse(), (req, res) -> logged.set(MDC.get("shadow")));
        assertThat(logged.get()).isNull();
    }

    @Test
    void replacesAnIdThatIsNotAPlainShortToken() throws Exception {
        for (String hostile : new String[]{"a b", "x\r\nSet-Cookie: y", "a".repeat(65), ""}) {
            MockHttpServletRequest request = new MockHttpServletRequest("GET", "/x");
            request.addHeader("X-Correlation-Id", hostile);
            MockHttpServletResponse response = new MockHttpServletResponse();
            filter.doFilter(request, response, (req, res) -> { });
            assertThat(response.getHeader("X-Correlation-Id")).as(hostile)
                    .matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        }
    }
}
