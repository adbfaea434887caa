package io.stranglerkit.console.security;

import io.stranglerkit.platform.correlation.CorrelationId;
import io.stranglerkit.platform.problem.FieldProblem;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.List;

/** problem+json naming the field and the reason, for the controllers and for the security filters' refusals. */
public final class Problems {

    private Problems() {
    }

    public static ProblemDetail of(HttpStatus status, String detail, String field, String reason) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        if (field != null) {
            problem.setProperty("errors", List.of(new FieldProblem(field, reason)));
        }
        if (CorrelationId.current() != null) {
            problem.setProperty("correlationId", CorrelationId.current());
        }
        return problem;
    }

    public static ResponseEntity<Object> answer(HttpStatus status, String detail, String field, String reason) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(of(status, detail, field, reason));
    }

    static void write(HttpServletResponse response, JsonMapper json, HttpStatus status, String detail, String field, String reason)
            throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getWriter().write(json.writeValueAsString(of(status, detail, field, reason)));
    }
}
