package io.stranglerkit.split;

import java.util.Map;

/** Where splits saved by an earlier run come from; without one, every route starts from its YAML. */
@FunctionalInterface
public interface SplitStore {

    SplitStore NONE = Map::of;

    /** @return the saved split per route id; throws when the saved state cannot be read */
    Map<String, Split> load();
}
