package io.stranglerkit.split.parallel;

import io.stranglerkit.split.SplitRoute;
import io.micrometer.observation.Observation;
import org.springframework.http.HttpHeaders;

import java.net.URI;

/**
 * A read the client got from the primary side, to be asked again of the other side.
 *
 * @param uri     the path and query the client asked for, as samples show it
 * @param headers what the primary was sent (after the gateway's header filters), marked {@code X-Shadow: true}
 * @param request the client request's observation (its span is the parent of the shadow calls'), or {@code null}
 */
record ShadowedRead(SplitRoute route, String method, String uri, String correlationId, String primarySide, URI primaryUrl,
                    String shadowSide, URI shadowUrl, HttpHeaders headers,
                    Observation request) {
}
