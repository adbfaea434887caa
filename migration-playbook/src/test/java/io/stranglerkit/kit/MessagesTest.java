package io.stranglerkit.kit;

import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessagesTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)}");

    @Test
    void koreanHasEveryEnglishMessageWithTheSamePlaceholdersAndKeepsCommandsAsTheyAre() throws Exception {
        Properties english = load("messages/kit.properties");
        Properties korean = load("messages/kit_ko.properties");
        assertThat(new TreeSet<>(korean.stringPropertyNames())).isEqualTo(new TreeSet<>(english.stringPropertyNames()));
        Pattern command = Pattern.compile("\\./kit [a-z]+( [a-z][a-z-]*)?|--[a-z][a-z-]+");
        for (String key : english.stringPropertyNames()) {
            assertThat(placeholders(korean.getProperty(key))).as(key).isEqualTo(placeholders(english.getProperty(key)));
            Matcher m = command.matcher(english.getProperty(key));
            while (m.find()) {
                assertThat(korean.getProperty(key)).as("%s keeps the command %s", key, m.group()).contains(m.group().strip());
            }
        }
    }

    @Test
    void noMessageStartsWithBlanksThatPropertiesWouldDrop() throws Exception {
        for (String resource : new String[]{"messages/kit.properties", "messages/kit_ko.properties"}) {
            try (InputStream in = MessagesTest.class.getClassLoader().getResourceAsStream(resource)) {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                // Indentation belongs in the code that prints a message.
                assertThat(text).as(resource).doesNotContainPattern("(?m)^[a-zA-Z.]+=[ \\t]");
            }
        }
    }

    @Test
    void choosesTheLanguageFromKitLangThenTheSystemAndFallsBackToEnglish() {
        assertThat(Messages.of(Map.of("KIT_LANG", "ko")).get("check.done", 3)).isEqualTo("실습 3 완료: 모든 확인을 통과했습니다.");
        assertThat(Messages.of(Map.of("KIT_LANG", "ko_KR")).language()).isEqualTo("ko");
        assertThat(Messages.of(Map.of("KIT_LANG", "en")).get("check.done", 3)).isEqualTo("Lab 3 done: every check passed.");
        assertThat(Messages.of(Map.of("KIT_LANG", "fr")).language()).isEqualTo("en");
        assertThat(Messages.forLanguage("en").get("check.percent.todo", "search", 40, 0, "0"))
                .isEqualTo("search is at 40%; set it with ./kit route set search 0 --sticky (wanted 0)");
        assertThatThrownBy(() -> Messages.forLanguage("en").get("no.such.key")).hasMessageContaining("no message no.such.key");
    }

    private static TreeSet<String> placeholders(String text) {
        TreeSet<String> found = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    private static Properties load(String resource) throws Exception {
        Properties properties = new Properties();
        try (InputStream in = MessagesTest.class.getClassLoader().getResourceAsStream(resource)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
