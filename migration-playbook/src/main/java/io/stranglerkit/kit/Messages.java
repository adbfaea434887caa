package io.stranglerkit.kit;

import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The kit's explanations in the class's language: {@code messages/kit.properties} (English, the
 * default) and {@code messages/kit_ko.properties}. The language is {@code KIT_LANG} ({@code en} or
 * {@code ko}), else the system locale's. Placeholders are {@code {0}}, {@code {1}}, ... replaced as
 * text: not {@link java.text.MessageFormat}, whose quoting rules would eat the apostrophes of
 * English and make a translator escape them.
 */
public final class Messages {

    private static final ResourceBundle.Control NO_FALLBACK = ResourceBundle.Control.getNoFallbackControl(
            ResourceBundle.Control.FORMAT_PROPERTIES);

    private final ResourceBundle bundle;

    private Messages(Locale locale) {
        this.bundle = ResourceBundle.getBundle("messages/kit", locale, NO_FALLBACK);
    }

    public static Messages fromEnvironment() {
        return of(System.getenv());
    }

    public static Messages of(Map<String, String> env) {
        String chosen = env.getOrDefault("KIT_LANG", "").trim();
        return forLanguage(chosen.isEmpty() ? Locale.getDefault().getLanguage() : chosen);
    }

    /** ko for Korean; anything else is English. */
    public static Messages forLanguage(String language) {
        return new Messages(language.toLowerCase(Locale.ROOT).startsWith("ko") ? Locale.KOREAN : Locale.ROOT);
    }

    public String language() {
        return bundle.getLocale().getLanguage().isEmpty() ? "en" : bundle.getLocale().getLanguage();
    }

    public String get(String key, Object... args) {
        String text;
        try {
            text = bundle.getString(key);
        } catch (MissingResourceException e) {
            throw new IllegalStateException("no message " + key + " in messages/kit for " + language(), e);
        }
        for (int i = 0; i < args.length; i++) {
            text = text.replace("{" + i + "}", String.valueOf(args[i]));
        }
        return text;
    }
}
