package io.keras4j.saving.legacy;

import io.keras4j.SharedData;
import io.keras4j.layers.Layer;
import io.keras4j.layers.core.Dense;
import io.keras4j.layers.core.Input;
import io.keras4j.layers.normalization.BatchNormalization;
import io.keras4j.models.Model;
import io.keras4j.models.Sequential;
import io.keras4j.saving.ModelFileException;
import io.keras4j.tensor.Tensor;
import io.keras4j.trainers.FitOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LegacyH5FormatTest {
    @TempDir Path tmp;

    private static Path weights() { return SharedData.dir("conformance/dl4j/weights"); }

    private static float[] arange(int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = i;
        return a;
    }

    // ------------------------------------------------------------------ element placement (README: np.arange weights)

    /** Dense kernel (4,6) = arange(24), bias arange(6): y_j = sum_i x_i (6i + j) + j = 120 + 11 j for x = [1,2,3,4]. */
    @Test
    void kerasTwoDenseArangeWeightsLandRowMajor() {
        Model m = LegacyH5Format.loadModel(weights().resolve("dense_tensorflow_2.h5"), false, true);
        Layer dense = m.layers().get(0);
        assertArrayEquals(arange(24), dense.weights().get(0).peek().toFloatArray());
        assertArrayEquals(new int[] {4, 6}, dense.weights().get(0).shape().dims());
        assertArrayEquals(arange(6), dense.weights().get(1).peek().toFloatArray());
        float[] y = m.predict(Tensor.of(new float[] {1, 2, 3, 4}, 1, 4)).toFloatArray();
        for (int j = 0; j < 6; j++) assertEquals(120 + 11 * j, y[j], 1e-4);
    }

    /** Keras 1.2.2 wrote the same model with weight names dense_1_W:0 and dense_1_b:0. */
    @Test
    void kerasOneWeightNamesLoad() {
        Model m = LegacyH5Format.loadModel(weights().resolve("dense_tensorflow_1.h5"), false, true);
        float[] y = m.predict(Tensor.of(new float[] {1, 2, 3, 4}, 1, 4)).toFloatArray();
        for (int j = 0; j < 6; j++) assertEquals(120 + 11 * j, y[j], 1e-4);
    }

    /** Conv2D kernel (3,3,5,6) = arange(270), bias arange(6), on ones(5,5,5): every output is sum_k (6k + f) + f = 5940 + 46 f. */
    @Test
    void conv2dArangeKernelLandsInKerasLayout() {
        Model m = LegacyH5Format.loadModel(weights().resolve("conv2d_tensorflow_2.h5"), false, true);
        Tensor y = m.predict(Tensor.ones(1, 5, 5, 5));
        assertArrayEquals(new int[] {1, 3, 3, 6}, y.shape().dims());
        float[] v = y.toFloatArray();
        for (int i = 0; i < v.length; i++) assertEquals(5940 + 46 * (i % 6), v[i], 1e-2);
    }

    /** The output DL4J's generator script recorded from Keras (README section 2). */
    @Test
    void separableConv2dMatchesRecordedKerasOutput() {
        Model m = LegacyH5Format.loadModel(weights().resolve("sepconv2d_tensorflow_2.h5"), false, true);
        Tensor y = m.predict(Tensor.ones(1, 3, 4, 5));
        assertArrayEquals(new int[] {1, 1, 2, 6}, y.shape().dims());
        float[] expected = {112590, 116595, 120600, 124605, 128610, 132615};
        float[] v = y.toFloatArray();
        for (int i = 0; i < v.length; i++) assertEquals(expected[i % 6], v[i], 1e-1);
    }

    /** The array stored at {@code path} in a file, read directly (the reference the loaded weights must equal). */
    private static float[] stored(Path file, String path) {
        try (io.jhdf.HdfFile f = new io.jhdf.HdfFile(file)) {
            return (float[]) f.getDatasetByPath(path).getDataFlat();
        }
    }

    /** Bidirectional: the forward_ arrays go to the forward layer, the backward_ ones to the backward layer. */
    @Test
    void bidirectionalArraysGoToTheLayerTheirNameSays() {
        Path file = weights().resolve("bidirectional_lstm_tensorflow_2.h5");
        Model m = LegacyH5Format.loadModel(file, false, true);
        io.keras4j.layers.rnn.Bidirectional bi = (io.keras4j.layers.rnn.Bidirectional) m.layers().get(0);
        String[] names = {"kernel", "recurrent_kernel", "bias"};
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(stored(file, "model_weights/bidirectional_1/bidirectional_1/forward_lstm_1/" + names[i] + ":0"),
                    bi.forwardLayer().weights().get(i).peek().toFloatArray(), "forward " + names[i]);
            assertArrayEquals(stored(file, "model_weights/bidirectional_1/bidirectional_1/backward_lstm_1/" + names[i] + ":0"),
                    bi.backwardLayer().weights().get(i).peek().toFloatArray(), "backward " + names[i]);
        }
    }

    /** Embedding (input_dim, output_dim) and the LSTM after it. */
    @Test
    void embeddingMatrixAndLstmArraysLoadAsStored() {
        Path file = weights().resolve("embedding_lstm_tensorflow_2.h5");
        Model m = LegacyH5Format.loadModel(file, false, true);
        assertArrayEquals(stored(file, "model_weights/embedding_1/embedding_1/embeddings:0"), m.getLayer("embedding_1").weights().get(0).peek().toFloatArray());
        assertArrayEquals(stored(file, "model_weights/lstm_1/lstm_1/recurrent_kernel:0"), m.getLayer("lstm_1").weights().get(1).peek().toFloatArray());
    }

    /** tf.keras PReLU: alpha has the input's shape (2, 3). */
    @Test
    void preluAlphaLoadsWithItsShape() {
        Path file = SharedData.dir("conformance/dl4j/tfkeras").resolve("adv_act_2.h5");
        Model m = LegacyH5Format.loadModel(file, false, true);
        io.keras4j.autodiff.Variable alpha = m.getLayer("p_re_lu").weights().get(0);
        assertArrayEquals(new int[] {2, 3}, alpha.shape().dims());
        assertArrayEquals(stored(file, "model_weights/p_re_lu/p_re_lu/alpha:0"), alpha.peek().toFloatArray());
    }

    // ------------------------------------------------------------------ loadWeights: position, name, mismatches

    private static Sequential denseModel(int inputs, int units, String name) {
        Sequential s = new Sequential(Input.of(inputs));
        s.add(new Dense(units).name(name));
        return s;
    }

    @Test
    void loadWeightsReadsTheModelWeightsOfAModelFile() {
        Sequential m = denseModel(4, 6, "anything");
        LegacyH5Format.loadWeights(m, weights().resolve("dense_tensorflow_2.h5"), false, false);
        assertArrayEquals(arange(24), m.layers().get(0).weights().get(0).peek().toFloatArray());
    }

    @Test
    void byNameLoadsOnlyLayersOfTheSameName() {
        Sequential m = new Sequential(Input.of(4));
        m.add(new Dense(6).name("dense_1"));
        m.add(new Dense(3).name("head"));
        float[] headBefore = m.layers().get(1).weights().get(0).peek().toFloatArray();
        // By position the file's one layer cannot pair with two.
        ModelFileException e = assertThrows(ModelFileException.class,
                () -> LegacyH5Format.loadWeights(m, weights().resolve("dense_tensorflow_2.h5"), false, false));
        assertTrue(e.getMessage().contains("Model expected 2 layers, found 1 saved layers"), e.getMessage());
        LegacyH5Format.loadWeights(m, weights().resolve("dense_tensorflow_2.h5"), false, true);
        assertArrayEquals(arange(24), m.layers().get(0).weights().get(0).peek().toFloatArray());
        assertArrayEquals(headBefore, m.layers().get(1).weights().get(0).peek().toFloatArray());
    }

    @Test
    void shapeMismatchNamesLayerWeightAndBothShapes() {
        Sequential m = denseModel(5, 6, "dense_1");
        ModelFileException e = assertThrows(ModelFileException.class,
                () -> LegacyH5Format.loadWeights(m, weights().resolve("dense_tensorflow_2.h5"), false, false));
        String msg = e.getMessage();
        assertTrue(msg.contains("dense_1") && msg.contains("kernel") && msg.contains("(5, 6)") && msg.contains("(4, 6)"), msg);
    }

    @Test
    void skipMismatchSkipsOnlyTheDisagreeingArrays() {
        Sequential m = denseModel(5, 6, "dense_1");
        float[] kernelBefore = m.layers().get(0).weights().get(0).peek().toFloatArray();
        LegacyH5Format.loadWeights(m, weights().resolve("dense_tensorflow_2.h5"), true, false);
        assertArrayEquals(kernelBefore, m.layers().get(0).weights().get(0).peek().toFloatArray());
        assertArrayEquals(arange(6), m.layers().get(0).weights().get(1).peek().toFloatArray());
    }

    @Test
    void missingAndNonHdf5FilesFailClearly() throws IOException {
        ModelFileException missing = assertThrows(ModelFileException.class, () -> LegacyH5Format.loadModel(tmp.resolve("nope.h5"), true, true));
        assertTrue(missing.getMessage().contains("nope.h5"), missing.getMessage());
        Path text = Files.writeString(tmp.resolve("text.h5"), "this is not HDF5 at all, just some words to fill the superblock");
        ModelFileException notHdf = assertThrows(ModelFileException.class, () -> LegacyH5Format.loadModel(text, true, true));
        assertTrue(notHdf.getMessage().contains("text.h5"), notHdf.getMessage());
    }

    // ------------------------------------------------------------------ writing

    private static Sequential trainedModel() {
        io.keras4j.utils.RandomSeed.setRandomSeed(7);
        Sequential m = new Sequential(Input.of(4));
        m.add(new Dense(5, "relu"));
        m.add(new BatchNormalization());
        m.add(new Dense(2));
        m.compile("adam", "mse", "mae");
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, -1, 0, 1, 2, 3, 1, -2, 0, 0.5f, 0.5f, 1, -1}, 4, 4);
        Tensor y = Tensor.of(new float[] {1, 0, 0, 1, 1, 1, 0, 0}, 4, 2);
        m.fit(x, y, new FitOptions().epochs(2).batchSize(2).verbose(0));
        return m;
    }

    private static final Tensor X = Tensor.of(new float[] {0.3f, -1, 2, 0.1f, 1, 1, 1, 1}, 2, 4);

    @Test
    void savedModelLoadsBackWithWeightsAndOptimizerState() {
        Sequential m = trainedModel();
        Path file = tmp.resolve("model.h5");
        LegacyH5Format.saveModel(m, file);
        Model back = LegacyH5Format.loadModel(file, true, true);
        assertArrayEquals(m.predict(X).toFloatArray(), back.predict(X).toFloatArray(), 1e-6f);
        assertTrue(back.compiled());
        assertEquals(m.getCompileConfig().get("loss"), back.getCompileConfig().get("loss"));
        assertEquals(m.getCompileConfig().get("metrics"), back.getCompileConfig().get("metrics"));
        assertEquals(m.optimizer().iterations(), back.optimizer().iterations());
        List<io.keras4j.autodiff.Variable> a = m.optimizer().variables(), b = back.optimizer().variables();
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) assertArrayEquals(a.get(i).peek().toDoubleArray(), b.get(i).peek().toDoubleArray(), 1e-7, a.get(i).name());
    }

    @Test
    void savedWeightsFileLoadsIntoAFreshModel() {
        Sequential m = trainedModel();
        Path file = tmp.resolve("w.h5");
        LegacyH5Format.saveWeights(m, file);
        Sequential fresh = new Sequential(Input.of(4));
        fresh.add(new Dense(5, "relu"));
        fresh.add(new BatchNormalization());
        fresh.add(new Dense(2));
        LegacyH5Format.loadWeights(fresh, file, false, false);
        assertArrayEquals(m.predict(X).toFloatArray(), fresh.predict(X).toFloatArray(), 1e-6f);
    }

    @Test
    void functionalModelWithWeightlessLayersRoundTrips() {
        io.keras4j.layers.KerasTensor in = Input.of(3);
        io.keras4j.layers.KerasTensor h = new io.keras4j.layers.regularization.Dropout(0.5).apply(new Dense(4, "tanh").apply(in));
        Model m = new Model(in, new Dense(2).apply(new io.keras4j.layers.reshaping.Flatten().apply(h)));
        Path file = tmp.resolve("functional.h5");
        LegacyH5Format.saveModel(m, file);
        Model back = LegacyH5Format.loadModel(file, true, true);
        Tensor x = Tensor.of(new float[] {1, -2, 0.5f, 0, 3, 1}, 2, 3);
        assertArrayEquals(m.predict(x).toFloatArray(), back.predict(x).toFloatArray(), 1e-6f);
    }

    /** Nested variables (RNN cells, both directions of a Bidirectional, a wrapped Dense) survive a round trip. */
    @Test
    void recurrentAndWrapperLayersRoundTrip() {
        io.keras4j.utils.RandomSeed.setRandomSeed(3);
        Sequential m = new Sequential(Input.of(io.keras4j.tensor.Shape.of(4), io.keras4j.tensor.DType.INT32, null));
        m.add(new io.keras4j.layers.core.Embedding(7, 3));
        m.add(new io.keras4j.layers.rnn.Bidirectional(new io.keras4j.layers.rnn.LSTM(2).returnSequences(true)));
        m.add(new io.keras4j.layers.rnn.TimeDistributed(new Dense(3)));
        m.add(new io.keras4j.layers.rnn.GRU(2));
        Path file = tmp.resolve("rnn.h5");
        LegacyH5Format.saveModel(m, file);
        Model back = LegacyH5Format.loadModel(file, false, true);
        Tensor x = Tensor.ofInts(new int[] {1, 2, 3, 4, 6, 5, 0, 1}, 2, 4);
        assertArrayEquals(m.predict(x).toFloatArray(), back.predict(x).toFloatArray(), 1e-6f);
    }

    @Test
    void modelWithoutWeightsRoundTrips() {
        Sequential m = new Sequential(Input.of(2, 3));
        m.add(new io.keras4j.layers.reshaping.Flatten());
        Path file = tmp.resolve("flatten.h5");
        LegacyH5Format.saveModel(m, file);
        Model back = LegacyH5Format.loadModel(file, true, true);
        assertArrayEquals(new int[] {1, 6}, back.predict(Tensor.ones(1, 2, 3)).shape().dims());
    }

    /** h5py (Debian python3-h5py) reads our file and finds Keras's legacy layout. */
    @Test
    void h5pySeesKerasLayout() throws Exception {
        String python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
        io.keras4j.TestTools.requirePythonModule("h5py", "python3-h5py");
        Sequential m = trainedModel();
        Path file = tmp.resolve("model.h5");
        LegacyH5Format.saveModel(m, file);
        String script = """
                import h5py, json, sys
                f = h5py.File(sys.argv[1], "r")
                for k in ("model_config", "training_config", "keras_version", "backend"):
                    assert k in f.attrs, k
                cfg = json.loads(f.attrs["model_config"])
                assert cfg["class_name"] == "Sequential", cfg["class_name"]
                tc = json.loads(f.attrs["training_config"])
                assert tc["optimizer_config"]["class_name"] == "Adam", tc
                assert "loss" in tc and "metrics" in tc and "optimizer" not in tc, tc
                mw = f["model_weights"]
                names = [n.decode() if isinstance(n, bytes) else n for n in mw.attrs["layer_names"]]
                assert isinstance(mw.attrs["layer_names"][0], bytes)
                out = []
                for n in names:
                    g = mw[n]
                    wn = [w.decode() for w in g.attrs.get("weight_names", [])]
                    for w in wn:
                        d = g[w]
                        assert d.dtype == "float32", (w, d.dtype)
                        out.append("%s:%s:%s" % (n, w, ",".join(map(str, d.shape))))
                ow = f["optimizer_weights"]
                onames = [w.decode() for w in ow.attrs["weight_names"]]
                assert ow[onames[0]][()] > 0
                print("LAYERS", ",".join(names))
                print("WEIGHTS", " ".join(out))
                print("OPTIMIZER", len(onames), onames[0])
                """;
        Result r = run(python, "-c", script, file.toString());
        assertEquals(0, r.exitCode, r.output);
        String[] layers = m.layers().stream().map(Layer::name).toArray(String[]::new);
        assertTrue(r.output.contains("LAYERS " + String.join(",", layers)), r.output);
        String bn = layers[1];
        assertTrue(r.output.contains(layers[0] + ":" + layers[0] + "/kernel:4,5"), r.output);
        // BatchNormalization in Keras's legacy order: gamma, beta, moving_mean, moving_variance.
        assertTrue(r.output.contains(bn + ":" + bn + "/gamma:5 " + bn + ":" + bn + "/beta:5 " + bn + ":" + bn + "/moving_mean:5 "
                + bn + ":" + bn + "/moving_variance:5"), r.output);
        assertTrue(r.output.contains("OPTIMIZER " + m.optimizer().variables().size() + " "), r.output);
    }

    private record Result(int exitCode, String output) {}

    private static Result run(String... cmd) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            return new Result(-1, e.toString());
        }
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS)) p.destroyForcibly();
        return new Result(p.exitValue(), out);
    }
}
