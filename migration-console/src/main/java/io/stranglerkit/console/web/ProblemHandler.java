package io.stranglerkit.console.web;

import io.stranglerkit.platform.problem.CorrelatedProblemHandler;
import io.stranglerkit.platform.problem.FieldProblem;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;

import java.util.List;

/** Every error of the console's own API as problem+json with the correlation id; never a stack trace. */
@RestControllerAdvice
public class ProblemHandler extends CorrelatedProblemHandler {

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        String reason = "must be a JSON object such as {\"token\": \"...\"}";
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "the body " + reason);
        body.setProperty("errors", List.of(new FieldProblem("body", reason)));
        return handleExceptionInternal(e, body, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
    }
}
