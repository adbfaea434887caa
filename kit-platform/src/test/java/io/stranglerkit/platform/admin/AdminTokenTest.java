package io.stranglerkit.platform.admin;

import io.stranglerkit.platform.problem.FieldProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AdminTokenTest {

    @Test
    void acceptsOnlyTheBearerToken() {
        AdminToken token = AdminToken.configured(" s3cret ");
        assertThat(token.accepts("Bearer s3cret")).isTrue();
        assertThat(token.accepts("Bearer s3cret ")).isTrue();
        assertThat(token.accepts("Bearer wrong")).isFalse();
        assertThat(token.accepts("s3cret")).isFalse();
        assertThat(token.accepts(null)).isFalse();
        token.require("Bearer s3cret");
    }

    @Test
    void aRefusalIs401NamingTheHeaderAndNeverTheToken() {
        AdminToken token = AdminToken.configured("s3cret");
        assertThatThrownBy(() -> token.require("Bearer nope")).isInstanceOfSatisfying(ErrorResponseException.class, e -> {
            assertThat(e.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
            assertThat(e.getBody().getDetail()).contains("Authorization: Bearer <admin token>").doesNotContain("s3cret");
            assertThat(e.getBody().getProperties()).containsEntry("errors",
                    List.of(new FieldProblem("Authorization", e.getBody().getDetail())));
        });
    }

    @Test
    void withoutATokenEveryAdminActionIsRefused() {
        AdminToken none = AdminToken.configured("");
        assertThat(none.enabled()).isFalse();
        assertThat(none.accepts("Bearer ")).isFalse();
        assertThatThrownBy(() -> none.require("Bearer x")).hasMessageContaining("401");
    }

    @Test
    void generatesOneTokenOnceReadableByTheOwnerOnly(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("data/admin-token");
        AdminToken first = AdminToken.configuredOrGeneratedIn(null, file);
        String written = Files.readString(file).trim();
        assertThat(written).hasSize(48);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(first.accepts("Bearer " + written)).isTrue();
        assertThat(AdminToken.configuredOrGeneratedIn(" ", file).accepts("Bearer " + written)).as("the same file is reused").isTrue();
        assertThat(AdminToken.configuredOrGeneratedIn("given", file).accepts("Bearer given")).isTrue();
    }
}
