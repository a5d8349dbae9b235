package io.deocc.engine.djl.internal;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import io.deocc.api.spi.Stage;
import io.deocc.engine.djl.backbone.Backbone;
import io.deocc.model.BackboneSpec;
import io.deocc.model.ModelCard;
import io.deocc.engine.djl.model.ModelFiles;
import io.deocc.api.network.Normalisation;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Tiny, randomly initialised model cards for the components' tests; the contracts do not need quality. */
final class TestModels {
    static final int INPUT_SIZE = 64;
    static final BackboneSpec SPEC = new BackboneSpec(4, 1, 2, 1);

    private TestModels() {
    }

    /** A valid mask-completion card, written once per JVM into a folder deleted on exit. */
    static Path validCard() {
        return Holder.CARD;
    }

    /** A valid content-recovery card (PConv+PGA, 16 base channels), written once per JVM. */
    static Path validContentCard() {
        return Holder.CONTENT_CARD;
    }

    /** Saves a seeded random U-Net of {@code spec} with a card for {@code stage} into {@code dir}. */
    static Path save(Path dir, String name, Stage stage, BackboneSpec spec) {
        return save(dir, name, stage, UNetBackbone.NAME, spec);
    }

    /** Saves a seeded random network of the named backbone with a card for {@code stage} into {@code dir}. */
    static Path save(Path dir, String name, Stage stage, String backbone, BackboneSpec spec) {
        DjlEngine engine = TestEngine.get();
        try (NDManager manager = engine.newManager()) {
            engine.seed(7);
            Backbone factory = engine.backbones().get(backbone);
            Block block = factory.build(spec);
            block.initialize(manager, DataType.FLOAT32, factory.inputShapes(spec, 1, INPUT_SIZE, INPUT_SIZE));
            ModelCard card = ModelCard.unsaved(stage, backbone, spec, INPUT_SIZE, 2, Normalisation.UNIT,
                    Map.of("steps", 0), Map.of(), "deocc test");
            ModelFiles.save(dir, name, block, card);
        }
        return dir.resolve(name + ModelFiles.CARD_SUFFIX);
    }

    // initialised on first use, so that the card exists before any contract test asks for its config
    private static final class Holder {
        static final Path CARD = create("mask-unet", Stage.MASK_COMPLETION, UNetBackbone.NAME, SPEC);
        static final Path CONTENT_CARD = create("content-pga", Stage.CONTENT_RECOVERY, PConvUNetBackbone.PGA_NAME,
                new BackboneSpec(5, 3, 1, 1));

        private static Path create(String name, Stage stage, String backbone, BackboneSpec spec) {
            try {
                Path dir = Files.createTempDirectory("deocc-djl-" + name + "-");
                Path card = save(dir, name, stage, backbone, spec);
                deleteOnExit(dir, card);
                return card;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static void deleteOnExit(Path dir, Path card) throws IOException {
            // registered folder first: deleteOnExit runs in reverse order, so the files go before it
            dir.toFile().deleteOnExit();
            try (var files = Files.list(dir)) {
                files.map(Path::toFile).forEach(File::deleteOnExit);
            }
        }
    }
}
