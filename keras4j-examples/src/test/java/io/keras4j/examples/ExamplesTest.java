package io.keras4j.examples;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExamplesTest {

    @Test
    void irisMlpIsRegistered() {
        Examples.Example e = Examples.get("iris_mlp");
        assertEquals("iris_mlp", e.name());
        assertTrue(Examples.all().containsKey("iris_mlp"));
    }

    @Test
    void unknownNameListsTheKnownOnes() {
        var ex = assertThrows(IllegalArgumentException.class, () -> Examples.get("nope"));
        assertTrue(ex.getMessage().contains("'nope'") && ex.getMessage().contains("iris_mlp"), ex.getMessage());
    }

    @Test
    void helpListsTheExamples() {
        String out = captureOut(() -> Main.main(new String[] {"example", "--help"}));
        assertTrue(out.startsWith("Usage: keras4j example NAME"), out);
        assertTrue(out.contains("iris_mlp"), out);
        String top = captureOut(() -> Main.main(new String[] {"--help"}));
        assertTrue(top.contains("example NAME") && top.contains("conformance DIR") && top.contains("bench"), top);
    }

    private static String captureOut(Runnable r) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setOut(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }
}
