package io.stranglerkit.kit.launcher;

import io.stranglerkit.kit.KitException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ComposeEnvCommandTest {

    @TempDir
    Path root;

    @Test
    void writesARandomSecretForEveryVariableReadableByItsOwnerOnly() throws Exception {
        Path file = ComposeEnvCommand.write(root, false);

        Properties env = new Properties();
        env.load(Files.newBufferedReader(file));
        assertThat(env.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(ComposeEnvCommand.VARIABLES);
        assertThat(env.values()).allSatisfy(v -> assertThat((String) v).matches("[A-Za-z0-9]{24,}"));
        assertThat(env.values()).doesNotHaveDuplicates();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void neverReplacesSecretsTheDatabaseVolumeAlreadyHoldsUnlessForced() throws Exception {
        Path file = ComposeEnvCommand.write(root, false);
        String first = Files.readString(file);

        assertThatThrownBy(() -> ComposeEnvCommand.write(root, false)).isInstanceOf(KitException.class)
                .hasMessageContaining("already in the database volume");
        assertThat(Files.readString(file)).isEqualTo(first);

        ComposeEnvCommand.write(root, true);
        assertThat(Files.readString(file)).isNotEqualTo(first);
    }
}
