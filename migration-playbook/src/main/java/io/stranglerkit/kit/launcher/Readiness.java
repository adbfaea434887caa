package io.stranglerkit.kit.launcher;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** How the kit tells that a part is ready to serve. */
@FunctionalInterface
public interface Readiness {

    /** @return null when ready, otherwise what is still missing (shown in status). */
    String check(Part part, Path log);

    HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** Spring Boot applications: {@code /actuator/health} on {@code port} answers UP. */
    static Readiness actuatorHealth(int port) {
        return (part, log) -> {
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                        .timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
                    return null;
                }
                return "health answers " + response.statusCode();
            } catch (IOException e) {
                return "not answering on port " + port;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
        };
    }

    /** The process printed its ready line and accepts connections. */
    static Readiness logLineAndPort(String readyLine) {
        return (part, log) -> {
            String port = portOpen(part.port());
            if (port != null) {
                return port;
            }
            try {
                return Files.exists(log) && Files.readString(log).contains(readyLine) ? null : "starting";
            } catch (IOException e) {
                return "cannot read " + log;
            }
        };
    }

    /** The broker answers a metadata request with its controller known. */
    static Readiness kafkaCluster() {
        return (part, log) -> {
            String port = portOpen(part.port());
            if (port != null) {
                return port;
            }
            try (Admin admin = Admin.create(Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + part.port(),
                    // Generous: a busy 2-core machine (a snapshot, JVMs starting) answered later than 3 s.
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 8000,
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 8000))) {
                admin.describeCluster(new DescribeClusterOptions().timeoutMs(8000)).controller().get(9, TimeUnit.SECONDS);
                return null;
            } catch (Exception e) {
                return "broker not serving metadata yet";
            }
        };
    }

    private static String portOpen(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return null;
        } catch (IOException e) {
            return "not listening on port " + port;
        }
    }
}
