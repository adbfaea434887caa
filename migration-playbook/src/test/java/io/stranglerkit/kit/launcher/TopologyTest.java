package io.stranglerkit.kit.launcher;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TopologyTest {

    private final Topology topology = new Topology(KitSettings.from(Map.of("KIT_ROOT", "/repo", "KIT_MARIADB_PORT", "4407")));

    @Test
    void startsInfrastructureFirstAndTheProxyLast() {
        assertThat(topology.names()).containsExactly("mariadb", "kafka", "legacy-monolith", "cdc-bridge",
                "extracted-search-service", "extracted-catalog-service", "routing-proxy");
    }

    @Test
    void phasesCoverEveryPartOnceInfrastructureFirst() {
        assertThat(topology.phases().stream().flatMap(java.util.List::stream).map(Part::name))
                .containsExactlyInAnyOrderElementsOf(topology.names());
        assertThat(topology.phases().get(0)).extracting(Part::name).containsExactly("mariadb", "kafka");
        assertThat(topology.phases().get(1)).extracting(Part::name).containsExactly("legacy-monolith");
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
    void aPartWithoutItsJarIsNotBuilt() {
        assertThat(topology.part(Topology.PROXY).isBuilt()).isFalse();
        assertThat(topology.part(Topology.MARIADB).isBuilt()).isTrue();
    }
}
