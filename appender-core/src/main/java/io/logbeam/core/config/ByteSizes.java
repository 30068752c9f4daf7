package io.logbeam.core.config;

import io.logbeam.core.util.ConfigException;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads byte sizes: a whole number of bytes ({@code 1048576}), or a number with a unit ({@code 64KB}, {@code 64 MB},
 * {@code 256 MiB}, {@code 1.5g}). {@code K}, {@code M}, {@code G} with or without {@code B} or {@code iB} all count
 * powers of 1024, as Logback's own file sizes do.
 */
final class ByteSizes {

    private static final Pattern SIZE = Pattern.compile("^(\\d+(?:\\.\\d+)?)\\s*([kmg]?)(i?b|bytes?)?$");

    private ByteSizes() {
    }

    /**
     * The size {@code text} gives, in bytes.
     *
     * @throws ConfigException naming {@code property} when it is not a size or does not fit a long
     */
    static long parse(String property, String text) {
        String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        Matcher m = SIZE.matcher(value);
        if (value.isEmpty() || !m.matches() || (m.group(3) != null && m.group(3).equals("ib") && m.group(2).isEmpty())) {
            throw new ConfigException(property, "'" + text + "' is not a size in bytes; use e.g. 1048576, 64KB, "
                    + "64 MB or 256 MiB");
        }
        int shift = switch (m.group(2)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            default -> 0;
        };
        BigDecimal bytes = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(1L << shift));
        if (bytes.stripTrailingZeros().scale() > 0) {
            throw new ConfigException(property, "'" + text + "' is not a whole number of bytes");
        }
        try {
            return bytes.longValueExact();
        } catch (ArithmeticException e) {
            throw new ConfigException(property, "'" + text + "' is too large");
        }
    }
}
