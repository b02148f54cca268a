package io.keras4j.utils;

import io.keras4j.data.Dataset;
import io.keras4j.data.Element;
import io.keras4j.data.FileDataset;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Keras's {@code image_dataset_from_directory} ({@code utils/image_dataset_utils.py}): a
 * {@link Dataset} of (images, labels) batches read lazily, in parallel, from a directory with one
 * sub-directory per class.
 *
 * <pre>{@code
 * FileDataset<Element> train = ImageDatasetUtils.imageDatasetFromDirectory(dir, new ImageDatasetUtils.Options()
 *         .imageSize(64, 64).batchSize(16).validationSplit(0.2).subset("training").seed(42L));
 * train.classNames(); // sub-directory names, sorted
 * }</pre>
 *
 * Images are float32 (height, width, channels) with values 0..255, resized with
 * {@code tf.image.resize}'s half-pixel rule (bilinear by default). Labels: "int" → int32 scalars,
 * "categorical" → float32 one-hot, "binary" → float32 (1,), null → no labels (x-only elements).
 */
public final class ImageDatasetUtils {
    /** Keras's {@code ALLOWLIST_FORMATS}. */
    public static final Set<String> ALLOWLIST_FORMATS = Set.of(".bmp", ".gif", ".jpeg", ".jpg", ".png");

    private ImageDatasetUtils() {}

    /** The optional arguments, with Keras's defaults. */
    public static final class Options {
        Object labels = "inferred";
        String labelMode = "int";
        List<String> classNames;
        String colorMode = "rgb";
        Integer batchSize = 32;
        int[] imageSize = {256, 256};
        boolean shuffle = true;
        Long seed;
        Double validationSplit;
        String subset;
        String interpolation = "bilinear";
        boolean followLinks;
        boolean cropToAspectRatio;
        boolean padToAspectRatio;
        String dataFormat = "channels_last";
        boolean verbose = true;

        /** "inferred" (default) or null: no labels. */
        public Options labels(String value) {
            if (value != null && !value.equals("inferred")) throw new IllegalArgumentException("`labels` must be \"inferred\", None or a list of integer labels. Received: labels=" + value);
            labels = value;
            return this;
        }

        /** One integer label per image file, in the sorted order of their paths. */
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

        /** The classes (sub-directory names) to read, in label order. */
        public Options classNames(List<String> value) {
            classNames = value == null ? null : List.copyOf(value);
            return this;
        }

        /** "grayscale", "rgb" (default) or "rgba": 1, 3 or 4 channels. */
        public Options colorMode(String value) {
            ImageUtils.channels(value, "color_mode");
            colorMode = value;
            return this;
        }

        /** Default 32; null yields single images. */
        public Options batchSize(Integer value) {
            if (value != null && value <= 0) throw new IllegalArgumentException("Argument `batch_size` must be a positive integer. Received: batch_size=" + value);
            batchSize = value;
            return this;
        }

        public Options imageSize(int height, int width) {
            if (height <= 0 || width <= 0) throw new IllegalArgumentException("Invalid `image_size` value. Expected a tuple of 2 integers. Received: image_size=(" + height + ", " + width + ")");
            imageSize = new int[] {height, width};
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

        /** "training", "validation" or "both" (see {@link #imageDatasetFromDirectoryBoth}). */
        public Options subset(String value) {
            subset = value;
            return this;
        }

        /** "bilinear" (default), "nearest" or "bicubic". */
        public Options interpolation(String value) {
            String v = value == null ? null : value.toLowerCase(java.util.Locale.ROOT);
            if (List.of("area", "lanczos3", "lanczos5", "gaussian", "mitchellcubic").contains(v)) {
                throw new UnsupportedOperationException("interpolation=\"" + v + "\" is not implemented in keras4j; use one of " + ImageUtils.RESIZE_METHODS);
            }
            ImageUtils.checkInterpolation(v);
            interpolation = v;
            return this;
        }

        public Options followLinks(boolean value) {
            followLinks = value;
            return this;
        }

        /** Crop the centre to the target aspect ratio before resizing (no distortion). */
        public Options cropToAspectRatio(boolean value) {
            cropToAspectRatio = value;
            return this;
        }

        /** Pad (with zeros, centred) to the target aspect ratio before resizing (no distortion). */
        public Options padToAspectRatio(boolean value) {
            padToAspectRatio = value;
            return this;
        }

        public Options dataFormat(String value) {
            dataFormat = ImageUtils.checkDataFormat(value);
            return this;
        }

        public Options verbose(boolean value) {
            verbose = value;
            return this;
        }
    }

    /** With Keras's defaults. */
    public static FileDataset<Element> imageDatasetFromDirectory(Path directory) { return imageDatasetFromDirectory(directory, new Options()); }

    /** A dataset of the whole directory, or of the "training" / "validation" subset. */
    public static FileDataset<Element> imageDatasetFromDirectory(Path directory, Options o) {
        if ("both".equals(o.subset)) throw new IllegalArgumentException("subset=\"both\" gives two datasets: call imageDatasetFromDirectoryBoth");
        List<FileDataset<Element>> r = load(directory, o);
        return r.get(0);
    }

