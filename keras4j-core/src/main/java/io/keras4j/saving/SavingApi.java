package io.keras4j.saving;

import io.keras4j.models.Model;
import io.keras4j.saving.legacy.LegacyH5Format;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The entry points behind {@code model.save}, {@code model.saveWeights}, {@code model.loadWeights}
 * and {@code Models.loadModel} (Keras's {@code keras/src/saving/saving_api.py}): the format is
 * chosen from the file name as Keras does ({@code .keras}, {@code .h5}/{@code .hdf5},
 * {@code .weights.h5}). Malformed files raise {@link ModelFileException}.
 */
public final class SavingApi {
    private SavingApi() {}

    /** {@code .keras}: the Keras 3 archive; {@code .h5}/{@code .hdf5}: the legacy HDF5 model file. */
    public static void saveModel(Model model, Path path, boolean overwrite) {
        String name = path.toString();
        boolean keras = name.endsWith(".keras"), legacy = name.endsWith(".h5") || name.endsWith(".hdf5");
        if (!keras && !legacy) {
            throw new IllegalArgumentException("Invalid filepath extension for saving. Please add either a `.keras` extension for the "
                    + "native Keras format (recommended) or a `.h5` extension. Use `model.export(filepath)` if you want to export a "
                    + "SavedModel for use with TFLite/TFServing/etc. Received: filepath=" + path + ".");
        }
        checkOverwrite(path, overwrite);
        if (keras) KerasArchive.save(model, path);
        else LegacyH5Format.saveModel(model, path);
    }

    /** Loads a {@code .keras} archive or a legacy {@code .h5}/{@code .hdf5} model file. */
    public static Model loadModel(Path path, boolean compile, boolean safeMode) {
        String name = path.toString();
        if (name.endsWith(".keras")) {
            if (!Files.isRegularFile(path)) {
                throw new IllegalArgumentException("File not found: filepath=" + path + ". Please ensure the file is an accessible `.keras` zip file.");
            }
            return KerasArchive.load(path, compile, safeMode);
        }
        if (name.endsWith(".h5") || name.endsWith(".hdf5")) return LegacyH5Format.loadModel(path, compile, safeMode);
        throw new IllegalArgumentException("File format not supported: filepath=" + path + ". Keras 3 only supports V3 `.keras` files, "
                + "legacy H5 format files (`.h5` extension). Note that the legacy SavedModel format is not supported by `load_model()` "
                + "in Keras 3. In order to reload a TensorFlow SavedModel as an inference-only layer in Keras 3, use "
                + "`keras.layers.TFSMLayer(" + path + ", call_endpoint='serving_default')` (note that your `call_endpoint` might have a "
                + "different name).");
    }

    /**
     * {@code .weights.h5}: Keras 3's weights store (with the optimizer's state when compiled);
     * another {@code .h5}/{@code .hdf5} name: the Keras 2 weights file, as Keras 2's
     * {@code save_weights} wrote it.
     */
    public static void saveWeights(Model model, Path path, boolean overwrite) {
        String name = path.toString();
        if (name.endsWith(".weights.h5")) {
            checkOverwrite(path, overwrite);
            SavingLib.saveWeightsOnly(model, path);
        } else if (name.endsWith(".h5") || name.endsWith(".hdf5")) {
            checkOverwrite(path, overwrite);
            LegacyH5Format.saveWeights(model, path);
        } else {
            throw new IllegalArgumentException("The filename must end in `.weights.h5`. Received: filepath=" + path);
        }
    }

    /** Loads weights from a {@code .keras}, {@code .weights.h5} or legacy {@code .h5}/{@code .hdf5} file. */
    public static void loadWeights(Model model, Path path, boolean skipMismatch, boolean byName) {
        String name = path.toString();
        if (name.endsWith(".keras") || name.endsWith(".weights.h5")) {
            if (byName) {
                throw new IllegalArgumentException("`by_name` only supports loading legacy '.h5' or '.hdf5' files. Received: " + path);
            }
            SavingLib.loadWeightsOnly(model, path, skipMismatch);
        } else if (name.endsWith(".h5") || name.endsWith(".hdf5")) {
            LegacyH5Format.loadWeights(model, path, skipMismatch, byName);
        } else {
            throw new IllegalArgumentException("File format not supported: filepath=" + path + ". Keras 3 only supports V3 `.keras` files, "
                    + "`.weights.h5` files, legacy H5 format files (`.h5` extension), or Orbax checkpoints.");
        }
    }

    /** Keras asks before overwriting; without a console to ask, an existing file is refused unless {@code overwrite}. */
    private static void checkOverwrite(Path path, boolean overwrite) {
        if (!overwrite && Files.exists(path)) {
            throw new IllegalArgumentException("File " + path + " already exists; pass overwrite=true to replace it.");
        }
    }
}
