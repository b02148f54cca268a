package io.keras4j.saving.legacy;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LegacyWeightsWriterTest {
    @TempDir Path tmp;

    /**
     * Keras splits attributes over 64512 bytes (HDF5's object header limit) into name0, name1, ...
     * with numpy's array_split: 5000 names of 20 bytes (100000 bytes) need 2 chunks of 2500.
     */
    @Test
    void largeNameListsAreChunkedAsKerasDoes() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 5000; i++) names.add(String.format("layer_%014d", i));
        Path file = tmp.resolve("chunks.h5");
        try (WritableHdfFile f = HdfFile.write(file)) {
            LegacyWeightsWriter.putStrings(f.putGroup("g"), "layer_names", names);
        }
        try (HdfFile f = new HdfFile(file)) {
            var g = f.getChild("g");
            assertFalse(g.getAttributes().containsKey("layer_names"));
            assertEquals(2500, ((String[]) g.getAttribute("layer_names0").getData()).length);
            assertEquals(2500, ((String[]) g.getAttribute("layer_names1").getData()).length);
            assertFalse(g.getAttributes().containsKey("layer_names2"));
            assertEquals(names, H5Attributes.strings(g, "layer_names"));
        }
    }

    @Test
    void smallListsStayOneAttribute() {
        Path file = tmp.resolve("one.h5");
        try (WritableHdfFile f = HdfFile.write(file)) {
            LegacyWeightsWriter.putStrings(f.putGroup("g"), "weight_names", List.of("dense/kernel", "dense/bias"));
        }
        try (HdfFile f = new HdfFile(file)) {
            assertTrue(f.getChild("g").getAttributes().containsKey("weight_names"));
            assertEquals(List.of("dense/kernel", "dense/bias"), H5Attributes.strings(f.getChild("g"), "weight_names"));
        }
    }
}
