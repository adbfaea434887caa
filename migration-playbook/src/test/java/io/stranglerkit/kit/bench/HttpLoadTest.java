package io.stranglerkit.kit.bench;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HttpLoadTest {

    private HttpServer server;
    private String base;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.createContext("/ok", exchange -> {
            exchange.sendResponseHeaders(200, 2);
            exchange.getResponseBody().write("ok".getBytes());
            exchange.close();
        });
        server.createContext("/fail", exchange -> {
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void closedLoopRecordsEverySuccessfulRequest() throws Exception {
        LoadResult result = new HttpLoad().run("ok", List.of(URI.create(base + "/ok")),
                new HttpLoad.Settings(2, 0, Duration.ZERO, Duration.ofMillis(300), Duration.ofSeconds(2)), ms -> { });
        assertThat(result.count()).isPositive();
        assertThat(result.errors()).isZero();
        assertThat(result.histogram().getTotalCount()).isEqualTo(result.count());
        assertThat(result.percentileMs(50)).isPositive().isLessThanOrEqualTo(result.maxMs());
    }

    @Test
    void non2xxAnswersAreErrorsAndNotLatencies() throws Exception {
        LoadResult result = new HttpLoad().run("fail", List.of(URI.create(base + "/fail")),
                new HttpLoad.Settings(1, 0, Duration.ZERO, Duration.ofMillis(200), Duration.ofSeconds(2)), ms -> { });
        assertThat(result.errors()).isEqualTo(result.count()).isPositive();
        assertThat(result.histogram().getTotalCount()).isZero();
        assertThat(result.percentileMs(50)).isNaN();
    }

    @Test
    void fixedRateSendsNoMoreThanScheduled() throws Exception {
        LoadResult result = new HttpLoad().run("ok", List.of(URI.create(base + "/ok")),
                new HttpLoad.Settings(8, 200, Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(2)), ms -> { });
        // Request k is due at k/200 s: 200 fall inside one second; a slow machine may send fewer.
        assertThat(result.count()).isBetween(50L, 200L);
    }

    @Test
    void durationsParseAsPeopleTypeThem() {
        assertThat(DurationOption.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(DurationOption.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(DurationOption.parse("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThatThrownBy(() -> DurationOption.parse("soon")).hasMessageContaining("not a duration");
    }
}
