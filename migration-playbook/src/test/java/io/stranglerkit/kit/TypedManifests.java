package io.stranglerkit.kit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * No Kubernetes JSON schema can be had offline here, so each rendered resource is read into the typed
 * model of its kind instead: the Kubernetes client's (fabric8) for the built-in kinds and Strimzi's own API
 * classes for its resources. A wrong type fails the read; a field the model does not have lands in the
 * model's {@code additionalProperties}, which this finds anywhere in the tree.
 */
final class TypedManifests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Class<?>> MODELS = Map.of("Deployment", Deployment.class, "StatefulSet", StatefulSet.class,
            "Job", Job.class, "Service", Service.class, "ConfigMap", ConfigMap.class, "Namespace", Namespace.class,
            "NetworkPolicy", NetworkPolicy.class, "Kafka", Kafka.class, "KafkaNodePool", KafkaNodePool.class);

    private TypedManifests() {
    }

    /** What the resource's model does not know, as paths ("Deployment x: spec.replica"); empty when all is known. */
    static List<String> unknownFields(Map<String, Object> resource) {
        String where = resource.get("kind") + " " + KubernetesManifests.name(resource);
        Class<?> model = MODELS.get((String) resource.get("kind"));
        if (model == null) {
            return List.of(where + ": no model for this kind");
        }
        Object typed;
        try {
            typed = JSON.convertValue(resource, model);
        } catch (IllegalArgumentException e) {
            return List.of(where + ": " + e.getMessage());
        }
        List<String> unknown = new ArrayList<>();
        walk(typed, where + ":", unknown, 0);
        // A covariant getter is listed twice (with its bridge method): each finding once.
        return unknown.stream().distinct().toList();
    }

    private static void walk(Object node, String path, List<String> unknown, int depth) {
        if (node == null || depth > 40 || node instanceof String || node instanceof Number || node instanceof Boolean || node instanceof Enum) {
            return;
        }
        if (node instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                walk(item, path + "[" + i++ + "]", unknown, depth + 1);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> walk(value, path + "." + key, unknown, depth + 1));
            return;
        }
        String pkg = node.getClass().getPackageName();
        if (!pkg.startsWith("io.fabric8.kubernetes.api.model") && !pkg.startsWith("io.strimzi.api")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            String name = getter.getName();
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers()) || name.equals("getClass")
                    || !(name.startsWith("get") && name.length() > 3)) {
                continue;
            }
            Object value = invoke(getter, node);
            if (name.equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    extra.keySet().forEach(key -> unknown.add(path + " " + key));
                }
            } else {
                walk(value, path + " " + Character.toLowerCase(name.charAt(3)) + name.substring(4), unknown, depth + 1);
            }
        }
    }

    private static Object invoke(Method getter, Object node) {
        try {
            return getter.invoke(node);
        } catch (IllegalAccessException | InvocationTargetException e) {
            return null; // a derived getter that cannot answer carries no field of the manifest
        }
    }
}
