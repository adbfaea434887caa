package io.stranglerkit.system.kit;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The classroom course run the way a class runs it, on {@link TracedKitIT}'s kit (after the tracing
 * tests): for each lab, {@code kit lab start N} (from whatever the previous lab, or an odd state, left),
 * every command block of its README marked {@code bash run}, in order, in a shell in a folder that looks
 * like the repository (benchmarks measure for 3 s, not 10: {@link LabBook#forTest}), then
 * {@code kit check lab-N} until it passes. A lab whose commands no longer work fails the build.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class ClassroomTests {

    private static final KitRunner KIT = TracedKitIT.KIT;
    private static Path workdir;

    /** What a student's clone offers the labs: ./kit, .kit/ and the repository's files. */
    private static Path workdir() throws IOException {
        if (workdir != null) {
            return workdir;
        }
        workdir = Files.createDirectories(KIT.home.resolveSibling(KIT.home.getFileName() + "-student"));
        try (Stream<Path> entries = Files.list(KitRunner.ROOT)) {
            for (Path entry : entries.filter(e -> !Set.of("kit", ".kit", ".git").contains(e.getFileName().toString())).toList()) {
                Files.createSymbolicLink(workdir.resolve(entry.getFileName()), entry);
            }
        }
        Files.createSymbolicLink(workdir.resolve(".kit"), KIT.home);
        Path kit = workdir.resolve("kit");
        Files.writeString(kit, "#!/bin/sh\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java")
                + "' -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -jar '" + KitRunner.ROOT.resolve("migration-playbook/target/kit.jar")
                + "' \"$@\"\n");
        Files.setPosixFilePermissions(kit, PosixFilePermissions.fromString("rwxr-xr-x"));
        return workdir;
    }

    /** From an odd state (routes half-moved and not sticky, a ramp running, the catalog retired), lab 1's start puts all back. */
    @Test
    @Order(1)
    void labStartUndoesWhateverWasLeftAndSaysWhat() throws Exception {
        assertThat(KIT.kit("route", "set", "search", "30", "--no-sticky", "--shadow", "50").exit()).isZero();
        assertThat(KIT.kit("route", "set", "catalog-read", "70", "--no-sticky").exit()).isZero();
        KitRunner.Result ramp = KIT.kit("ramp", "catalog-read", "--steps", "20,100", "--hold", "60s", "--min-requests", "50");
        assertThat(ramp.exit()).as(ramp.output()).isZero();
        HttpResponse<String> retired = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(KIT.url("KIT_CATALOG_PORT") + "/admin/forward-sync"))
                .header("Authorization", "Bearer " + Files.readString(KIT.home.resolve("admin-token")).trim())
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("{\"enabled\":false}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(retired.statusCode()).as(retired.body()).isEqualTo(200);

        KitRunner.Result start = KIT.kit("lab", "start", "1");
        assertThat(start.exit()).as(start.output()).isZero();
        assertThat(start.output()).contains("Lab 1 starts from: search 0% sticky, catalog-read 0% sticky, catalog-write 0% sticky",
                "changed: the catalog's forward sync switched on", "changed: search: 30% not sticky, shadow 50% -> 0% sticky",
                "changed: the running ramp of catalog-read aborted", "changed: catalog-read: 20% not sticky -> 0% sticky", "Ready for lab 1:");
        KitRunner.Result again = KIT.kit("lab", "start", "lab-1");
        assertThat(again.output()).as(again.output()).contains("Nothing to change");
        assertThat(KIT.kit("lab", "start", "13").exit()).isEqualTo(2);
        assertThat(KIT.kit("lab", "start").exit()).isEqualTo(2);
    }

    @Test
    @Order(2)
    void everyLabRunsAsWrittenAndReachesItsCheckpoint() throws Exception {
        StringBuilder timings = new StringBuilder();
        for (Path lab : LabBook.labs()) {
            int n = LabBook.number(lab);
            if (n == 9) {
                // A part left down (a drill): the lab's start brings it back.
                assertThat(KIT.kit("stop", "extracted-search-service").exit()).isZero();
            }
            long began = System.nanoTime();
            KitRunner.Result start = KIT.kit("lab", "start", String.valueOf(n));
            assertThat(start.exit()).as(start.output()).isZero();
            if (n == 9) {
                assertThat(start.output()).contains("Starting what is down: extracted-search-service", "changed: started extracted-search-service");
            }
            timings.append(String.format(Locale.ROOT, "lab %d: start %.1f s", n, (System.nanoTime() - began) / 1e9));
            began = System.nanoTime();
            for (LabBook.Block block : LabBook.blocks(n, Files.readString(lab.resolve("README.md")))) {
                run(block);
            }
            timings.append(String.format(Locale.ROOT, ", steps %.0f s%n", (System.nanoTime() - began) / 1e9));
            // A checkpoint may wait for CDC, as a student re-runs it after a moment.
            AtomicReference<KitRunner.Result> check = new AtomicReference<>();
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(3)).untilAsserted(() -> {
                check.set(KIT.kit("check", "lab-" + n));
                assertThat(check.get().exit()).as(check.get().output()).isZero();
            });
            assertThat(check.get().output()).contains("Lab " + n + " done");
        }
        System.out.print("Lab timings (300 products):\n" + timings);

        KitRunner.Result korean = KIT.kitWith(Map.of("KIT_LANG", "ko"), "check", "lab-12");
        assertThat(korean.output()).as(korean.output()).contains("실습 12 확인", "[ok] 카탈로그의 포워드 싱크가 꺼져 있습니다", "실습 12 완료");
    }

    /** After the whole course, the freshly seeded state comes back from the snapshot: no seeding, no drift, no lab leftovers. */
    @Test
    @Order(3)
    void resetFastPutsBackTheFreshlySeededKit() throws Exception {
        KitRunner.Result reset = KIT.kit("reset", "--fast", "--yes");
        assertThat(reset.exit()).as(reset.output()).isZero();
        assertThat(reset.output()).contains("Restored the freshly seeded state", "The kit is up", "300 products already seeded",
                "Reset to the freshly seeded state").doesNotContain("seeding 300");
        for (String target : new String[]{"search", "catalog"}) {
            KitRunner.Result verify = KIT.kit("verify", target, "--wait", "60s");
            assertThat(verify.exit()).as(verify.output()).isZero();
            assertThat(verify.output()).containsPattern("products\\s+300\\s+300");
        }
        assertThat(KitRunner.get(KIT.url("KIT_MONOLITH_PORT") + "/api/products/11").body()).doesNotContain("Written in the");
        KitRunner.Result start = KIT.kit("lab", "start", "1");
        assertThat(start.output()).as(start.output()).contains("Nothing to change");
        KitRunner.Result check = KIT.kit("check", "lab-1");
        assertThat(check.exit()).as(check.output()).isZero();
    }

    private static void run(LabBook.Block block) throws IOException, InterruptedException {
        String commands = LabBook.forTest(block.commands(), KIT.env);
        KitRunner.Result ran = KIT.run(List.of("bash", "-e", "-o", "pipefail", "-c", commands), workdir(), Map.of());
        assertThat(ran.exit()).as("lab %d, the block at line %d of its README:%n%s%n--- it printed:%n%s", block.lab(), block.line(), commands,
                ran.output()).isEqualTo(block.exit());
    }
}
