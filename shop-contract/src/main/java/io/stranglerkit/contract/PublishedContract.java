package io.stranglerkit.contract;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.node.ObjectNode;

import java.util.Set;
import java.util.TreeSet;

/**
 * {@code GET /v3/api-docs}: the part of the shop's contract this application serves, found from its
 * own request mappings, so a team sees which operations the new side answers. An operation it maps
 * under /api/ that the contract lacks is logged at start and listed as {@code x-undocumented}.
 */
@RestController
public class PublishedContract {

    private static final Logger log = LoggerFactory.getLogger(PublishedContract.class);

    private final ObjectNode document;
    private final Set<String> undocumented;

    public PublishedContract(@Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings,
                             @Value("${spring.application.name:application}") String side) {
        Set<String> served = apiOperations(mappings);
        ObjectNode whole = ShopContract.document();
        this.document = ShopContract.servedBy(whole, side, served);
        Set<String> documented = new TreeSet<>();
        ShopContract.operations(whole).forEach(op -> documented.add(ShopContract.normalise(op)));
        this.undocumented = new TreeSet<>();
        served.stream().filter(op -> !documented.contains(ShopContract.normalise(op))).forEach(undocumented::add);
        if (!undocumented.isEmpty()) {
            log.warn("operations not in the shop's API contract ({}): {}", ShopContract.LOCATION, undocumented);
            document.putPOJO("x-undocumented", undocumented);
        }
    }

    @GetMapping(path = "/v3/api-docs", produces = MediaType.APPLICATION_JSON_VALUE)
    public ObjectNode apiDocs() {
        return document;
    }

    /** What this application maps under /api/ that the contract does not document; empty is right. */
    public Set<String> undocumented() {
        return undocumented;
    }

    static Set<String> apiOperations(RequestMappingHandlerMapping mappings) {
        Set<String> operations = new TreeSet<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            Set<String> patterns = info.getPatternValues();
            info.getMethodsCondition().getMethods().forEach(method -> patterns.stream()
                    .filter(pattern -> pattern.startsWith("/api/"))
                    .forEach(pattern -> operations.add(method.name() + " " + pattern)));
        }
        return operations;
    }
}
