package io.keras4j.saving.legacy;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.keras4j.layers.Layers;
import io.keras4j.models.Model;
import io.keras4j.saving.KerasJson;
import io.keras4j.saving.ModelConfigs;
import io.keras4j.saving.ModelFileException;
import io.keras4j.saving.ObjectRegistry;
import io.keras4j.saving.SavingApi;
import io.keras4j.saving.SerializationLib;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A compatibility report for a Keras model file ({@code .keras}, legacy {@code .h5}/{@code .hdf5},
 * or a {@code to_json()} config): every layer it contains, and every layer class, argument and
 * custom object keras4j cannot load, all found in one pass rather than stopping at the first, then
 * the model summary when the whole model loads. Used by {@code ./keras4j inspect FILE}.
 */
public final class ModelFileInspector {
    /** Largest config we read from a {@code .keras} archive; real ones are kilobytes. */
    private static final long MAX_CONFIG_BYTES = 64L << 20;
    private static final Set<String> MODEL_CLASSES = Set.of("Sequential", "Functional", "Model");

    private ModelFileInspector() {}

    /**
     * What the inspection found.
     *
     * @param format       "keras" (Keras 3 archive), "h5" (legacy model), "h5-weights" (weights only) or "json"
     * @param kerasVersion the version that wrote the file, when it says
     * @param layers       one line per layer, nested layers indented
     * @param problems     what keras4j cannot load; empty when it loads everything
     * @param model        the loaded model, or null when it could not be loaded
     */
    public record Report(Path file, String format, String kerasVersion, List<String> layers, List<String> problems, Model model) {
        public boolean loadable() { return model != null; }

        /** The report as {@code ./keras4j inspect} prints it. */
        public String render() {
            StringBuilder sb = new StringBuilder();
            sb.append("File: ").append(file).append('\n');
            sb.append("Format: ").append(format).append(kerasVersion == null ? "" : " (Keras " + kerasVersion + ")").append('\n');
            sb.append("Layers (").append(layers.size()).append("):\n");
            for (String l : layers) sb.append("  ").append(l).append('\n');
            if (problems.isEmpty()) {
                sb.append("keras4j can load everything in this file.\n");
            } else {
                sb.append("keras4j cannot load (").append(problems.size()).append("):\n");
                for (String p : problems) sb.append("  - ").append(p).append('\n');
            }
            if (model != null) sb.append('\n').append(model.summaryString());
            return sb.toString();
        }
    }

