package io.stranglerkit.kit.launcher;

import io.stranglerkit.kit.KitException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Writes the {@code .env} that docker-compose.yml requires: a random password for every database
 * account and the admin token, readable by its owner only. Compose refuses to start without it, so no
 * container runs on a development default.
 */
@Command(name = "compose-env", mixinStandardHelpOptions = true,
        description = {"Writes .env next to docker-compose.yml: random passwords for MariaDB's accounts and the admin token",
                "(mode 0600). Run it once before docker compose up; the database volume keeps the passwords of its first start."})
public class ComposeEnvCommand implements Callable<Integer> {

    /** Every variable docker-compose.yml requires with {@code ${NAME:?...}}; DockerComposeTest checks both lists agree. */
    public static final List<String> VARIABLES = List.of("MARIADB_ROOT_PASSWORD", "SHOP_DB_PASSWORD", "SEARCH_DB_PASSWORD",
            "CATALOG_DB_PASSWORD", "CATALOG_SYNC_DB_PASSWORD", "CDC_DB_PASSWORD", "KIT_DB_PASSWORD", "KIT_ADMIN_TOKEN");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    @Option(names = "--force", description = "Replace an existing .env (only for a fresh database volume: docker compose down -v).")
    boolean force;

    @Override
    public Integer call() throws IOException {
        Path file = write(KitSettings.fromEnvironment().root(), force);
        System.out.println("Wrote " + file + " (" + VARIABLES.size() + " secrets, readable by you only). Next: docker compose up --build");
        return 0;
    }

    /** Writes {@code <root>/.env}; refuses to replace one unless {@code force}. */
    static Path write(Path root, boolean force) throws IOException {
        Path file = root.resolve(".env");
        if (Files.exists(file) && !force) {
            throw new KitException(file + " exists; its passwords are already in the database volume",
                    "keep it; or, for a fresh volume (docker compose down -v), ./kit compose-env --force", 2);
        }
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException e) {
            throw new KitException(file + " appeared meanwhile", "run ./kit compose-env again", 2);
        }
        StringBuilder text = new StringBuilder("# Written by ./kit compose-env for docker-compose.yml; keep it private (mode 0600).\n");
        generate().forEach((name, value) -> text.append(name).append('=').append(value).append('\n'));
        Files.writeString(file, text, StandardOpenOption.TRUNCATE_EXISTING);
        return file;
    }

    static Map<String, String> generate() {
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : VARIABLES) {
            values.put(name, secret(name.endsWith("TOKEN") ? 40 : 24));
        }
        return values;
    }

    private static String secret(int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return out.toString();
    }
}
