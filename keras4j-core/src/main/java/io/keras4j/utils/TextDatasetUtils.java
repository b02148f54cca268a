package io.keras4j.utils;

import io.keras4j.data.Dataset;
import io.keras4j.data.Element;
import io.keras4j.data.FileDataset;
import io.keras4j.tensor.Tensor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Keras's {@code text_dataset_from_directory} ({@code utils/text_dataset_utils.py}): the
 * {@code .txt} files of a directory with one sub-directory per class, as Keras yields them:
 * (texts, labels) elements where the texts are a string tensor of shape (batch_size,) (the files
 * decoded as UTF-8) and the labels as in {@code imageDatasetFromDirectory}; x-only elements when the
 * labels are off. A {@code TextVectorization} layer takes the texts straight into a model.
 */
public final class TextDatasetUtils {
    private TextDatasetUtils() {}

    /** The optional arguments, with Keras's defaults. */
    public static final class Options {
        Object labels = "inferred";
        String labelMode = "int";
        List<String> classNames;
        Integer batchSize = 32;
        Integer maxLength;
        boolean shuffle = true;
        Long seed;
        Double validationSplit;
        String subset;
        boolean followLinks;
        boolean verbose = true;

        /** "inferred" (default) or null: no labels. */
        public Options labels(String value) {
            if (value != null && !value.equals("inferred")) throw new IllegalArgumentException("`labels` must be \"inferred\", None or a list of integer labels. Received: labels=" + value);
            labels = value;
            return this;
        }

        /** One integer label per text file, in the sorted order of their paths. */
        public Options labels(int[] value) {
            labels = value.clone();
            return this;
        }

        /** "int" (default), "categorical", "binary", or null for no labels. */
        public Options labelMode(String value) {
            if (value != null && !Set.of("int", "categorical", "binary").contains(value)) {
                throw new IllegalArgumentException("`label_mode` argument must be one of \"int\", \"categorical\", \"binary\", or None. Received: label_mode=" + value);
            }
            labelMode = value;
            return this;
        }

        public Options classNames(List<String> value) {
            classNames = value == null ? null : List.copyOf(value);
            return this;
        }

        /** Default 32; null yields one text per element. */
        public Options batchSize(Integer value) {
            if (value != null && value <= 0) throw new IllegalArgumentException("Argument `batch_size` must be a positive integer. Received: batch_size=" + value);
            batchSize = value;
            return this;
        }

        /** Texts longer than this many bytes (UTF-8, as {@code tf.strings.substr}) are truncated; no character is cut in half. */
        public Options maxLength(Integer value) {
            if (value != null && value < 0) throw new IllegalArgumentException("Argument `max_length` must be non-negative. Received: max_length=" + value);
            maxLength = value;
            return this;
        }

        public Options shuffle(boolean value) {
            shuffle = value;
            return this;
        }

        public Options seed(Long value) {
            seed = value;
            return this;
        }

        public Options validationSplit(Double value) {
            validationSplit = value;
            return this;
        }

        /** "training", "validation" or "both" (see {@link #textDatasetFromDirectoryBoth}). */
        public Options subset(String value) {
            subset = value;
            return this;
        }

        public Options followLinks(boolean value) {
            followLinks = value;
            return this;
        }

        public Options verbose(boolean value) {
            verbose = value;
            return this;
        }
    }

    public static FileDataset<Element> textDatasetFromDirectory(Path directory) { return textDatasetFromDirectory(directory, new Options()); }

    public static FileDataset<Element> textDatasetFromDirectory(Path directory, Options o) {
        if ("both".equals(o.subset)) throw new IllegalArgumentException("subset=\"both\" gives two datasets: call textDatasetFromDirectoryBoth");
        return load(directory, o).get(0);
    }

    /** Keras's {@code subset="both"}: the training and the validation dataset, in that order. */
    public static List<FileDataset<Element>> textDatasetFromDirectoryBoth(Path directory, Options o) {
        if (!"both".equals(o.subset)) throw new IllegalArgumentException("textDatasetFromDirectoryBoth needs subset=\"both\". Received: subset=" + o.subset);
        return load(directory, o);
    }

