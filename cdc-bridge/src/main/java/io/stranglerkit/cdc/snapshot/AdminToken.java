package io.stranglerkit.cdc.snapshot;

import io.stranglerkit.cdc.config.BridgeProperties;
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
 * The bearer token admin endpoints require: {@code KIT_ADMIN_TOKEN} (kit up passes the kit's token),
 * else one generated on first start into {@code <data dir>/admin-token}, readable by the owner only.
 * Never logged.
 */
@Component
public class AdminToken {

    private final byte[] token;

    public AdminToken(BridgeProperties properties) {
        String configured = properties.adminToken();
        this.token = (configured != null && !configured.isBlank() ? configured.trim() : fromFile(properties.adminTokenFile()))
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Constant-time check of an {@code Authorization} header value. */
    public boolean accepts(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return false;
        }
        return MessageDigest.isEqual(token, authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8));
    }

    private static String fromFile(Path file) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file).trim();
            }
            Files.createDirectories(file.getParent());
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            String generated = HexFormat.of().formatHex(random);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, generated);
            return generated;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the admin token at " + file, e);
        }
    }
}
