package io.stranglerkit.search.feed;

import io.stranglerkit.platform.cdc.PoisonEventException;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.ArrayList;
import java.util.List;

/**
 * Records parsed into changes. The live feed parses up to the first poison event ({@code parsed} is
 * its index): the changes before it are applied, then the error handler dead-letters it. The rebuild
 * skips poison events, which the live feed dead-lettered when it first met them.
 */
record Batch(List<CategoryChange> categories, List<ProductChange> products, long newestEmittedAtMs, int parsed,
             PoisonEventException poison, int skipped) {

    static Batch upToFirstPoison(Iterable<ConsumerRecord<byte[], byte[]>> records, String productTopic, String categoryTopic) {
        return parse(records, productTopic, categoryTopic, true);
    }

    static Batch skippingPoison(Iterable<ConsumerRecord<byte[], byte[]>> records, String productTopic, String categoryTopic) {
        return parse(records, productTopic, categoryTopic, false);
    }

    private static Batch parse(Iterable<ConsumerRecord<byte[], byte[]>> records, String productTopic, String categoryTopic,
                               boolean stopAtPoison) {
        List<CategoryChange> categories = new ArrayList<>();
        List<ProductChange> products = new ArrayList<>();
        long newest = 0;
        int parsed = 0;
        int skipped = 0;
        for (ConsumerRecord<byte[], byte[]> record : records) {
            try {
                if (record.topic().equals(productTopic)) {
                    ProductChange change = LegacyShopTranslation.product(record.value());
                    if (change != null) {
                        products.add(change);
                        newest = Math.max(newest, change.emittedAtMs());
                    }
                } else if (record.topic().equals(categoryTopic)) {
                    CategoryChange change = LegacyShopTranslation.category(record.value());
                    if (change != null) {
                        categories.add(change);
                        newest = Math.max(newest, change.emittedAtMs());
                    }
                }
            } catch (PoisonEventException e) {
                if (stopAtPoison) {
                    return new Batch(categories, products, newest, parsed, e, skipped);
                }
                skipped++;
            }
            parsed++;
        }
        return new Batch(categories, products, newest, parsed, null, skipped);
    }

    int changes() {
        return categories.size() + products.size();
    }
}
