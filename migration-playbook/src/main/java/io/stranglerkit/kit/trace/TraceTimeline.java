package io.stranglerkit.kit.trace;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A trace as a terminal timeline: spans in causal order (a child under its parent, siblings by start),
 * each with its start offset from the trace's first span and its duration, then how long after the
 * request each consumer had applied the change: the freshness of that one change, explained.
 */
final class TraceTimeline {

    private TraceTimeline() {
    }

    static String render(List<TraceSpan> spans) {
        if (spans.isEmpty()) {
            return "";
        }
        long origin = spans.stream().mapToLong(TraceSpan::startMicros).min().orElse(0);
        long end = spans.stream().mapToLong(TraceSpan::endMicros).max().orElse(origin);
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Trace %s: %d spans, %s%n%n", spans.get(0).traceId(), spans.size(), ms(end - origin)));
        out.append(String.format(Locale.ROOT, "  %10s %10s  %-26s %s%n", "start", "took", "service", "span"));
        for (Ordered row : causalOrder(spans)) {
            TraceSpan span = row.span();
            String line = String.format(Locale.ROOT, "  %10s %10s  %-26s %s%s  %s", "+" + ms(span.startMicros() - origin),
                    ms(span.durationMicros()), span.service(), "  ".repeat(row.depth()), span.name(), span.detail());
            out.append(line.stripTrailing()).append(System.lineSeparator());
        }
        String freshness = freshness(spans, origin);
        if (!freshness.isEmpty()) {
            out.append(System.lineSeparator()).append("Applied after the request began: ").append(freshness).append(System.lineSeparator());
        }
        return out.toString();
    }

    record Ordered(TraceSpan span, int depth) {
    }

    /** Depth-first from the roots; a span whose parent is missing (not reported yet) counts as a root. */
    static List<Ordered> causalOrder(List<TraceSpan> spans) {
        Set<String> ids = spans.stream().map(TraceSpan::id).collect(Collectors.toSet());
        Map<String, List<TraceSpan>> children = new HashMap<>();
        List<TraceSpan> roots = new ArrayList<>();
        for (TraceSpan span : spans) {
            if (span.parentId() == null || !ids.contains(span.parentId())) {
                roots.add(span);
            } else {
                children.computeIfAbsent(span.parentId(), k -> new ArrayList<>()).add(span);
            }
        }
        Comparator<TraceSpan> byStart = Comparator.comparingLong(TraceSpan::startMicros);
        List<Ordered> ordered = new ArrayList<>();
        roots.stream().sorted(byStart).forEach(root -> visit(root, 0, children, byStart, ordered));
        return ordered;
    }

    private static void visit(TraceSpan span, int depth, Map<String, List<TraceSpan>> children, Comparator<TraceSpan> byStart,
                              List<Ordered> ordered) {
        ordered.add(new Ordered(span, depth));
        children.getOrDefault(span.id(), List.of()).stream().sorted(byStart)
                .forEach(child -> visit(child, depth + 1, children, byStart, ordered));
    }

    /** Per consumer, the end of its last "apply" span, from the trace's start. */
    static String freshness(List<TraceSpan> spans, long origin) {
        Map<String, Long> applied = new LinkedHashMap<>();
        spans.stream().filter(s -> s.name().equals("apply") && s.tags().containsKey("consumer"))
                .sorted(Comparator.comparingLong(TraceSpan::endMicros))
                .forEach(s -> applied.put(s.tags().get("consumer"), s.endMicros() - origin));
        return applied.entrySet().stream().map(e -> e.getKey() + " +" + ms(e.getValue())).collect(Collectors.joining(", "));
    }

    static String ms(long micros) {
        return String.format(Locale.ROOT, "%.1f ms", micros / 1000.0);
    }
}