    /** Keras's {@code subset="both"}: the training and the validation dataset, in that order. */
    public static List<FileDataset<Element>> imageDatasetFromDirectoryBoth(Path directory, Options o) {
        if (!"both".equals(o.subset)) throw new IllegalArgumentException("imageDatasetFromDirectoryBoth needs subset=\"both\". Received: subset=" + o.subset);
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
        if (o.padToAspectRatio && o.cropToAspectRatio) {
            throw new IllegalArgumentException("Only one of `pad_to_aspect_ratio`, `crop_to_aspect_ratio` can be set to `True`.");
        }
        DatasetUtils.checkValidationSplitArg(o.validationSplit, o.subset, o.shuffle, o.seed);
        long seed = o.seed != null ? o.seed : io.keras4j.random.Random.nextSeed();
        DatasetUtils.Index all = DatasetUtils.indexDirectory(directory, labels, ALLOWLIST_FORMATS, o.classNames, o.shuffle, seed, o.followLinks, o.verbose);
        if ("binary".equals(labelMode) && all.classNames().size() != 2) {
            throw new IllegalArgumentException("When passing `label_mode=\"binary\"`, there must be exactly 2 class_names. Received: class_names=" + all.classNames());
        }
        int shuffleBuffer = o.batchSize != null ? o.batchSize * 8 : 1024;
        List<FileDataset<Element>> out = new ArrayList<>();
        if ("both".equals(o.subset)) {
            DatasetUtils.Index train = DatasetUtils.trainingOrValidationSplit(all, o.validationSplit, "training", o.verbose);
            DatasetUtils.Index val = DatasetUtils.trainingOrValidationSplit(all, o.validationSplit, "validation", o.verbose);
            if (train.filePaths().isEmpty()) throw new IllegalArgumentException("No training images found in directory " + directory + ". Allowed formats: " + sorted());
            if (val.filePaths().isEmpty()) throw new IllegalArgumentException("No validation images found in directory " + directory + ". Allowed formats: " + sorted());
            out.add(toDataset(train, labelMode, o, o.shuffle, shuffleBuffer, seed));
            out.add(toDataset(val, labelMode, o, false, shuffleBuffer, seed));
        } else {
            DatasetUtils.Index part = DatasetUtils.trainingOrValidationSplit(all, o.validationSplit, o.subset, o.verbose);
            if (part.filePaths().isEmpty()) throw new IllegalArgumentException("No images found in directory " + directory + ". Allowed formats: " + sorted());
            out.add(toDataset(part, labelMode, o, o.shuffle, shuffleBuffer, seed));
        }
        return out;
    }

    private static List<String> sorted() { return ALLOWLIST_FORMATS.stream().sorted().toList(); }

    private static FileDataset<Element> toDataset(DatasetUtils.Index idx, String labelMode, Options o, boolean shuffle, int buffer, long seed) {
        List<Path> paths = idx.filePaths();
        int[] labels = idx.labels();
        int numClasses = idx.classNames() == null ? 0 : idx.classNames().size();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < paths.size(); i++) order.add(i);
        Dataset<Integer> ds = Dataset.fromIterable(order);
        if (shuffle) ds = ds.shuffle(buffer, seed);
        int channels = ImageUtils.channels(o.colorMode, "color_mode");
        Dataset<Element> images = ds.map(i -> {
            Tensor img = loadImage(paths.get(i), o.imageSize, channels, o.interpolation, o.dataFormat, o.cropToAspectRatio, o.padToAspectRatio);
            return labelMode == null ? Element.of(img) : Element.of(img, DatasetUtils.encodeLabel(labels[i], labelMode, numClasses));
        }, Dataset.AUTOTUNE);
        if (o.batchSize != null) images = images.batch(o.batchSize);
        return new FileDataset<>(images.prefetch(Dataset.AUTOTUNE), labelMode == null ? null : idx.classNames(), paths);
    }

    /** Keras's {@code load_image}: decode, convert to the channels, fit to the size, HWC float32 (or CHW). */
    static Tensor loadImage(Path path, int[] size, int channels, String interpolation, String dataFormat, boolean crop, boolean pad) {
        java.awt.image.BufferedImage img = ImageUtils.read(path);
        int h = img.getHeight(), w = img.getWidth();
        float[] px = ImageUtils.pixels(img, channels);
        int th = size[0], tw = size[1];
        if (crop) { // Keras's smart_resize: the largest centred window of the target aspect ratio
            int cropH = Math.min(h, (int) (w * (double) th / tw)), cropW = Math.min(w, (int) (h * (double) tw / th));
            px = ImageUtils.crop(px, h, w, channels, (h - cropH) / 2, (w - cropW) / 2, cropH, cropW);
            h = cropH;
            w = cropW;
        } else if (pad) { // tf.image.resize_with_pad: scale to fit, then pad the short side with zeros, centred
            double ratio = Math.min((double) th / h, (double) tw / w);
            int rh = Math.max(1, (int) Math.floor(h * ratio)), rw = Math.max(1, (int) Math.floor(w * ratio));
            float[] resized = ImageUtils.resize(px, h, w, channels, rh, rw, interpolation);
            float[] canvas = new float[th * tw * channels];
            int top = (th - rh) / 2, left = (tw - rw) / 2;
            for (int y = 0; y < rh; y++) System.arraycopy(resized, y * rw * channels, canvas, ((top + y) * tw + left) * channels, rw * channels);
            Tensor t = Tensor.wrap(canvas, Shape.of(th, tw, channels));
            return "channels_first".equals(dataFormat) ? ImageUtils.toChannelsFirst(t) : t;
        }
        px = ImageUtils.resize(px, h, w, channels, th, tw, interpolation);
        Tensor t = Tensor.wrap(px, Shape.of(th, tw, channels));
        return "channels_first".equals(dataFormat) ? ImageUtils.toChannelsFirst(t) : t;
    }
}
