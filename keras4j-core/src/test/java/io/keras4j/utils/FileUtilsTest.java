package io.keras4j.utils;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * get_file against local {@code file:} URLs (never the network). Digests are the published test
 * vectors: sha256("abc") and md5("abc") from FIPS 180-2 and RFC 1321.
 */
class FileUtilsTest {
    static final String SHA256_ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    static final String MD5_ABC = "900150983cd24fb0d6963f7d28e17f72";

    @TempDir Path tmp;

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    private FileUtils.Options options() {
        return new FileUtils.Options().cacheDir(tmp.resolve("home")).out(new PrintStream(log, true, StandardCharsets.UTF_8));
    }

    private String origin(String name, String content) throws IOException {
        Path src = tmp.resolve("server").resolve(name);
        Files.createDirectories(src.getParent());
        Files.writeString(src, content);
        return src.toUri().toString();
    }

    private String output() { return log.toString(StandardCharsets.UTF_8); }

    @Test
    void downloadsIntoTheDatasetsFolderAndVerifies() throws IOException {
        String origin = origin("abc.txt", "abc");
        Path p = FileUtils.getFile("abc.txt", origin, options().fileHash(SHA256_ABC));
        assertEquals(tmp.resolve("home").resolve("datasets").resolve("abc.txt"), p);
        assertEquals("abc", Files.readString(p));
        assertTrue(output().contains("Downloading data from " + origin), output());
        assertTrue(output().contains("3/3"), "progress bar counts bytes: " + output());
        assertFalse(Files.exists(p.resolveSibling("abc.txt.part")));
    }

    @Test
    void neverDownloadsAGoodFileAgain() throws IOException {
        String origin = origin("abc.txt", "abc");
        Path p = FileUtils.getFile("abc.txt", origin, options().fileHash(SHA256_ABC));
        Files.delete(tmp.resolve("server").resolve("abc.txt")); // the origin is gone: a download would fail
        log.reset();
        assertEquals(p, FileUtils.getFile("abc.txt", origin, options().fileHash(SHA256_ABC)));
        assertEquals("", output());
    }

    @Test
    void aTruncatedCachedFileIsReportedDeletedAndDownloadedAgain() throws IOException {
        String origin = origin("abc.txt", "abc");
        Path cached = tmp.resolve("home/datasets/abc.txt");
        Files.createDirectories(cached.getParent());
        Files.writeString(cached, "ab");
        Path p = FileUtils.getFile("abc.txt", origin, options().fileHash(SHA256_ABC));
        assertEquals("abc", Files.readString(p));
        assertTrue(output().contains("A local file was found, but it seems to be incomplete or outdated because the sha256 file hash does not match the original value of " + SHA256_ABC), output());
    }

