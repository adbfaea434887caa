package io.stranglerkit.cdc.status;

import org.apache.kafka.clients.admin.Admin;
import org.springframework.stereotype.Component;

import java.util.concurrent.TimeUnit;

/** Whether the broker answers now (cached for 5 s, so health and status polls do not pile up). */
@Component
public class KafkaReachability {

    private final Admin admin;
    private volatile long checkedAt;
    private volatile Result last = new Result(false, "not checked yet");

    public record Result(boolean reachable, String detail) {
    }

    public KafkaReachability(Admin admin) {
        this.admin = admin;
    }

    public Result check() {
        long now = System.nanoTime();
        if (checkedAt != 0 && now - checkedAt < TimeUnit.SECONDS.toNanos(5)) {
            return last;
        }
        Result result;
        try {
            int brokers = admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).size();
            result = new Result(brokers > 0, brokers + " broker(s)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result = new Result(false, "interrupted");
        } catch (Exception e) {
            result = new Result(false, "no answer within 3 s: " + e.getClass().getSimpleName());
        }
        last = result;
        checkedAt = now;
        return result;
    }
}
