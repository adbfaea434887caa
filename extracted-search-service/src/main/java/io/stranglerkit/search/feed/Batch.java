package io.stranglerkit.search.feed;

import io.stranglerkit.platform.cdc.PoisonEventException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;

import java.util.ArrayList;
import java.util.List;

/** One poll's records, parsed: the changes to apply and the events that cannot be applied. */
record Batch(List<CategoryChange> categories, List<ProductChange> products, List<Poison> poison, long newestEmittedAtMs) {

    record Poison(ConsumerRecord<byte[], byte[]> record, String reason) {
    }

    static Batch parse(ConsumerRecords<byte[], byte[]> records, String productTopic, String categoryTopic) {
        List<CategoryChange> categories = new ArrayList<>();
        List<ProductChange> products = new ArrayList<>();
        List<Poison> poison = new ArrayList<>();
        long newest = 0;
        for (ConsumerRecord<byte[], byte[]> record : records) {
            try {
                if (record.topic().equals(productTopic)) {
                    ProductChange change = ChangeParser.product(record.value());
                    if (change != null) {
                        products.add(change);
                        newest = Math.max(newest, change.emittedAtMs());
                    }
                } else if (record.topic().equals(categoryTopic)) {
                    CategoryChange change = ChangeParser.category(record.value());
                    if (change != null) {
                        categories.add(change);
                        newest = Math.max(newest, change.emittedAtMs());
                    }
                }
            } catch (PoisonEventException e) {
                poison.add(new Poison(record, e.getMessage()));
            }
        }
        return new Batch(categories, products, poison, newest);
    }

    int changes() {
        return categories.size() + products.size();
    }
}
