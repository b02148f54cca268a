package io.keras4j.constraints;

import io.keras4j.autodiff.Variable;
import io.keras4j.layers.Layers;
import io.keras4j.layers.core.Dense;
import io.keras4j.layers.core.Input;
import io.keras4j.layers.normalization.BatchNormalization;
import io.keras4j.layers.rnn.LSTM;
import io.keras4j.losses.Losses;
import io.keras4j.models.Model;
import io.keras4j.models.Sequential;
import io.keras4j.optimizers.SGD;
import io.keras4j.tensor.Tensor;
import io.keras4j.trainers.FitOptions;
import io.keras4j.utils.RandomSeed;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Constraints hold after the optimizer's updates, as Keras applies them right after each update. */
class ConstraintTrainingTest {

    private static Tensor data(int n, int features, long seed) {
        java.util.Random r = new java.util.Random(seed);
        float[] d = new float[n * features];
        for (int i = 0; i < d.length; i++) d[i] = (float) (r.nextGaussian() * 3);
        return Tensor.of(d, n, features);
    }

    @Test void maxNormKeepsEveryColumnNormWithinTheBound() {
        RandomSeed.setRandomSeed(5);
        Dense dense = new Dense(4).kernelConstraint(new MaxNorm(0.5));
        Model m = new Sequential(Input.of(6), dense);
        m.compile(new SGD().learningRate(0.5), Losses.get("mse"), List.of());
        Tensor x = data(64, 6, 1), y = Tensor.full(io.keras4j.tensor.Shape.of(64, 4), 20, io.keras4j.tensor.DType.FLOAT32);
        m.fit(x, y, new FitOptions().epochs(3).batchSize(8).verbose(0));
        float[] k = dense.kernel().value().toFloatArray(); // (6, 4): axis 0 = the norm of each column
        double largest = 0;
        for (int col = 0; col < 4; col++) {
            double s = 0;
            for (int row = 0; row < 6; row++) s += k[row * 4 + col] * k[row * 4 + col];
            largest = Math.max(largest, Math.sqrt(s));
            assertTrue(Math.sqrt(s) <= 0.5 + 1e-6, "column " + col + " norm " + Math.sqrt(s));
        }
        // Without the constraint, the targets of 20 pull the kernel far beyond the bound.
        RandomSeed.setRandomSeed(5);
        Dense free = new Dense(4);
        Model f = new Sequential(Input.of(6), free);
        f.compile(new SGD().learningRate(0.01), Losses.get("mse"), List.of());
        f.fit(x, y, new FitOptions().epochs(3).batchSize(8).verbose(0));
        double freeMax = 0;
        float[] fk = free.kernel().value().toFloatArray();
        for (int col = 0; col < 4; col++) {
            double s = 0;
            for (int row = 0; row < 6; row++) s += fk[row * 4 + col] * fk[row * 4 + col];
            freeMax = Math.max(freeMax, Math.sqrt(s));
        }
        assertTrue(freeMax > 0.5, "unconstrained norm " + freeMax);
        assertTrue(largest > 0.49, "the bound is reached: " + largest);
    }

    @Test void nonNegHoldsOnRecurrentAndNormalizationWeights() {
        RandomSeed.setRandomSeed(8);
        LSTM lstm = new LSTM(3).kernelConstraint(new NonNeg()).recurrentConstraint(new NonNeg()).biasConstraint(new NonNeg());
        BatchNormalization bn = new BatchNormalization().gammaConstraint(new NonNeg()).betaConstraint(new NonNeg());
        Model m = new Sequential(Input.of(5, 2), lstm, bn);
        m.compile(new SGD().learningRate(0.5), Losses.get("mse"), List.of());
        Tensor x = data(16, 10, 2).withShape(io.keras4j.tensor.Shape.of(16, 5, 2));
        m.fit(x, Tensor.full(io.keras4j.tensor.Shape.of(16, 3), -5, io.keras4j.tensor.DType.FLOAT32), new FitOptions().epochs(3).batchSize(4).verbose(0));
        for (Variable v : m.trainableVariables()) {
            for (float f : v.value().toFloatArray()) assertTrue(f >= 0, v.name() + " has " + f);
        }
        // Constraints travel in the configs.
        assertEquals(new NonNeg().serialize(), lstm.getConfig().get("recurrent_constraint"));
        assertEquals(new NonNeg().serialize(), bn.getConfig().get("gamma_constraint"));
        LSTM back = (LSTM) Layers.fromConfig("LSTM", lstm.getConfig());
        assertInstanceOf(NonNeg.class, back.cell().biasConstraint());
        // from_config(get_config()) round trips, with Keras's axis defaults (0).
        assertEquals(new MaxNorm(3, 1).getConfig(), MaxNorm.fromConfig(new MaxNorm(3, 1).getConfig()).getConfig());
        assertArrayEquals(new int[] {0}, MaxNorm.fromConfig(java.util.Map.of("max_value", 2.5)).axis());
        assertEquals(new MinMaxNorm(0.5, 2, 0.7, 0).getConfig(), MinMaxNorm.fromConfig(new MinMaxNorm(0.5, 2, 0.7, 0).getConfig()).getConfig());
        assertEquals(new UnitNorm().getConfig(), UnitNorm.fromConfig(java.util.Map.of()).getConfig());
        assertInstanceOf(NonNeg.class, NonNeg.fromConfig(java.util.Map.of()));
    }
}
