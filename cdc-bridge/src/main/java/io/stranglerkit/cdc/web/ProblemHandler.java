package io.stranglerkit.cdc.web;

import io.stranglerkit.platform.problem.CorrelatedProblemHandler;
import io.stranglerkit.platform.problem.FieldProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;

import java.sql.SQLException;
import java.util.List;

/** Every error as {@code application/problem+json} with {@code errors[{field, reason}]}; never a stack trace. */
@RestControllerAdvice
public class ProblemHandler extends CorrelatedProblemHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<Object> refused(ApiProblem e, WebRequest request) {
        return problem(e, e.status(), e.field(), e.getMessage(), request);
    }

    @ExceptionHandler(SQLException.class)
    ResponseEntity<Object> database(SQLException e, WebRequest request) {
        log.warn("source database refused a signal: {}", e.getMessage());
        return problem(e, HttpStatus.SERVICE_UNAVAILABLE, "database", "the source database refused the request: " + e.getMessage(), request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        return problem(e, HttpStatus.BAD_REQUEST, "body", "must be JSON like {\"table\": \"product\"}", request);
    }

    private ResponseEntity<Object> problem(Exception e, HttpStatus status, String field, String reason, WebRequest request) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, reason);
        body.setProperty("errors", List.of(new FieldProblem(field, reason)));
        return handleExceptionInternal(e, body, new HttpHeaders(), status, request);
    }
}
