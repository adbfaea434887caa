package io.stranglerkit.console.http;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReplicaUrlsTest {

    private static InetAddress ip(String address) {
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void literalUrlsStayAsConfigured() {
        List<URI> configured = List.of(URI.create("http://127.0.0.1:8180"), URI.create("http://127.0.0.1:8181"));
        assertThat(new ReplicaUrls(configured, host -> { throw new AssertionError("not resolved"); }).current()).isEqualTo(configured);
    }

    @Test
    void aDnsUrlStandsForEveryAddressOfItsNameAtEachCall() {
        List<List<InetAddress>> answers = new ArrayList<>(List.of(
                List.of(ip("10.1.0.7"), ip("10.1.0.12")),
                List.of(ip("10.1.0.7"), ip("10.1.0.12"), ip("10.1.0.30"))));
        ReplicaUrls urls = new ReplicaUrls(List.of(URI.create("dns+http://routing-proxy-replicas:8180")), host -> {
            assertThat(host).isEqualTo("routing-proxy-replicas");
            return answers.remove(0);
        });
        assertThat(urls.current()).containsExactly(URI.create("http://10.1.0.12:8180"), URI.create("http://10.1.0.7:8180"));
        assertThat(urls.current()).hasSize(3).contains(URI.create("http://10.1.0.30:8180"));
    }

    @Test
    void aNameThatDoesNotResolveYetMeansNoReplicaAndV6AddressesAreBracketed() {
        assertThat(new ReplicaUrls(List.of(URI.create("dns+http://nowhere.invalid:8180"))).current()).isEmpty();
        assertThat(new ReplicaUrls(List.of(URI.create("dns+http://proxy:8280")), host -> List.of(ip("fd00::5"))).current())
                .containsExactly(URI.create("http://[fd00:0:0:0:0:0:0:5]:8280"));
    }
}