    @Test
    void offlineNamesTheFileAndTheFolderAndLeavesNoCorruptFile() throws IOException {
        Path cached = tmp.resolve("home/datasets/abc.txt");
        Files.createDirectories(cached.getParent());
        Files.writeString(cached, "corrupt");
        String missing = tmp.resolve("server/abc.txt").toUri().toString(); // nothing there: as good as offline
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> FileUtils.getFile("abc.txt", missing, options().fileHash(SHA256_ABC)));
        String m = e.getCause().getMessage();
        assertTrue(m.startsWith("URL fetch failure on " + missing), m);
        assertTrue(m.contains("place it as abc.txt in the folder " + cached.getParent().toAbsolutePath()), m);
        assertTrue(m.contains(SHA256_ABC), m);
        assertFalse(Files.exists(cached), "the corrupt file is deleted");
        assertFalse(Files.exists(cached.resolveSibling("abc.txt.part")));
    }

    @Test
    void aDownloadWithTheWrongHashFailsAndIsDeleted() throws IOException {
        String origin = origin("abd.txt", "abd");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> FileUtils.getFile("abd.txt", origin, options().fileHash(SHA256_ABC)));
        assertTrue(e.getMessage().startsWith("Incomplete or corrupted file detected. The sha256 file hash does not match the provided value of " + SHA256_ABC), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("home/datasets/abd.txt")));
        assertFalse(Files.exists(tmp.resolve("home/datasets/abd.txt.part")));
    }

    @Test
    void md5IsChosenForA32CharacterHash() throws IOException {
        String origin = origin("abc.txt", "abc");
        assertEquals("abc", Files.readString(FileUtils.getFile("abc.txt", origin, options().fileHash(MD5_ABC))));
        assertTrue(FileUtils.validateFile(tmp.resolve("home/datasets/abc.txt"), MD5_ABC, "auto"));
        assertEquals(SHA256_ABC, FileUtils.hashFile(tmp.resolve("home/datasets/abc.txt"), "sha256"));
    }

    @Test
    void nameComesFromTheOriginWhenNotGivenAndPathsAreRefused() throws IOException {
        String origin = origin("named.txt", "abc");
        assertEquals(tmp.resolve("home/datasets/named.txt"), FileUtils.getFile(null, origin, options()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FileUtils.getFile("a/b.txt", origin, options()));
        assertEquals("Paths are no longer accepted as the `fname` argument. To specify the file's parent directory, use the `cache_dir` argument. Received: fname=a/b.txt", e.getMessage());
        IllegalArgumentException noOrigin = assertThrows(IllegalArgumentException.class, () -> FileUtils.getFile("x", null, options()));
        assertEquals("Please specify the \"origin\" argument (URL of the file to download).", noOrigin.getMessage());
    }

    @Test
    void cacheSubdirAndHomeOverride() throws IOException {
        String origin = origin("abc.txt", "abc");
        String old = System.getProperty("keras4j.home");
        System.setProperty("keras4j.home", tmp.resolve("custom").toString());
        try {
            assertEquals(tmp.resolve("custom"), FileUtils.keras4jHome());
            Path p = FileUtils.getFile("abc.txt", origin, new FileUtils.Options().cacheSubdir("datasets/sub").out(new PrintStream(OutputStream.nullOutputStream())));
            assertEquals(tmp.resolve("custom/datasets/sub/abc.txt"), p);
        } finally {
            if (old == null) System.clearProperty("keras4j.home");
            else System.setProperty("keras4j.home", old);
        }
    }

    @Test
    void extractsAZipNextToItsArchive() throws IOException {
        Path zip = tmp.resolve("server/data.zip");
        Files.createDirectories(zip.getParent());
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            z.putNextEntry(new ZipEntry("inner/a.txt"));
            z.write("abc".getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }
        // Keras's layout: a name without a dot extracts to that folder, the archive saved as name + "_archive".
        Path dir = FileUtils.getFile("data-target", zip.toUri().toString(), options().extract(true));
        assertEquals(tmp.resolve("home/datasets/data-target"), dir);
        assertEquals("abc", Files.readString(dir.resolve("inner/a.txt")));
        assertTrue(Files.exists(tmp.resolve("home/datasets/data-target_archive")));
    }

    @Test
    void refusesArchiveMembersOutsideTheFolder() throws IOException {
        Path zip = tmp.resolve("server/evil.zip");
        Files.createDirectories(zip.getParent());
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            z.putNextEntry(new ZipEntry("../escaped.txt"));
            z.write(1);
            z.closeEntry();
        }
        assertThrows(UncheckedIOException.class, () -> FileUtils.getFile("evil", zip.toUri().toString(), options().extract(true)));
        assertFalse(Files.exists(tmp.resolve("home/datasets/escaped.txt")));
    }

    @Test
    void extractsATarGzWrittenByTar() throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/tar")) || Files.isExecutable(Path.of("/bin/tar")), "tar is not installed: skipping the tar.gz check");
        Path src = tmp.resolve("src/cifar-like");
        Files.createDirectories(src);
        Files.writeString(src.resolve("batch_1"), "abc");
        // A name of 120 characters needs a ustar prefix or a GNU long-name record.
        String longName = "d".repeat(60) + "/" + "f".repeat(59);
        Files.createDirectories(src.resolve(longName).getParent());
        Files.writeString(src.resolve(longName), "long");
        Path archive = tmp.resolve("server/cifar.tar.gz");
        Files.createDirectories(archive.getParent());
        Process p = new ProcessBuilder("tar", "czf", archive.toString(), "-C", tmp.resolve("src").toString(), "cifar-like").inheritIO().start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0);
        String sha = FileUtils.hashFile(archive, "sha256");
        Path dir = FileUtils.getFile("cifar-target", archive.toUri().toString(), options().extract(true).fileHash(sha));
        assertEquals("abc", Files.readString(dir.resolve("cifar-like/batch_1")));
        assertEquals("long", Files.readString(dir.resolve("cifar-like").resolve(longName)));
    }

    @Test
    void rejectsAnUnknownHashAlgorithm() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new FileUtils.Options().hashAlgorithm("sha1"));
        assertEquals("Argument `hash_algorithm` must be one of \"auto\", \"sha256\", \"md5\". Received: hash_algorithm=sha1", e.getMessage());
    }
}
