package io.keras4j.saving;

import io.keras4j.layers.core.Dense;
import io.keras4j.layers.core.Input;
import io.keras4j.layers.rnn.LSTM;
import io.keras4j.models.Model;
import io.keras4j.models.Sequential;
import io.keras4j.tensor.Tensor;
import io.keras4j.trainers.FitOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * h5py (the HDF5 library Keras itself uses) reads our {@code .weights.h5} and finds Keras's
 * layout: {@code layers/<snake_class>/vars/<i>} with Keras's dtypes and shapes, an LSTM's cell at
 * {@code layers/lstm/cell/vars}, {@code vars} groups named by the layer, and the optimizer at
 * {@code optimizer/vars} with an int64 scalar iteration first. Needs Debian's python3-h5py.
 */
class H5pyInteropTest {

    private static final String PYTHON = io.keras4j.TestTools.PYTHON;

    @Test void h5pySeesKerasLayout(@TempDir Path dir) throws Exception {
        io.keras4j.TestTools.requirePythonModule("h5py", "python3-h5py");
        Model m = new Sequential(Input.of(3, 2), new LSTM(4).name("my_lstm"), new Dense(2).name("head"), new Dense(1));
        m.compile("adam", "mse");
        float[] x = new float[8 * 3 * 2];
        for (int i = 0; i < x.length; i++) x[i] = (float) Math.cos(i);
        m.fit(Tensor.of(x, 8, 3, 2), Tensor.of(new float[8], 8, 1), new FitOptions().epochs(1).batchSize(4).verbose(0));
        Path file = dir.resolve("m.weights.h5");
        m.saveWeights(file);
        String script = String.join("\n",
                "import h5py, sys",
                "f = h5py.File(sys.argv[1], 'r')",
                "def show(name, obj):",
                "    if isinstance(obj, h5py.Dataset):",
                "        print('D', name, obj.dtype.name, list(obj.shape))",
                "    else:",
                "        n = obj.attrs.get('name')",
                "        if isinstance(n, bytes): n = n.decode()",
                "        print('G', name, n)",
                "f.visititems(show)");
        Path py = dir.resolve("show.py");
        Files.writeString(py, script);
        Process p = new ProcessBuilder(PYTHON, py.toString(), file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        List<String> lines = out.lines().toList();
        for (String want : List.of(
                "D layers/lstm/cell/vars/0 float32 [2, 16]",
                "D layers/lstm/cell/vars/1 float32 [4, 16]",
                "D layers/lstm/cell/vars/2 float32 [16]",
                "G layers/dense/vars head",
                "D layers/dense/vars/0 float32 [4, 2]",
                "D layers/dense/vars/1 float32 [2]",
                "D layers/dense_1/vars/0 float32 [2, 1]",
                "D optimizer/vars/0 int64 []",
                "D optimizer/vars/1 float32 []")) {
            assertTrue(lines.contains(want), "h5py does not see '" + want + "' in:\n" + out);
        }
        assertTrue(lines.stream().anyMatch(l -> l.matches("G layers/lstm/cell/vars lstm_cell(_\\d+)?")), out);
        assertTrue(lines.contains("G layers/lstm/vars my_lstm") || lines.stream().noneMatch(l -> l.startsWith("G layers/lstm/vars")), out);
        // Adam: iteration, learning rate, then m and v for each of the 7 trainable variables.
        assertEquals(2 + 2 * 7, lines.stream().filter(l -> l.startsWith("D optimizer/vars/")).count(), out);
    }
}
