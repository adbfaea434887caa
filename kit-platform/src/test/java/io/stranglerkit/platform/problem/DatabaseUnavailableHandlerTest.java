package io.stranglerkit.platform.problem;

import io.stranglerkit.platform.correlation.CorrelationIdFilter;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.sql.SQLTransientConnectionException;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class DatabaseUnavailableHandlerTest {

    @RestController
    static class NeedsTheDatabase {
        @GetMapping("/no-connection")
        String noConnection() {
            throw new DataAccessResourceFailureException("Failed to obtain JDBC Connection",
                    new SQLTransientConnectionException("HikariPool-1 - Connection is not available, request timed out after 2001ms"));
        }

        @GetMapping("/no-transaction")
        String noTransaction() {
            throw new CannotCreateTransactionException("Could not open JDBC Connection for transaction");
        }

        @GetMapping("/bug")
        String bug() {
            throw new IllegalStateException("a bug");
        }
    }

    /** An application's own handler, with the catch-all every one of them has. */
    @RestControllerAdvice
    static class ApplicationProblems extends CorrelatedProblemHandler {
    }

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new NeedsTheDatabase())
            .setControllerAdvice(new ApplicationProblems(), new DatabaseUnavailableHandler())
            .addFilters(new CorrelationIdFilter())
            .build();

    @Test
    void noConnectionIs503WithRetryAfterAndTheCorrelationIdNotA500() throws Exception {
        for (String path : new String[]{"/no-connection", "/no-transaction"}) {
            mvc.perform(get(path).header("X-Correlation-Id", "db-down-1"))
                    .andExpect(status().isServiceUnavailable())
                    .andExpect(header().string("Retry-After", "5"))
                    .andExpect(content().contentType("application/problem+json"))
                    .andExpect(jsonPath("$.detail").value("database unavailable; retry in a few seconds"))
                    .andExpect(jsonPath("$.correlationId").value("db-down-1"));
        }
    }

    @Test
    void anythingElseStaysTheApplicationsOwnProblem() throws Exception {
        mvc.perform(get("/bug")).andExpect(status().isInternalServerError());
    }
}
