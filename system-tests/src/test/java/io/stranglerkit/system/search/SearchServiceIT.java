package io.stranglerkit.system.search;

import io.stranglerkit.infra.AppProcess;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The search service against the real pipeline: monolith -> MariaDB binlog -> cdc-bridge -> Kafka ->
 * search service. Tests run in order on one pipeline; each leaves the model converged.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SearchServiceIT {

    private static final int PRODUCTS = 3000;
    private static final Duration CONVERGE = Duration.ofSeconds(60);

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private Pipeline pipeline;

    @BeforeAll
    void start() throws Exception {
        pipeline = new Pipeline(PRODUCTS);
        awaitConverged();
    }

    @AfterAll
    void stop() throws Exception {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    @Order(1)
    void singleTermQueriesMatchTheSameIdsAsTheMonolith() throws Exception {
        for (String term : List.of("oak", "OAK", "ak", "o", "cha", "chair", "armchair", "stainless", "kitchen", "Home",
                "&", "-", "Nordvik", "sku", "warranty", "walnut", "zzz", "49", "é", "camp")) {
            assertThat(allIds(pipeline.search.url(), term)).as("ids for '%s'", term).isEqualTo(allIds(pipeline.monolith.url(), term));
        }
    }

    @Test
    @Order(2)
    void pagesAndErrorsAreTheMonolithsByteForByte() throws Exception {
        for (String query : List.of("q=oak%20chair", "q=oak&page=2&size=7", "q=lamp%20walnut%20bamboo&size=100",
                "q=nothing-matches-this", "q=oak&page=999&size=100")) {
            HttpResponse<String> service = pipeline.search.get("/api/products/search?" + query);
            HttpResponse<String> monolith = pipeline.monolith.get("/api/products/search?" + query);
            assertThat(service.statusCode()).isEqualTo(200);
            assertThat(service.body()).as(query).isEqualTo(monolith.body());
        }
        for (String bad : List.of("", "q=", "q=%20%20", "q=oak&size=0", "q=oak&size=101", "q=oak&page=-1", "q=oak&page=abc",
                "q=oak&pgae=2", "q=a%20b%20c%20d%20e%20f%20g%20h%20i%20j%20k", "q=" + "x".repeat(201), "size=5")) {
            HttpResponse<String> service = pipeline.search.get("/api/products/search?" + bad);
            HttpResponse<String> monolith = pipeline.monolith.get("/api/products/search?" + bad);
            assertThat(service.statusCode()).as(bad).isEqualTo(400).isEqualTo(monolith.statusCode());
            assertThat(service.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(withoutCorrelationId(service.body())).as(bad).isEqualTo(withoutCorrelationId(monolith.body()));
            assertThat(Pipeline.json(service.body()).path("correlationId").asString()).isNotBlank();
        }
    }

    @Test
    @Order(3)
    void rawSqlChangesBehindTheMonolithsBackAreSearchableWithinASecond() throws Exception {
        long id;
        try (Connection c = pipeline.shop(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO product (sku, name, description, price_cents, category_id)"
                    + " VALUES ('RAW-1', 'Quokkafresh kettle', 'written by raw SQL', 1234, 1)", Statement.RETURN_GENERATED_KEYS);
            var keys = s.getGeneratedKeys();
            keys.next();
            id = keys.getLong(1);
        }
        long inserted = System.nanoTime();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> pipeline.search.get("/api/products/search?q=quokkafresh").body().contains("\"id\":" + id));
        System.out.printf("raw insert searchable after %d ms%n", (System.nanoTime() - inserted) / 1_000_000);

        // An UPDATE that does not bump `version`: the binlog position still orders it after the insert.
        pipeline.execute("UPDATE " + pipeline.shopDb + ".product SET price_cents = 999 WHERE id = " + id);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> pipeline.search.get("/api/products/search?q=quokkafresh").body().contains("\"price\":\"9.99\""));

        pipeline.execute("DELETE FROM " + pipeline.shopDb + ".product WHERE id = " + id);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> pipeline.search.get("/api/products/search?q=quokkafresh").body().contains("\"total\":0"));
        awaitConverged();
    }

    @Test
    @Order(4)
    void aCategoryRenameReachesEveryProductInIt() throws Exception {
        pipeline.execute("UPDATE " + pipeline.shopDb + ".category SET name = 'Zanzibar Gear' WHERE id = "
                + "(SELECT id FROM (SELECT MIN(category_id) AS id FROM " + pipeline.shopDb + ".product) AS first)");
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> Pipeline.json(pipeline.search.get("/api/products/search?q=zanzibar&size=1").body()).path("total").asLong() > 0);
        assertThat(allIds(pipeline.search.url(), "zanzibar")).isEqualTo(allIds(pipeline.monolith.url(), "zanzibar"));
        awaitConverged();
    }

    @Test
    @Order(5)
    void replayingTheWholeTopicAfterNewerChangesChangesNothing() throws Exception {
        // Newer changes first, so the replayed events are all older than what the model holds.
        pipeline.execute("UPDATE " + pipeline.shopDb + ".product SET name = CONCAT(name, ' v2'), version = version + 1 WHERE id % 10 = 0");
        awaitConverged();
        Map<Long, String> before = pipeline.modelFingerprint();
        long receivedBefore = pipeline.searchStatus().path("received").asLong();

        int replayed = replay(pipeline.productTopic) + replay(pipeline.categoryTopic);
        assertThat(replayed).isGreaterThan(PRODUCTS);
        await().atMost(CONVERGE).pollInterval(Duration.ofMillis(200))
                .until(() -> pipeline.searchStatus().path("received").asLong() >= receivedBefore + replayed);
        assertThat(pipeline.searchStatus().path("staleSkipped").asLong()).isPositive();
        assertThat(pipeline.modelFingerprint()).isEqualTo(before);
        assertThat(pipeline.modelProducts()).isEqualTo(pipeline.monolithProducts());
    }

    @Test
    @Order(6)
    void aPoisonEventGoesToTheDeadLetterTopicAndTheFeedMovesOn() throws Exception {
        long deadBefore = pipeline.searchStatus().path("deadLettered").asLong();
        try (var producer = producer()) {
            producer.send(new ProducerRecord<>(pipeline.productTopic, bytes("{\"id\":1}"), bytes("{not json"))).get();
            producer.send(new ProducerRecord<>(pipeline.productTopic, bytes("{\"id\":2}"),
                    bytes("{\"op\":\"u\",\"after\":{\"id\":2,\"price_cents\":\"cheap\"},\"source\":{\"file\":\"binlog.000001\",\"pos\":4}}"))).get();
        }
        pipeline.execute("UPDATE " + pipeline.shopDb + ".product SET name = 'Afterpoison lamp' WHERE id = 3");
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> pipeline.search.get("/api/products/search?q=afterpoison").body().contains("\"id\":3"));
        assertThat(pipeline.searchStatus().path("deadLettered").asLong()).isEqualTo(deadBefore + 2);

        List<ConsumerRecord<byte[], byte[]>> letters = readAll(pipeline.deadLetterTopic);
        assertThat(letters).hasSize(2);
        assertThat(header(letters.get(0), "dlq.reason")).contains("not JSON");
        assertThat(header(letters.get(1), "dlq.reason")).contains("after.sku must be a string, got nothing")
                .contains("after.price_cents must be a whole number, got string \"cheap\"");
        assertThat(header(letters.get(1), "dlq.topic")).isEqualTo(pipeline.productTopic);
        assertThat(new String(letters.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
        awaitConverged();
    }

    @Test
    @Order(7)
    void aServiceKilledInTheMiddleOfABurstLosesNothing() throws Exception {
        Thread writer = started(() -> {
            try (Connection c = pipeline.shop(); PreparedStatement update = c.prepareStatement(
                    "UPDATE product SET price_cents = price_cents + 1, version = version + 1 WHERE id = ?")) {
                for (int round = 0; round < 4; round++) {
                    for (long id = 1; id <= PRODUCTS; id += 3) {
                        update.setLong(1, id);
                        update.addBatch();
                    }
                    update.executeBatch();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(300);
        pipeline.search.kill();
        writer.join();
        pipeline.startSearchAfterCrash();
        awaitConverged();
        // The index was opened, not rebuilt: the feed read again only what its last commit had not reached.
        JsonNode index = pipeline.searchStatus().path("index");
        assertThat(index.path("opened").asString()).startsWith("opened");
        assertThat(index.path("resumedFrom").size()).as("an offset for every partition of both topics").isGreaterThanOrEqualTo(2);
        System.out.printf("after kill -9: %d records read again from the index's last commit, %d received since start%n",
                index.path("replayedOnResume").asLong(), pipeline.searchStatus().path("received").asLong());
        assertThat(pipeline.searchStatus().path("received").asLong()).isLessThan(topicRecords());
        assertThat(allIds(pipeline.search.url(), "oak")).isEqualTo(allIds(pipeline.monolith.url(), "oak"));
    }

    @Test
    @Order(8)
    void aRestartOpensTheIndexAndReadsNothingAgain() throws Exception {
        pipeline.restartSearch();
        JsonNode status = pipeline.searchStatus();
        assertThat(status.path("index").path("opened").asString()).startsWith("opened");
        assertThat(status.path("index").path("replayedOnResume").asLong()).isZero();
        assertThat(status.path("received").asLong()).isZero();
        assertThat(status.path("index").path("documents").asLong()).isEqualTo(pipeline.monolithProducts().size());
        assertThat(allIds(pipeline.search.url(), "chair")).isEqualTo(allIds(pipeline.monolith.url(), "chair"));
    }

    @Test
    @Order(9)
    void aCorruptOrDeletedIndexIsRebuiltFromTheSchemaAndNeverAnswersPartially() throws Exception {
        long total = Pipeline.json(pipeline.monolith.get("/api/products/search?q=a&size=1").body()).path("total").asLong();
        pipeline.search.kill();
        try (var files = Files.walk(pipeline.searchIndexDir)) {
            for (var file : files.filter(f -> f.getFileName().toString().startsWith("segments_")).toList()) {
                Files.write(file, bytes("not a segments file"));
            }
        }
        assertRebuiltWithoutPartialAnswers(total);

        pipeline.search.kill();
        pipeline.deleteSearchIndex();
        assertRebuiltWithoutPartialAnswers(total);
        awaitConverged();
    }

    private void assertRebuiltWithoutPartialAnswers(long total) throws Exception {
        pipeline.search = new AppProcess("extracted-search-service", "rebuilt-" + pipeline.searchDb,
                pipeline.searchEnv()).start();
        List<String> answers = new ArrayList<>();
        long deadline = System.nanoTime() + CONVERGE.toNanos();
        while (true) {
            assertThat(System.nanoTime()).as("searches answered within %s; answers so far %s", CONVERGE, answers).isLessThan(deadline);
            HttpResponse<String> answer;
            try {
                answer = pipeline.search.get("/api/products/search?q=a&size=1");
            } catch (IOException notListeningYet) {
                Thread.sleep(20);
                continue;
            }
            if (answer.statusCode() == 200) {
                assertThat(Pipeline.json(answer.body()).path("total").asLong()).as("a complete answer").isEqualTo(total);
                break;
            }
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
            assertThat(answer.body()).contains("index rebuilding");
            answers.add(Pipeline.json(answer.body()).path("detail").asString());
            Thread.sleep(5);
        }
        System.out.printf("rebuilt index: %d answers were 503 before it was complete (%s)%n", answers.size(),
                answers.isEmpty() ? "-" : answers.get(answers.size() - 1));
        pipeline.search.awaitHealthy(CONVERGE);
        assertThat(pipeline.searchStatus().path("index").path("opened").asString()).startsWith("built");
    }

    @Test
    @Order(10)
    void aFeedKilledByAnErrorTurnsHealthDownAndComesBack() throws Exception {
        HttpRequest.Builder arm = HttpRequest.newBuilder(URI.create(pipeline.search.url() + "/admin/faults/feed-error"))
                .POST(HttpRequest.BodyPublishers.noBody());
        assertThat(pipeline.search.send(arm).statusCode()).isEqualTo(401);
        assertThat(pipeline.search.send(arm.header("Authorization", "Bearer " + Pipeline.ADMIN_TOKEN)).statusCode()).isEqualTo(202);
        pipeline.execute("UPDATE " + pipeline.shopDb + ".product SET name = 'Aftererror lamp' WHERE id = 11");
        await().atMost(CONVERGE).pollInterval(Duration.ofMillis(50)).until(() -> {
            JsonNode health = Pipeline.json(pipeline.search.get("/actuator/health").body());
            return "DOWN".equals(health.path("status").asString())
                    && health.path("components").path("feed").path("details").path("reason").asString().contains("stopped");
        });
        assertThat(pipeline.searchStatus().path("state").asString()).isEqualTo("stopped");
        assertThat(pipeline.searchStatus().path("lastError").asString()).contains("injected");
        await().atMost(CONVERGE).pollInterval(Duration.ofMillis(100))
                .until(() -> pipeline.search.get("/api/products/search?q=aftererror").body().contains("\"id\":11"));
        await().atMost(CONVERGE).pollInterval(Duration.ofMillis(100))
                .until(() -> pipeline.search.get("/actuator/health").statusCode() == 200);
        awaitConverged();
    }

    @Test
    @Order(11)
    void aRebuildNeverServesEmptyResultsAndEndsEqualToTheSource() throws Exception {
        // Drift the model behind the feed's back, so the rebuild has something to repair.
        pipeline.execute("DELETE FROM " + pipeline.searchDb + ".product_doc WHERE id % 7 = 0");
        HttpResponse<String> noToken = pipeline.search.send(HttpRequest.newBuilder(URI.create(pipeline.search.url() + "/admin/rebuild"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(noToken.statusCode()).isEqualTo(401);
        assertThat(noToken.body()).contains("\"correlationId\":\"" + noToken.headers().firstValue("X-Correlation-Id").orElseThrow() + "\"");
        assertThat(pipeline.search.send(HttpRequest.newBuilder(URI.create(pipeline.search.url() + "/admin/rebuild"))
                .header("Authorization", "Bearer wrong").POST(HttpRequest.BodyPublishers.noBody())).statusCode()).isEqualTo(401);

        AtomicInteger searches = new AtomicInteger();
        AtomicReference<String> emptyAnswer = new AtomicReference<>();
        Thread searcher = started(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    String body = pipeline.search.get("/api/products/search?q=oak&size=1").body();
                    searches.incrementAndGet();
                    if (body.contains("\"total\":0")) {
                        emptyAnswer.set(body);
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    emptyAnswer.set(e.toString());
                }
            }
        });
        HttpResponse<String> started = pipeline.search.send(HttpRequest.newBuilder(URI.create(pipeline.search.url() + "/admin/rebuild"))
                .header("Authorization", "Bearer " + Pipeline.ADMIN_TOKEN).POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        pipeline.execute("UPDATE " + pipeline.shopDb + ".product SET name = 'Duringrebuild lamp' WHERE id = 5");
        await().atMost(CONVERGE).pollInterval(Duration.ofMillis(200))
                .until(() -> "finished".equals(pipeline.searchStatus().path("rebuild").path("state").asString()));
        searcher.interrupt();
        searcher.join();
        assertThat(emptyAnswer.get()).as("an answer during the rebuild").isNull();
        assertThat(searches.get()).isGreaterThan(0);
        awaitConverged();
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> pipeline.search.get("/api/products/search?q=duringrebuild").body().contains("\"id\":5"));
        assertThat(allIds(pipeline.search.url(), "oak")).isEqualTo(allIds(pipeline.monolith.url(), "oak"));
    }

    private long topicRecords() {
        return readAll(pipeline.productTopic).size() + readAll(pipeline.categoryTopic).size();
    }

    private void awaitConverged() {
        await().atMost(CONVERGE).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertThat(pipeline.modelProducts()).isEqualTo(pipeline.monolithProducts()));
    }

    /** Every matching id, page by page. */
    private static List<Long> allIds(String base, String term) throws Exception {
        List<Long> ids = new ArrayList<>();
        for (int page = 0; ; page++) {
            HttpResponse<String> response = get(base + "/api/products/search?size=100&page=" + page + "&q="
                    + URLEncoder.encode(term, StandardCharsets.UTF_8));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode items = Pipeline.json(response.body()).path("items");
            items.forEach(item -> ids.add(item.path("id").asLong()));
            if (items.size() < 100) {
                return ids;
            }
        }
    }

    private static String withoutCorrelationId(String body) {
        ObjectNode json = (ObjectNode) Pipeline.json(body);
        json.remove("correlationId");
        return json.toString();
    }

    /** Re-sends every record of a topic, in order and with the same keys (so to the same partitions). */
    private int replay(String topic) throws Exception {
        List<ConsumerRecord<byte[], byte[]>> all = readAll(topic);
        try (var producer = producer()) {
            for (ConsumerRecord<byte[], byte[]> record : all) {
                producer.send(new ProducerRecord<>(topic, record.partition(), record.key(), record.value()));
            }
            producer.flush();
        }
        return all.size();
    }

    private List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.kafka.bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                assertThat(System.nanoTime()).as("reading %s to its end within 30 s", topic).isLessThan(deadline);
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            return out;
        }
    }

    private KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.kafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Thread started(Runnable work) {
        Thread thread = new Thread(work);
        thread.start();
        return thread;
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
