package io.stranglerkit.search.admin;

import io.stranglerkit.platform.admin.AdminToken;
import io.stranglerkit.search.config.SearchProperties;
import io.stranglerkit.search.feed.Rebuilds;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /admin/rebuild} rebuilds the read model from the change topics into fresh tables while
 * searches keep being answered from the current model, then swaps; {@code GET /admin/rebuild} shows
 * its progress. Both need {@code Authorization: Bearer <KIT_ADMIN_TOKEN>}.
 */
@RestController
public class RebuildController {

    private final Rebuilds rebuilds;
    private final AdminToken token;

    public RebuildController(Rebuilds rebuilds, SearchProperties properties) {
        this.rebuilds = rebuilds;
        this.token = AdminToken.configured(properties.adminToken());
    }

    @PostMapping("/admin/rebuild")
    public ResponseEntity<Object> rebuild(@RequestHeader(value = "Authorization", required = false) String authorization) {
        token.require(authorization);
        if (!rebuilds.request()) {
            throw problem(HttpStatus.CONFLICT, "a rebuild is already running; GET /admin/rebuild shows its progress");
        }
        return ResponseEntity.accepted().body(rebuilds.progress());
    }

    @GetMapping("/admin/rebuild")
    public ResponseEntity<Object> progress(@RequestHeader(value = "Authorization", required = false) String authorization) {
        token.require(authorization);
        var progress = rebuilds.progress();
        if (progress == null) {
            throw problem(HttpStatus.NOT_FOUND, "no rebuild has run since the service started");
        }
        return ResponseEntity.ok(progress);
    }

    /** Thrown, so the service's ProblemHandler answers it like every other problem (correlation id included). */
    private static ErrorResponseException problem(HttpStatus status, String detail) {
        return new ErrorResponseException(status, ProblemDetail.forStatusAndDetail(status, detail), null);
    }
}
