package io.stranglerkit.console.parts;

/**
 * One part as the console last saw it.
 *
 * @param status UP, DOWN (answered unhealthy) or UNREACHABLE (no answer)
 * @param detail why, when it is not UP
 */
public record PartHealth(String name, String role, String address, String status, String detail) {

    public boolean up() {
        return "UP".equals(status);
    }
}
