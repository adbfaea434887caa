package io.stranglerkit.console.http;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The proxy replicas' URLs as configured, with {@code dns+http://name:port} standing for every address
 * the name resolves to, read again at each call: on Kubernetes the replicas of a Deployment come and go
 * behind one headless Service, and the console must still read each of them (totals and audit are per
 * replica). The prefix is the one Prometheus-style tools use for the same purpose.
 */
public final class ReplicaUrls {

    static final String DNS_PREFIX = "dns+";

    private final List<URI> configured;
    private final Function<String, List<InetAddress>> resolver;

    public ReplicaUrls(List<URI> configured) {
        this(configured, ReplicaUrls::resolve);
    }

    ReplicaUrls(List<URI> configured, Function<String, List<InetAddress>> resolver) {
        this.configured = List.copyOf(configured);
        this.resolver = resolver;
    }

    /** One URL per replica now: the literal ones as they are, each {@code dns+} one per address, sorted. */
    public List<URI> current() {
        List<URI> urls = new ArrayList<>();
        for (URI url : configured) {
            String scheme = url.getScheme();
            if (scheme == null || !scheme.startsWith(DNS_PREFIX)) {
                urls.add(url);
                continue;
            }
            String plain = scheme.substring(DNS_PREFIX.length());
            resolver.apply(url.getHost()).stream().map(InetAddress::getHostAddress).sorted()
                    .map(ip -> URI.create(plain + "://" + (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + url.getPort()
                            + (url.getRawPath() == null ? "" : url.getRawPath())))
                    .forEach(urls::add);
        }
        return urls;
    }

    private static List<InetAddress> resolve(String host) {
        try {
            return Arrays.asList(InetAddress.getAllByName(host));
        } catch (UnknownHostException e) {
            return List.of(); // no replica ready yet: the console shows none rather than failing
        }
    }
}
