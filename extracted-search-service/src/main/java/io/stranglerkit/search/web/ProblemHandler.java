package io.stranglerkit.search.web;

import io.stranglerkit.search.index.IndexRebuildingException;
import io.stranglerkit.search.web.BadParameterException.Problem;
import jakarta.servlet.http.HttpServletRequest;
import io.stranglerkit.platform.problem.CorrelatedProblemHandler;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.method.HandlerMethod;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Errors as the monolith writes them, so a client cannot tell which side answered: problem+json with
 * {@code detail} "invalid request: field: reason; ...", an {@code errors} list sorted by field, and
 * the {@code correlationId}. Never a stack trace.
 */
@RestControllerAdvice
public class ProblemHandler extends CorrelatedProblemHandler {

    /** Never partial results: the index is being built, and the answer says how far it has come. */
    @ExceptionHandler(IndexRebuildingException.class)
    ResponseEntity<Object> rebuilding(IndexRebuildingException e, WebRequest request) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
        body.setProperty("indexed", e.progress().done());
        body.setProperty("products", e.progress().total());
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, "5");
        return handleExceptionInternal(e, body, headers, HttpStatus.SERVICE_UNAVAILABLE, request);
    }

    @ExceptionHandler(BadParameterException.class)
    ResponseEntity<Object> badParameter(BadParameterException e, WebRequest request) {
        return badRequest(e, e.problems(), request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Problem> problems = new ArrayList<>();
        e.getParameterValidationResults().forEach(result -> {
            if (result instanceof ParameterErrors errors) {
                errors.getFieldErrors().forEach(f -> problems.add(new Problem(f.getField(), f.getDefaultMessage())));
            } else {
                String name = parameterName(result.getMethodParameter());
                result.getResolvableErrors().forEach(error -> problems.add(new Problem(name, error.getDefaultMessage())));
            }
        });
        return badRequest(e, problems, request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers,
                                                        HttpStatusCode status, WebRequest request) {
        String name = e instanceof MethodArgumentTypeMismatchException m ? m.getName() : e.getPropertyName();
        Class<?> type = e.getRequiredType();
        String expected = type == int.class || type == Integer.class || type == long.class || type == Long.class
                ? "a whole number" : "a " + (type == null ? "value" : type.getSimpleName());
        return badRequest(e, List.of(new Problem(name, "must be " + expected + ", got '" + e.getValue() + "'")), request);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return badRequest(e, List.of(new Problem(e.getParameterName(), "is required")), request);
    }

    private ResponseEntity<Object> badRequest(Exception e, List<Problem> problems, WebRequest request) {
        List<Problem> sorted = problems.stream()
                .sorted(Comparator.comparing(Problem::field).thenComparing(Problem::reason)).toList();
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "invalid request: "
                + sorted.stream().map(p -> p.field() + ": " + p.reason()).collect(Collectors.joining("; ")));
        body.setProperty("errors", sorted);
        return handleExceptionInternal(e, body, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
    }

    private static String parameterName(MethodParameter parameter) {
        RequestParam annotation = parameter.getParameterAnnotation(RequestParam.class);
        return annotation != null && !annotation.name().isEmpty() ? annotation.name() : parameter.getParameterName();
    }

    /**
     * A query parameter the endpoint does not declare is an error, not ignored: {@code ?pgae=2} must
     * not quietly answer page 0 (the monolith does the same). The error lists the parameters the
     * monolith accepts too, so its text stays the monolith's byte for byte; this service's own
     * additions ({@code sort}) are documented in the contract instead.
     */
    static final class DeclaredParametersOnly implements HandlerInterceptor {
        private static final Set<String> SERVICE_ONLY = Set.of("sort");

        @Override
        public boolean preHandle(HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response, Object handler) {
            if (handler instanceof HandlerMethod method) {
                Set<String> declared = new TreeSet<>();
                for (MethodParameter parameter : method.getMethodParameters()) {
                    if (parameter.hasParameterAnnotation(RequestParam.class)) {
                        declared.add(parameterName(parameter));
                    }
                }
                String shared = declared.stream().filter(name -> !SERVICE_ONLY.contains(name)).collect(Collectors.joining(", "));
                List<Problem> unknown = request.getParameterMap().keySet().stream()
                        .filter(name -> !declared.contains(name)).sorted()
                        .map(name -> new Problem(name, "is not a parameter of this endpoint; accepted: " + shared))
                        .toList();
                if (!unknown.isEmpty()) {
                    throw new BadParameterException(unknown);
                }
            }
            return true;
        }
    }
}
