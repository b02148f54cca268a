package io.keras4j.conformance;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.keras4j.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class ConformanceRunnerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path tmp;

    // ------------------------------------------------------------------ the keras-js set

    @Test void kerasJsSetPassesEverythingKeras4jHas() {
        Path dir = SharedData.dir("conformance/keras-js");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Summary s = ConformanceRunner.run(dir, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);

        assertEquals(0, s.failed(), out);
        assertEquals(334, s.results().size(), "every case of cases.json is reported");
        assertEquals(2, s.kerasVersion(), "keras-js was made by Keras 2.1");
        List<String> prefixes = List.of("core.Dense.", "core.Activation.", "core.Flatten.", "core.Reshape.", "core.Dropout.", "activations.");
        int required = 0;
        for (CaseResult r : s.results()) {
            if (r.id().equals("core.Flatten.0")) continue;
            if (prefixes.stream().anyMatch(r.id()::startsWith)) {
                required++;
                assertEquals(CaseResult.Status.PASSED, r.status(), r.id() + ": " + r.detail());
            }
        }
        // 6 Dense + 10 Activation + 2 Flatten + 3 Reshape + 1 Dropout + 33 activation functions.
        assertEquals(55, required);
        assertEquals(CaseResult.Status.SKIPPED, s.result("core.Flatten.0").status());
        // Multi-input graphs run through the Functional API: merge.* feed one input to several Dense branches.
        long mergesPassed = s.results().stream().filter(r -> r.id().startsWith("merge.") && r.status() == CaseResult.Status.PASSED).count();
        assertTrue(mergesPassed >= 16, "merge cases passed: " + mergesPassed);
        for (CaseResult r : s.results()) {
            if (r.status() == CaseResult.Status.SKIPPED && !r.id().equals("core.Flatten.0")) {
                assertTrue(r.detail().matches("layer \\w+ not supported yet|expected_states .*"), r.id() + ": " + r.detail());
            }
        }
        String[] lines = out.split("\n");
        assertEquals(s.toString(), lines[lines.length - 1]);
        assertEquals(s.failed() + s.skipped() + 1, lines.length, "one line per failed or skipped case, then the summary");
    }

    // ------------------------------------------------------------------ synthetic sets

    /** A mutable map from alternating keys and values. */
    private static Map<String, Object> obj(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    private static Map<String, Object> tensor(List<Integer> shape, double... data) {
        return obj("data", Arrays.stream(data).boxed().toList(), "shape", shape);
    }

    private static Map<String, Object> layer(String cls, String name, Map<String, Object> config, List<String> inbound, List<?> weights) {
        return obj("class_name", cls, "name", name, "config", config,
                "inbound", inbound.isEmpty() ? List.of(List.of()) : List.of(inbound), "weights", weights);
    }

    /** Dense(2, relu) on 3 features, batch dimension included, with a Keras 3 InputLayer. */
    private static Map<String, Object> denseCase(String file) {
        return obj("file", file, "kind", "model", "batch", 2, "model", obj(
                "inputs", List.of("input_layer"), "outputs", List.of("dense"),
                "layers", List.of(
                        layer("InputLayer", "input_layer", obj("shape", List.of(3), "dtype", "float32"), List.of(), List.of()),
                        layer("Dense", "dense", obj("units", 2, "activation", "relu"), List.of("input_layer"), List.of(
                                obj("name", "kernel", "index", 0, "shape", List.of(3, 2)),
                                obj("name", "bias", "index", 1, "shape", List.of(2)))))));
    }

    /**
     * x = [[1, 2, 3], [-1, 0, 1]], W = [[1, -1], [2, 0], [0, 3]], b = [0.5, -10]:
     * xW = [[5, 8], [-1, 4]]; + b = [[5.5, -2], [-0.5, -6]]; relu → [[5.5, 0], [0, 0]].
     */
    private static Map<String, Object> denseData(double firstExpected) {
        return obj("input", tensor(List.of(2, 3), 1, 2, 3, -1, 0, 1),
                "weights", List.of(tensor(List.of(3, 2), 1, -1, 2, 0, 0, 3), tensor(List.of(2), 0.5, -10)),
                "expected", tensor(List.of(2, 2), firstExpected, 0, 0, 0));
    }

    private void write(String file, Object value) throws IOException {
        Path p = tmp.resolve(file);
        Files.createDirectories(p.getParent());
        JSON.writeValue(p.toFile(), value);
    }

    private record Run(Summary summary, String out) {
        String lastLine() {
            String[] lines = out.split("\n");
            return lines[lines.length - 1];
        }
    }

    private Run run() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Summary s = ConformanceRunner.run(tmp, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return new Run(s, bytes.toString(StandardCharsets.UTF_8));
    }

    private static int exitCode(String... args) {
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        return ConformanceRunner.exitCode(args, sink, sink);
    }

    @Test void keras3ExtensionsBatchShapeInputLossesAndOptimizers() throws IOException {
        write("cases.json", obj(
                "dense_batch", denseCase("layers/Dense.json"),
                // Keras 3's hard_sigmoid, relu6(x + 3) / 6: [-4, 0, 1.5, 4] → [0, 0.5, 0.75, 1].
                "hard_sigmoid", obj("file", "activations.json", "kind", "activation_function", "function", "hard_sigmoid",
                        "function_kwargs", obj(), "batch", 1, "float32_artifact", true, "semantics", "keras3")));
        write("layers/Dense.json", obj("dense_batch", denseData(5.5)));
        write("activations.json", obj("hard_sigmoid", obj(
                "input", tensor(List.of(1, 4), -4, 0, 1.5, 4), "expected", tensor(List.of(1, 4), 0, 0.5, 0.75, 1))));
        // mean((y - p)^2) per sample: [(1 + 0) / 2, (1 + 0) / 2] = [0.5, 0.5]; the mean of those 0.5.
        write("losses.json", obj("mse", obj("loss", "MeanSquaredError", "function", "mean_squared_error", "config", obj(),
                "y_true", tensor(List.of(2, 2), 0, 1, 0, 0), "y_pred", tensor(List.of(2, 2), 1, 1, 1, 0),
                "expected_per_sample", tensor(List.of(2), 0.5, 0.5), "expected", tensor(List.of(), 0.5)),
                "no_such_loss", obj("loss", "NoSuchLoss", "config", obj())));
        // SGD(0.1): w -= 0.1 g; [1, 2] - 0.1 [1, 1] = [0.9, 1.9]; then - 0.1 [0.5, -1] = [0.85, 2.0].
        write("optimizers.json", obj("sgd", obj("optimizer", "SGD", "config", obj("learning_rate", 0.1),
                "variables", List.of(obj("name", "w", "data", List.of(1.0, 2.0), "shape", List.of(2))),
                "gradients", List.of(List.of(tensor(List.of(2), 1, 1)), List.of(tensor(List.of(2), 0.5, -1))),
                "expected", List.of(List.of(tensor(List.of(2), 0.9, 1.9)), List.of(tensor(List.of(2), 0.85, 2.0))))));

        Run r = run();
        assertEquals(3, r.summary().kerasVersion());
        assertEquals(CaseResult.Status.PASSED, r.summary().result("dense_batch").status(), r.out());
        assertEquals(CaseResult.Status.PASSED, r.summary().result("hard_sigmoid").status(), r.out());
        assertEquals(CaseResult.Status.PASSED, r.summary().result("mse").status(), r.out());
        assertEquals(CaseResult.Status.PASSED, r.summary().result("sgd").status(), r.out());
        assertEquals("loss NoSuchLoss not supported yet", r.summary().result("no_such_loss").detail());
        assertEquals("4 passed, 0 failed, 1 skipped", r.lastLine());
        assertEquals(0, exitCode(tmp.toString()));
    }

    @Test void aWrongExpectedValueFailsWithWhereAndANonZeroExit() throws IOException {
        write("cases.json", obj("dense_wrong", denseCase("layers/Dense.json")));
        write("layers/Dense.json", obj("dense_wrong", denseData(5.51)));
        Run r = run();
        CaseResult result = r.summary().result("dense_wrong");
        assertEquals(CaseResult.Status.FAILED, result.status());
        assertTrue(result.detail().contains("at flat index 0"), result.detail());
        assertTrue(result.detail().contains("got 5.5") && result.detail().contains("expected 5.51"), result.detail());
        assertTrue(r.out().startsWith("FAILED dense_wrong: max |error| 0.0100"), r.out());
        assertEquals("0 passed, 1 failed, 0 skipped", r.lastLine());
        assertEquals(1, exitCode(tmp.toString()));
    }

    @Test void wrongOptimizerAndLossValuesFail() throws IOException {
        write("cases.json", obj());
        write("losses.json", obj("mse", obj("loss", "MeanSquaredError", "config", obj(),
                "y_true", tensor(List.of(1, 2), 0, 1), "y_pred", tensor(List.of(1, 2), 1, 1),
                "expected_per_sample", tensor(List.of(1), 0.5), "expected", tensor(List.of(), 0.6))));
        write("optimizers.json", obj("sgd", obj("optimizer", "SGD", "config", obj("learning_rate", 0.1),
                "variables", List.of(obj("name", "w", "data", List.of(1.0), "shape", List.of(1))),
                "gradients", List.of(List.of(tensor(List.of(1), 1))),
                "expected", List.of(List.of(tensor(List.of(1), 0.8))))));
        Run r = run();
        assertEquals(CaseResult.Status.FAILED, r.summary().result("mse").status());
        assertTrue(r.summary().result("mse").detail().startsWith("reduced: "), r.summary().result("mse").detail());
        assertEquals(CaseResult.Status.FAILED, r.summary().result("sgd").status());
        assertTrue(r.summary().result("sgd").detail().startsWith("step 1, variable 'w': "), r.summary().result("sgd").detail());
        assertEquals("0 passed, 2 failed, 0 skipped", r.lastLine());
    }

    @Test void keras2SetsGetKeras2HardSigmoidAndUnsupportedCasesAreSkipped() throws IOException {
        Map<String, Object> input = layer("InputLayer", "input_1", obj("batch_input_shape", Arrays.asList(null, 4)), List.of(), List.of());
        write("cases.json", obj(
                "activation_layer", obj("file", "layers.json", "kind", "model", "model", obj(
                        "inputs", List.of("input_1"), "outputs", List.of("activation_1"), "layers", List.of(input,
                                layer("Activation", "activation_1", obj("activation", "hard_sigmoid"), List.of("input_1"), List.of())))),
                "conv", obj("file", "layers.json", "kind", "model", "model", obj(
                        "inputs", List.of("input_1"), "outputs", List.of("conv2d_1"), "layers", List.of(input,
                                layer("ConvLSTM2D", "conv2d_1", obj("filters", 1, "kernel_size", 1), List.of("input_1"), List.of())))),
                "two_inputs", obj("file", "layers.json", "kind", "model", "model", obj(
                        "inputs", List.of("input_1", "input_2"), "outputs", List.of("add_1"), "layers", List.of(input,
                                layer("InputLayer", "input_2", obj("shape", List.of(4)), List.of(), List.of()),
                                layer("Add", "add_1", obj(), List.of("input_1", "input_2"), List.of())))),
                "typed", obj("file", "layers.json", "kind", "handwritten", "note", "typed in")));
        // Keras 2's hard_sigmoid, clip(0.2 x + 0.5, 0, 1): [-3, 0, 1, 2] → [0, 0.5, 0.7, 0.9]; no batch key, so
        // shapes leave the batch dimension out.
        write("layers.json", obj("activation_layer", obj("input", tensor(List.of(4), -3, 0, 1, 2),
                "expected", tensor(List.of(4), 0, 0.5, 0.7, 0.9)),
                "two_inputs", obj("inputs", List.of(tensor(List.of(4), 1, 2, 3, 4), tensor(List.of(4), 1, 1, 1, 1)),
                        "expected", tensor(List.of(4), 2, 3, 4, 5))));
        Run r = run();
        assertEquals(2, r.summary().kerasVersion());
        assertEquals(CaseResult.Status.PASSED, r.summary().result("activation_layer").status(), r.out());
        assertEquals("layer ConvLSTM2D not supported yet", r.summary().result("conv").detail());
        assertEquals(CaseResult.Status.PASSED, r.summary().result("two_inputs").status(), r.out());
        assertEquals(CaseResult.Status.SKIPPED, r.summary().result("typed").status());
        assertTrue(r.out().contains("SKIPPED conv: layer ConvLSTM2D not supported yet\n"), r.out());
        assertEquals("2 passed, 0 failed, 2 skipped", r.lastLine());
        assertEquals(0, exitCode(tmp.toString()), "skipped cases are not failures");
    }

    @Test void weightsThatDoNotFitTheModelAreAFailure() throws IOException {
        Map<String, Object> c = denseCase("layers/Dense.json");
        write("cases.json", obj("dense", c));
        Map<String, Object> data = denseData(5.5);
        data.put("weights", List.of(tensor(List.of(2, 3), 1, -1, 2, 0, 0, 3), tensor(List.of(2), 0.5, -10)));
        write("layers/Dense.json", obj("dense", data));
        CaseResult r = run().summary().result("dense");
        assertEquals(CaseResult.Status.FAILED, r.status());
        assertTrue(r.detail().contains("shape (2, 3)"), r.detail());
    }

    @Test void badArgumentsExitWithTwo() throws IOException {
        assertEquals(2, exitCode());
        assertEquals(2, exitCode(tmp.resolve("absent").toString()));
        assertEquals(2, exitCode(tmp.toString()), "a directory without cases.json");
        assertEquals(2, exitCode("a", "b"));
        var e = assertThrows(IllegalArgumentException.class, () -> ConformanceRunner.run(tmp, System.out));
        assertTrue(e.getMessage().startsWith("no cases.json in "), e.getMessage());
    }

    /** SimpleRNN(1, linear, return_sequences, return_state) in a Keras 3 set, batch dimension included. */
    private static Map<String, Object> stateCase() {
        return obj("file", "layers/SimpleRNN.json", "kind", "model", "batch", 1, "model", obj(
                "inputs", List.of("input_layer"), "outputs", List.of("simple_rnn"),
                "layers", List.of(
                        layer("InputLayer", "input_layer", obj("shape", List.of(3, 1), "dtype", "float32"), List.of(), List.of()),
                        layer("SimpleRNN", "simple_rnn", obj("units", 1, "activation", "linear", "return_sequences", true, "return_state", true),
                                List.of("input_layer"), List.of(
                                        obj("name", "kernel", "index", 0, "shape", List.of(1, 1)),
                                        obj("name", "recurrent_kernel", "index", 1, "shape", List.of(1, 1)),
                                        obj("name", "bias", "index", 2, "shape", List.of(1)))))));
    }

    /**
     * h_t = x_t + 0.5 h_{t-1} from h_0 = 0 on x = [1, 2, 3]: outputs 1, 2.5, 4.25; the state is the
     * last, 4.25. A wrong state fails the case even when the output is right.
     */
    @Test void expectedStatesAreComparedAfterTheOutput() throws IOException {
        write("cases.json", obj("rnn_state", stateCase(), "rnn_wrong_state", stateCase()));
        Map<String, Object> good = obj("input", tensor(List.of(1, 3, 1), 1, 2, 3),
                "weights", List.of(tensor(List.of(1, 1), 1), tensor(List.of(1, 1), 0.5), tensor(List.of(1), 0)),
                "expected", tensor(List.of(1, 3, 1), 1, 2.5, 4.25),
                "expected_states", List.of(tensor(List.of(1, 1), 4.25)));
        Map<String, Object> bad = new LinkedHashMap<>(good);
        bad.put("expected_states", List.of(tensor(List.of(1, 1), 4.3)));
        write("layers/SimpleRNN.json", obj("rnn_state", good, "rnn_wrong_state", bad));
        Run r = run();
        assertEquals(CaseResult.Status.PASSED, r.summary().result("rnn_state").status(), r.out());
        CaseResult wrong = r.summary().result("rnn_wrong_state");
        assertEquals(CaseResult.Status.FAILED, wrong.status(), r.out());
        assertTrue(wrong.detail().startsWith("expected_states[0]"), wrong.detail());
        assertEquals("1 passed, 1 failed, 0 skipped", r.lastLine());
    }
}
