package io.stranglerkit.kit.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ClassroomSnapshotTest {

    @TempDir
    Path home;

    @Test
    void keepsTheKitsDataNotItsLogsProcessesChoicesOrMariaDbBinaries() throws Exception {
        for (String dir : new String[]{"mariadb/base/bin", "mariadb/data/shop", "mariadb/tmp", "kafka/data", "cdc", "proxy", "search-index/g1",
            "logs", "run", "reports/bench-1", "snapshot/kafka"}) {
            Files.createDirectories(home.resolve(dir));
        }
        for (String file : new String[]{"seeded.properties", "admin-token", "tracing", "proxy-replicas", "mariadb/init.sql"}) {
            Files.writeString(home.resolve(file), "x");
        }
        assertThat(ClassroomSnapshot.stateEntries(home)).extracting(p -> home.relativize(p).toString())
                .containsExactly("cdc", "kafka", "mariadb/data", "mariadb/init.sql", "proxy", "search-index", "seeded.properties");
    }

    @Test
    void restoresTheSnapshotsDataAndDropsWhatCameAfter() throws Exception {
        Files.createDirectories(home.resolve("snapshot/mariadb/data"));
        Files.writeString(home.resolve("snapshot/mariadb/data/row"), "seeded");
        Files.writeString(home.resolve("snapshot/seeded.properties"), "products=2000");
        Files.createDirectories(home.resolve("mariadb/data"));
        Files.createDirectories(home.resolve("mariadb/base"));
        Files.writeString(home.resolve("mariadb/data/row"), "changed in a lab");
        Files.writeString(home.resolve("mariadb/data/later"), "created in a lab");
        Files.writeString(home.resolve("mariadb/base/mariadbd"), "binary");
        Files.createDirectories(home.resolve("search-index"));
        Files.writeString(home.resolve("admin-token"), "secret");

        new ClassroomSnapshot(KitSettings.from(Map.of("KIT_HOME", home.toString(), "KIT_ROOT", home.toString())),
                new java.io.PrintWriter(System.out, true)).restore();

        assertThat(home.resolve("mariadb/data/row")).hasContent("seeded");
        assertThat(home.resolve("mariadb/data/later")).doesNotExist();
        assertThat(home.resolve("search-index")).doesNotExist();
        assertThat(home.resolve("mariadb/base/mariadbd")).hasContent("binary");
        assertThat(home.resolve("admin-token")).hasContent("secret");
        assertThat(home.resolve("seeded.properties")).hasContent("products=2000");
        assertThat(home.resolve("snapshot/mariadb/data/row")).hasContent("seeded");
    }
}
