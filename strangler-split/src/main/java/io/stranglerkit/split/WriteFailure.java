package io.stranglerkit.split;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/** The problem+json a write gets when its service failed: 503 circuit open, 504 timed out, 502 otherwise. */
final class WriteFailure {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private WriteFailure() {
    }

    static Mono<Void> answer(ServerHttpResponse response, Throwable failure, String detail, String correlationId) {
        HttpStatus status = failure instanceof CallNotPermittedException ? HttpStatus.SERVICE_UNAVAILABLE
                : failure instanceof TimeoutException ? HttpStatus.GATEWAY_TIMEOUT
                : HttpStatus.BAD_GATEWAY;
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("detail", detail);
        problem.put("correlationId", correlationId);
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        DataBuffer buffer = response.bufferFactory().wrap(JSON.writeValueAsBytes(problem));
        return response.writeWith(Mono.just(buffer));
    }
}
