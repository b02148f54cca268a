package io.keras4j.saving;

import io.keras4j.models.Model;

import java.nio.file.Path;

/**
 * The entry points behind {@code model.save}, {@code model.saveWeights}, {@code model.loadWeights}
 * and {@code Models.loadModel} (Keras's {@code keras/src/saving/saving_api.py}): the format is
 * chosen from the file name as Keras does ({@code .keras}, {@code .h5}/{@code .hdf5},
 * {@code .weights.h5}).
 */
public final class SavingApi {
    private SavingApi() {}

    public static void saveModel(Model model, Path path, boolean overwrite) {
        throw new UnsupportedOperationException("model saving is being implemented");
    }

    public static Model loadModel(Path path, boolean compile, boolean safeMode) {
        throw new UnsupportedOperationException("model loading is being implemented");
    }

    public static void saveWeights(Model model, Path path, boolean overwrite) {
        throw new UnsupportedOperationException("weight saving is being implemented");
    }

    public static void loadWeights(Model model, Path path, boolean skipMismatch, boolean byName) {
        throw new UnsupportedOperationException("weight loading is being implemented");
    }
}
