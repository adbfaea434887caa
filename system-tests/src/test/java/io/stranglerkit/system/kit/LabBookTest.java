package io.stranglerkit.system.kit;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The lab book's reading of the READMEs, and what every lab must have for the course to hold together. */
class LabBookTest {

    @Test
    void runsOnlyMarkedBashBlocksWithTheirExpectedStatusAndIndentRemoved() {
        String markdown = """
                1. Start:
                   ```bash run
                   ./kit up
                     echo indented
                   ```
                2. Not run:
                   ```bash
                   rm -rf /
                   ```
                ```json
                {"a": 1}
                ```
                ```bash run exit=3
                ./kit ramp search --watch
                ```
                """;
        List<LabBook.Block> blocks = LabBook.blocks(4, markdown);
        assertThat(blocks).containsExactly(new LabBook.Block(4, 2, "./kit up\n  echo indented\n", 0),
                new LabBook.Block(4, 13, "./kit ramp search --watch\n", 3));
        assertThatThrownBy(() -> LabBook.blocks(1, "```bash run\n./kit up\n")).hasMessageContaining("line 1 is never closed");
    }

    @Test
    void pointsTheDefaultPortsAtTheKitUnderTest() {
        String moved = LabBook.onPorts("curl http://127.0.0.1:8080/x; mariadb -h127.0.0.1 -P3307; echo 18080 127.0.0.1:8083",
                Map.of("KIT_PROXY_PORT", "41000", "KIT_MARIADB_PORT", "41001", "KIT_CATALOG_PORT", "41002"));
        assertThat(moved).isEqualTo("curl http://127.0.0.1:41000/x; mariadb -h127.0.0.1 -P41001; echo 18080 127.0.0.1:41002");
    }

    @Test
    void capsTheBenchmarksMeasuringTimesButNothingElse() {
        assertThat(LabBook.forTest("./kit bench compare search --duration 10s --warmup 3s --rate 20; ./kit bench cdc --duration 2s "
                + "--burst 5s; ./kit ramp search --hold 10s", Map.of())).isEqualTo("./kit bench compare search --duration 3s --warmup 1s "
                + "--rate 20; ./kit bench cdc --duration 2s --burst 3s; ./kit ramp search --hold 10s");
    }

    @Test
    void everyLabIsInTheCourseMapHasRunnableStepsAndAKnownCheckpoint() throws Exception {
        List<Path> labs = LabBook.labs();
        assertThat(labs).extracting(LabBook::number).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
        String courseMap = Files.readString(LabBook.LABS.resolve("README.md"));
        for (Path lab : labs) {
            int n = LabBook.number(lab);
            String readme = Files.readString(lab.resolve("README.md"));
            assertThat(courseMap).as("course map links lab %d", n).contains("](" + lab.getFileName() + "/README.md)");
            assertThat(readme).as("lab %d", n).startsWith("# Lab " + n + ": ").contains("**Goal:**", "**Pattern:**", "**Starts from:**",
                    "## Steps", "## Checkpoint\n`./kit check lab-" + n + "`", "## Troubleshooting", "## Exercise");
            assertThat(LabBook.blocks(n, readme)).as("lab %d has steps marked to run", n).isNotEmpty();
        }
    }

    /** The Korean labs run the same commands: their blocks are the English ones, character for character. */
    @Test
    void everyLabHasAKoreanReadmeWithTheSameCommands() throws Exception {
        String courseMap = Files.readString(LabBook.LABS.resolve("README.ko.md"));
        assertThat(LabBook.LABS.resolve("instructor-notes.ko.md")).exists();
        for (Path lab : LabBook.labs()) {
            int n = LabBook.number(lab);
            String english = Files.readString(lab.resolve("README.md"));
            String korean = Files.readString(lab.resolve("README.ko.md"));
            assertThat(courseMap).as("the Korean course map links lab %d", n).contains("](" + lab.getFileName() + "/README.ko.md)");
            assertThat(english).contains("[한국어](README.ko.md)");
            assertThat(korean).as("lab %d in Korean", n).startsWith("# 실습 " + n + ": ").contains("[English](README.md)", "**목표:**",
                    "**패턴:**", "**시작 상태:**", "## 단계", "## 체크포인트\n`./kit check lab-" + n + "`", "## 문제 해결", "## 연습 문제");
            assertThat(LabBook.blocks(n, korean)).extracting(LabBook.Block::commands, LabBook.Block::exit)
                    .as("lab %d's Korean command blocks", n)
                    .isEqualTo(LabBook.blocks(n, english).stream().map(b -> org.assertj.core.groups.Tuple.tuple(b.commands(), b.exit())).toList());
            assertThat(korean.split("```", -1)).as("lab %d: as many fenced blocks in both languages", n).hasSameSizeAs(english.split("```", -1));
        }
    }
}
