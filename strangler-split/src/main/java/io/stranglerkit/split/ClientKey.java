package io.stranglerkit.split;

import org.springframework.http.HttpCookie;
import org.springframework.http.ResponseCookie;
import org.springframework.web.server.ServerWebExchange;

import java.time.Duration;
import java.util.UUID;

/** Who a client is, for a sticky split: {@code X-Client-Id}, else the {@code kit-client} cookie, else a new cookie. */
final class ClientKey {

    static final String HEADER = "X-Client-Id";
    static final String COOKIE = "kit-client";
    private static final int MAX_LENGTH = 128;

    private ClientKey() {
    }

    static String of(ServerWebExchange exchange) {
        String header = exchange.getRequest().getHeaders().getFirst(HEADER);
        if (header != null && !header.isBlank() && header.length() <= MAX_LENGTH) {
            return header;
        }
        HttpCookie cookie = exchange.getRequest().getCookies().getFirst(COOKIE);
        if (cookie != null && !cookie.getValue().isBlank()) {
            return cookie.getValue();
        }
        String id = UUID.randomUUID().toString();
        exchange.getResponse().addCookie(ResponseCookie.from(COOKIE, id)
                .path("/").httpOnly(true).sameSite("Lax").maxAge(Duration.ofDays(365)).build());
        return id;
    }
}
