package io.stranglerkit.console.live;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The open pages' event streams: each gets every state the poller makes, as one SSE event {@code state}. */
@Component
public class LiveBroadcast implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LiveBroadcast.class);
    private final List<SseEmitter> pages = new CopyOnWriteArrayList<>();
    private volatile String latest;
    private volatile boolean running;

    /** A new page's stream, starting with the latest state so it shows something at once. */
    public SseEmitter subscribe() {
        SseEmitter page = new SseEmitter(0L); // no timeout: the page keeps it open; EventSource reconnects if it drops
        page.onCompletion(() -> pages.remove(page));
        page.onTimeout(() -> pages.remove(page));
        page.onError(e -> pages.remove(page));
        pages.add(page);
        String state = latest;
        if (state != null) {
            send(page, state);
        }
        return page;
    }

    public void publish(String state) {
        latest = state;
        pages.forEach(page -> send(page, state));
    }

    public String latest() {
        return latest;
    }

    public int pagesOpen() {
        return pages.size();
    }

    @Override
    public void start() {
        running = true;
    }

    /** Ends the open streams first: the web server's graceful shutdown would otherwise wait for them until its timeout. */
    @Override
    public void stop() {
        running = false;
        pages.forEach(SseEmitter::complete);
        pages.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }

    private void send(SseEmitter page, String state) {
        try {
            page.send(SseEmitter.event().name("state").data(state));
        } catch (IOException | IllegalStateException e) {
            log.debug("a page went away: {}", e.toString());
            pages.remove(page);
        }
    }
}
