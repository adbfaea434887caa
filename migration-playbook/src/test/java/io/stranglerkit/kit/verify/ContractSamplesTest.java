package io.stranglerkit.kit.verify;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class ContractSamplesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void samplesTheShopsOwnDataAndEveryOperationWithAnAnswerAndARefusal() {
        ContractSamples.ShopData shop = ContractSamples.ShopData.from(JSON.readTree("[{\"id\":1},{\"id\":9}]"),
                JSON.readTree("{\"items\":[{\"id\":42,\"name\":\"Oak Chair\"}]}"));
        assertThat(shop).isEqualTo(new ContractSamples.ShopData(9, 42, "oak"));
        assertThat(ContractSamples.reads(shop)).extracting(ContractSamples.Sample::path)
                .contains("/api/products/search?q=oak&size=5", "/api/products/42", "/api/categories/9", "/api/products?pgae=2");
        assertThat(ContractSamples.refusedWrites(shop)).extracting(ContractSamples.Sample::method).contains("POST", "PUT", "DELETE");
    }

    @Test
    void aProblemOrAnEmptyShopIsNoData() {
        String problem = "{\"status\":503,\"title\":\"Service Unavailable\",\"detail\":\"the database is unavailable\"}";
        assertThat(ContractSamples.ShopData.from(JSON.readTree(problem), JSON.readTree(problem))).isNull();
        assertThat(ContractSamples.ShopData.from(JSON.readTree("[]"), JSON.readTree("{\"items\":[]}"))).isNull();
    }
}
