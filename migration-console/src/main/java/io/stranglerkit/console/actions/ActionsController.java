package io.stranglerkit.console.actions;

import io.stranglerkit.console.http.PartClient;
import io.stranglerkit.console.http.ProxyAdmin;
import io.stranglerkit.console.security.Problems;
import io.stranglerkit.console.verify.VerifyRunner;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The page's changes, passed to the proxy's admin API with the console's token and the person's
 * address as the actor. The proxy judges every value: its answer, a refusal included, comes back
 * unchanged, so the page shows the proxy's own words.
 */
@RestController
public class ActionsController {

    private static final Pattern ROUTE = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Set<String> RAMP_ACTIONS = Set.of("pause", "resume", "abort");

    private final ProxyAdmin proxy;
    private final VerifyRunner verify;

    public ActionsController(ProxyAdmin proxy, VerifyRunner verify) {
        this.proxy = proxy;
        this.verify = verify;
    }

    @PutMapping("/api/routes/{route}")
    public ResponseEntity<Object> changeRoute(@PathVariable String route, @RequestParam(defaultValue = "false") boolean force,
                                              @RequestBody(required = false) String body, HttpServletRequest request) {
        return routeNamed(route) ? toProxy("PUT", "/admin/routes/" + route + (force ? "?force=true" : ""), body, request)
                : badRoute(route);
    }

    @PostMapping("/api/ramps")
    public ResponseEntity<Object> startRamp(@RequestBody(required = false) String body, HttpServletRequest request) {
        return toProxy("POST", "/admin/ramps", body, request);
    }

    @PostMapping("/api/ramps/{route}/{action}")
    public ResponseEntity<Object> moveRamp(@PathVariable String route, @PathVariable String action, HttpServletRequest request) {
        if (!RAMP_ACTIONS.contains(action)) {
            return Problems.answer(HttpStatus.NOT_FOUND, "a ramp can be paused, resumed or aborted, not '" + action + "'", "action",
                    "must be one of pause, resume, abort");
        }
        return routeNamed(route) ? toProxy("POST", "/admin/ramps/" + route + "/" + action, null, request) : badRoute(route);
    }

    @PostMapping("/api/verify/{target}")
    public ResponseEntity<Object> verify(@PathVariable String target) {
        if (!VerifyRunner.TARGETS.contains(target)) {
            return Problems.answer(HttpStatus.BAD_REQUEST, "verify compares 'search' or 'catalog' with the monolith, not '" + target + "'",
                    "target", "must be search or catalog");
        }
        if (!verify.available()) {
            return Problems.answer(HttpStatus.SERVICE_UNAVAILABLE, "this console cannot run verify: CONSOLE_VERIFY_COMMAND is not set"
                    + " (kit up sets it; elsewhere run kit verify " + target + ")", "target", "cannot be verified from here");
        }
        if (!verify.start(target)) {
            return Problems.answer(HttpStatus.CONFLICT, "verify " + target + " is already running", "target", "is being verified");
        }
        return ResponseEntity.accepted().body(Map.of("target", target, "state", "running"));
    }

    private ResponseEntity<Object> toProxy(String method, String path, String body, HttpServletRequest request) {
        String actor = "migration-console user at " + request.getRemoteAddr();
        PartClient.Answer answer = proxy.change(method, path, body, actor);
        if (answer.status() == 0) {
            return Problems.answer(HttpStatus.BAD_GATEWAY, "the proxy's admin API did not answer: " + answer.problem()
                    + "; the routes on the page show what the proxy has", null, null);
        }
        MediaType type = answer.status() >= 400 ? MediaType.APPLICATION_PROBLEM_JSON : MediaType.APPLICATION_JSON;
        return ResponseEntity.status(answer.status()).contentType(type).body(answer.body());
    }

    private static boolean routeNamed(String route) {
        return ROUTE.matcher(route).matches();
    }

    private static ResponseEntity<Object> badRoute(String route) {
        return Problems.answer(HttpStatus.NOT_FOUND, "no route '" + route + "'", "route", "is not a route with a split");
    }
}
