package io.stranglerkit.platform.problem;

import io.stranglerkit.platform.correlation.CorrelationId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The base of each servlet application's problem handler: every problem, its own or Spring MVC's,
 * carries the request's {@code correlationId}, and anything unexpected is a 500 problem that points
 * to the log, never a stack trace. Each application keeps its own error contract in its subclass.
 */
public abstract class CorrelatedProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(CorrelatedProblemHandler.class);

    @ExceptionHandler(Exception.class)
    protected ResponseEntity<Object> unexpected(Exception e, WebRequest request) {
        log.error("unhandled error", e);
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "unexpected error; the server log has the details under this correlationId");
        return handleExceptionInternal(e, body, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(e, body, headers, statusCode, request);
        String correlationId = CorrelationId.current();
        if (response != null && response.getBody() instanceof ProblemDetail problem && correlationId != null) {
            problem.setProperty("correlationId", correlationId);
        }
        return response;
    }
}
