package io.keras4j.utils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What the directory loaders share (Keras's {@code utils/dataset_utils.py}): listing the files of
 * a class-per-sub-directory tree with their labels, the validation split and its argument checks.
 */
public final class DatasetUtils {
    private DatasetUtils() {}

    /** Files, their integer labels (null without labels) and the class names (null without labels). */
    public record Index(List<Path> filePaths, int[] labels, List<String> classNames) {}

    /**
     * Keras's {@code index_directory}. {@code labels}: "inferred" (a sub-directory per class, sorted
     * by name unless {@code classNames} orders them), null (no labels), or an {@code int[]} with one
     * label per file in sorted path order. Files are those whose name ends (case-insensitively) with
     * one of {@code formats}, found recursively. With {@code shuffle} the list is shuffled with
     * {@code seed}, otherwise sorted.
     */
    public static Index indexDirectory(Path directory, Object labels, Set<String> formats, List<String> classNames, boolean shuffle, Long seed,
                                       boolean followLinks, boolean verbose) {
        if (!Files.isDirectory(directory)) throw new IllegalArgumentException("Directory not found: " + directory);
        List<String> subdirs = new ArrayList<>();
        boolean inferred = "inferred".equals(labels);
        if (inferred) {
            try (Stream<Path> s = Files.list(directory)) {
                s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().forEach(subdirs::add);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot list " + directory, e);
            }
            if (classNames != null) {
                if (!new TreeSet<>(subdirs).containsAll(classNames)) {
                    throw new IllegalArgumentException("The `class_names` passed did not match the names of the subdirectories of the target directory. "
                            + "Expected: " + subdirs + " (or a subset of it), but received: class_names=" + classNames);
                }
                subdirs = new ArrayList<>(classNames);
            }
        } else {
            if (labels != null && !(labels instanceof int[])) {
                throw new IllegalArgumentException("`labels` argument should be a list/tuple of integer labels, of the same size as the number of files in the "
                        + "target directory. If you wish to infer the labels from the subdirectory names in the target directory, pass `labels=\"inferred\"`. "
                        + "If you wish to get a dataset that only contains files (no labels), pass `labels=None`. Received: labels=" + labels);
            }
            if (classNames != null) {
                throw new IllegalArgumentException(labels == null ? "When `labels=None` (no labels), argument `class_names` cannot be specified."
                        : "When argument `labels` is specified, argument `class_names` cannot be specified (the `class_names` will be the sorted list of labels).");
            }
            subdirs.add("");
        }
        List<Path> files = new ArrayList<>();
        List<Integer> fileLabels = new ArrayList<>();
        for (int c = 0; c < subdirs.size(); c++) {
            Path dir = subdirs.get(c).isEmpty() ? directory : directory.resolve(subdirs.get(c));
            for (Path f : validFiles(dir, formats, followLinks)) {
                files.add(f);
                fileLabels.add(c);
            }
        }
        if (inferred && subdirs.isEmpty()) {
            List<Path> loose = validFiles(directory, formats, followLinks);
            throw new IllegalArgumentException("No class sub-directories found in directory " + directory + ": with `labels=\"inferred\"` the files of each class "
                    + "must be in a sub-directory named after the class" + (loose.isEmpty() ? "" : " (found " + loose.size() + " files directly in it; "
                    + "pass `labels=None` to read them without labels)") + ".");
        }
        int[] out;
        List<String> names;
        if (inferred) {
            out = fileLabels.stream().mapToInt(Integer::intValue).toArray();
            names = subdirs;
        } else if (labels == null) {
            out = null;
            names = null;
        } else {
            out = ((int[]) labels).clone();
            if (out.length != files.size()) {
                throw new IllegalArgumentException("Expected the lengths of `labels` to match the number of files in the target directory. len(labels) is "
                        + out.length + " while we found " + files.size() + " files in directory " + directory + ".");
            }
            TreeSet<Integer> distinct = new TreeSet<>();
            for (int l : out) distinct.add(l);
            names = new ArrayList<>();
            for (int l : distinct) names.add(Integer.toString(l));
        }
        if (verbose) {
            if (out == null) System.out.println("Found " + files.size() + " files.");
            else System.out.println("Found " + files.size() + " files belonging to " + names.size() + " classes.");
        }
        if (shuffle) {
            // Shuffled globally so that the validation split takes files of every class.
            int[] perm = io.keras4j.random.Random.permutation(files.size(), seed != null ? seed : io.keras4j.random.Random.nextSeed());
            List<Path> f2 = new ArrayList<>(files.size());
            int[] l2 = out == null ? null : new int[out.length];
            for (int i = 0; i < perm.length; i++) {
                f2.add(files.get(perm[i]));
                if (l2 != null) l2[i] = out[perm[i]];
            }
            files = f2;
            out = l2;
        }
        return new Index(files, out, names);
    }

    /** Files under {@code dir} with an allowed extension, sorted by directory, then by name (Keras's walk order). */
    private static List<Path> validFiles(Path dir, Set<String> formats, boolean followLinks) {
        FileVisitOption[] opts = followLinks ? new FileVisitOption[] {FileVisitOption.FOLLOW_LINKS} : new FileVisitOption[0];
        try (Stream<Path> s = Files.walk(dir, opts)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> {
                        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                        return formats.stream().anyMatch(n::endsWith);
                    })
                    .sorted(Comparator.comparing((Path p) -> p.getParent().toString()).thenComparing(p -> p.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dir, e);
        }
    }

    /** Keras's {@code check_validation_split_arg}. */
    public static void checkValidationSplitArg(Double validationSplit, String subset, boolean shuffle, Long seed) {
        boolean split = validationSplit != null && validationSplit != 0;
        if (split && !(validationSplit > 0 && validationSplit < 1)) {
            throw new IllegalArgumentException("`validation_split` must be between 0 and 1, received: " + validationSplit);
        }
        if ((split || subset != null) && !(split && subset != null)) {
            throw new IllegalArgumentException("If `subset` is set, `validation_split` must be set, and inversely.");
        }
        if (subset != null && !List.of("training", "validation", "both").contains(subset)) {
            throw new IllegalArgumentException("`subset` must be either \"training\", \"validation\" or \"both\", received: " + subset);
        }
        if (split && shuffle && seed == null) {
            throw new IllegalArgumentException("If using `validation_split` and shuffling the data, you must provide a `seed` argument, to make sure that "
                    + "there is no overlap between the training and validation subset.");
        }
    }

    /** Keras's {@code get_training_or_validation_split}: the last {@code int(split * n)} files are the validation subset. */
    public static Index trainingOrValidationSplit(Index all, Double validationSplit, String subset, boolean verbose) {
        if (validationSplit == null || validationSplit == 0) return all;
        int n = all.filePaths().size();
        int numVal = (int) (validationSplit * n);
        int numTrain = n - numVal;
        int from, to;
        if ("training".equals(subset)) {
            if (verbose) System.out.println("Using " + numTrain + " files for training.");
            from = 0;
            to = numTrain;
        } else if ("validation".equals(subset)) {
            if (verbose) System.out.println("Using " + numVal + " files for validation.");
            from = numTrain;
            to = n;
        } else {
            throw new IllegalArgumentException("`subset` must be either \"training\" or \"validation\", received: " + subset);
        }
        return new Index(all.filePaths().subList(from, to), all.labels() == null ? null : java.util.Arrays.copyOfRange(all.labels(), from, to), all.classNames());
    }

    /** Keras's {@code labels_to_dataset}: "int" → int32 scalar, "binary" → float32 [1], "categorical" → float32 one-hot. */
    public static io.keras4j.tensor.Tensor encodeLabel(int label, String labelMode, int numClasses) {
        return switch (labelMode) {
            case "int" -> io.keras4j.tensor.Tensor.wrap(new int[] {label}, io.keras4j.tensor.Shape.scalar());
            case "binary" -> io.keras4j.tensor.Tensor.of(new float[] {label}, 1);
            case "categorical" -> {
                float[] v = new float[numClasses];
                v[label] = 1;
                yield io.keras4j.tensor.Tensor.of(v, numClasses);
            }
            default -> throw new IllegalArgumentException("`label_mode` argument must be one of \"int\", \"categorical\", \"binary\", or None. Received: label_mode=" + labelMode);
        };
    }
}
