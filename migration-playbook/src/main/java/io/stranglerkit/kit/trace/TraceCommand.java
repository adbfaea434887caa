package io.stranglerkit.kit.trace;

import io.stranglerkit.kit.KitException;
import io.stranglerkit.kit.bench.DurationOption;
import io.stranglerkit.kit.launcher.KitSettings;
import io.stranglerkit.kit.launcher.Topology;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

/** {@code kit trace ID}: one request's trace from the kit's Zipkin, as a timeline across HTTP and CDC. */
@Command(name = "trace", mixinStandardHelpOptions = true,
        description = {"Prints one trace as a timeline: service, span, start offset and duration, from the proxy through the",
                "monolith's commit, the binlog and Kafka to each consumer that applied the change.",
                "ID is a correlation id (the X-Correlation-Id every answer carries) or a trace id (32 hex digits).",
                "Exit 0 when the trace is found, 1 when it is not."})
public class TraceCommand implements Callable<Integer> {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Zipkin refuses an all-zero id (400): such an id can only be a correlation id. */
    private static final Pattern TRACE_ID = Pattern.compile("(?!0+$)([0-9a-f]{16}|[0-9a-f]{32})");
    private static final Pattern CORRELATION_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final Duration QUIET = Duration.ofMillis(2000);

    @Parameters(paramLabel = "ID", description = "A correlation id or a trace id.")
    String id;

    @Option(names = "--wait", paramLabel = "DURATION", defaultValue = "10s", converter = DurationOption.class,
            description = "How long to wait for the trace's spans to arrive (they follow the change through CDC; default 10s).")
    Duration wait;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Override
    public Integer call() throws InterruptedException {
        if (!CORRELATION_ID.matcher(id).matches()) {
            throw new KitException("'" + id + "' is neither a correlation id nor a trace id",
                    "use the X-Correlation-Id of an answer, e.g. ./kit trace 3f1c2a9e-...", 2);
        }
        KitSettings settings = KitSettings.fromEnvironment();
        Topology topology = new Topology(settings);
        if (topology.part(Topology.ZIPKIN) == null) {
            throw new KitException("the kit runs without tracing", "./kit down, then ./kit up --tracing", 1);
        }
        String zipkin = topology.part(Topology.ZIPKIN).url();
        List<TraceSpan> spans = awaitSpans(zipkin);
        if (spans.isEmpty()) {
            throw new KitException("no trace for " + id + " in Zipkin (" + zipkin + ") within " + wait.toSeconds() + " s",
                    "check the id (the X-Correlation-Id header of the answer); Zipkin keeps only the newest spans and none across a restart", 1);
        }
        System.out.print(TraceTimeline.render(spans));
        System.out.println("In Zipkin: " + zipkin + "/zipkin/traces/" + spans.get(0).traceId());
        return 0;
    }

    /**
     * Polls until the trace exists and has had no new span for a moment, or until --wait ends. A write
     * whose change has not been captured yet is not settled: the bridge's spans come after the request's.
     */
    private List<TraceSpan> awaitSpans(String zipkin) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        List<TraceSpan> spans = List.of();
        long stableSince = System.nanoTime();
        while (true) {
            List<TraceSpan> now = read(zipkin);
            if (now.size() != spans.size()) {
                spans = now;
                stableSince = System.nanoTime();
            } else if (!spans.isEmpty() && System.nanoTime() - stableSince >= QUIET.toNanos() && !awaitingCapture(spans)) {
                return spans;
            }
            if (System.nanoTime() >= deadline) {
                return spans;
            }
            Thread.sleep(250);
        }
    }

    private static boolean awaitingCapture(List<TraceSpan> spans) {
        boolean write = spans.stream().anyMatch(s -> s.kind().equals("SERVER") && s.tags().getOrDefault("status", "").startsWith("2")
                && List.of("POST", "PUT", "PATCH", "DELETE").contains(s.tags().getOrDefault("method", "")));
        return write && spans.stream().noneMatch(s -> s.name().equals("capture and publish"));
    }

    private List<TraceSpan> read(String zipkin) throws InterruptedException {
        boolean traceId = TRACE_ID.matcher(id).matches();
        String path = traceId ? "/api/v2/trace/" + id
                : "/api/v2/traces?limit=5&lookback=86400000&annotationQuery="
                + URLEncoder.encode("correlationId=" + id, StandardCharsets.UTF_8);
        JsonNode body;
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(zipkin + path)).timeout(Duration.ofSeconds(5))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 404) {
                return List.of();
            }
            if (response.statusCode() != 200) {
                throw new KitException("Zipkin answered " + response.statusCode() + " for " + path, "see ./kit logs zipkin", 1);
            }
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            String why = e instanceof java.net.ConnectException ? "connection refused" : e.getMessage() == null ? e.toString() : e.getMessage();
            throw new KitException("Zipkin does not answer at " + zipkin + " (" + why + ")", "start it with ./kit up", 1);
        }
        // By correlation id: the traces tagged with it; a request has one (take the newest if a client reused its id).
        JsonNode trace = traceId ? body : body.isArray() && !body.isEmpty() ? newest(body) : null;
        List<TraceSpan> spans = new ArrayList<>();
        if (trace != null) {
            trace.forEach(span -> spans.add(TraceSpan.of(span)));
        }
        return spans;
    }

    private static JsonNode newest(JsonNode traces) {
        JsonNode newest = traces.get(0);
        for (JsonNode trace : traces) {
            if (start(trace) > start(newest)) {
                newest = trace;
            }
        }
        return newest;
    }

    private static long start(JsonNode trace) {
        long start = Long.MAX_VALUE;
        for (JsonNode span : trace) {
            start = Math.min(start, span.path("timestamp").asLong(Long.MAX_VALUE));
        }
        return start;
    }
}
