package bench;

import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.ConnectionProvider;

/**
 * The floor under any gateway built on Reactor Netty: a request goes to the backend and the answer
 * comes back, headers and body copied, nothing else (no routing, no filters, no metrics).
 * Usage: BareForwarder <port> <backend base URL>
 */
public class BareForwarder {

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        HttpClient backend = HttpClient.create(ConnectionProvider.create("backend", 64)).baseUrl(args[1]);
        HttpServer.create().host("127.0.0.1").port(port)
                .handle((request, response) -> backend
                        .headers(h -> h.set(request.requestHeaders()))
                        .request(request.method())
                        .uri(request.uri())
                        .send(request.receive().retain())
                        .response((answer, body) -> {
                            response.status(answer.status()).headers(answer.responseHeaders());
                            return response.send(body.retain());
                        })
                        .then())
                .bindNow()
                .onDispose()
                .block();
    }
}
