package io.stranglerkit.catalog.admin;

import io.stranglerkit.catalog.config.CatalogProperties;
import io.stranglerkit.catalog.sync.ForwardSync;
import io.stranglerkit.catalog.web.InvalidFieldException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

/**
 * {@code GET|PUT /admin/forward-sync} with {@code {"enabled": false}}: retires the monolith as a source
 * of product changes (the last step of the migration) or brings it back (a rollback). Needs
 * {@code Authorization: Bearer <KIT_ADMIN_TOKEN>}; every change is logged with old and new value.
 */
@RestController
public class ForwardSyncController {

    private static final Logger audit = LoggerFactory.getLogger("audit");

    public record Switch(Boolean enabled) {
    }

    private final ForwardSync sync;
    private final byte[] token;

    public ForwardSyncController(ForwardSync sync, CatalogProperties properties) {
        this.sync = sync;
        this.token = properties.adminToken() == null ? new byte[0] : properties.adminToken().trim().getBytes(StandardCharsets.UTF_8);
    }

    @GetMapping("/admin/forward-sync")
    public ResponseEntity<Object> get(@RequestHeader(value = "Authorization", required = false) String authorization) {
        requireToken(authorization);
        return ResponseEntity.ok(Map.of("enabled", sync.enabled()));
    }

    @PutMapping("/admin/forward-sync")
    public ResponseEntity<Object> set(@RequestHeader(value = "Authorization", required = false) String authorization,
                                      @RequestBody Switch body) {
        requireToken(authorization);
        if (body.enabled() == null) {
            throw new InvalidFieldException("enabled", "is required: true or false");
        }
        boolean before = sync.setEnabled(body.enabled());
        audit.info("forward sync {} -> {}", before ? "on" : "off", body.enabled() ? "on" : "off");
        return ResponseEntity.ok(Map.of("enabled", body.enabled()));
    }

    private void requireToken(String authorization) {
        if (token.length == 0) {
            throw unauthorized("admin actions are disabled: start the service with KIT_ADMIN_TOKEN set");
        }
        String given = authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7).trim() : "";
        if (!MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8))) {
            throw unauthorized("send Authorization: Bearer <admin token> (KIT_ADMIN_TOKEN; kit up keeps it in .kit/admin-token)");
        }
    }

    /** Thrown, so the service's ApiExceptionHandler answers it like every other problem (correlation id included). */
    private static ErrorResponseException unauthorized(String detail) {
        return new ErrorResponseException(HttpStatus.UNAUTHORIZED, ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, detail), null);
    }
}