    private static List<FileDataset<Element>> load(Path directory, Options o) {
        Object labels = o.labels;
        String labelMode = o.labelMode;
        if (labels instanceof int[] && o.classNames != null) {
            throw new IllegalArgumentException("You can only pass `class_names` if `labels=\"inferred\"`. Received: labels=" + java.util.Arrays.toString((int[]) labels)
                    + ", and class_names=" + o.classNames);
        }
        if (labels == null || labelMode == null) {
            labels = null;
            labelMode = null;
        }
        DatasetUtils.checkValidationSplitArg(o.validationSplit, o.subset, o.shuffle, o.seed);
        long seed = o.seed != null ? o.seed : io.keras4j.random.Random.nextSeed();
        DatasetUtils.Index all = DatasetUtils.indexDirectory(directory, labels, Set.of(".txt"), o.classNames, o.shuffle, seed, o.followLinks, o.verbose);
        if ("binary".equals(labelMode) && all.classNames().size() != 2) {
            throw new IllegalArgumentException("When passing `label_mode=\"binary\"`, there must be exactly 2 class_names. Received: class_names=" + all.classNames());
        }
        int buffer = o.batchSize != null ? o.batchSize * 8 : 1024;
        List<FileDataset<Element>> out = new ArrayList<>();
        if ("both".equals(o.subset)) {
            DatasetUtils.Index train = DatasetUtils.trainingOrValidationSplit(all, o.validationSplit, "training", o.verbose);
            DatasetUtils.Index val = DatasetUtils.trainingOrValidationSplit(all, o.validationSplit, "validation", o.verbose);
            if (train.filePaths().isEmpty()) throw new IllegalArgumentException("No training text files found in directory " + directory + ". Allowed format: .txt");
            if (val.filePaths().isEmpty()) throw new IllegalArgumentException("No validation text files found in directory " + directory + ". Allowed format: .txt");
            out.add(toDataset(train, labelMode, o, o.shuffle, buffer, seed));
            out.add(toDataset(val, labelMode, o, false, buffer, seed));
        } else {
            DatasetUtils.Index part = DatasetUtils.trainingOrValidationSplit(all, o.validationSplit, o.subset, o.verbose);
            if (part.filePaths().isEmpty()) throw new IllegalArgumentException("No text files found in directory " + directory + ". Allowed format: .txt");
            out.add(toDataset(part, labelMode, o, o.shuffle, buffer, seed));
        }
        return out;
    }

    private static FileDataset<Element> toDataset(DatasetUtils.Index idx, String labelMode, Options o, boolean shuffle, int buffer, long seed) {
        List<Path> paths = idx.filePaths();
        int[] labels = idx.labels();
        int numClasses = idx.classNames() == null ? 0 : idx.classNames().size();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < paths.size(); i++) order.add(i);
        Dataset<Integer> ds = Dataset.fromIterable(order);
        if (shuffle) ds = ds.shuffle(buffer, seed);
        Dataset<Element> texts = ds.map(i -> {
            Tensor text = Tensor.ofStrings(new String[] {read(paths.get(i), o.maxLength)});
            return labelMode == null ? Element.of(text) : Element.of(text, DatasetUtils.encodeLabel(labels[i], labelMode, numClasses));
        }, Dataset.AUTOTUNE);
        if (o.batchSize != null) texts = texts.batch(o.batchSize);
        return new FileDataset<>(texts.prefetch(Dataset.AUTOTUNE), labelMode == null ? null : idx.classNames(), paths);
    }

    private static String read(Path p, Integer maxLength) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read text file " + p, e);
        }
        int n = maxLength == null ? bytes.length : Math.min(maxLength, bytes.length);
        // Back off to a character boundary: UTF-8 continuation bytes are 10xxxxxx.
        if (n < bytes.length) while (n > 0 && (bytes[n] & 0xC0) == 0x80) n--;
        CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        try {
            return dec.decode(ByteBuffer.wrap(bytes, 0, n)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalStateException(e); // REPLACE never throws
        }
    }
}
