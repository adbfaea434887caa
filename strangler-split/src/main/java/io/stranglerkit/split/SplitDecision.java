package io.stranglerkit.split;

import org.springframework.web.server.ServerWebExchange;

/**
 * Which side answers one exchange, kept as an exchange attribute: the split sets it, a fallback
 * changes it before the response is committed, and {@code X-Served-By} and anyone measuring
 * (a stats filter) read it.
 */
public final class SplitDecision {

    public static final String ATTRIBUTE = SplitDecision.class.getName();
    /** The side behind the route's own URI: what answers when nothing is split off. */
    public static final String MONOLITH = "monolith";

    private final String routeId;
    private volatile String backend;
    private volatile String fallback;

    SplitDecision(String routeId, String backend) {
        this.routeId = routeId;
        this.backend = backend;
    }

    /** @return the exchange's decision, or null before {@link ServedByFilter} ran */
    public static SplitDecision of(ServerWebExchange exchange) {
        return exchange.getAttribute(ATTRIBUTE);
    }

    public String routeId() {
        return routeId;
    }

    /** {@value #MONOLITH} or the service's name. */
    public String backend() {
        return backend;
    }

    /** Why a read went to the monolith after the service failed; null when it did not. */
    public String fallback() {
        return fallback;
    }

    void toService(String service) {
        this.backend = service;
    }

    void fellBack(String reason) {
        this.backend = MONOLITH;
        this.fallback = reason;
    }
}
