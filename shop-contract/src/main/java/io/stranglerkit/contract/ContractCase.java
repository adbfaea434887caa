package io.stranglerkit.contract;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One row of a side's contract table: an operation, the status it must answer, the request, and
 * what the test's mocks are told first. {@link #assertEveryAnswerHasACase} then says whether the
 * table covers every answer the contract documents for that side.
 *
 * @param <T> the test class, whose mocks {@code given} sets up
 */
public record ContractCase<T>(String operation, int status, MockHttpServletRequestBuilder request, Consumer<T> given) {

    public static <T> ContractCase<T> of(String operation, int status, MockHttpServletRequestBuilder request) {
        return new ContractCase<>(operation, status, request, test -> { });
    }

    /** A case that needs the test's mocks told something first, e.g. to throw. */
    public static <T> ContractCase<T> given(String operation, int status, MockHttpServletRequestBuilder request, Consumer<T> given) {
        return new ContractCase<>(operation, status, request, given);
    }

    public static MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder request, String body) {
        return request.contentType(MediaType.APPLICATION_JSON).content(body);
    }

    /** A body that is not JSON: every operation with a body answers 415. */
    public static MockHttpServletRequestBuilder notJson(MockHttpServletRequestBuilder request) {
        return request.contentType(MediaType.TEXT_PLAIN).content("a lamp");
    }

    /** The same request, answered with another status once {@code given} has run. */
    public ContractCase<T> failing(int otherStatus, Consumer<T> failure) {
        return new ContractCase<>(operation, otherStatus, request, failure);
    }

    /**
     * Fails unless {@code covered} ("GET /api/products/{id} 404") holds every documented answer of
     * the side's operations, except statuses the side never gives (the proxy's 502 and 504, ...).
     */
    public static void assertEveryAnswerHasACase(Set<String> covered, Set<String> operations, Set<String> statusesNotAnsweredHere) {
        Set<String> documented = new TreeSet<>(ShopContract.answers(ShopContract.document(), operations));
        documented.removeIf(answer -> statusesNotAnsweredHere.contains(answer.substring(answer.lastIndexOf(' ') + 1)));
        assertThat(covered).as("answers with a case").containsAll(documented);
    }

    @Override
    public String toString() {
        return operation + " " + status;
    }
}
