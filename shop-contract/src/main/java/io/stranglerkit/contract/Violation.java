package io.stranglerkit.contract;

/**
 * One way an exchange breaks the contract.
 *
 * @param operation the contract's operation, e.g. "GET /api/products/{id}"
 * @param exchange what was sent and answered, e.g. "GET /api/products/7 -> 200"
 * @param location where: "request", "response body /items/0/price", "response header X-Served-By", ...
 * @param message the validator's words
 */
public record Violation(String operation, String exchange, String location, String message) {

    @Override
    public String toString() {
        return operation + ": " + exchange + ": " + location + ": " + message;
    }
}
