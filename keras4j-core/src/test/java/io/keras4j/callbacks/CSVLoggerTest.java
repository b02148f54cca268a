package io.keras4j.callbacks;

import io.keras4j.layers.Layer;
import io.keras4j.random.Random;
import io.keras4j.tensor.Tensor;
import io.keras4j.trainers.FitOptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class CSVLoggerTest {
    @TempDir Path dir;

    @BeforeEach void reset() { Layer.clearSession(); Random.setSeed(4); }

    @Test void writesAHeaderAndOneRowPerEpochAsPythonsCsvModule() throws Exception {
        Tensor[] d = Fixtures.regression(40, 8);
        Path f = dir.resolve("log.csv");
        var h = Fixtures.mlp().fit(d[0], d[1], new FitOptions().epochs(2).batchSize(16).validationSplit(0.25).verbose(0).callbacks(new CSVLogger(f.toString())));
        String expected = "epoch,loss,val_loss\r\n"
                + "0," + PythonFormat.repr(h.get("loss").get(0)) + "," + PythonFormat.repr(h.get("val_loss").get(0)) + "\r\n"
                + "1," + PythonFormat.repr(h.get("loss").get(1)) + "," + PythonFormat.repr(h.get("val_loss").get(1)) + "\r\n";
        assertEquals(expected, Files.readString(f));
    }

    @Test void withoutValidationTheValColumnsAreNA() throws Exception {
        Tensor[] d = Fixtures.regression(16, 8);
        Path f = dir.resolve("log.csv");
        Fixtures.mlp().fit(d[0], d[1], new FitOptions().epochs(1).verbose(0).callbacks(new CSVLogger(f)));
        List<String> lines = Files.readAllLines(f);
        assertEquals("epoch,loss,val_loss", lines.get(0));
        assertTrue(lines.get(1).matches("0,[0-9.e+-]+,NA"), lines.get(1));
    }

    @Test void appendAddsRowsWithoutASecondHeader() throws Exception {
        Tensor[] d = Fixtures.regression(16, 8);
        Path f = dir.resolve("log.csv");
        var m = Fixtures.mlp();
        m.fit(d[0], d[1], new FitOptions().epochs(2).verbose(0).callbacks(new CSVLogger(f).append(true)));
        m.fit(d[0], d[1], new FitOptions().epochs(1).verbose(0).callbacks(new CSVLogger(f).append(true)));
        List<String> lines = Files.readAllLines(f);
        assertEquals(4, lines.size(), lines.toString());
        assertEquals(1, lines.stream().filter(l -> l.startsWith("epoch")).count());
        // Without append the file starts over.
        m.fit(d[0], d[1], new FitOptions().epochs(1).verbose(0).callbacks(new CSVLogger(f)));
        assertEquals(2, Files.readAllLines(f).size());
    }

    @Test void separatorAndQuotingFollowPythonsCsv() throws Exception {
        Path f = dir.resolve("log.csv");
        CSVLogger c = new CSVLogger(f).separator(".");
        c.onTrainBegin(null);
        c.onEpochEnd(0, Fixtures.logs("loss", 0.5, "val_loss", 2.0));
        c.onTrainEnd(null);
        // A field holding the delimiter is quoted (csv.QUOTE_MINIMAL).
        assertEquals("epoch.loss.val_loss\r\n0.\"0.5\".\"2.0\"\r\n", Files.readString(f));
        assertThrows(IllegalArgumentException.class, () -> new CSVLogger(f).separator(";;"));
    }
}
