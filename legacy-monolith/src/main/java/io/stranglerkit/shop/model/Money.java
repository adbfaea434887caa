package io.stranglerkit.shop.model;

import java.math.BigDecimal;

/**
 * The schema stores prices as whole cents; the API shows them as decimal strings with two places
 * ("19.90"), which no JSON client can round.
 */
public final class Money {

    private Money() {
    }

    public static String format(long cents) {
        return BigDecimal.valueOf(cents, 2).toPlainString();
    }

    /** Exact conversion; callers validate the scale (at most two decimals) first. */
    public static long toCents(BigDecimal amount) {
        return amount.movePointRight(2).longValueExact();
    }
}
