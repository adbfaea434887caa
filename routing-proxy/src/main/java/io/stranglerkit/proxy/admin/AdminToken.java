package io.stranglerkit.proxy.admin;

import io.stranglerkit.proxy.ProxyProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The bearer token for admin actions: {@code KIT_ADMIN_TOKEN} when set, else one generated at first
 * start into {@code <data-dir>/admin-token}, readable by the owner only. The token itself is never logged.
 */
@Component
public class AdminToken {

    private static final Logger log = LoggerFactory.getLogger(AdminToken.class);
    private final byte[] token;

    public AdminToken(ProxyProperties properties) {
        String configured = properties.admin().token();
        if (configured != null && !configured.isBlank()) {
            token = configured.trim().getBytes(StandardCharsets.UTF_8);
            log.info("admin token: from KIT_ADMIN_TOKEN");
        } else {
            Path file = properties.dataDir().resolve("admin-token").toAbsolutePath();
            token = readOrCreate(file).getBytes(StandardCharsets.UTF_8);
            log.info("admin token: in {}", file);
        }
    }

    /** Constant-time comparison of an {@code Authorization} header value. */
    public boolean accepts(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return false;
        }
        return MessageDigest.isEqual(token, authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8));
    }

    private static String readOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                byte[] random = new byte[24];
                new SecureRandom().nextBytes(random);
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(file, HexFormat.of().formatHex(random) + "\n");
            }
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the admin token " + file, e);
        }
    }
}
