package io.stranglerkit.shop.api;

import io.stranglerkit.shop.support.ApiClient;
import io.stranglerkit.shop.support.ShopIntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CategoryApiIT extends ShopIntegrationTest {

    @Test
    void buildsATreeAndListsItFlatWithParents() {
        String word = uniqueWord();
        long root = createCategory("Root " + word, null);
        long child = createCategory("Child " + word, root);
        ApiClient.Response all = api().get("/api/categories");
        assertThat(all.status()).isEqualTo(200);
        var childNode = all.json().valueStream().filter(c -> c.get("id").asLong() == child).findFirst().orElseThrow();
        assertThat(childNode.get("parentId").asLong()).isEqualTo(root);
        assertThat(api().get("/api/categories/" + root).json().get("parentId").isNull()).isTrue();
    }

    @Test
    void refusesLoopsAndDeletesThatWouldOrphanRows() {
        String word = uniqueWord();
        long root = createCategory("Root " + word, null);
        long child = createCategory("Child " + word, root);
        assertProblem(api().put("/api/categories/" + root, "{\"name\":\"Root\",\"parentId\":" + child + "}"), 400, "parentId");
        assertProblem(api().put("/api/categories/" + root, "{\"name\":\"Root\",\"parentId\":" + root + "}"), 400, "parentId");
        assertProblem(api().delete("/api/categories/" + root), 409, "id");
        createProduct("CATDEL-" + word, "Thing", "", "1.00", child);
        assertProblem(api().delete("/api/categories/" + child), 409, "id");
        assertProblem(api().post("/api/categories", "{\"name\":\"\"}"), 400, "name");
        assertProblem(api().post("/api/categories", "{\"name\":\"x\",\"parentId\":987654321}"), 400, "parentId");
    }

    @Test
    void renamesAndDeletesAnEmptyCategory() {
        long id = createCategory("Temp " + uniqueWord(), null);
        ApiClient.Response renamed = api().put("/api/categories/" + id, "{\"name\":\"Renamed\"}");
        assertThat(renamed.json().get("name").asString()).isEqualTo("Renamed");
        assertThat(api().delete("/api/categories/" + id).status()).isEqualTo(204);
        assertProblem(api().get("/api/categories/" + id), 404, null);
    }
}
