package io.stranglerkit.platform.limits;

import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class RequestBodyLimitFilterTest {

    private final RequestBodyLimitFilter filter = new RequestBodyLimitFilter(DataSize.ofKilobytes(1));

    @Test
    void aDeclaredLengthOverTheLimitIs413ProblemNamingTheBodyAndNothingRuns() throws Exception {
        MockHttpServletRequest request = post(new byte[2048]);
        MockHttpServletResponse response = new MockHttpServletResponse();
        MDC.put("correlationId", "c-1");
        try {
            filter.doFilter(request, response, (req, res) -> {
                throw new AssertionError("the application must not see the request");
            });
        } finally {
            MDC.remove("correlationId");
        }
        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        assertThat(response.getContentAsString()).contains("\"status\":413", "\"errors\":[{\"field\":\"body\",\"reason\":\"must be at most 1 KB\"}]",
                "\"correlationId\":\"c-1\"", "\"instance\":\"/api/products\"");
    }

    @Test
    void aChunkedBodyIsCountedAsItIsRead() throws Exception {
        MockHttpServletRequest big = chunked(new byte[1025]);
        MockHttpServletResponse refused = new MockHttpServletResponse();
        filter.doFilter(big, refused, (req, res) -> {
            throw new AssertionError("the application must not see the request");
        });
        assertThat(refused.getStatus()).isEqualTo(413);

        byte[] json = "{\"name\":\"lamp\"}".getBytes(StandardCharsets.UTF_8);
        AtomicReference<String> seen = new AtomicReference<>();
        filter.doFilter(chunked(json), new MockHttpServletResponse(),
                (req, res) -> seen.set(new String(req.getInputStream().readAllBytes(), StandardCharsets.UTF_8)));
        assertThat(seen.get()).isEqualTo("{\"name\":\"lamp\"}");
    }

    @Test
    void aBodyWithinTheLimitReachesTheApplicationUntouched() throws Exception {
        AtomicReference<Integer> length = new AtomicReference<>();
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(post(new byte[1024]), response, (req, res) -> length.set(req.getInputStream().readAllBytes().length));
        assertThat(length.get()).isEqualTo(1024);
        assertThat(response.getStatus()).isEqualTo(200);
    }

    private static MockHttpServletRequest post(byte[] body) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/products");
        request.setContent(body);
        return request;
    }

    private static MockHttpServletRequest chunked(byte[] body) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/products") {
            @Override
            public long getContentLengthLong() {
                return -1;
            }
        };
        request.setContent(body);
        request.addHeader("Transfer-Encoding", "chunked");
        return request;
    }
}
