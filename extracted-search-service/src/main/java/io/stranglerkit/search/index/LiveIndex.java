package io.stranglerkit.search.index;

import org.springframework.stereotype.Component;

/** The index searches are answered from; a rebuild replaces it in one step. */
@Component
public class LiveIndex {

    private volatile SearchIndex index = new SearchIndex();

    public SearchIndex get() {
        return index;
    }

    public void replace(SearchIndex rebuilt) {
        this.index = rebuilt;
    }
}