    /** Inspects a file; never throws for a bad file (that is reported), only for a null path. */
    public static Report inspect(Path file) {
        if (file == null) throw new IllegalArgumentException("Argument `filepath` must be a path. Received: filepath=None");
        List<String> layers = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        String format = "unknown";
        String version = null;
        Model model = null;
        try {
            byte[] magic = magic(file);
            if (magic.length >= 4 && magic[0] == 'P' && magic[1] == 'K') {
                format = "keras";
                Map<String, String> members = kerasMembers(file);
                if (members.containsKey("metadata.json")) {
                    Object v = KerasJson.readObject(members.get("metadata.json"), "metadata.json").get("keras_version");
                    version = v instanceof String s ? s : null;
                }
                if (!members.containsKey("config.json")) throw new ModelFileException(file + " has no config.json");
                Map<String, Object> config = KerasJson.readObject(members.get("config.json"), "config.json");
                walkModel(config, 3, "", layers, problems);
                if (problems.isEmpty()) model = load(problems, () -> SavingApi.loadModel(file, false, true));
            } else if (magic.length >= 8 && (magic[0] & 0xff) == 0x89 && magic[1] == 'H' && magic[2] == 'D' && magic[3] == 'F') {
                try (HdfFile f = LegacyH5Format.open(file)) {
                    version = LegacyH5Format.guarded(file, () -> H5Attributes.string(f, "keras_version"));
                    String modelConfig = LegacyH5Format.guarded(file, () -> H5Attributes.string(f, "model_config"));
                    if (modelConfig == null) {
                        format = "h5-weights";
                        describeWeights(f, file, layers, problems);
                    } else {
                        format = "h5";
                        Map<String, Object> config = LegacyH5Format.jsonObject(modelConfig, "model_config", file);
                        walkModel(config, LegacyH5Format.kerasMajor(version), "", layers, problems);
                    }
                }
                if (format.equals("h5") && problems.isEmpty()) model = load(problems, () -> LegacyH5Format.loadModel(file, false, true));
            } else if (magic.length > 0 && firstNonBlank(file) == '{') {
                format = "json";
                Map<String, Object> config = KerasJson.readObject(Files.readString(file, StandardCharsets.UTF_8), "The JSON of " + file);
                version = config.get("keras_version") instanceof String s ? s : null;
                int major = version == null ? 3 : LegacyH5Format.kerasMajor(version);
                walkModel(config, major, "", layers, problems);
                if (problems.isEmpty()) model = load(problems, () -> ModelConfigs.fromConfig(config, major, true));
            } else {
                problems.add("not a Keras file: neither a .keras (zip) archive, an HDF5 file nor a JSON config");
            }
        } catch (IOException e) {
            problems.add("cannot read the file: " + e);
        } catch (RuntimeException | StackOverflowError e) {
            problems.add("cannot read the file: " + e.getMessage());
        }
        return new Report(file, format, version, List.copyOf(layers), List.copyOf(problems), model);
    }

    /**
     * What keras4j cannot load in a model config ({@code {"class_name", "config"}}), one line per
     * unknown layer class, refused argument or unregistered custom object.
     */
    public static List<String> unsupported(Map<String, Object> config, int kerasVersion) {
        List<String> problems = new ArrayList<>();
        try {
            walkModel(config, kerasVersion, "", new ArrayList<>(), problems);
        } catch (RuntimeException e) {
            problems.add("the model config cannot be read: " + e.getMessage());
        }
        return problems;
    }

    private static Model load(List<String> problems, LegacyH5Format.Action<Model> loader) {
        try {
            return loader.run();
        } catch (RuntimeException e) {
            problems.add("loading the model failed: " + e.getMessage());
            return null;
        }
    }

    // ------------------------------------------------------------------ config walk

    private static void walkModel(Map<String, Object> serialized, int version, String indent, List<String> layers, List<String> problems) {
        Object config = serialized.get("config");
        List<?> entries;
        if (config instanceof List<?> l) entries = l; // Keras 2.0-2.2.2 Sequential
        else if (config instanceof Map<?, ?> m && m.get("layers") instanceof List<?> l) entries = l;
        else {
            Object cls = serialized.get("class_name");
            if (MODEL_CLASSES.contains(cls)) {
                problems.add("model '" + cls + "' has no list of layers in its config");
            } else {
                checkLayer(serialized, version, indent, layers, problems);
            }
            return;
        }
        for (Object e : entries) {
            if (!(e instanceof Map<?, ?> m)) {
                problems.add("a layer entry is not a dict: " + abbreviate(String.valueOf(e)));
                continue;
            }
            @SuppressWarnings("unchecked") Map<String, Object> entry = (Map<String, Object>) m;
            checkLayer(entry, version, indent, layers, problems);
        }
    }

