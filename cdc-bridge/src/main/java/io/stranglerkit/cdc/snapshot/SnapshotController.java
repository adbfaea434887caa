package io.stranglerkit.cdc.snapshot;

import io.stranglerkit.cdc.config.BridgeProperties;
import io.stranglerkit.cdc.status.CaptureState;
import io.stranglerkit.cdc.web.ApiProblem;
import io.stranglerkit.platform.admin.AdminToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /admin/snapshots {"table": "product"}}: re-reads one captured table into Kafka while
 * streaming continues (recovery for a consumer that lost its read model). Bearer token required.
 */
@RestController
public class SnapshotController {

    private static final Logger log = LoggerFactory.getLogger(SnapshotController.class);

    private final AdminToken token;
    private final SignalWriter signals;
    private final CaptureState state;
    private final BridgeProperties properties;

    public SnapshotController(SignalWriter signals, CaptureState state, BridgeProperties properties) {
        // KIT_ADMIN_TOKEN (kit up passes the kit's), else one generated into the data dir at first start.
        this.token = AdminToken.configuredOrGeneratedIn(properties.adminToken(), properties.adminTokenFile());
        this.signals = signals;
        this.state = state;
        this.properties = properties;
    }

    public record SnapshotRequest(String table) {
    }

    @PostMapping("/admin/snapshots")
    public ResponseEntity<Map<String, Object>> snapshot(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                                                        @RequestBody(required = false) SnapshotRequest request) throws SQLException {
        token.require(authorization);
        if (request == null || request.table() == null || request.table().isBlank()) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "table", "is required, e.g. {\"table\": \"product\"}; captured: " + properties.tables());
        }
        String table = resolve(request.table().trim());
        CaptureState.State now = state.current();
        if (now != CaptureState.State.STREAMING) {
            throw new ApiProblem(HttpStatus.CONFLICT, "state", "capture is " + now.name().toLowerCase()
                    + "; a re-snapshot runs only while streaming (see GET /status)");
        }
        String id = signals.requestIncrementalSnapshot(table);
        log.info("incremental snapshot of {} requested (signal {})", table, id);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("signal", id);
        body.put("table", table);
        body.put("type", "incremental");
        body.put("topic", properties.topicPrefix() + "." + table);
        body.put("note", "rows arrive as op \"r\" events alongside live changes; follow progress in GET /status");
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(body);
    }

    /** "product" or "shop.product" to the captured "shop.product"; anything else is a 400. */
    private String resolve(String given) {
        for (String captured : properties.tables()) {
            if (captured.equalsIgnoreCase(given) || captured.substring(captured.indexOf('.') + 1).equalsIgnoreCase(given)) {
                return captured;
            }
        }
        throw new ApiProblem(HttpStatus.BAD_REQUEST, "table", "'" + given + "' is not captured; captured: " + properties.tables());
    }
}
