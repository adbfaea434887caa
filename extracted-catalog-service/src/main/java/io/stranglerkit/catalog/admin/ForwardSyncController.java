package io.stranglerkit.catalog.admin;

import io.stranglerkit.catalog.config.CatalogProperties;
import io.stranglerkit.catalog.sync.ForwardSync;
import io.stranglerkit.catalog.web.InvalidFieldException;
import io.stranglerkit.platform.admin.AdminToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

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
    private final AdminToken token;

    public ForwardSyncController(ForwardSync sync, CatalogProperties properties) {
        this.sync = sync;
        this.token = AdminToken.configured(properties.adminToken());
    }

    @GetMapping("/admin/forward-sync")
    public ResponseEntity<Object> get(@RequestHeader(value = "Authorization", required = false) String authorization) {
        token.require(authorization);
        return ResponseEntity.ok(Map.of("enabled", sync.enabled()));
    }

    @PutMapping("/admin/forward-sync")
    public ResponseEntity<Object> set(@RequestHeader(value = "Authorization", required = false) String authorization,
                                      @RequestBody Switch body) {
        token.require(authorization);
        if (body.enabled() == null) {
            throw new InvalidFieldException("enabled", "is required: true or false");
        }
        boolean before = sync.setEnabled(body.enabled());
        audit.info("forward sync {} -> {}", before ? "on" : "off", body.enabled() ? "on" : "off");
        return ResponseEntity.ok(Map.of("enabled", body.enabled()));
    }
}
