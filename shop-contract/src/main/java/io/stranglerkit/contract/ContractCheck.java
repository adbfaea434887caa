package io.stranglerkit.contract;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks exchanges against the shop's contract with Atlassian's swagger-request-validator. The
 * answer must be one the contract documents for its operation and status, body and headers. A
 * request the contract refuses must be refused (4xx); one it accepts must be valid. A path the
 * contract does not have (actuator, admin) is not the contract's business and passes.
 */
public final class ContractCheck {

    private final OpenApiInteractionValidator validator;
    private final Map<String, Pattern> paths;

    public ContractCheck() {
        this(ShopContract.document());
    }

    /** A check against another document (JSON or YAML text), e.g. the next version of the contract. */
    public ContractCheck(String document) {
        this(ShopContract.parse(document));
    }

    private ContractCheck(ObjectNode document) {
        this.paths = ShopContract.paths(document);
        this.validator = OpenApiInteractionValidator.createForInlineApiSpecification(document.toString())
                .withLevelResolver(LevelResolver.create()
                        // Unknown query parameters are refused by every side (400): the contract says so.
                        .withLevel("validation.request.parameter.query.unexpected", ValidationReport.Level.ERROR)
                        .build())
                // allOf parts are merged first: checked one by one, each part's properties would be
                // "additional" to the other (the validator refuses undeclared properties).
                .withResolveCombinators(true)
                .build();
    }

    /** Every violation of the exchange; empty when it keeps the contract or is outside it. */
    public List<Violation> check(Exchange exchange) {
        Optional<String> template = ShopContract.template(paths, exchange.path());
        if (template.isEmpty()) {
            return List.of();
        }
        String operation = exchange.method().toUpperCase(Locale.ROOT) + " " + template.get();
        Request.Method method = Request.Method.valueOf(exchange.method().toUpperCase(Locale.ROOT));
        ValidationReport request = validator.validateRequest(request(exchange, method));
        List<Violation> violations = new ArrayList<>();
        if (has(request, "validation.request.operation.notAllowed")) {
            if (exchange.status() != 405) {
                violations.add(new Violation(operation, exchange.describe(), "status",
                        "the contract has no " + exchange.method() + " here, so the answer must be 405"));
            }
            return violations;
        }
        boolean refusedByContract = !errors(request).isEmpty();
        boolean success = exchange.status() < 400;
        if (refusedByContract && success) {
            errors(request).forEach(m -> violations.add(new Violation(operation, exchange.describe(), "request " + where(m, exchange.requestHeaders()),
                    "the contract refuses this request, yet it was answered " + exchange.status() + ": " + text(m))));
        }
        ValidationReport response = validator.validateResponse(exchange.path(), method, response(exchange));
        errors(response).forEach(m -> violations.add(new Violation(operation, exchange.describe(), "response " + where(m, exchange.responseHeaders()), text(m))));
        return violations;
    }

    /** Throws an AssertionError listing the violations, for tests. */
    public void assertKept(Exchange exchange) {
        List<Violation> violations = check(exchange);
        if (!violations.isEmpty()) {
            StringBuilder text = new StringBuilder("the answer breaks the shop's API contract (shop-contract/src/main/resources/")
                    .append(ShopContract.LOCATION).append("):");
            violations.forEach(v -> text.append("\n  ").append(v));
            text.append("\n  response body: ").append(exchange.responseBody());
            throw new AssertionError(text.toString());
        }
    }

    private static SimpleRequest request(Exchange exchange, Request.Method method) {
        SimpleRequest.Builder builder = new SimpleRequest.Builder(method, exchange.path());
        exchange.query().forEach(builder::withQueryParam);
        exchange.requestHeaders().forEach(builder::withHeader);
        if (exchange.requestBody() != null && !exchange.requestBody().isEmpty()) {
            builder.withBody(exchange.requestBody());
        }
        return builder.build();
    }

    private static SimpleResponse response(Exchange exchange) {
        SimpleResponse.Builder builder = SimpleResponse.Builder.status(exchange.status());
        exchange.responseHeaders().forEach(builder::withHeader);
        if (exchange.responseBody() != null && !exchange.responseBody().isEmpty()) {
            builder.withBody(exchange.responseBody());
        }
        return builder.build();
    }

    /** The message with what it nests (an allOf's failing parts), so the reason is in the report. */
    private static String text(ValidationReport.Message message) {
        StringBuilder text = new StringBuilder(message.getMessage());
        message.getNestedMessages().forEach(nested -> text.append(" [").append(where(nested, Map.of())).append(": ").append(text(nested)).append(']'));
        return text.toString();
    }

    private static boolean has(ValidationReport report, String key) {
        return report.getMessages().stream().anyMatch(m -> m.getKey().equals(key));
    }

    private static List<ValidationReport.Message> errors(ValidationReport report) {
        return report.getMessages().stream().filter(m -> m.getLevel() == ValidationReport.Level.ERROR).toList();
    }

    /** The contract's operation for a method and a concrete path, e.g. "GET /api/products/{id}"; empty outside the contract. */
    public Optional<String> operation(String method, String path) {
        return ShopContract.template(paths, path).map(t -> method.toUpperCase(Locale.ROOT) + " " + t);
    }

    /** The part of the message the validator points at: a header, a parameter, a body pointer, else the key. */
    private static String where(ValidationReport.Message message, Map<String, List<String>> headers) {
        if (message.getKey().contains(".header.")) {
            // The validator names a missing header in its words and a wrong one only by its value.
            return "header " + headers.entrySet().stream()
                    .filter(h -> h.getValue().stream().anyMatch(v -> message.getMessage().contains("\"" + v + "\"")))
                    .map(Map.Entry::getKey).findFirst()
                    .orElseGet(() -> message.getMessage().replaceAll("(?s).*?'([^']+)'.*", "$1"));
        }
        Optional<ValidationReport.MessageContext> context = message.getContext();
        Optional<String> parameter = context.flatMap(ValidationReport.MessageContext::getParameter).map(p -> p.getIn() + " " + p.getName());
        if (parameter.isPresent()) {
            return parameter.get();
        }
        Optional<String> pointer = context.flatMap(ValidationReport.MessageContext::getPointers).map(ValidationReport.MessageContext.Pointers::getInstance);
        if (pointer.isPresent()) {
            return "body " + (pointer.get().isEmpty() ? "/" : pointer.get());
        }
        return message.getKey();
    }
}
