package io.keras4j.wrappers;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class ParamsTest {
    private static Params p() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("units", 16);
        m.put("optimizer", "adam");
        m.put("learning_rate", 1e-3);
        m.put("use_bias", true);
        m.put("epochs", 5.0);
        return Params.of(m);
    }

    @Test void typedAccess() {
        Params p = p();
        assertEquals(16, p.getInt("units"));
        assertEquals(16.0, p.getDouble("units"));
        assertEquals("adam", p.getString("optimizer"));
        assertEquals(1e-3, p.getDouble("learning_rate"));
        assertTrue(p.getBoolean("use_bias"));
        assertEquals(5, p.getInt("epochs"), "a whole double is an integer");
        assertEquals(0.5, p.getDouble("dropout", 0.5));
        assertEquals("adam", p.get("optimizer", String.class));
        assertEquals(Set.of("units", "optimizer", "learning_rate", "use_bias", "epochs"), p.readNames());
        assertEquals("{units=16, optimizer=adam, learning_rate=0.001, use_bias=true, epochs=5.0}", p.toString());
    }

    @Test void defaultsDoNotCountAsReads() {
        Params p = p();
        p.getInt("depth", 2);
        assertTrue(p.readNames().isEmpty());
    }

    @Test void badRequests() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p().getInt("unitz"));
        assertTrue(e.getMessage().startsWith("Invalid parameter 'unitz' requested by the model-building function. Valid parameters are: "
                + "[epochs, learning_rate, optimizer, units, use_bias]."), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> p().getInt("learning_rate"));
        assertEquals("Parameter 'learning_rate' must be an integer. Received: learning_rate=0.001 (Double)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> p().getString("units"));
        assertEquals("Parameter 'units' must be a string. Received: units=16 (Integer)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> p().getBoolean("optimizer"));
    }
}
