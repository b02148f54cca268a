package io.keras4j.datasets;

import io.keras4j.tensor.Tensor;
import io.keras4j.utils.FileUtils;

import java.nio.file.Path;
import java.util.List;

/**
 * Keras's {@code keras.datasets.cifar100}: 50,000 training and 10,000 test colour images of
 * 32×32 pixels, labelled with 100 fine classes grouped into 20 coarse ones. Downloaded on first
 * use as Keras does ({@code cifar-100-python.tar.gz}, 169 MB, sha256-checked) and extracted into
 * {@code ~/.keras4j/datasets/cifar-100-python-target}.
 *
 * <p>Returns {@code x} int32 {@code (50000, 32, 32, 3)} / {@code (10000, 32, 32, 3)} (channels_last,
 * values 0..255) and {@code y} int32 {@code (50000, 1)} / {@code (10000, 1)}.
 */
public final class Cifar100 {
    static final String ORIGIN = "https://www.cs.toronto.edu/~kriz/cifar-100-python.tar.gz";
    static final String SHA256 = "85cd44d02ba6437773c5bbd22e183051d648de2e7d6b014e1ef29b855ba677a7";
    static final String DIRNAME = "cifar-100-python-target";

    private Cifar100() {}

    /** The fine labels (0..99). */
    public static Split loadData() { return loadData("fine"); }

    /** {@code labelMode} "fine" (100 classes) or "coarse" (20 superclasses). */
    public static Split loadData(String labelMode) {
        checkLabelMode(labelMode);
        Path dir = FileUtils.getFile(DIRNAME, ORIGIN, new FileUtils.Options().extract(true).fileHash(SHA256));
        return loadData(dir.resolve("cifar-100-python"), labelMode);
    }

    /** Loads {@code train} and {@code test} from an extracted {@code cifar-100-python} folder. */
    public static Split loadData(Path batchesDir, String labelMode) {
        checkLabelMode(labelMode);
        String key = labelMode + "_labels";
        Tensor[] tr = Cifar.stack(List.of(Cifar.loadBatch(batchesDir.resolve("train"), key)));
        Tensor[] te = Cifar.stack(List.of(Cifar.loadBatch(batchesDir.resolve("test"), key)));
        return new Split(tr[0], tr[1], te[0], te[1]);
    }

    private static void checkLabelMode(String labelMode) {
        if (!"fine".equals(labelMode) && !"coarse".equals(labelMode)) {
            throw new IllegalArgumentException("`label_mode` must be one of `\"fine\"`, `\"coarse\"`. Received: label_mode=" + labelMode + ".");
        }
    }
}
