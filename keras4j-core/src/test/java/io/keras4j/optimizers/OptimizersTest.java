package io.keras4j.optimizers;

import io.keras4j.autodiff.GradientTape;
import io.keras4j.autodiff.Variable;
import io.keras4j.ops.Ops;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class OptimizersTest {

    @ParameterizedTest
    @CsvSource({"sgd,SGD", "SGD,SGD", "adam,Adam", "ADAM,Adam", "adamw,AdamW", "AdamW,AdamW", "rmsprop,RMSprop",
            "RMSprop,RMSprop", "adagrad,Adagrad", "adadelta,Adadelta", "adamax,Adamax", "nadam,Nadam", "Nadam,Nadam"})
    void getFindsKerasNamesInAnyCase(String identifier, String className) {
        Optimizer o = Optimizers.get(identifier);
        assertEquals(className, o.className());
        assertEquals(className, o.getClass().getSimpleName());
        assertEquals(0, o.iterations());
    }

    @Test void getGivesKerasDefaults() {
        assertEquals((double) 0.01f, Optimizers.get("sgd").learningRate());
        assertEquals((double) 0.001f, Optimizers.get("adam").learningRate());
        assertEquals(0.004, Optimizers.get("adamw").weightDecay());
        assertNull(Optimizers.get("adam").weightDecay());
        assertEquals(0.95, ((Adadelta) Optimizers.get("adadelta")).rho());
    }

    @Test void unknownNameListsValidOnes() {
        var e = assertThrows(IllegalArgumentException.class, () -> Optimizers.get("adamm"));
        assertEquals("Could not interpret optimizer identifier: 'adamm'. Expected one of: adadelta, adagrad, adam, "
                + "adamax, adamw, nadam, rmsprop, sgd (case-insensitive)", e.getMessage());
    }

    @Test void fromConfigReadsKerasKeys() {
        Map<String, Object> config = new HashMap<>();
        config.put("name", "my_adam");
        config.put("learning_rate", 0.01);
        config.put("beta_1", 0.8);
        config.put("beta_2", 0.99);
        config.put("epsilon", 1e-6);
        config.put("amsgrad", true);
        config.put("clipnorm", 1);       // JSON integers are numbers too
        config.put("weight_decay", null);
        config.put("clipvalue", null);
        Adam adam = (Adam) Optimizers.fromConfig("Adam", config);
        assertEquals("my_adam", adam.name());
        assertEquals((double) 0.01f, adam.learningRate());
        assertEquals(0.8, adam.beta1());
        assertEquals(0.99, adam.beta2());
        assertEquals(1e-6, adam.epsilon());
        assertTrue(adam.amsgrad());
        assertEquals(1.0, adam.clipnorm());
        assertNull(adam.weightDecay());
    }

    @Test void serializeAndDeserializeRoundTrip() {
        RMSprop rms = new RMSprop().learningRate(0.02).momentum(0.5).centered(true).name("rms");
        Map<String, Object> serialized = Optimizers.serialize(rms);
        assertEquals("keras.optimizers", serialized.get("module"));
        assertEquals("RMSprop", serialized.get("class_name"));
        assertNull(serialized.get("registered_name"));
        Optimizer back = Optimizers.deserialize(serialized);
        assertInstanceOf(RMSprop.class, back);
        assertEquals(rms.getConfig(), back.getConfig());
    }

    /** Minimizes sum((w - c)^2), with gradients from the tape; every optimizer must reach c. */
    @ParameterizedTest
    @CsvSource({"sgd,0.1,200", "adam,0.05,1500", "adamw,0.05,1500", "rmsprop,0.01,1500", "adagrad,0.5,1500",
            "adadelta,20,3000", "adamax,0.05,1500", "nadam,0.05,1500"})
    void drivesAQuadraticToItsMinimum(String name, double learningRate, int steps) {
        Optimizer optimizer = Optimizers.get(name).learningRate(learningRate);
        if (optimizer instanceof AdamW adamw) adamw.weightDecay(0); // decay would pull the minimum towards 0
        double[] target = {1.5, -2.0, 0.25};
        Tensor c = Tensor.of(target);
        Variable w = new Variable("w", Tensor.of(new double[] {0, 0, 0}), true);
        for (int k = 0; k < steps; k++) {
            List<Tensor> grads;
            try (GradientTape tape = new GradientTape()) {
                Tensor loss = Ops.sum(Ops.square(Ops.subtract(w.value(), c)));
                grads = tape.gradientOfVariables(loss, List.of(w));
            }
            optimizer.apply(grads, List.of(w));
        }
        double[] got = w.peek().toDoubleArray();
        for (int i = 0; i < 3; i++) assertEquals(target[i], got[i], 1e-2, name + " element " + i);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sgd", "adam", "adamw", "rmsprop", "adagrad", "adadelta", "adamax", "nadam"})
    void configOfDefaultsRebuildsTheSameOptimizer(String name) {
        Optimizer o = Optimizers.get(name);
        Optimizer back = Optimizers.fromConfig(o.className(), o.getConfig());
        assertEquals(o.getConfig(), back.getConfig());
    }
}
