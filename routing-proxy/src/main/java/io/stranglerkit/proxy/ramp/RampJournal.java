package io.stranglerkit.proxy.ramp;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.stranglerkit.proxy.admin.RouteAdmin;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every route's last ramp, and the record of its transitions: each one saved ({@link RampStore}),
 * audited with the route changes and counted ({@code strangler_ramp_transitions_total{route,to}});
 * {@code strangler_ramp_step_percent{route}} shows the step a ramp holds.
 */
@Component
class RampJournal {

    private final Map<String, Ramp> ramps = new ConcurrentHashMap<>();
    private final RampStore store;
    private final RouteAdmin admin;
    private final MeterRegistry meters;

    RampJournal(RampStore store, RouteAdmin admin, MeterRegistry meters) {
        this.store = store;
        this.admin = admin;
        this.meters = meters;
        ramps.putAll(store.load());
        ramps.keySet().forEach(this::gauge);
    }

    Optional<Ramp> get(String routeId) {
        return Optional.ofNullable(ramps.get(routeId));
    }

    List<Ramp> all() {
        return List.copyOf(ramps.values());
    }

    /** A transition: the last entry of the ramp's history. */
    Ramp record(String routeId, Ramp ramp) {
        if (ramps.put(routeId, ramp) == null) {
            gauge(routeId);
        }
        store.save(new LinkedHashMap<>(ramps));
        Ramp.Transition last = ramp.history().get(ramp.history().size() - 1);
        admin.auditRamp(routeId, last.from(), last.to(), last.why());
        Counter.builder("strangler.ramp.transitions").description("Ramp transitions, by route and the state entered")
                .tags("route", routeId, "to", ramp.state()).register(meters).increment();
        return ramp;
    }

    /** The latest checks of a step still held: shown at once, saved with the next transition. */
    void update(String routeId, Ramp ramp) {
        ramps.put(routeId, ramp);
    }

    private void gauge(String routeId) {
        Gauge.builder("strangler.ramp.step.percent", ramps, all -> {
            Ramp ramp = all.get(routeId);
            return ramp == null || !ramp.active() ? -1 : ramp.percent();
        }).description("The service percentage a ramp holds the route at; -1 when no ramp runs").tag("route", routeId).register(meters);
    }
}
