package io.stranglerkit.kit.launcher;

import io.stranglerkit.kit.KitException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TopologyTest {

    private final Topology topology = new Topology(KitSettings.from(Map.of("KIT_ROOT", "/repo", "KIT_MARIADB_PORT", "4407")));

    @Test
    void startsInfrastructureFirstAndTheProxyAndTheConsoleLast() {
        assertThat(topology.names()).containsExactly("mariadb", "kafka", "zipkin", "legacy-monolith", "cdc-bridge",
                "extracted-search-service", "extracted-catalog-service", "routing-proxy", "migration-console");
    }

    @Test
    void phasesCoverEveryPartOnceInfrastructureFirst() {
        assertThat(topology.phases().stream().flatMap(java.util.List::stream).map(Part::name))
                .containsExactlyInAnyOrderElementsOf(topology.names());
        assertThat(topology.phases().get(0)).extracting(Part::name).containsExactly("mariadb", "kafka", "zipkin");
        // The catalog's tables exist before the bridge starts capturing them.
        assertThat(topology.phases().get(1)).extracting(Part::name).containsExactly("legacy-monolith", "extracted-catalog-service");
        assertThat(topology.phases().get(2)).extracting(Part::name).contains("cdc-bridge");
    }

    @Test
    void everyApplicationTracesIntoTheKitsZipkinUnlessTracingIsOff() {
        Topology moved = new Topology(KitSettings.from(Map.of("KIT_ROOT", "/repo", "KIT_ZIPKIN_PORT", "9511")));
        assertThat(moved.part(Topology.ZIPKIN).command()).contains("-jar", "/repo/migration-playbook/target/zipkin/zipkin-server.jar",
                "--armeria.ports[0].port=9511", "--armeria.ports[0].ip=127.0.0.1");
        for (Part part : moved.parts()) {
            if (part.isApplication()) {
                assertThat(part.environment()).as(part.name()).containsEntry("TRACING_ENABLED", "true")
                        .containsEntry("ZIPKIN_ENDPOINT", "http://127.0.0.1:9511/api/v2/spans");
            }
        }
        Topology off = new Topology(KitSettings.from(Map.of("KIT_ROOT", "/repo", "KIT_TRACING", "off")));
        assertThat(off.names()).doesNotContain("zipkin");
        assertThat(off.phases().get(0)).extracting(Part::name).containsExactly("mariadb", "kafka");
        assertThat(off.part(Topology.MONOLITH).environment()).containsEntry("TRACING_ENABLED", "false");
    }

    @Test
    void applicationsAreWiredToTheConfiguredInfrastructure() {
        Part monolith = topology.part(Topology.MONOLITH);
        assertThat(monolith.jar().toString()).isEqualTo("/repo/legacy-monolith/target/legacy-monolith.jar");
        assertThat(monolith.environment()).containsEntry("SERVER_PORT", "8081")
                .containsEntry("SPRING_DATASOURCE_URL", Topology.jdbcUrl(4407, "shop"));
        assertThat(topology.part(Topology.SEARCH).environment()).containsEntry("SPRING_DATASOURCE_USERNAME", "search");
    }

    @Test
    void proxyReplicasShareThePublicPortAndTheRouteTableButNothingElse() {
        Topology two = new Topology(KitSettings.from(Map.of("KIT_ROOT", "/repo", "KIT_PROXY_REPLICAS", "2")));
        assertThat(two.proxies()).extracting(Part::name).containsExactly("routing-proxy", "routing-proxy-2");
        Part first = two.part("routing-proxy");
        Part second = two.part("routing-proxy-2");
        assertThat(second.port()).isEqualTo(first.port()).isEqualTo(8080);
        assertThat(first.otherPorts()).containsExactly(8180, 8280);
        assertThat(second.otherPorts()).containsExactly(8181, 8281);
        for (Part replica : two.proxies()) {
            assertThat(replica.environment()).containsEntry("PROXY_REUSE_PORT", "true")
                    .containsEntry("PROXY_REPLICA", replica.name())
                    .containsEntry("KAFKA_BOOTSTRAP_SERVERS", two.kafka().bootstrapServers());
        }
        assertThat(first.environment().get("PROXY_DATA_DIR")).isNotEqualTo(second.environment().get("PROXY_DATA_DIR"));
        assertThat(two.part(Topology.CONSOLE).environment()).as("the console reads every replica")
                .containsEntry("PROXY_ADMIN_URLS", "http://127.0.0.1:8180,http://127.0.0.1:8181")
                .containsEntry("PROXY_MANAGEMENT_URLS", "http://127.0.0.1:8280,http://127.0.0.1:8281");
        assertThat(second.jar()).as("every replica runs the proxy's jar").isEqualTo(first.jar());
        assertThat(two.phases().get(2)).extracting(Part::name).contains("routing-proxy", "routing-proxy-2");
        assertThatThrownBy(() -> new Topology(KitSettings.from(Map.of("KIT_ROOT", "/repo", "KIT_PROXY_REPLICAS", "9"))))
                .isInstanceOf(KitException.class).hasMessageContaining("9 proxy replicas");
    }

    @Test
    void aPartWithoutItsJarIsNotBuilt() {
        assertThat(topology.part(Topology.PROXY).isBuilt()).isFalse();
        assertThat(topology.part(Topology.MARIADB).isBuilt()).isTrue();
    }

    @Test
    void twoPartsOnOnePortAreRefusedNamingBothVariables() {
        Topology clash = new Topology(KitSettings.from(Map.of("KIT_ROOT", "/repo", "KIT_PROXY_ADMIN_PORT", "8083")));
        assertThatThrownBy(clash::requireDistinctPorts).isInstanceOf(KitException.class)
                .hasMessage("KIT_CATALOG_PORT and KIT_PROXY_ADMIN_PORT are both 8083: two parts cannot share a port")
                .extracting(e -> ((KitException) e).fix()).asString().contains("KIT_PROXY_ADMIN_PORT=8183");
        topology.requireDistinctPorts();
    }

    @Test
    void anExitStatusSaysHowThePartEnded() {
        assertThat(Processes.describeExit(1)).isEqualTo("exit 1");
        assertThat(Processes.describeExit(137)).isEqualTo("killed by SIGKILL");
        assertThat(Processes.describeExit(143)).isEqualTo("killed by SIGTERM");
        assertThat(Processes.describeExit(134)).isEqualTo("killed by SIGABRT");
        assertThat(Processes.describeExit(null)).isEqualTo("ended, exit status not recorded");
    }
}
