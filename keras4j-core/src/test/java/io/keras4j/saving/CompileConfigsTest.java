package io.keras4j.saving;

import io.keras4j.layers.core.Dense;
import io.keras4j.layers.core.Input;
import io.keras4j.losses.CategoricalCrossentropy;
import io.keras4j.models.Sequential;
import io.keras4j.optimizers.Adam;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** compile configs as Keras 2 files and hand-written JSON write them: built-ins without a `module`. */
class CompileConfigsTest {
    @Test void builtInsWithoutAModuleResolveFromTheirKey() {
        Sequential model = new Sequential(Input.of(3), new Dense(2, "softmax"));
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("optimizer", Map.of("class_name", "Adam", "config", Map.of("learning_rate", 0.005)));
        config.put("loss", Map.of("class_name", "CategoricalCrossentropy", "config", Map.of("from_logits", false)));
        config.put("metrics", List.of(Map.of("class_name", "CategoricalAccuracy", "config", Map.of("name", "acc"))));
        CompileConfigs.compile(model, config);
        Adam adam = assertInstanceOf(Adam.class, model.optimizer());
        assertEquals(0.005, adam.learningRate(), 1e-9);
        assertInstanceOf(CategoricalCrossentropy.class, model.loss());
    }

    @Test void anUnknownModuleLessClassIsStillNamed() {
        Sequential model = new Sequential(Input.of(3), new Dense(2));
        Map<String, Object> config = Map.of("optimizer", Map.of("class_name", "NoSuchOptimizer", "config", Map.of()), "loss", "mse");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CompileConfigs.compile(model, config));
        assertTrue(e.getMessage().contains("NoSuchOptimizer"), e.getMessage());
    }
}
