package io.keras4j.metrics;

import io.keras4j.layers.core.Dense;
import io.keras4j.layers.core.Input;
import io.keras4j.losses.CategoricalCrossentropy;
import io.keras4j.models.Model;
import io.keras4j.models.Models;
import io.keras4j.models.Sequential;
import io.keras4j.optimizers.Adam;
import io.keras4j.saving.KerasJson;
import io.keras4j.saving.SerializationLib;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Every metric class survives {@code serializeKerasObject} → JSON → {@code deserializeKerasObject}
 * with all its arguments: the config read back is the one written, its keys are the ones Keras's
 * {@code get_config} writes for that class (keras/src/metrics/*.py), and the metric read back gives
 * the same result on a fixed batch as the original, and (where the arguments matter) a different
 * one from a default metric of the class, so a lost argument shows.
 */
class MetricConfigRoundTripTest {

    // A fixed batch: 5 samples, 3 classes (one-hot and sparse labels), binary labels and probabilities.
    private static final Tensor Y3 = Tensor.of(new float[][] {{0, 1, 0}, {1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {0, 1, 0}});
    private static final Tensor P3 = Tensor.of(new float[][] {
            {0.1f, 0.8f, 0.1f}, {0.6f, 0.3f, 0.1f}, {0.2f, 0.65f, 0.15f}, {0.3f, 0.3f, 0.4f}, {0.5f, 0.45f, 0.05f}});
    private static final Tensor SPARSE = Tensor.of(new float[] {1, 0, 1, 2, 1}, 5);
    private static final Tensor SORTED_IDS = Tensor.of(new float[][] {{1, 0, 2}, {0, 1, 2}, {1, 0, 2}, {2, 0, 1}, {0, 1, 2}});
    private static final Tensor YB = Tensor.of(new float[] {1, 0, 1, 0, 1}, 5, 1);
    private static final Tensor PB = Tensor.of(new float[] {0.9f, 0.6f, 0.4f, 0.2f, 0.75f}, 5, 1);
    private static final Tensor LOGITS = Tensor.of(new float[] {2.2f, 0.4f, -0.4f, -1.4f, 1.1f}, 5, 1);
    private static final Tensor W = Tensor.of(new float[] {1, 0.5f, 2, 1, 1}, 5);

    private static final String[] BASE = {"name", "dtype"};
    private static final String[] CONFUSION = {"name", "dtype", "thresholds", "top_k", "class_id"};
    private static final String[] AUC_KEYS = {"name", "dtype", "num_thresholds", "curve", "summation_method", "multi_label",
            "num_labels", "label_weights", "from_logits"};

    /** One non-default configuration of a metric class, its Keras config keys and how to feed it. */
    private record Case(Class<? extends Metric> type, String label, Supplier<Metric> make, String[] kerasKeys,
                        boolean argumentsChangeResult, Consumer<Metric> feed) {}

    private static Consumer<Metric> feed(Tensor yTrue, Tensor yPred) { return m -> m.updateState(yTrue, yPred, W); }

    private static String[] plus(String[] keys, String... more) {
        List<String> all = new ArrayList<>(List.of(keys));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    private static List<Case> table() {
        Tensor regTrue = Tensor.of(new float[][] {{0, 1}, {2, 3}, {1, 1}, {0, 0}, {4, 2}});
        Tensor regPred = Tensor.of(new float[][] {{0.5f, 1}, {1, 3.5f}, {1, 2}, {0.2f, 0}, {3, 2.5f}});
        Consumer<Metric> values = m -> m.updateState(Tensor.of(new float[] {1, 3, 5, 7, 9}, 5), W);
        return List.of(
                new Case(Accuracy.class, "name+dtype", () -> new Accuracy().name("exact").dtype(DType.FLOAT64), BASE, false,
                        feed(Tensor.of(new float[] {1, 2, 3, 4, 5}, 5, 1), Tensor.of(new float[] {0, 2, 3, 4, 1}, 5, 1))),
                new Case(BinaryAccuracy.class, "threshold 0.7", () -> new BinaryAccuracy().threshold(0.7).name("ba"),
                        plus(BASE, "threshold"), true, feed(YB, PB)),
                new Case(CategoricalAccuracy.class, "name+dtype", () -> new CategoricalAccuracy().name("cat").dtype(DType.FLOAT64), BASE,
                        false, feed(Y3, P3)),
                new Case(SparseCategoricalAccuracy.class, "name", () -> new SparseCategoricalAccuracy().name("sparse"), BASE, false,
                        feed(SPARSE, P3)),
                new Case(TopKCategoricalAccuracy.class, "k=1", () -> new TopKCategoricalAccuracy().k(1).name("top1"),
                        plus(BASE, "k"), true, feed(Y3, P3)),
                new Case(SparseTopKCategoricalAccuracy.class, "k=1", () -> new SparseTopKCategoricalAccuracy().k(1),
                        plus(BASE, "k"), true, feed(SPARSE, P3)),
                new Case(SparseTopKCategoricalAccuracy.class, "k=1 from_sorted_ids", () -> new SparseTopKCategoricalAccuracy().k(1).fromSortedIds(true),
                        plus(BASE, "k", "from_sorted_ids"), true, feed(SPARSE, SORTED_IDS)),
                new Case(Precision.class, "thresholds 0.7", () -> new Precision().thresholds(0.7).name("p07").dtype(DType.FLOAT64),
                        CONFUSION, true, feed(YB, PB)),
                new Case(Precision.class, "thresholds [0.3, 0.7]", () -> new Precision().thresholds(0.3, 0.7).dtype(DType.FLOAT64), CONFUSION, true, feed(YB, PB)),
                new Case(Precision.class, "top_k 2, class_id 0", () -> new Precision().topK(2).classId(0), CONFUSION, true, feed(Y3, P3)),
                new Case(Recall.class, "thresholds 0.7, class_id 1", () -> new Recall().thresholds(0.7).classId(1), CONFUSION, true, feed(Y3, P3)),
                new Case(Recall.class, "top_k 1", () -> new Recall().topK(1), CONFUSION, true, feed(Y3, P3)),
                new Case(AUC.class, "PR majoring 7", () -> new AUC().curve("PR").summationMethod("majoring").numThresholds(7),
                        AUC_KEYS, true, feed(YB, PB)),
                new Case(AUC.class, "multi_label weighted", () -> new AUC().multiLabel(true).numLabels(3).labelWeights(1, 2, 0.5).curve("PR"),
                        AUC_KEYS, true, feed(Y3, P3)),
                new Case(AUC.class, "thresholds from_logits", () -> new AUC().thresholds(0.25, 0.5, 0.75).fromLogits(true).summationMethod("minoring"),
                        plus(AUC_KEYS, "thresholds"), true, feed(YB, LOGITS)),
                new Case(F1Score.class, "macro 0.5", () -> new F1Score().average("macro").threshold(0.5), plus(BASE, "average", "threshold"),
                        true, feed(Y3, P3)),
                new Case(FBetaScore.class, "beta 2 weighted 0.4", () -> new FBetaScore().beta(2).average("weighted").threshold(0.4),
                        plus(BASE, "average", "beta", "threshold"), true, feed(Y3, P3)),
                new Case(FBetaScore.class, "beta 0.5 micro", () -> new FBetaScore().beta(0.5).average("micro").dtype(DType.FLOAT64),
                        plus(BASE, "average", "beta", "threshold"), true, feed(Y3, P3)),
                new Case(MeanSquaredError.class, "name+dtype", () -> new MeanSquaredError().name("mse").dtype(DType.FLOAT64), BASE, false,
                        feed(regTrue, regPred)),
                new Case(MeanAbsoluteError.class, "name", () -> new MeanAbsoluteError().name("mae"), BASE, false, feed(regTrue, regPred)),
                new Case(RootMeanSquaredError.class, "name", () -> new RootMeanSquaredError().name("rmse"), BASE, false, feed(regTrue, regPred)),
                new Case(Mean.class, "name+dtype", () -> new Mean().name("avg").dtype(DType.FLOAT64), BASE, false, values),
                new Case(Sum.class, "name", () -> new Sum().name("total"), BASE, false, values));
    }

    /** Every public concrete Metric subclass of io.keras4j.metrics, from the compiled classes. */
    private static Set<Class<?>> metricClasses() throws Exception {
        Path dir = Path.of(Metric.class.getProtectionDomain().getCodeSource().getLocation().toURI()).resolve("io/keras4j/metrics");
        Set<Class<?>> out = new LinkedHashSet<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String n = f.getFileName().toString();
                if (!n.endsWith(".class") || n.contains("$")) continue;
                Class<?> c = Class.forName("io.keras4j.metrics." + n.substring(0, n.length() - ".class".length()));
                if (Metric.class.isAssignableFrom(c) && !Modifier.isAbstract(c.getModifiers()) && Modifier.isPublic(c.getModifiers())) out.add(c);
            }
        }
        return out;
    }

    @Test void everyMetricClassIsInTheTableAndRegistered() throws Exception {
        Set<Class<?>> classes = metricClasses();
        assertTrue(classes.size() >= 16, "found only " + classes);
        Set<Class<?>> covered = new LinkedHashSet<>();
        for (Case c : table()) covered.add(c.type());
        Set<String> missing = new TreeSet<>();
        for (Class<?> c : classes) if (!covered.contains(c)) missing.add(c.getSimpleName());
        assertEquals(Set.of(), missing, "metric classes without a round-trip case in MetricConfigRoundTripTest.table()");
        for (Class<?> c : classes) assertTrue(Metrics.classNames().contains(c.getSimpleName()), c.getSimpleName() + " missing from Metrics");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> viaJson(Object serialized) {
        return KerasJson.readObject(KerasJson.write(serialized), "metric");
    }

    @TestFactory Stream<DynamicTest> nonDefaultConfigSurvivesJson() {
        return table().stream().map(c -> DynamicTest.dynamicTest(c.type().getSimpleName() + " " + c.label(), () -> {
            Metric original = c.make().get();
            assertEquals(c.type(), original.getClass());
            Map<String, Object> written = viaJson(SerializationLib.serializeKerasObject(original));
            assertEquals("keras.metrics", written.get("module"));
            assertEquals(c.type().getSimpleName(), written.get("class_name"));
            Map<String, Object> config = (Map<String, Object>) written.get("config");
            assertEquals(new TreeSet<>(List.of(c.kerasKeys())), new TreeSet<>(config.keySet()), "Keras's get_config keys");
            assertNotEquals(viaJson(SerializationLib.serializeKerasObject(newDefault(c.type()))).get("config"), config,
                    "the case must configure something other than the defaults");

            Object back = SerializationLib.deserializeKerasObject(written);
            assertEquals(c.type(), back.getClass());
            Metric loaded = (Metric) back;
            assertEquals(config, viaJson(SerializationLib.serializeKerasObject(loaded)).get("config"));
            assertEquals(original.name(), loaded.name());
            assertEquals(original.dtype(), loaded.dtype());

            c.feed().accept(original);
            c.feed().accept(loaded);
            assertArrayEquals(original.resultTensor().toFloatArray(), loaded.resultTensor().toFloatArray());
            assertEquals(original.dtype(), loaded.resultTensor().dtype(), "Keras's result() has the metric's dtype");
            if (c.argumentsChangeResult()) {
                Metric plain = newDefault(c.type());
                c.feed().accept(plain);
                assertFalse(java.util.Arrays.equals(plain.resultTensor().toFloatArray(), loaded.resultTensor().toFloatArray()),
                        "the arguments should change the result on this batch, or the round trip proves nothing");
            }
        }));
    }

    private static Metric newDefault(Class<? extends Metric> type) throws Exception {
        return type.getConstructor().newInstance();
    }

    /** Keras's literal config values, as its get_config writes them (confusion_metrics.py, f_score_metrics.py). */
    @Test void configValuesAreKerasLiterals() {
        Map<String, Object> p = new Precision().thresholds(0.7).getConfig();
        assertEquals(0.7, p.get("thresholds"));
        assertNull(p.get("top_k"));
        assertNull(p.get("class_id"));
        assertEquals("float32", p.get("dtype"));
        assertEquals(List.of(0.3, 0.7), new Recall().thresholds(0.3, 0.7).getConfig().get("thresholds"));
        Map<String, Object> auc = new AUC().thresholds(0.5, 0.25).getConfig();
        assertEquals(4, auc.get("num_thresholds"), "inner thresholds + the two end points");
        assertEquals(List.of(0.25, 0.5), auc.get("thresholds"));
        assertEquals("ROC", auc.get("curve"));
        assertEquals("interpolation", auc.get("summation_method"));
        assertFalse(new F1Score().getConfig().containsKey("beta"), "Keras's F1Score.get_config deletes beta");
        assertFalse(new SparseTopKCategoricalAccuracy().getConfig().containsKey("from_sorted_ids"), "written only when true");
    }

    /** A config with Keras's keys only, as Keras writes it, reads back with those arguments. */
    @Test void readsKerasWrittenConfigs() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", "precision_at_07");
        config.put("dtype", "float32");
        config.put("thresholds", 0.7);
        config.put("top_k", null);
        config.put("class_id", null);
        Precision p = (Precision) Metrics.fromConfig("Precision", config);
        assertArrayEquals(new double[] {0.7}, p.thresholds());
        assertEquals("precision_at_07", p.name());
        // on the binary batch: predictions > 0.7 are samples 0 and 4, both positive
        p.updateState(YB, PB);
        assertEquals(1.0, p.result(), 1e-7);
        TopKCategoricalAccuracy k2 = (TopKCategoricalAccuracy) Metrics.get(Map.of("class_name", "TopKCategoricalAccuracy",
                "config", Map.of("name", "top_2", "dtype", "float32", "k", 2)));
        assertEquals(2, k2.k());
    }

    @Test void unknownKeysAndBadValuesFailWithTheArgumentName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Metrics.fromConfig("TopKCategoricalAccuracy", Map.of("kk", 2)));
        assertTrue(e.getMessage().contains("kk"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Metrics.fromConfig("TopKCategoricalAccuracy", Map.of("k", "two")));
        assertTrue(e.getMessage().contains("k=two"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Metrics.fromConfig("F1Score", Map.of("beta", 2.0)));
        assertTrue(e.getMessage().contains("beta"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Metrics.fromConfig("Precision", Map.of("thresholds", List.of(0.5, 1.5))));
        assertTrue(e.getMessage().startsWith("Threshold values must be in [0, 1]"), e.getMessage()); // Keras's words
        e = assertThrows(IllegalArgumentException.class, () -> Metrics.fromConfig("Mean", Map.of("dtype", "int32")));
        assertTrue(e.getMessage().contains("dtype=int32"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Metrics.fromConfig("NoSuchMetric", Map.of()));
    }

    /** compile(metrics=[Precision(thresholds=0.7), TopKCategoricalAccuracy(k=2)]) → .keras → loadModel keeps the arguments. */
    @SuppressWarnings("unchecked")
    @Test void savedModelKeepsMetricArguments(@TempDir Path dir) {
        Model m = new Sequential(Input.of(4), new Dense(3).activation("softmax"));
        m.compile(new Adam(), new CategoricalCrossentropy(),
                List.of(new Precision().thresholds(0.7).name("p07"), new TopKCategoricalAccuracy().k(2)));
        Path file = dir.resolve("m.keras");
        m.save(file);

        Model loaded = Models.loadModel(file);
        List<Object> metrics = (List<Object>) loaded.getCompileConfig().get("metrics");
        assertEquals(2, metrics.size(), String.valueOf(metrics));
        Map<String, Object> precision = (Map<String, Object>) ((Map<String, Object>) metrics.get(0)).get("config");
        assertEquals("Precision", ((Map<String, Object>) metrics.get(0)).get("class_name"));
        assertEquals(0.7, precision.get("thresholds"));
        assertEquals("p07", precision.get("name"));
        Map<String, Object> topK = (Map<String, Object>) ((Map<String, Object>) metrics.get(1)).get("config");
        assertEquals("TopKCategoricalAccuracy", ((Map<String, Object>) metrics.get(1)).get("class_name"));
        assertEquals(2, ((Number) topK.get("k")).intValue());
        assertEquals("top_k_categorical_accuracy", topK.get("name"));

        // and the loaded model computes them with those arguments: evaluate logs them under their names
        Tensor x = Tensor.of(new float[][] {{1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 0}, {0, 0, 0, 1}, {1, 1, 0, 0}});
        Map<String, Double> want = m.evaluate(x, Y3, 32, 0), got = loaded.evaluate(x, Y3, 32, 0);
        assertEquals(want.get("p07"), got.get("p07"));
        assertEquals(want.get("top_k_categorical_accuracy"), got.get("top_k_categorical_accuracy"));
    }
}
