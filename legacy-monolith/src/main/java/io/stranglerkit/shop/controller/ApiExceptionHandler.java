package io.stranglerkit.shop.controller;

import io.stranglerkit.platform.problem.CorrelatedProblemHandler;
import io.stranglerkit.shop.service.ConflictException;
import io.stranglerkit.shop.service.InvalidFieldException;
import io.stranglerkit.shop.service.NotFoundException;
import io.stranglerkit.shop.service.StaleVersionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.MethodParameter;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.util.StringUtils;
import org.springframework.validation.FieldError;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every error leaves as {@code application/problem+json}: status, a title, a plain-words detail, and
 * for bad input an {@code errors} list of {@code {"field", "reason"}}. Never a stack trace.
 */
@RestControllerAdvice
public class ApiExceptionHandler extends CorrelatedProblemHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    public record FieldProblem(String field, String reason) {
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<Object> notFound(NotFoundException e, WebRequest request) {
        return problem(e, HttpStatus.NOT_FOUND, e.getMessage(), List.of(), request);
    }

    @ExceptionHandler(StaleVersionException.class)
    ResponseEntity<Object> stale(StaleVersionException e, WebRequest request) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        body.setProperty("errors", List.of(new FieldProblem("version", "is stale")));
        body.setProperty("currentVersion", e.currentVersion());
        return handleExceptionInternal(e, body, new HttpHeaders(), HttpStatus.CONFLICT, request);
    }

    @ExceptionHandler(ConflictException.class)
    ResponseEntity<Object> conflict(ConflictException e, WebRequest request) {
        return problem(e, HttpStatus.CONFLICT, e.getMessage(), List.of(new FieldProblem(e.field(), e.getMessage())), request);
    }

    @ExceptionHandler(InvalidFieldException.class)
    ResponseEntity<Object> invalidField(InvalidFieldException e, WebRequest request) {
        return badRequest(e, List.of(new FieldProblem(e.field(), e.getMessage())), request);
    }

    @ExceptionHandler(UnknownParameterException.class)
    ResponseEntity<Object> unknownParameter(UnknownParameterException e, WebRequest request) {
        return badRequest(e, e.unknown().stream()
                .map(name -> new FieldProblem(name, "is not a parameter of this endpoint; accepted: "
                        + (e.known().isEmpty() ? "none" : String.join(", ", e.known()))))
                .toList(), request);
    }

    /** A race the service checks could not see (e.g. a row deleted in between). */
    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<Object> integrity(DataIntegrityViolationException e, WebRequest request) {
        log.warn("integrity violation: {}", e.getMostSpecificCause().getMessage());
        return problem(e, HttpStatus.CONFLICT, "the change conflicts with related data that changed meanwhile; retry", List.of(), request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = new ArrayList<>();
        e.getBindingResult().getFieldErrors().forEach(f -> errors.add(fieldProblem(f)));
        e.getBindingResult().getGlobalErrors().forEach(g -> errors.add(new FieldProblem("body", g.getDefaultMessage())));
        return badRequest(e, errors, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
                                                                            HttpHeaders headers, HttpStatusCode status,
                                                                            WebRequest request) {
        List<FieldProblem> errors = new ArrayList<>();
        e.getParameterValidationResults().forEach(result -> {
            if (result instanceof ParameterErrors parameterErrors) {
                parameterErrors.getFieldErrors().forEach(f -> errors.add(fieldProblem(f)));
            } else {
                String name = parameterName(result.getMethodParameter());
                for (MessageSourceResolvable error : result.getResolvableErrors()) {
                    errors.add(new FieldProblem(name, error.getDefaultMessage()));
                }
            }
        });
        return badRequest(e, errors, request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers,
                                                        HttpStatusCode status, WebRequest request) {
        String name = e instanceof MethodArgumentTypeMismatchException m ? m.getName() : e.getPropertyName();
        String type = e.getRequiredType() == null ? "value" : typeName(e.getRequiredType());
        return badRequest(e, List.of(new FieldProblem(name, "must be " + type + ", got '" + e.getValue() + "'")), request);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException e,
                                                                          HttpHeaders headers, HttpStatusCode status,
                                                                          WebRequest request) {
        return badRequest(e, List.of(new FieldProblem(e.getParameterName(), "is required")), request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        return badRequest(e, List.of(unreadableBody(e)), request);
    }

    private ResponseEntity<Object> badRequest(Exception e, List<FieldProblem> errors, WebRequest request) {
        List<FieldProblem> sorted = errors.stream()
                .sorted(java.util.Comparator.comparing(FieldProblem::field).thenComparing(FieldProblem::reason))
                .toList();
        String detail = "invalid request: " + sorted.stream().map(p -> p.field() + ": " + p.reason())
                .reduce((a, b) -> a + "; " + b).orElse("see errors");
        return problem(e, HttpStatus.BAD_REQUEST, detail, sorted, request);
    }

    private ResponseEntity<Object> problem(Exception e, HttpStatus status, String detail, List<FieldProblem> errors,
                                           WebRequest request) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        if (!errors.isEmpty()) {
            body.setProperty("errors", errors);
        }
        return handleExceptionInternal(e, body, new HttpHeaders(), status, request);
    }

    private static FieldProblem fieldProblem(FieldError f) {
        return new FieldProblem(f.getField(), f.getDefaultMessage());
    }

    private static String parameterName(MethodParameter parameter) {
        RequestParam requestParam = parameter.getParameterAnnotation(RequestParam.class);
        if (requestParam != null && StringUtils.hasText(requestParam.name())) {
            return requestParam.name();
        }
        return parameter.getParameterName();
    }

    private static FieldProblem unreadableBody(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
        if (cause instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
            String field = jsonPath(jackson.getPath());
            if (jackson instanceof UnrecognizedPropertyException) {
                return new FieldProblem(field, "is not a known field");
            }
            if (jackson instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
                return new FieldProblem(field, "must be " + typeName(mismatch.getTargetType()));
            }
            return new FieldProblem(field, "has an invalid value");
        }
        if (cause instanceof JacksonException) {
            return new FieldProblem("body", "is not valid JSON");
        }
        return new FieldProblem("body", "is required and must be a JSON object");
    }

    private static String jsonPath(List<JacksonException.Reference> path) {
        StringBuilder field = new StringBuilder();
        for (JacksonException.Reference ref : path) {
            if (ref.getPropertyName() != null) {
                field.append(field.isEmpty() ? "" : ".").append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                field.append('[').append(ref.getIndex()).append(']');
            }
        }
        return field.toString();
    }

    private static final Map<Class<?>, String> TYPE_NAMES = Map.of(
            Long.class, "a whole number", long.class, "a whole number",
            Integer.class, "a whole number", int.class, "a whole number",
            java.math.BigDecimal.class, "a decimal number",
            String.class, "a string",
            Boolean.class, "true or false", boolean.class, "true or false");

    private static String typeName(Class<?> type) {
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return TYPE_NAMES.getOrDefault(type, "a " + type.getSimpleName());
    }
}
