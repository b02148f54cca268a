package io.keras4j.saving.legacy;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.api.WritableGroup;
import io.keras4j.autodiff.Variable;
import io.keras4j.models.Model;
import io.keras4j.optimizers.Optimizer;
import io.keras4j.saving.KerasJson;
import io.keras4j.saving.ModelConfigs;
import io.keras4j.saving.ModelFileException;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The legacy Keras HDF5 format ({@code keras/src/legacy/saving/legacy_h5_format.py}): whole models
 * saved as {@code .h5}/{@code .hdf5} by Keras 1, Keras 2, tf.keras and Keras 3, and the weights
 * files of Keras 2's {@code save_weights}.
 *
 * <p>A model file has root attributes {@code model_config} (the model's JSON config),
 * {@code training_config} (compile arguments, when it was compiled), {@code keras_version} and
 * {@code backend}; group {@code model_weights} (see {@link LegacyWeightsWriter}) and, when compiled,
 * {@code optimizer_weights}. Every malformed file fails with {@link ModelFileException} naming the
 * file.
 */
public final class LegacyH5Format {
    /** The Keras version whose file layout we write: the same as in our {@code .keras} archives. */
    static final String KERAS_VERSION = io.keras4j.saving.KerasArchive.KERAS_VERSION;
    /** Keras writes {@code keras.backend.backend()}; ours is the JVM backend. */
    static final String BACKEND = "keras4j";

    private static final System.Logger LOG = System.getLogger(LegacyH5Format.class.getName());

    private LegacyH5Format() {}

    // ------------------------------------------------------------------ writing

    /** Writes the model as Keras 3's {@code model.save("x.h5")} does. */
    public static void saveModel(Model model, Path path) {
        if (model == null) throw new IllegalArgumentException("Argument `model` must be a Model. Received: model=None");
        // Keras's model_metadata: {"class_name", "config"} of the model; its layers as Keras 3 serializes them.
        Map<String, Object> serialized = ModelConfigs.toConfig(model);
        Map<String, Object> modelConfig = new LinkedHashMap<>();
        modelConfig.put("class_name", serialized.get("class_name"));
        modelConfig.put("config", serialized.get("config"));
        Map<String, Object> trainingConfig = model.compiled() ? TrainingConfig.of(model) : null;
        write(path, root -> {
            root.putAttribute("model_config", json(modelConfig));
            if (trainingConfig != null) root.putAttribute("training_config", json(trainingConfig));
            root.putAttribute("keras_version", KERAS_VERSION);
            root.putAttribute("backend", BACKEND);
            LegacyWeightsWriter.writeModelWeights(root.putGroup("model_weights"), model, KERAS_VERSION, BACKEND);
            if (model.compiled() && model.optimizer().built()) LegacyWeightsWriter.writeOptimizerWeights(root, model.optimizer());
        });
    }

    /**
     * Writes a Keras 2 style weights file ({@code save_weights("x.h5")}): the layout of a model
     * file's {@code model_weights} group, at the root.
     */
    public static void saveWeights(Model model, Path path) {
        if (model == null) throw new IllegalArgumentException("Argument `model` must be a Model. Received: model=None");
        write(path, root -> LegacyWeightsWriter.writeModelWeights(root, model, KERAS_VERSION, BACKEND));
    }

    private interface Body { void write(WritableGroup root); }

    private static void write(Path path, Body body) {
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("Cannot create the directory of " + path, e);
        }
        try (WritableHdfFile f = HdfFile.write(path)) {
            body.write(f);
            // jhdf stamps its name on every file; a Keras file has only Keras's attributes.
            f.removeAttribute("_jHDF");
        }
        verifyReadable(path);
    }

    /**
     * Reads back every group header of a file just written: jhdf 0.9.4 has been seen to write a
     * broken link after a childless group, and a corrupt file must not pass for a saved model.
     */
    private static void verifyReadable(Path path) {
        try (HdfFile f = new HdfFile(path)) {
            walk(f);
        } catch (RuntimeException e) {
            throw new IllegalStateException("The HDF5 writer produced an unreadable file " + path + "; please report this: " + e, e);
        }
    }

    private static void walk(Group g) {
        for (Node n : g) if (n instanceof Group child) walk(child);
    }

    private static String json(Object value) { return KerasJson.write(value); }

    // ------------------------------------------------------------------ reading

    /**
     * Rebuilds the model from {@code model_config}, loads {@code model_weights} by position and,
     * with {@code compile}, compiles it from {@code training_config} and restores the optimizer
     * state from {@code optimizer_weights} (Keras's {@code load_model_from_hdf5}).
     */
    public static Model loadModel(Path path, boolean compile, boolean safeMode) {
        try (HdfFile f = open(path)) {
            return guarded(path, () -> {
                Map<String, Object> config = modelConfig(f, path);
                Model model = build(config, kerasMajor(H5Attributes.string(f, "keras_version")), safeMode, path);
                Node weights = f.getChild("model_weights");
                if (!(weights instanceof Group g)) throw new ModelFileException("No group 'model_weights' in " + path);
                new LegacyWeightsReader(g, f.size()).loadByPosition(model, false);
                if (compile) compileFrom(f, model, kerasMajor(H5Attributes.string(f, "keras_version")), path);
                return model;
            });
        }
    }

    /**
     * Loads legacy weights into {@code model}: from a Keras 2 weights file, or from the
     * {@code model_weights} of a model file; by position, or by layer name with {@code byName}.
     * {@code skipMismatch} skips (with a warning) arrays whose shape disagrees with the layer's.
     */
    public static void loadWeights(Model model, Path path, boolean skipMismatch, boolean byName) {
        if (model == null) throw new IllegalArgumentException("Argument `model` must be a Model. Received: model=None");
        try (HdfFile f = open(path)) {
            guarded(path, () -> {
                Group g = f;
                if (!f.getAttributes().containsKey("layer_names") && f.getChild("model_weights") instanceof Group mw) g = mw;
                LegacyWeightsReader reader = new LegacyWeightsReader(g, f.size());
                if (byName) reader.loadByName(model, skipMismatch);
                else reader.loadByPosition(model, skipMismatch);
                return null;
            });
        }
    }

    /** The parsed {@code model_config} attribute of an open file. */
    static Map<String, Object> modelConfig(HdfFile f, Path path) {
        String text = H5Attributes.string(f, "model_config");
        if (text == null) throw new ModelFileException("No model config found in the file at " + path + ".");
        return jsonObject(text, "model_config", path);
    }

    static Map<String, Object> jsonObject(String text, String what, Path path) {
        return KerasJson.readObject(text, "The " + what + " attribute of " + path);
    }

    /**
     * The Keras major version (1, 2 or 3) that wrote a file, from its {@code keras_version}
     * attribute; Keras treats a file without one as Keras 1.
     */
    static int kerasMajor(String version) {
        if (version == null || version.startsWith("1")) return 1;
        return version.startsWith("2") ? 2 : 3;
    }

    /** The model of a config, or an error listing everything keras4j cannot load in it. */
    static Model build(Map<String, Object> config, int kerasVersion, boolean safeMode, Path path) {
        try {
            return ModelConfigs.fromConfig(config, kerasVersion, safeMode);
        } catch (ModelFileException e) {
            throw e;
        } catch (RuntimeException e) {
            List<String> problems = ModelFileInspector.unsupported(config, kerasVersion);
            if (problems.isEmpty()) throw new ModelFileException("Cannot rebuild the model of " + path + ": " + e.getMessage(), e);
            throw new ModelFileException("Cannot load " + path + ": keras4j does not support " + String.join("; ", problems), e);
        }
    }

    private static void compileFrom(HdfFile f, Model model, int kerasVersion, Path path) {
        String text = H5Attributes.string(f, "training_config");
        if (text == null) {
            LOG.log(System.Logger.Level.WARNING, "No training configuration found in the save file, so the model was *not* compiled. Compile it manually.");
            return;
        }
        Map<String, Object> training = jsonObject(text, "training_config", path);
        try {
            TrainingConfig.compile(model, training, kerasVersion);
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            // Keras 2 training configs name things Keras 3 no longer has (lr, sample_weight_mode,
            // removed metrics); the weights are loaded, so the model stays usable for inference.
            LOG.log(System.Logger.Level.WARNING, "The training configuration of " + path + " could not be applied, so the model was *not* compiled: "
                    + e.getMessage());
            return;
        }
        if (f.getChild("optimizer_weights") instanceof Group og) restoreOptimizer(og, model, f.size(), path);
    }

    /** Keras builds the optimizer for the trainable variables, then sets its variables in order; on mismatch it warns. */
    private static void restoreOptimizer(Group group, Model model, long fileSize, Path path) {
        Optimizer optimizer = model.optimizer();
        optimizer.build(model.trainableVariables());
        List<Variable> vars = optimizer.variables();
        List<String> names = H5Attributes.strings(group, "weight_names");
        List<Tensor> values = new ArrayList<>();
        boolean ok = names.size() == vars.size();
        for (int i = 0; ok && i < names.size(); i++) {
            Dataset ds = H5Datasets.find(group, names.get(i));
            Shape shape = H5Datasets.shape(ds);
            ok = shape.equals(vars.get(i).shape());
            if (ok) values.add(H5Datasets.read(ds, fileSize));
        }
        if (!ok) {
            LOG.log(System.Logger.Level.WARNING, "Error in loading the saved optimizer state of " + path
                    + ". As a result, your model is starting with a freshly initialized optimizer.");
            return;
        }
        for (int i = 0; i < vars.size(); i++) vars.get(i).assign(values.get(i));
    }

    // ------------------------------------------------------------------ guarding

    /** Opens an HDF5 file, turning "not HDF5", "truncated" and "missing" into {@link ModelFileException}. */
    static HdfFile open(Path path) {
        if (path == null) throw new IllegalArgumentException("Argument `filepath` must be a path. Received: filepath=None");
        if (!Files.isRegularFile(path)) throw new ModelFileException("File not found: filepath=" + path + ". Please ensure the file is an accessible `.h5` file.");
        try {
            return new HdfFile(path);
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
            throw new ModelFileException("Cannot read " + path + " as an HDF5 file (not HDF5, or truncated/corrupted): " + e, e);
        }
    }

    interface Action<T> { T run(); }

    /**
     * Runs a read, turning the low-level failures a corrupted file causes inside jhdf (buffer
     * underflows, bad offsets, absurd sizes) into {@link ModelFileException}.
     */
    static <T> T guarded(Path path, Action<T> action) {
        try {
            return action.run();
        } catch (ModelFileException e) {
            throw e;
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
            throw new ModelFileException("Cannot read " + path + " (corrupted or not a Keras file): " + e, e);
        }
    }
}
