package io.stranglerkit.platform.admin;

import io.stranglerkit.platform.problem.FieldProblem;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/**
 * The bearer token every admin action of the kit requires ({@code Authorization: Bearer <token>}),
 * compared in constant time. The token itself is never logged or put in an answer.
 */
public final class AdminToken {

    private static final String HEADER = "Authorization";
    private final byte[] token;

    private AdminToken(String token) {
        this.token = token == null ? new byte[0] : token.trim().getBytes(StandardCharsets.UTF_8);
    }

    /** {@code KIT_ADMIN_TOKEN} as configured; blank disables admin actions (every call is refused). */
    public static AdminToken configured(String value) {
        return new AdminToken(value);
    }

    /** The configured token, else one generated once into {@code file}, readable by the owner only. */
    public static AdminToken configuredOrGeneratedIn(String value, Path file) {
        return value != null && !value.isBlank() ? new AdminToken(value) : new AdminToken(readOrCreate(file));
    }

    public boolean enabled() {
        return token.length > 0;
    }

    /** The {@code Authorization} value a part sends to another part's admin API (never logged, never shown). */
    public String authorization() {
        return "Bearer " + new String(token, StandardCharsets.UTF_8);
    }

    /** Whether an {@code Authorization} header value carries the token. */
    public boolean accepts(String authorization) {
        if (!enabled() || authorization == null || !authorization.startsWith("Bearer ")) {
            return false;
        }
        return MessageDigest.isEqual(token, authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8));
    }

    /** Refuses with 401 problem+json naming the header, unless the header carries the token. */
    public void require(String authorization) {
        if (!enabled()) {
            throw refused("admin actions are disabled: start the service with KIT_ADMIN_TOKEN set");
        }
        if (!accepts(authorization)) {
            throw refused("send Authorization: Bearer <admin token> (KIT_ADMIN_TOKEN; kit up keeps it in .kit/admin-token)");
        }
    }

    private static ErrorResponseException refused(String reason) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, reason);
        problem.setProperty("errors", List.of(new FieldProblem(HEADER, reason)));
        return new ErrorResponseException(HttpStatus.UNAUTHORIZED, problem, null);
    }

    private static String readOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.toAbsolutePath().getParent());
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
