package io.stranglerkit.split.parallel;

import tools.jackson.databind.JsonNode;

import java.net.URI;

/**
 * One value on a part's JSON status page that must hold, e.g. the search feed's backlog is 0 or the
 * CDC bridge is streaming.
 *
 * @param statusUrl where the JSON status is
 * @param pointer   a JSON pointer into it, e.g. {@code /lag/records}
 * @param atMost    the value must be a number no larger than this (a backlog: 0)
 * @param equals    or the value must be this text (a state: {@code streaming})
 */
public record StatusCondition(URI statusUrl, String pointer, Long atMost, String equals) {

    public boolean holds(JsonNode status) {
        JsonNode value = status.at(pointer);
        if (equals != null) {
            return value.isString() && value.asString().equals(equals);
        }
        return value.isNumber() && value.asLong() <= (atMost == null ? 0 : atMost);
    }
}
