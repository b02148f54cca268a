package io.keras4j.saving;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.util.Map;

/**
 * JSON as Python's {@code json} module reads and writes Keras configs: {@code NaN} and
 * {@code Infinity} are bare tokens (Keras writes them for e.g. an unbounded constraint), numbers
 * keep their kind (integers stay integers).
 */
public final class KerasJson {
    private KerasJson() {}

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .build();

    public static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** A JSON object; malformed text is a {@link ModelFileException} naming {@code what}. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> readObject(String json, String what) {
        try {
            Object v = JSON.readValue(json, Object.class);
            if (!(v instanceof Map)) throw new ModelFileException(what + " is not a JSON object");
            return (Map<String, Object>) v;
        } catch (JsonProcessingException e) {
            throw new ModelFileException(what + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }
}
