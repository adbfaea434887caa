package io.stranglerkit.console.security;

import io.stranglerkit.platform.admin.AdminToken;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

/**
 * The page's session: {@code POST /api/session {"token": ...}} opens it when the token is the kit's
 * admin token (compared in constant time, never stored, logged or sent back); {@code DELETE} closes it.
 */
@RestController
public class SessionController {

    private static final Logger log = LoggerFactory.getLogger(SessionController.class);
    private final AdminToken token;
    private final SecurityContextRepository contexts;

    public SessionController(AdminToken token, SecurityContextRepository contexts) {
        this.token = token;
        this.contexts = contexts;
    }

    @GetMapping("/api/session")
    public Map<String, Object> session(Authentication authentication) {
        return Map.of("changesAllowed", authentication != null && authentication.isAuthenticated(), "tokenConfigured", token.enabled());
    }

    @PostMapping("/api/session")
    public ResponseEntity<Object> open(@RequestBody(required = false) Map<String, Object> body, HttpServletRequest request,
                                       HttpServletResponse response) {
        Object given = body == null ? null : body.get("token");
        if (!(given instanceof String text) || text.isBlank()) {
            return Problems.answer(HttpStatus.BAD_REQUEST, "send {\"token\": \"<the kit's admin token>\"}", "token", "is missing");
        }
        if (!token.accepts("Bearer " + text.strip())) {
            log.warn("a wrong admin token was entered on the console from {}", request.getRemoteAddr());
            return Problems.answer(HttpStatus.UNAUTHORIZED, "that is not the kit's admin token (kit up keeps it in .kit/admin-token)",
                    "token", "is not the kit's admin token");
        }
        request.getSession(true);
        request.changeSessionId(); // a session id known before the token was entered must not gain its rights
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("admin-token holder", null,
                List.of(new SimpleGrantedAuthority("ROLE_" + SecurityConfig.ADMIN))));
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        log.info("the console's changes were opened from {}", request.getRemoteAddr());
        return ResponseEntity.ok(Map.of("changesAllowed", true));
    }

    @DeleteMapping("/api/session")
    public Map<String, Object> close(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        SecurityContextHolder.clearContext();
        return Map.of("changesAllowed", false);
    }
}