    private static void checkLayer(Map<String, Object> entry, int version, String indent, List<String> layers, List<String> problems) {
        Object clsObj = entry.get("class_name");
        Map<String, Object> config = entry.get("config") instanceof Map<?, ?> c ? cast(c) : new LinkedHashMap<>();
        String name = entry.get("name") instanceof String n ? n : config.get("name") instanceof String n2 ? n2 : "?";
        if (!(clsObj instanceof String cls)) {
            layers.add(indent + name + " (?)");
            problems.add("layer '" + name + "': its entry has no class_name");
            return;
        }
        layers.add(indent + name + " (" + cls + ")");
        String registered = entry.get("registered_name") instanceof String r ? r : null;
        if (MODEL_CLASSES.contains(cls) && (registered == null || registered.equals("Functional"))) {
            walkModel(entry, version, indent + "  ", layers, problems);
            return;
        }
        boolean custom = registered != null && !registered.equals(cls) || ObjectRegistry.lookup(cls) != null;
        if (registered != null && ObjectRegistry.lookup(registered) == null && !Layers.isRegistered(cls)) {
            problems.add("layer '" + name + "': custom class '" + registered + "' is not registered (ObjectRegistry.registerKerasSerializable)");
            return;
        }
        if (!custom && !Layers.isRegistered(cls)) {
            problems.add("layer '" + name + "': layer class " + cls + " is not implemented in keras4j"
                    + " (a custom layer can be registered with ObjectRegistry.registerCustomObject)");
            return;
        }
        // Wrapped layers first: an unknown inner class is the real problem, not the wrapper.
        int before = problems.size();
        for (String key : List.of("layer", "backward_layer", "cell")) {
            if (config.get(key) instanceof Map<?, ?> inner && inner.get("class_name") instanceof String) {
                checkLayer(cast(inner), version, indent + "  ", layers, problems);
            }
        }
        if (config.get("cells") instanceof List<?> cells) {
            for (Object c : cells) if (c instanceof Map<?, ?> inner) checkLayer(cast(inner), version, indent + "  ", layers, problems);
        }
        if (problems.size() > before) return;
        try {
            if (version < 3 && !custom) {
                Layers.fromConfig(cls, config, version);
            } else {
                Map<String, Object> plain = new LinkedHashMap<>(entry);
                plain.remove("inbound_nodes");
                plain.remove("name");
                plain.remove("build_config");
                SerializationLib.deserializeKerasObject(plain, true);
            }
        } catch (RuntimeException | StackOverflowError e) {
            problems.add("layer '" + name + "' (" + cls + "): " + abbreviate(String.valueOf(e.getMessage())));
        }
    }

    // ------------------------------------------------------------------ weights files and archives

    private static void describeWeights(HdfFile f, Path file, List<String> layers, List<String> problems) {
        LegacyH5Format.guarded(file, () -> {
            Group g = f;
            if (!f.getAttributes().containsKey("layer_names") && f.getChild("model_weights") instanceof Group mw) g = mw;
            LegacyWeightsReader reader = new LegacyWeightsReader(g, f.size());
            List<String> names = reader.layerNames();
            if (names.isEmpty()) problems.add("no model_config and no layer_names: not a Keras model or legacy weights file");
            for (String n : names) {
                List<String> shapes = new ArrayList<>();
                for (Dataset ds : reader.datasets(n)) shapes.add(LegacyWeightsReader.pyShape(H5Datasets.shape(ds)));
                layers.add(n + (shapes.isEmpty() ? "" : " weights " + String.join(", ", shapes)));
            }
            return null;
        });
    }

    private static Map<String, String> kerasMembers(Path file) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (String name : List.of("metadata.json", "config.json")) {
                ZipEntry e = zip.getEntry(name);
                if (e == null) continue;
                try (InputStream in = zip.getInputStream(e)) {
                    byte[] bytes = in.readNBytes((int) MAX_CONFIG_BYTES + 1);
                    if (bytes.length > MAX_CONFIG_BYTES) throw new ModelFileException(name + " in " + file + " is larger than " + MAX_CONFIG_BYTES + " bytes");
                    out.put(name, new String(bytes, StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }

    private static byte[] magic(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(8);
        }
    }

    private static int firstNonBlank(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            int c;
            while ((c = in.read()) != -1) if (!Character.isWhitespace(c)) return c;
            return -1;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> m) { return (Map<String, Object>) m; }

    private static String abbreviate(String s) { return s.length() <= 300 ? s : s.substring(0, 297) + "..."; }

}
