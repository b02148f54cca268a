/**
 * Saving and loading models as Keras 3 does ({@code keras/src/saving}).
 *
 * <ul>
 *   <li>{@link io.keras4j.saving.SavingApi}: the entry points behind {@code model.save},
 *       {@code model.saveWeights}, {@code model.loadWeights} and {@code Models.loadModel}; the
 *       format follows the file name ({@code .keras}, {@code .weights.h5}, legacy
 *       {@code .h5}/{@code .hdf5} in {@code saving.legacy}). Files are written atomically.</li>
 *   <li>{@link io.keras4j.saving.KerasArchive}: the {@code .keras} zip (metadata.json,
 *       config.json with compile_config, model.weights.h5, assets/).</li>
 *   <li>{@link io.keras4j.saving.SavingLib}: the walk that names every object's variables in the
 *       weights store ({@code layers/dense_1/vars/0}, {@code optimizer/vars/0}, ...), and
 *       {@code .weights.h5} files.</li>
 *   <li>{@link io.keras4j.saving.ModelConfigs}: model configs both ways, Keras 3 and the Keras 1/2
 *       dialect; {@link io.keras4j.saving.SerializationLib}: any Keras object's serialized form;
 *       {@link io.keras4j.saving.CompileConfigs}: compile settings.</li>
 *   <li>{@link io.keras4j.saving.ObjectRegistry}: user classes that files may name
 *       ({@code register_keras_serializable}).</li>
 *   <li>{@link io.keras4j.saving.ModelFileException}: every malformed file.</li>
 * </ul>
 */
package io.keras4j.saving;
