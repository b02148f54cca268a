package io.keras4j.utils;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Keras's {@code keras.utils.get_file}: downloads a file once into a cache folder and hands back
 * its path; later calls find it there and download nothing.
 *
 * <p>The cache is {@code <home>/<cacheSubdir>/<fname>}, where home is the system property
 * {@code keras4j.home}, else the environment variable {@code KERAS4J_HOME}, else
 * {@code ~/.keras4j} (Keras: {@code KERAS_HOME}, else {@code ~/.keras}); {@code cacheSubdir} is
 * {@code datasets} unless told otherwise. A home that cannot be written falls back to
 * {@code .keras4j} in the temporary folder, as Keras falls back to {@code /tmp/.keras}.
 *
 * <p>With a {@code fileHash} (sha256 or md5, told apart by length as Keras does) a cached file is
 * checked before use: one that does not match (truncated,
 * corrupted, outdated) is reported, deleted and downloaded again; a download that does not match
 * is deleted and fails. A download goes to {@code <fname>.part} first and takes its real name only
 * once complete and verified, so an interrupted download never looks like a good file. Downloads
 * show Keras's progress bar. When the download fails (offline, a proxy, a dead link) the message
 * names the exact file and folder, so the file can be fetched elsewhere and put there by hand.
 */
public final class FileUtils {
    /** Keras's default {@code cache_subdir}. */
    public static final String DATASETS = "datasets";
    private static final int CHUNK = 1 << 16;

    private FileUtils() {}

    /** The optional arguments of {@code get_file}, with Keras's defaults. */
    public static final class Options {
        private String fileHash;
        private String cacheSubdir = DATASETS;
        private String hashAlgorithm = "auto";
        private boolean extract;
        private Path cacheDir;
        private boolean forceDownload;
        private PrintStream out = System.out;

        /** The expected sha256 or md5 hex digest of the file (of the archive when extracting). */
        public Options fileHash(String value) { fileHash = value; return this; }

        /** The folder under the cache folder; an absolute path is used as it is. */
        public Options cacheSubdir(String value) { cacheSubdir = value; return this; }

        /** "auto" (sha256 for a 64-character hash, else md5), "sha256" or "md5". */
        public Options hashAlgorithm(String value) {
            String v = value == null ? "" : value.toLowerCase(Locale.ROOT);
            if (!v.equals("auto") && !v.equals("sha256") && !v.equals("md5")) {
                throw new IllegalArgumentException("Argument `hash_algorithm` must be one of \"auto\", \"sha256\", \"md5\". Received: hash_algorithm=" + value);
            }
            hashAlgorithm = v;
            return this;
        }

        /** Extract the archive (tar, tar.gz, zip) and return the folder it was extracted into. */
        public Options extract(boolean value) { extract = value; return this; }

        /** The cache folder in place of {@link #keras4jHome()}. */
        public Options cacheDir(Path value) { cacheDir = value; return this; }

        /** Download even when a good file is cached. */
        public Options forceDownload(boolean value) { forceDownload = value; return this; }

        /** Where the messages and the progress bar go (standard output by default). */
        public Options out(PrintStream value) { out = value; return this; }
    }

    /**
     * The keras4j folder: system property {@code keras4j.home}, else environment variable
     * {@code KERAS4J_HOME}, else {@code .keras4j} in the user's home folder.
     */
    public static Path keras4jHome() {
        String p = System.getProperty("keras4j.home");
        if (p == null || p.isBlank()) p = System.getenv("KERAS4J_HOME");
        if (p != null && !p.isBlank()) return Path.of(p);
        return Path.of(System.getProperty("user.home"), ".keras4j");
    }

    /** {@code get_file(fname, origin)} with the default options. */
    public static Path getFile(String fname, String origin) { return getFile(fname, origin, new Options()); }

