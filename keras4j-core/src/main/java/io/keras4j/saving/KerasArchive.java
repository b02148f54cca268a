package io.keras4j.saving;

import io.keras4j.layers.Layer;
import io.keras4j.models.Model;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * The {@code .keras} archive of Keras 3 ({@code saving_lib.save_model} / {@code load_model}): a
 * zip with {@code metadata.json} (Keras version, date saved), {@code config.json} (the serialized
 * model with its {@code compile_config}), {@code model.weights.h5} (the {@link H5IOStore}) and,
 * for layers that have files of their own, {@code assets/<path of the layer>/...}. Members are
 * stored uncompressed, as Keras writes them.
 *
 * <p>Reading is defensive: a file that is not a zip or is truncated, a member path that leaves the
 * archive ({@code ..}, absolute), a member larger than the limits below, a missing
 * {@code config.json} or malformed JSON all raise {@link ModelFileException}.
 */
public final class KerasArchive {
    private KerasArchive() {}

    /** The Keras version whose {@code .keras} format this writes, recorded in {@code metadata.json}. */
    public static final String KERAS_VERSION = "3.15.0";

    static final String METADATA = "metadata.json";
    static final String CONFIG = "config.json";
    static final String WEIGHTS = "model.weights.h5";
    static final String ASSETS = "assets";

    /** Largest JSON member read (config.json of very large models stays far below). */
    static long maxJsonBytes = 256L << 20;
    /** Largest weights or asset member read. */
    static long maxMemberBytes = 64L << 30;

    // ------------------------------------------------------------------ saving

