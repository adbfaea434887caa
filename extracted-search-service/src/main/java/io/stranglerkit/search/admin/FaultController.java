package io.stranglerkit.search.admin;

import io.stranglerkit.platform.admin.AdminToken;
import io.stranglerkit.search.config.SearchProperties;
import io.stranglerkit.search.feed.FeedFaults;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/**
 * {@code POST /admin/faults/feed-error}: the feed's next batch throws an Error, as an OutOfMemoryError
 * would. For classes and tests that watch health turn DOWN and the feed come back; needs the admin token.
 */
@RestController
public class FaultController {

    private final FeedFaults faults;
    private final AdminToken token;

    public FaultController(FeedFaults faults, SearchProperties properties) {
        this.faults = faults;
        this.token = AdminToken.configured(properties.adminToken());
    }

    @PostMapping("/admin/faults/feed-error")
    public ResponseEntity<Object> feedError(@RequestHeader(value = "Authorization", required = false) String authorization) {
        token.require(authorization);
        faults.arm();
        return ResponseEntity.accepted().body(Map.of("armed", "the feed's next batch throws an Error"));
    }
}
