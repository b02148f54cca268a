package io.keras4j.models;

import io.keras4j.saving.SavingApi;

import java.nio.file.Path;

/** Loading whole models (Keras's {@code keras.models.load_model}). */
public final class Models {
    private Models() {}

    /** Loads a {@code .keras}, legacy {@code .h5}/{@code .hdf5} model file, compiled when it was saved compiled. */
    public static Model loadModel(String path) { return loadModel(Path.of(path)); }

    public static Model loadModel(Path path) { return SavingApi.loadModel(path, true, true); }

    /** {@code compile=false} skips restoring the compile config; {@code safeMode=false} is refused for code in files. */
    public static Model loadModel(Path path, boolean compile, boolean safeMode) { return SavingApi.loadModel(path, compile, safeMode); }
}
