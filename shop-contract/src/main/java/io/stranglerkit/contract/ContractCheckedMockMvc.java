package io.stranglerkit.contract;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcBuilderCustomizer;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.ConfigurableMockMvcBuilder;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code @Import(ContractCheckedMockMvc.class)} in a web slice test checks every exchange the test
 * makes against the shop's contract: a request or answer that breaks it fails the test, naming
 * the operation, where and why.
 */
public class ContractCheckedMockMvc implements MockMvcBuilderCustomizer {

    private static final ContractCheck CONTRACT = new ContractCheck();

    @Override
    public void customize(ConfigurableMockMvcBuilder<?> builder) {
        builder.alwaysExpect(result -> CONTRACT.assertKept(exchange(result)));
    }

    /** The exchange a MockMvc result holds. */
    public static Exchange exchange(MvcResult result) throws UnsupportedEncodingException {
        MockHttpServletRequest request = result.getRequest();
        Map<String, List<String>> query = new LinkedHashMap<>();
        request.getParameterMap().forEach((name, values) -> query.put(name, Arrays.asList(values)));
        Map<String, List<String>> requestHeaders = new LinkedHashMap<>();
        Collections.list(request.getHeaderNames()).forEach(name -> requestHeaders.put(name, Collections.list(request.getHeaders(name))));
        HttpServletResponse response = result.getResponse();
        Map<String, List<String>> responseHeaders = new LinkedHashMap<>();
        response.getHeaderNames().forEach(name -> responseHeaders.put(name, List.copyOf(response.getHeaders(name))));
        byte[] body = request.getContentAsByteArray();
        return new Exchange(request.getMethod(), request.getRequestURI(), query, requestHeaders,
                body == null ? null : new String(body, StandardCharsets.UTF_8), response.getStatus(), responseHeaders,
                result.getResponse().getContentAsString(StandardCharsets.UTF_8));
    }
}
