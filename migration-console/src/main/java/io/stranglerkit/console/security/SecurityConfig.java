package io.stranglerkit.console.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reading is open; every change needs a session opened with the kit's admin token ({@link SessionController}).
 * The session cookie is HttpOnly and SameSite=Strict (application.yml), and every change also carries
 * the CSRF token the page reads from the {@code XSRF-TOKEN} cookie and sends back as {@code X-XSRF-TOKEN}.
 */
@Configuration
public class SecurityConfig {

    static final String ADMIN = "ADMIN";

    @Bean
    SecurityContextRepository securityContextRepository() {
        return new HttpSessionSecurityContextRepository();
    }

    @Bean
    SecurityFilterChain console(HttpSecurity http, SecurityContextRepository contexts, JsonMapper json) throws Exception {
        CookieCsrfTokenRepository csrfCookie = CookieCsrfTokenRepository.withHttpOnlyFalse();
        csrfCookie.setCookieCustomizer(cookie -> cookie.sameSite("Strict").path("/"));
        CsrfTokenRequestAttributeHandler plainToken = new CsrfTokenRequestAttributeHandler();
        plainToken.setCsrfRequestAttributeName(null); // load it on every request, so the page always has the cookie
        return http
                .csrf(csrf -> csrf.csrfTokenRepository(csrfCookie).csrfTokenRequestHandler(plainToken))
                .securityContext(context -> context.securityContextRepository(contexts))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.GET, "/**").permitAll()
                        .requestMatchers("/api/session").permitAll()
                        .anyRequest().hasRole(ADMIN))
                .exceptionHandling(refusals -> refusals
                        .authenticationEntryPoint((request, response, e) -> Problems.write(response, json, HttpStatus.UNAUTHORIZED,
                                "changes need the kit's admin token: enter it on the page first (kit up keeps it in .kit/admin-token)",
                                "session", "has not been opened with the admin token"))
                        .accessDeniedHandler((request, response, e) -> Problems.write(response, json, HttpStatus.FORBIDDEN,
                                "the request did not carry this page's CSRF token (X-XSRF-TOKEN): reload the page and try again",
                                "X-XSRF-TOKEN", "is missing or does not match the XSRF-TOKEN cookie")))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
                        "default-src 'self'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'; base-uri 'none'")))
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .build();
    }
}
