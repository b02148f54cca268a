package io.keras4j.layers.pooling;

import java.util.Locale;

/** The data_format argument shared by the pooling layers. */
final class PoolingFormats {
    private PoolingFormats() {}

    static String check(String value) {
        String f = value == null ? "channels_last" : value.toLowerCase(Locale.ROOT);
        if (!f.equals("channels_last") && !f.equals("channels_first")) {
            throw new IllegalArgumentException("The `data_format` argument must be one of \"channels_first\", \"channels_last\". Received: data_format=" + value);
        }
        return f;
    }
}
