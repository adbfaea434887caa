package io.stranglerkit.cdc.status;

import org.springframework.stereotype.Component;

import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads the snapshot and streaming metrics Debezium registers in JMX for the running connector
 * ({@code debezium.<connector>:type=connector-metrics,context=snapshot|streaming,server=<topic prefix>}).
 */
@Component
public class ConnectorMBeans {

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

    public Map<String, Object> snapshot(String topicPrefix) {
        return read(topicPrefix, "snapshot", "SnapshotRunning", "SnapshotCompleted", "SnapshotAborted",
                "TotalTableCount", "RemainingTableCount", "RowsScanned", "SnapshotDurationInSeconds");
    }

    public Map<String, Object> streaming(String topicPrefix) {
        return read(topicPrefix, "streaming", "Connected", "MilliSecondsBehindSource", "TotalNumberOfEventsSeen",
                "BinlogFilename", "BinlogPosition", "GtidSet", "LastEvent");
    }

    private Map<String, Object> read(String topicPrefix, String context, String... attributes) {
        Map<String, Object> out = new LinkedHashMap<>();
        try {
            Set<ObjectName> names = server.queryNames(
                    new ObjectName("debezium.*:type=connector-metrics,context=" + context + ",server=" + topicPrefix + ",*"), null);
            for (ObjectName name : names) {
                for (String attribute : attributes) {
                    try {
                        out.put(attribute, server.getAttribute(name, attribute));
                    } catch (Exception e) {
                        // Not every connector has every attribute: leave it out.
                    }
                }
            }
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException("topic prefix '" + topicPrefix + "' cannot name an MBean", e);
        }
        return out;
    }
}