    /**
     * The path of the cached file (or, with {@code extract}, of the folder it was extracted to),
     * downloading it from {@code origin} first when it is not cached or not valid.
     *
     * @param fname the file's name in the cache; {@code null} takes the last part of the origin's path
     * @param origin the URL ({@code https:}, {@code http:} or {@code file:})
     */
    public static Path getFile(String fname, String origin, Options options) {
        if (origin == null) throw new IllegalArgumentException("Please specify the \"origin\" argument (URL of the file to download).");
        Path base = options.cacheDir != null ? options.cacheDir : keras4jHome();
        if (!writable(base)) {
            // As Keras falls back to /tmp/.keras when ~/.keras is read-only.
            base = Path.of(System.getProperty("java.io.tmpdir"), ".keras4j");
        }
        Path datadir = base.resolve(options.cacheSubdir);
        try {
            Files.createDirectories(datadir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the cache folder " + datadir.toAbsolutePath()
                    + "; set the system property keras4j.home or the environment variable KERAS4J_HOME to a writable folder", e);
        }

        boolean named = fname != null && !fname.isEmpty();
        if (!named) {
            fname = nameFromOrigin(origin);
        } else if (fname.contains("/") || fname.contains("\\")) {
            throw new IllegalArgumentException("Paths are no longer accepted as the `fname` argument. To specify the file's parent directory, use the `cache_dir` argument. Received: fname=" + fname);
        }

        // Keras's layout for archives: "name.tar.gz" downloads as itself and extracts to
        // "name_extracted"; a name without a dot extracts to "name", the archive beside it as "name_archive".
        Path target, extractionDir = null;
        if (options.extract) {
            if (named && fname.contains(".")) {
                target = datadir.resolve(fname);
                extractionDir = datadir.resolve(fname.substring(0, fname.indexOf('.')) + "_extracted");
            } else {
                extractionDir = datadir.resolve(fname);
                target = datadir.resolve(fname + "_archive");
            }
        } else {
            target = datadir.resolve(fname);
        }

        String algorithm = resolveHasher(options.hashAlgorithm, options.fileHash);
        boolean download;
        if (options.forceDownload) {
            download = true;
        } else if (Files.exists(target)) {
            download = false;
            if (options.fileHash != null && !validateFile(target, options.fileHash, algorithm)) {
                options.out.println("A local file was found, but it seems to be incomplete or outdated because the " + algorithm
                        + " file hash does not match the original value of " + options.fileHash + " so we will re-download the data."
                        + " (Deleted " + target.toAbsolutePath() + ")");
                delete(target);
                download = true;
            }
        } else {
            download = true;
        }

        if (download) {
            options.out.println("Downloading data from " + origin);
            Path part = target.resolveSibling(target.getFileName() + ".part");
            try {
                fetch(origin, part, options.out);
            } catch (IOException e) {
                delete(part);
                throw new UncheckedIOException(new IOException("URL fetch failure on " + origin + ": " + describe(e)
                        + ". Could not download " + target.getFileName() + ". If this machine is offline, download it elsewhere from "
                        + origin + " and place it as " + target.getFileName() + " in the folder " + datadir.toAbsolutePath()
                        + (options.fileHash != null ? " (its " + algorithm + " must be " + options.fileHash + ")" : ""), e));
            }
            if (options.fileHash != null && !validateFile(part, options.fileHash, algorithm)) {
                delete(part);
                throw new IllegalStateException("Incomplete or corrupted file detected. The " + algorithm
                        + " file hash does not match the provided value of " + options.fileHash + ". The download of "
                        + origin + " was deleted; nothing was written to " + target.toAbsolutePath());
            }
            try {
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot move the download to " + target.toAbsolutePath(), e);
            }
        }

        if (options.extract) {
            // Keras extracts on every call; a finished extraction is kept here unless the archive is new.
            Path done = extractionDir.resolve(".keras4j-extracted");
            if (download || !Files.exists(done)) {
                try {
                    extractArchive(target, extractionDir);
                    Files.writeString(done, target.getFileName().toString());
                } catch (IOException e) {
                    throw new UncheckedIOException("Could not extract archive " + target.toAbsolutePath() + " into " + extractionDir.toAbsolutePath(), e);
                }
            }
            return extractionDir;
        }
        return target;
    }

    /** Whether the file's digest equals {@code fileHash} ({@code algorithm}: "auto", "sha256" or "md5"). */
    public static boolean validateFile(Path file, String fileHash, String algorithm) {
        return hashFile(file, resolveHasher(algorithm, fileHash)).equalsIgnoreCase(fileHash);
    }

