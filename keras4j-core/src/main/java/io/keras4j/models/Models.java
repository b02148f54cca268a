package io.keras4j.models;

import io.keras4j.saving.ModelConfigs;
import io.keras4j.saving.SavingApi;

import java.nio.file.Path;
import java.util.Map;

/** Loading whole models (Keras's {@code keras.models.load_model}, {@code model_from_json}, {@code model_from_config}). */
public final class Models {
    private Models() {}

    /** Loads a {@code .keras}, legacy {@code .h5}/{@code .hdf5} model file, compiled when it was saved compiled. */
    public static Model loadModel(String path) { return loadModel(Path.of(path)); }

    public static Model loadModel(Path path) { return SavingApi.loadModel(path, true, true); }

    /**
     * {@code compile=false} skips restoring the compile config; {@code safeMode=false} lets a file
     * name code (a {@code Lambda} layer) that a registered Java class implements.
     */
    public static Model loadModel(Path path, boolean compile, boolean safeMode) { return SavingApi.loadModel(path, compile, safeMode); }

    /** A new model, with fresh weights, from {@code model.toJson()} output (Keras 1, 2 or 3; Keras's {@code model_from_json}). */
    public static Model modelFromJson(String json) { return ModelConfigs.fromJson(json); }

    /** A new model from a serialized config (Keras's {@code model_from_config}). */
    public static Model modelFromConfig(Map<String, ?> config) { return ModelConfigs.fromConfig(config); }
}
