package io.deocc.engine.djl.internal;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import io.deocc.api.spi.Stage;
import io.deocc.engine.djl.backbone.BackboneSpec;
import io.deocc.engine.djl.model.ModelCard;
import io.deocc.engine.djl.model.ModelFiles;
import io.deocc.engine.djl.model.Normalisation;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Tiny, randomly initialised U-Net model cards for the completer's tests; the contract does not need quality. */
final class UNetCompleterModels {
    static final int INPUT_SIZE = 64;
    static final BackboneSpec SPEC = new BackboneSpec(4, 1, 2, 1);

    private UNetCompleterModels() {
    }

    /** A valid mask-completion card, written once per JVM into a folder deleted on exit. */
    static Path validCard() {
        return Holder.CARD;
    }

    /** Saves a seeded random U-Net of {@code spec} with a card for {@code stage} into {@code dir}. */
    static Path save(Path dir, String name, Stage stage, BackboneSpec spec) {
        DjlEngine engine = TestEngine.get();
        try (NDManager manager = engine.newManager()) {
            engine.seed(7);
            Block block = engine.backbones().get(UNetBackbone.NAME).build(spec);
            block.initialize(manager, DataType.FLOAT32, new Shape(1, spec.inputChannels(), INPUT_SIZE, INPUT_SIZE));
            ModelCard card = ModelCard.unsaved(stage, UNetBackbone.NAME, spec, INPUT_SIZE, 2, Normalisation.UNIT,
                    Map.of("steps", 0), Map.of(), "deocc test");
            ModelFiles.save(dir, name, block, card);
        }
        return dir.resolve(name + ModelFiles.CARD_SUFFIX);
    }

    // initialised on first use, so that the card exists before any contract test asks for its config
    private static final class Holder {
        static final Path CARD = create();

        private static Path create() {
            try {
                Path dir = Files.createTempDirectory("deocc-djl-unet-");
                Path card = save(dir, "mask-unet", Stage.MASK_COMPLETION, SPEC);
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
