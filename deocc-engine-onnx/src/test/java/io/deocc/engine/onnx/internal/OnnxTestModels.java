package io.deocc.engine.onnx.internal;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import io.deocc.api.network.Normalisation;
import io.deocc.api.spi.Stage;
import io.deocc.engine.djl.Networks;
import io.deocc.engine.djl.export.OnnxExport;
import io.deocc.engine.djl.model.LoadedModel;
import io.deocc.engine.djl.model.ModelFiles;
import io.deocc.model.BackboneSpec;
import io.deocc.model.ModelCard;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * ONNX models for this engine's tests, made the way users make them: trained (here: seeded random)
 * weights saved by the DJL engine, then {@code deocc export}ed. The DJL engine is a test dependency only.
 */
final class OnnxTestModels {
    static final int INPUT_SIZE = 64;
    /** The repository's shipped models. */
    static final Path SHIPPED = Path.of("..", "models").toAbsolutePath().normalize();

    private OnnxTestModels() {
    }

    /** The DJL engine, loaded once with 2 threads. */
    static Networks networks() {
        return Holder.NETWORKS;
    }

    /** A seeded random network of the backbone saved as a DJL card in {@code dir}; returns the card. */
    static Path saveRandom(Path dir, String name, Stage stage, String backbone, BackboneSpec spec) {
        Networks networks = networks();
        try (NDManager manager = networks.newManager()) {
            networks.seed(7);
            Block block = networks.build(backbone, spec);
            block.initialize(manager, DataType.FLOAT32,
                    networks.backbones().get(backbone).inputShapes(spec, 1, INPUT_SIZE, INPUT_SIZE));
            ModelCard card = ModelCard.unsaved(stage, backbone, spec, INPUT_SIZE, 2, Normalisation.UNIT,
                    Map.of("steps", 0), Map.of(), "deocc test");
            ModelFiles.save(dir, name, block, card);
        }
        return dir.resolve(name + ModelCard.CARD_SUFFIX);
    }

    /** Exports a DJL card's model to {@code out} (NAME.onnx); returns the card written beside it. */
    static Path export(Path djlCard, Path out, boolean keepParameters) {
        Networks networks = networks();
        ModelCard card = ModelCard.read(djlCard);
        try (NDManager manager = networks.newManager()) {
            LoadedModel model = ModelFiles.load(djlCard, card.backbone(), networks.backbones(), manager);
            return OnnxExport.write(model, networks.backbones(), out, keepParameters).card().orElseThrow();
        }
    }

    /** A tiny exported mask U-Net (4 → 1 channels, depth 2), written once per JVM. */
    static Path maskCard() {
        return Holder.MASK;
    }

    /** A tiny exported PConv+PGA content network, written once per JVM. */
    static Path contentCard() {
        return Holder.CONTENT;
    }

    /** A tiny exported segmentation U-Net (3 → 1 channels), written once per JVM. */
    static Path segmenterCard() {
        return Holder.SEGMENTER;
    }

    private static final class Holder {
        static final Networks NETWORKS = Networks.load(2);
        static final Path MASK = create("mask", Stage.MASK_COMPLETION, "unet", new BackboneSpec(4, 1, 2, 1));
        static final Path CONTENT = create("content", Stage.CONTENT_RECOVERY, "pconv-pga", new BackboneSpec(5, 3, 1, 1));
        static final Path SEGMENTER = create("segmenter", Stage.SEGMENTATION, "unet", new BackboneSpec(3, 1, 2, 1));

        private static Path create(String name, Stage stage, String backbone, BackboneSpec spec) {
            try {
                Path dir = Files.createTempDirectory("deocc-onnx-" + name + "-");
                dir.toFile().deleteOnExit();
                Path djl = saveRandom(dir, name + "-djl", stage, backbone, spec);
                Path card = export(djl, dir.resolve(name + ".onnx"), false);
                try (var files = Files.list(dir)) {
                    files.map(Path::toFile).forEach(File::deleteOnExit);
                }
                return card;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
