package io.keras4j.datasets;

import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.PickleUtils;
import net.razorvine.pickle.Unpickler;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keras's {@code npz_utils.RestrictedUnpickler}: reads a pickle that may only rebuild numpy arrays
 * (the CIFAR batches, the object arrays of {@code imdb.npz} and {@code reuters.npz}). Any other
 * global ({@code os.system}, a user class) is refused with Keras's message, so a tampered file
 * cannot run code or build arbitrary objects. Arrays come back as {@link PickledArray}s.
 *
 * <p>It builds on Pyrolite's {@link Unpickler} for the opcodes and intercepts those that name or
 * configure classes: {@code GLOBAL}/{@code STACK_GLOBAL} resolve only the four allowed names,
 * {@code BUILD} only fills in arrays and dtypes, {@code INST}/{@code OBJ}/extension codes fail.
 */
final class RestrictedUnpickler extends Unpickler {
    private static final Set<String> ALLOWED = Set.of(
            "numpy ndarray", "numpy dtype", "numpy.core.multiarray _reconstruct", "numpy._core.multiarray _reconstruct");

    /** The class numpy.ndarray: only ever passed to _reconstruct, never called itself. */
    private static final IObjectConstructor NDARRAY = args -> {
        throw new PickleException("Refusing to call numpy.ndarray directly while loading a Keras dataset. The file may be corrupted or malicious.");
    };

    /** Reads one pickle from the stream (which it does not close). */
    static Object read(InputStream in) throws IOException {
        RestrictedUnpickler u = new RestrictedUnpickler();
        try {
            return u.load(in);
        } catch (PickleException e) {
            throw new IOException(e.getMessage(), e);
        } finally {
            u.memo.clear(); // Unpickler.close() also closes the stream, which is the caller's
        }
    }

    private RestrictedUnpickler() {}

    @Override
    protected Object dispatch(short key) throws PickleException, IOException {
        switch (key) {
            case Opcodes.GLOBAL -> {
                String module = PickleUtils.readline(input);
                String name = PickleUtils.readline(input);
                stack.add(resolve(module, name));
                return NO_RETURN_VALUE;
            }
            case Opcodes.STACK_GLOBAL -> {
                String name = (String) stack.pop();
                String module = (String) stack.pop();
                stack.add(resolve(module, name));
                return NO_RETURN_VALUE;
            }
            case Opcodes.BUILD -> {
                Object state = stack.pop();
                Object target = stack.peek();
                if (target instanceof PickledArray a && state instanceof Object[] s) a.setState(s);
                else if (target instanceof PickledArray.DTypeValue d && state instanceof Object[] s) d.setState(s);
                else throw new PickleException("Refusing to set the state of " + describe(target) + " while loading a Keras dataset. The file may be corrupted or malicious.");
                return NO_RETURN_VALUE;
            }
            case Opcodes.INST, Opcodes.OBJ, Opcodes.EXT1, Opcodes.EXT2, Opcodes.EXT4, Opcodes.PERSID, Opcodes.BINPERSID ->
                    throw new PickleException("Refusing to deserialize the pickle opcode " + key + " while loading a Keras dataset. The file may be corrupted or malicious.");
            default -> {
                return super.dispatch(key);
            }
        }
    }

    private static IObjectConstructor resolve(String module, String name) {
        if (!ALLOWED.contains(module + " " + name)) {
            throw new PickleException("Refusing to deserialize `" + module + "." + name + "` while loading a Keras dataset. The file may be corrupted or malicious.");
        }
        return switch (name) {
            case "ndarray" -> NDARRAY;
            case "dtype" -> args -> new PickledArray.DTypeValue(text(args[0]));
            default -> args -> { // _reconstruct(ndarray, (0,), b'b'): an empty array that BUILD fills
                if (args.length == 0 || args[0] != NDARRAY) throw new PickleException("_reconstruct expects numpy.ndarray");
                return new PickledArray();
            };
        };
    }

    /** A Python 2 str arrives as a String of bytes, a Python 3 bytes as byte[]. */
    static String text(Object o) {
        if (o instanceof byte[] b) return new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
        return String.valueOf(o);
    }

    private static String describe(Object o) {
        if (o instanceof Map) return "a dict";
        if (o instanceof List) return "a list";
        return o == null ? "None" : o.getClass().getSimpleName();
    }
}
