package io.keras4j.saving;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * User classes that model files may name (Keras's {@code register_keras_serializable} and
 * {@code custom_objects}). A class registered as {@code ("my_package", "MyLayer")} is written with
 * {@code "registered_name": "my_package>MyLayer"} and rebuilt from its config by the factory given
 * here. Built-in Keras classes need no registration: their own registries ({@code Layers},
 * {@code Optimizers}, ...) know them.
 * <pre>{@code
 * ObjectRegistry.registerKerasSerializable("my_package", "Scale", Scale.class, Scale::fromConfig);
 * }</pre>
 */
public final class ObjectRegistry {
    private ObjectRegistry() {}

    /** One registered class: its registered name, Java class (may be null) and factory. */
    public record Entry(String registeredName, Class<?> type, Function<Map<String, Object>, ?> factory) {}

    private static final Map<String, Entry> BY_NAME = new ConcurrentHashMap<>();
    private static final Map<Class<?>, Entry> BY_CLASS = new ConcurrentHashMap<>();

    /**
     * Registers {@code package>name} (Keras's default package is {@code "Custom"}). {@code type}
     * lets the saver write the registered name for instances of that class.
     */
    public static void registerKerasSerializable(String pkg, String name, Class<?> type, Function<Map<String, Object>, ?> factory) {
        if (name == null || name.isEmpty()) throw new IllegalArgumentException("Argument `name` must be a non-empty string. Received: name=" + name);
        String registered = (pkg == null ? "Custom" : pkg) + ">" + name;
        Entry e = new Entry(registered, type, Objects.requireNonNull(factory, "factory"));
        BY_NAME.put(registered, e);
        if (type != null) BY_CLASS.put(type, e);
    }

    /** Registers a factory for loading only (no Java class to recognise when saving). */
    public static void registerKerasSerializable(String pkg, String name, Function<Map<String, Object>, ?> factory) {
        registerKerasSerializable(pkg, name, null, factory);
    }

    /**
     * Registers a custom object under a bare name, as Keras's {@code custom_objects={"name": ...}}:
     * it is found by {@code class_name} alone, as older files (and Keras 2 configs) name them.
     */
    public static void registerCustomObject(String className, Function<Map<String, Object>, ?> factory) {
        BY_NAME.put(className, new Entry(className, null, Objects.requireNonNull(factory, "factory")));
    }

    /** Forgets a registration (tests). */
    public static void unregister(String registeredName) {
        Entry e = BY_NAME.remove(registeredName);
        if (e != null && e.type() != null) BY_CLASS.remove(e.type());
    }

    /** Keras's {@code get_registered_name}: the registered name of this class, or null for an unregistered one. */
    public static String registeredName(Class<?> type) {
        Entry e = BY_CLASS.get(type);
        return e == null ? null : e.registeredName();
    }

    /** The entry for a registered name (or a bare custom-object name), or null. */
    public static Entry lookup(String name) { return name == null ? null : BY_NAME.get(name); }

    /**
     * The entry for a serialized object: by its {@code registered_name}; a registered name saved
     * without its package (Keras 3.6 and older wrote functions so) matches {@code "*>name"} when
     * exactly one registration ends so; an object without registered name is looked up by
     * {@code class_name} among the bare custom-object names.
     */
    static Entry find(String registeredName, String className) {
        if (registeredName != null) {
            Entry e = lookup(registeredName);
            if (e != null || registeredName.contains(">")) return e;
            Entry only = null;
            for (Entry c : BY_NAME.values()) {
                if (c.registeredName().endsWith(">" + registeredName)) {
                    if (only != null) return null;
                    only = c;
                }
            }
            return only != null ? only : lookup(className);
        }
        Entry e = lookup(className);
        return e != null && !e.registeredName().contains(">") ? e : null;
    }
}
