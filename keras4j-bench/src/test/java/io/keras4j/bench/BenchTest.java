package io.keras4j.bench;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchTest {

    @Test
    void defaultsAreThePeerScriptDefaults() {
        Bench.Options o = Bench.parse(new String[0]);
        assertEquals(List.of("mlp", "cnn", "cnn_dropout", "cifar_cnn", "lstm"), o.models);
        assertEquals(2, o.threads);
        assertEquals(7, o.windows);
        assertEquals(1.5, o.windowSec);
        assertEquals(10, o.warmupSteps);
        assertEquals(2.0, o.warmupSec);
        assertNull(o.json);
    }

    @Test
    void parsesModelsAndOptions() {
        Bench.Options o = Bench.parse(new String[] {"mlp", "--json", "out.json", "--models", "cnn,gemm", "--threads", "1"});
        assertEquals(List.of("mlp", "cnn", "gemm"), o.models);
        assertEquals("out.json", o.json);
        assertEquals(1, o.threads);
        assertNull(Bench.parse(new String[] {"mlp", "--help"}));
        var e = assertThrows(IllegalArgumentException.class, () -> Bench.parse(new String[] {"resnet"}));
        assertTrue(e.getMessage().contains("'resnet'") && e.getMessage().contains("mlp"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Bench.parse(new String[] {"--windows", "0"}));
        assertThrows(IllegalArgumentException.class, () -> Bench.parse(new String[] {"--json"}));
    }

    @Test
    void summarizeAsPythonStatistics() {
        Map<String, Object> odd = TimedWindows.summarize(new double[] {3, 1, 2});
        assertEquals(2.0, odd.get("median"));
        assertEquals(1.0, odd.get("min"));
        assertEquals(3.0, odd.get("max"));
        assertEquals(3, odd.get("n"));
        assertEquals(List.of(3.0, 1.0, 2.0), odd.get("values"));
        assertEquals(2.5, TimedWindows.summarize(new double[] {4, 1, 2, 3}).get("median"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void mlpReportHasThePeerFieldsAndTheReferenceModelSize() {
        Bench.Options o = Bench.parse(new String[] {"mlp", "--windows", "1", "--window-sec", "0.05", "--warmup-steps", "1", "--warmup-sec", "0"});
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Map<String, Object> report = Bench.run(o, new PrintStream(buf, true, StandardCharsets.UTF_8));
        List<Map<String, Object>> results = (List<Map<String, Object>>) report.get("results");
        assertEquals(1, results.size());
        Map<String, Object> r = results.get(0);
        assertEquals("mlp", r.get("model"));
        assertEquals(128, r.get("batch"));
        assertEquals(669_706L, r.get("params")); // bench/README.md's Keras parameter count
        assertEquals(2L * (784 * 512 + 512 * 512 + 512 * 10), r.get("fwd_flops_per_sample"));
        for (String key : List.of("train_samples_per_s", "infer_samples_per_s")) {
            Map<String, Object> s = (Map<String, Object>) r.get(key);
            double median = (Double) s.get("median");
            assertTrue(median > 0 && (Double) s.get("min") <= median && median <= (Double) s.get("max"), key + " " + s);
        }
        for (String key : List.of("train_steps_per_window", "train_windows", "train_ms_per_step_median", "train_gflops_median",
                "infer_steps_per_window", "infer_windows", "infer_gflops_median", "description")) {
            assertTrue(r.containsKey(key), key);
        }
        assertTrue(Bench.toJson(report, true).contains("\"train_samples_per_s\""));
    }

    @Test
    void everyReferenceModelHasKerassParameterCount() {
        // bench/README.md's "Keras params" column.
        Map<String, Long> keras = Map.of("mlp", 669_706L, "cnn", 93_322L, "cnn_dropout", 693_962L, "cifar_cnn", 122_570L, "lstm", 131_713L);
        for (ReferenceModels.Spec spec : ReferenceModels.ALL.values()) {
            assertTrue(spec.available(), spec.id());
            assertEquals(keras.get(spec.id()), spec.builder().get().countParams(), spec.id());
        }
        assertEquals(5_588_480L, ReferenceModels.ALL.get("cnn").fwdFlopsPerSample()); // the peer's hook count for this model
    }
}
