package io.stranglerkit.kit.route;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class RouteTableTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void showsEachRouteWithBothSidesOfTheLastMinute() {
        String table = RouteCommand.table(JSON.readTree("""
                [{"id":"search","servicePercent":30,"sticky":true,"shadowPercent":50,"shadowable":true,"target":"search-service"},
                 {"id":"catalog-write","servicePercent":0,"sticky":false,"shadowPercent":0,"shadowable":false,"target":"catalog-service"}]"""), JSON.readTree("""
                {"rows":[
                  {"route":"search","backend":"monolith","lastMinute":{"count":70,"errors":0,"p50Ms":850.2,"p99Ms":1020.0}},
                  {"route":"search","backend":"search-service","lastMinute":{"count":30,"errors":1,"p50Ms":12.5,"p99Ms":40.0}}]}"""));
        assertThat(table).containsPattern("search\\s+30\\s+yes\\s+50\\s+search-service\\s+\\|"
                + "\\s+850\\.2 / 1020\\.0 \\(0 of 70\\)\\s+\\|\\s+12\\.5 / 40\\.0 \\(1 of 30\\)");
        assertThat(table).as("a write route is never shadowed").containsPattern("catalog-write\\s+0\\s+no\\s+-\\s+catalog-service\\s+\\|\\s+-\\s+\\|\\s+-");
    }
}
