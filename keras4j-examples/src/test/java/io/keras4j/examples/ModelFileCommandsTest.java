package io.keras4j.examples;

import io.keras4j.layers.core.Dense;
import io.keras4j.layers.core.Input;
import io.keras4j.models.Model;
import io.keras4j.models.Models;
import io.keras4j.models.Sequential;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelFileCommandsTest {
    @TempDir Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
    private final PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8), e = new PrintStream(err, true, StandardCharsets.UTF_8);

    private Path savedModel() {
        Sequential m = new Sequential(Input.of(3));
        m.add(new Dense(2, "tanh").name("hidden"));
        Path file = tmp.resolve("m.h5");
        m.save(file);
        return file;
    }

    @Test
    void inspectPrintsLayersAndSummary() {
        int code = ModelFileCommands.inspect(new String[] {savedModel().toString()}, o, e);
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, text + err);
        assertTrue(text.contains("hidden (Dense)") && text.contains("can load everything"), text);
    }

    @Test
    void inspectOfANonKerasFileExitsWithOne() throws Exception {
        Path junk = Files.writeString(tmp.resolve("x.h5"), "hello");
        assertEquals(1, ModelFileCommands.inspect(new String[] {junk.toString()}, o, e));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("not a Keras file"), out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void convertWritesTheFormatTheNameAsksFor() {
        Path in = savedModel();
        Model original = Models.loadModel(in);
        Path keras = tmp.resolve("m.keras");
        assertEquals(0, ModelFileCommands.convert(new String[] {in.toString(), keras.toString()}, o, e), err.toString(StandardCharsets.UTF_8));
        Path back = tmp.resolve("back.hdf5");
        assertEquals(0, ModelFileCommands.convert(new String[] {keras.toString(), back.toString()}, o, e), err.toString(StandardCharsets.UTF_8));
        Tensor x = Tensor.of(new float[] {1, 2, 3}, 1, 3);
        assertArrayEquals(original.predict(x).toFloatArray(), Models.loadModel(back).predict(x).toFloatArray(), 1e-6f);
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertEquals(2, ModelFileCommands.inspect(new String[] {}, o, e));
        assertEquals(2, ModelFileCommands.convert(new String[] {"a.h5"}, o, e));
        assertEquals(2, ModelFileCommands.convert(new String[] {"a.h5", "b.txt"}, o, e));
    }
}
