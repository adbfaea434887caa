package io.stranglerkit.console.security;

import io.stranglerkit.console.actions.ActionsController;
import io.stranglerkit.console.config.ConsoleProperties;
import io.stranglerkit.console.events.EventLog;
import io.stranglerkit.console.http.PartClient;
import io.stranglerkit.console.http.ProxyAdmin;
import io.stranglerkit.console.verify.VerifyRunner;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Who may change what: reading is open, a change needs a session opened with the admin token and the
 * page's CSRF token. The proxy here is an address where nothing listens, so a change that gets
 * through the checks comes back as 502 from the console itself.
 */
@WebMvcTest(controllers = {SessionController.class, ActionsController.class})
@Import({SecurityConfig.class, PartClient.class, ProxyAdmin.class, VerifyRunner.class, EventLog.class})
@EnableConfigurationProperties(ConsoleProperties.class)
@TestPropertySource(properties = {"console.admin-token=s3cret", "console.proxy-admin-urls=http://127.0.0.1:9",
        "console.part-timeout=500ms", "console.verify-command="})
class ConsoleAccessTest {

    @Autowired
    MockMvc mvc;

    private String csrfToken() throws Exception {
        MvcResult session = mvc.perform(get("/api/session")).andExpect(status().isOk())
                .andExpect(jsonPath("$.changesAllowed").value(false)).andReturn();
        return session.getResponse().getCookie("XSRF-TOKEN").getValue();
    }

    @Test
    void aChangeWithoutASessionIsRefusedWith401ProblemJson() throws Exception {
        String csrf = csrfToken();
        mvc.perform(put("/api/routes/search").cookie(new Cookie("XSRF-TOKEN", csrf)).header("X-XSRF-TOKEN", csrf)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"servicePercent\":50}"))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("session"))
                .andExpect(jsonPath("$.correlationId").isNotEmpty());
    }

    @Test
    void aWrongTokenIsRefusedAndNamesTheField() throws Exception {
        String csrf = csrfToken();
        mvc.perform(post("/api/session").cookie(new Cookie("XSRF-TOKEN", csrf)).header("X-XSRF-TOKEN", csrf)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"token\":\"guess\"}"))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.errors[0].field").value("token"))
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("s3cret"))));
        mvc.perform(post("/api/session").cookie(new Cookie("XSRF-TOKEN", csrf)).header("X-XSRF-TOKEN", csrf)
                        .contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("token"));
    }

    @Test
    void theRightTokenOpensChangesButEachChangeStillNeedsTheCsrfToken() throws Exception {
        String csrf = csrfToken();
        MockHttpSession session = new MockHttpSession();
        mvc.perform(post("/api/session").session(session).cookie(new Cookie("XSRF-TOKEN", csrf)).header("X-XSRF-TOKEN", csrf)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"token\":\"s3cret\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.changesAllowed").value(true));
        mvc.perform(put("/api/routes/search").session(session).contentType(MediaType.APPLICATION_JSON).content("{\"servicePercent\":50}"))
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.errors[0].field").value("X-XSRF-TOKEN"));
        mvc.perform(put("/api/routes/search").session(session).cookie(new Cookie("XSRF-TOKEN", csrf)).header("X-XSRF-TOKEN", csrf)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"servicePercent\":50}"))
                .andExpect(status().isBadGateway()).andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("did not answer")));
        mvc.perform(post("/api/verify/search").session(session).cookie(new Cookie("XSRF-TOKEN", csrf)).header("X-XSRF-TOKEN", csrf))
                .andExpect(status().isServiceUnavailable()).andExpect(jsonPath("$.errors[0].field").value("target"));
        mvc.perform(post("/api/verify/orders").session(session).cookie(new Cookie("XSRF-TOKEN", csrf)).header("X-XSRF-TOKEN", csrf))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].reason").value("must be search or catalog"));
        mvc.perform(put("/api/routes/..%2Fadmin").session(session).cookie(new Cookie("XSRF-TOKEN", csrf)).header("X-XSRF-TOKEN", csrf)
                        .contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().is4xxClientError());
    }
}