    /** {@code model.save("x.keras")}, written atomically. */
    public static void save(Model model, Path file) {
        Path work = null;
        try {
            work = Files.createTempDirectory("keras4j-save");
            Path weights = work.resolve(WEIGHTS);
            Path assets = work.resolve(ASSETS);
            H5IOStore.Writer store = SavingLib.collect(model);
            store.write(weights);
            SavingLib.walk(model, (obj, path, name, vars) -> {
                if (obj instanceof Layer l) {
                    Path dir = path.isEmpty() ? assets : assets.resolve(path);
                    Files.createDirectories(dir);
                    l.saveAssets(dir);
                }
            });
            Map<String, Object> config = new LinkedHashMap<>(ModelConfigs.toConfig(model));
            Map<String, Object> compile = model.getCompileConfig();
            if (compile != null) config.put("compile_config", compile);
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("keras_version", KERAS_VERSION);
            metadata.put("date_saved", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd@HH:mm:ss")));
            byte[] metadataBytes = KerasJson.write(metadata).getBytes(StandardCharsets.UTF_8);
            byte[] configBytes = KerasJson.write(config).getBytes(StandardCharsets.UTF_8);
            List<Path> assetFiles = new ArrayList<>();
            try (Stream<Path> s = Files.walk(assets)) {
                s.filter(Files::isRegularFile).sorted().forEach(assetFiles::add);
            }
            AtomicFiles.write(file, tmp -> {
                try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(tmp))) {
                    stored(zip, METADATA, metadataBytes);
                    stored(zip, CONFIG, configBytes);
                    stored(zip, WEIGHTS, Files.readAllBytes(weights));
                    for (Path a : assetFiles) stored(zip, ASSETS + "/" + assets.relativize(a).toString().replace('\\', '/'), Files.readAllBytes(a));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Could not save the model to " + file + ": " + e.getMessage(), e);
        } finally {
            deleteTree(work);
        }
    }

    private static void stored(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setMethod(ZipEntry.STORED);
        e.setSize(bytes.length);
        e.setCompressedSize(bytes.length);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        e.setCrc(crc.getValue());
        zip.putNextEntry(e);
        zip.write(bytes);
        zip.closeEntry();
    }

    // ------------------------------------------------------------------ loading

    /** {@code keras.saving.load_model("x.keras")}. */
    public static Model load(Path file, boolean compile, boolean safeMode) {
        AtomicFiles.requireReadable(file);
        Path work = null;
        try (ZipFile zip = open(file)) {
            Map<String, Object> config = readJson(zip, file, CONFIG);
            Object compileConfig = config.remove("compile_config");
            Model model = ModelConfigs.fromConfig(config, 3, safeMode);
            if (compile && compileConfig instanceof Map<?, ?> cc && !cc.isEmpty()) {
                SerializationLib.withSafeMode(safeMode, () -> {
                    model.compileFromConfig(ModelConfigs.map(cc));
                    return null;
                });
            }
            work = Files.createTempDirectory("keras4j-load");
            loadWeights(model, zip, file, work, false);
            loadAssets(model, zip, file, work);
            return model;
        } catch (IOException e) {
            throw new ModelFileException("Could not read " + file + ": " + e.getMessage(), e);
        } catch (ModelFileException | UnsupportedOperationException | java.io.UncheckedIOException e) {
            throw e;
        } catch (RuntimeException e) {
            // The config or weights describe something Keras would refuse too (its message is kept): the file is at fault.
            throw new ModelFileException(file + ": " + e.getMessage(), e);
        } finally {
            deleteTree(work);
        }
    }

    /** The serialized model in an archive's {@code config.json} (with its {@code compile_config}). */
    public static Map<String, Object> readConfig(Path file) {
        AtomicFiles.requireReadable(file);
        try (ZipFile zip = open(file)) {
            return readJson(zip, file, CONFIG);
        } catch (IOException e) {
            throw new ModelFileException("Could not read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The archive's {@code metadata.json} ({@code keras_version}, {@code date_saved}), or an empty map when absent. */
    public static Map<String, Object> readMetadata(Path file) {
        AtomicFiles.requireReadable(file);
        try (ZipFile zip = open(file)) {
            return zip.getEntry(METADATA) == null ? new LinkedHashMap<>() : readJson(zip, file, METADATA);
        } catch (IOException e) {
            throw new ModelFileException("Could not read " + file + ": " + e.getMessage(), e);
        }
    }

    /** {@code model.load_weights("x.keras")}: the weights of the archive into an existing model. */
    static void loadWeights(Model model, Path file, boolean skipMismatch) throws IOException {
        AtomicFiles.requireReadable(file);
        Path work = Files.createTempDirectory("keras4j-load");
        try (ZipFile zip = open(file)) {
            loadWeights(model, zip, file, work, skipMismatch);
        } finally {
            deleteTree(work);
        }
    }

    private static void loadWeights(Model model, ZipFile zip, Path file, Path work, boolean skipMismatch) throws IOException {
        ZipEntry entry = zip.getEntry(WEIGHTS);
        if (entry == null) {
            if (zip.getEntry("model.weights.npz") != null) {
                throw new ModelFileException(file + " stores its weights as model.weights.npz, which keras4j does not read yet");
            }
            throw new ModelFileException(file + " has no " + WEIGHTS + " member");
        }
        Path weights = work.resolve(WEIGHTS);
        extract(zip, entry, file, weights, maxMemberBytes);
        try (H5IOStore.Reader store = new H5IOStore.Reader(weights, "The " + WEIGHTS + " of " + file)) {
            SavingLib.loadState(model, store, skipMismatch);
        }
    }

    /** Extracts {@code assets/...} and hands each layer its folder, as Keras's {@code load_assets}. */
    private static void loadAssets(Model model, ZipFile zip, Path file, Path work) throws IOException {
        Path assets = work.resolve(ASSETS);
        boolean any = false;
        for (Enumeration<? extends ZipEntry> en = zip.entries(); en.hasMoreElements(); ) {
            ZipEntry e = en.nextElement();
            if (e.isDirectory() || !e.getName().startsWith(ASSETS + "/")) continue;
            Path target = work.resolve(e.getName()).normalize();
            if (!target.startsWith(assets)) throw new ModelFileException(file + ": member '" + e.getName() + "' points outside the archive");
            Files.createDirectories(target.getParent());
            extract(zip, e, file, target, maxMemberBytes);
            any = true;
        }
        if (!any) return;
        SavingLib.walk(model, (obj, path, name, vars) -> {
            Path dir = path.isEmpty() ? assets : assets.resolve(path);
            if (obj instanceof Layer l && Files.isDirectory(dir)) l.loadAssets(dir);
        });
    }

    /** Opens the archive; checks every member name before anything is read. */
    private static ZipFile open(Path file) {
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new ModelFileException(file + " is not a valid .keras file (not a zip archive, or a truncated one): " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ModelFileException("Could not open " + file + ": " + e.getMessage(), e);
        }
        try {
            for (Enumeration<? extends ZipEntry> en = zip.entries(); en.hasMoreElements(); ) {
                String name = en.nextElement().getName();
                if (name.startsWith("/") || name.startsWith("\\") || name.contains("\\") || name.contains(":")
                        || List.of(name.split("/")).contains("..")) {
                    throw new ModelFileException(file + ": member '" + name + "' points outside the archive");
                }
            }
            return zip;
        } catch (RuntimeException e) {
            try {
                zip.close();
            } catch (IOException ignored) {
                // the first error is the one to report
            }
            throw e;
        }
    }

    private static Map<String, Object> readJson(ZipFile zip, Path file, String member) {
        ZipEntry e = zip.getEntry(member);
        if (e == null) throw new ModelFileException(file + " is not a .keras model file: it has no " + member);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = zip.getInputStream(e)) {
            copyBounded(in, out, maxJsonBytes, file, member);
        } catch (IOException ex) {
            throw new ModelFileException(file + ": cannot read " + member + ": " + ex.getMessage(), ex);
        }
        return KerasJson.readObject(out.toString(StandardCharsets.UTF_8), file + ": " + member);
    }

    private static void extract(ZipFile zip, ZipEntry e, Path file, Path target, long limit) {
        try (InputStream in = zip.getInputStream(e); OutputStream out = Files.newOutputStream(target)) {
            copyBounded(in, out, limit, file, e.getName());
        } catch (IOException ex) {
            throw new ModelFileException(file + ": cannot read " + e.getName() + ": " + ex.getMessage(), ex);
        }
    }

    /** Copies at most {@code limit} bytes; a longer member is refused, whatever size its header claims. */
    private static void copyBounded(InputStream in, OutputStream out, long limit, Path file, String member) throws IOException {
        byte[] buf = new byte[1 << 16];
        long total = 0;
        int n;
        while ((n = in.read(buf)) > 0) {
            total += n;
            if (total > limit) {
                throw new ModelFileException(file + ": member " + member + " is larger than the limit of " + limit + " bytes");
            }
            out.write(buf, 0, n);
        }
    }

    private static void deleteTree(Path dir) {
        if (dir == null) return;
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // a temporary file left behind is harmless
                }
            });
        } catch (IOException ignored) {
            // same
        }
    }
}