    /** The file's hex digest with "sha256" or "md5". */
    public static String hashFile(Path file, String algorithm) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance(algorithm.equals("md5") ? "MD5" : "SHA-256");
            byte[] buf = new byte[CHUNK];
            for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file.toAbsolutePath(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every JDK has both
        }
    }

    /** Keras's resolve_hasher: sha256 when asked or when "auto" sees a 64-character hash, else md5. */
    static String resolveHasher(String algorithm, String fileHash) {
        if ("sha256".equals(algorithm) || ("auto".equals(algorithm) && fileHash != null && fileHash.length() == 64)) return "sha256";
        return "md5";
    }

    private static boolean writable(Path dir) {
        try {
            Files.createDirectories(dir);
            return Files.isWritable(dir);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static String nameFromOrigin(String origin) {
        String path;
        try {
            path = new URI(origin).getPath();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Argument `origin` is not a valid URL. Received: origin=" + origin, e);
        }
        String name = path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("Can't parse the file name from the origin provided: '" + origin + "'. Please specify the `fname` argument.");
        }
        return name;
    }

    private static void fetch(String origin, Path dest, PrintStream out) throws IOException {
        URLConnection c;
        try {
            c = new URI(origin).toURL().openConnection();
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IOException("invalid URL", e);
        }
        c.setConnectTimeout(30_000);
        c.setReadTimeout(60_000);
        c.setRequestProperty("User-Agent", "keras4j");
        if (c instanceof HttpURLConnection h && h.getResponseCode() >= 400) {
            throw new IOException("HTTP " + h.getResponseCode() + " " + h.getResponseMessage());
        }
        long total = c.getContentLengthLong();
        // Keras's download bar counts bytes ("11490434/11490434 ━━━━ 1s 0us/step").
        Progbar bar = total > 0 && total <= Integer.MAX_VALUE ? new Progbar((int) total, 1, out, "step") : null;
        long done = 0;
        try (InputStream in = c.getInputStream(); OutputStream o = Files.newOutputStream(dest)) {
            byte[] buf = new byte[CHUNK];
            for (int n; (n = in.read(buf)) > 0; ) {
                o.write(buf, 0, n);
                done += n;
                if (bar != null) bar.update((int) Math.min(done, total), Map.of());
            }
        }
        if (total > 0 && done != total) throw new EOFException("the connection closed after " + done + " of " + total + " bytes");
    }

    private static String describe(IOException e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : " -- " + m);
    }

    private static void delete(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + p.toAbsolutePath(), e);
        }
    }

    // ---- archives (Keras's extract_archive with archive_format="auto": tar, then zip) ----

    /**
     * Extracts a tar (plain or gzip-compressed) or zip archive into {@code dir}. Members whose
     * path would leave {@code dir} (absolute, "..", links) are refused, as Keras filters unsafe
     * members.
     */
    static void extractArchive(Path archive, Path dir) throws IOException {
        Files.createDirectories(dir);
        byte[] head = new byte[4];
        int n;
        try (InputStream in = Files.newInputStream(archive)) {
            n = in.readNBytes(head, 0, 4);
        }
        if (n >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            extractZip(archive, dir);
            return;
        }
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(archive), CHUNK)) {
            InputStream in = n >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b ? new GZIPInputStream(raw, CHUNK) : raw;
            extractTar(in, dir);
        }
    }

    private static void extractZip(Path archive, Path dir) throws IOException {
        try (ZipInputStream z = new ZipInputStream(new BufferedInputStream(Files.newInputStream(archive), CHUNK))) {
            for (ZipEntry e; (e = z.getNextEntry()) != null; ) {
                Path out = safe(dir, e.getName());
                if (e.isDirectory()) Files.createDirectories(out);
                else {
                    Files.createDirectories(out.getParent());
                    Files.copy(z, out, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** The ustar/GNU tar layout: 512-byte header blocks, each followed by its data in 512-byte blocks. */
    private static void extractTar(InputStream in, Path dir) throws IOException {
        byte[] header = new byte[512];
        String longName = null, paxPath = null;
        boolean any = false;
        while (true) {
            int r = in.readNBytes(header, 0, 512);
            if (r == 0 && any) return;
            if (r < 512) throw new IOException("not a tar archive, or truncated (a header of " + r + " bytes)");
            if (isZeros(header)) return; // end-of-archive marker
            if (!checksumOk(header)) throw new IOException("not a tar archive, or corrupted (bad header checksum)");
            any = true;
            long size = octal(header, 124, 12);
            char type = (char) header[156];
            String name = text(header, 0, 100);
            String prefix = text(header, 345, 155);
            if (!prefix.isEmpty() && text(header, 257, 6).startsWith("ustar")) name = prefix + "/" + name;
            if (longName != null) name = longName;
            if (paxPath != null) name = paxPath;
            if (type == 'L') { // GNU long name: the data is the next member's name
                longName = new String(readFully(in, size), StandardCharsets.UTF_8).replace("\0", "");
                skipPadding(in, size);
                continue;
            }
            if (type == 'x') { // pax extended header: "len key=value\n" records; only the path matters here
                paxPath = paxValue(new String(readFully(in, size), StandardCharsets.UTF_8), "path");
                skipPadding(in, size);
                continue;
            }
            longName = null;
            paxPath = null;
            if (type == '0' || type == '\0' || type == '7') {
                Path out = safe(dir, name);
                Files.createDirectories(out.getParent());
                try (OutputStream o = Files.newOutputStream(out)) {
                    copy(in, o, size);
                }
                skipPadding(in, size);
            } else {
                if (type == '5') Files.createDirectories(safe(dir, name));
                // links, devices, global pax headers: nothing to write (Keras's "data" filter refuses links out of the folder)
                skip(in, size);
                skipPadding(in, size);
            }
        }
    }

    private static Path safe(Path dir, String name) throws IOException {
        Path root = dir.toAbsolutePath().normalize();
        Path p = root.resolve(name).normalize();
        if (!p.startsWith(root) || name.startsWith("/")) throw new IOException("refusing to extract the member " + name + " outside " + root);
        return p;
    }

    private static String paxValue(String records, String key) {
        for (String rec : records.split("\n")) {
            int sp = rec.indexOf(' '), eq = rec.indexOf('=');
            if (sp >= 0 && eq > sp && rec.substring(sp + 1, eq).equals(key)) return rec.substring(eq + 1);
        }
        return null;
    }

    private static boolean isZeros(byte[] b) {
        for (byte x : b) if (x != 0) return false;
        return true;
    }

    private static boolean checksumOk(byte[] h) {
        long stored = octal(h, 148, 8);
        long sum = 0;
        for (int i = 0; i < 512; i++) sum += (i >= 148 && i < 156) ? ' ' : (h[i] & 0xff);
        return sum == stored;
    }

    private static long octal(byte[] b, int off, int len) {
        if ((b[off] & 0x80) != 0) { // GNU base-256 for sizes over 8 GiB
            long v = 0;
            for (int i = off + 1; i < off + len; i++) v = (v << 8) | (b[i] & 0xff);
            return v;
        }
        long v = 0;
        for (int i = off; i < off + len; i++) {
            byte c = b[i];
            if (c == 0 || c == ' ') { if (v != 0) break; else continue; }
            v = v * 8 + (c - '0');
        }
        return v;
    }

    private static String text(byte[] b, int off, int len) {
        int end = off;
        while (end < off + len && b[end] != 0) end++;
        return new String(b, off, end - off, StandardCharsets.UTF_8);
    }

    private static byte[] readFully(InputStream in, long size) throws IOException {
        byte[] data = in.readNBytes((int) size);
        if (data.length < size) throw new EOFException("truncated tar archive");
        return data;
    }

    private static void copy(InputStream in, OutputStream out, long size) throws IOException {
        byte[] buf = new byte[CHUNK];
        long left = size;
        while (left > 0) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (n < 0) throw new EOFException("truncated tar archive");
            out.write(buf, 0, n);
            left -= n;
        }
    }

    private static void skip(InputStream in, long size) throws IOException {
        copy(in, OutputStream.nullOutputStream(), size);
    }

    private static void skipPadding(InputStream in, long size) throws IOException {
        skip(in, (512 - size % 512) % 512);
    }
}
