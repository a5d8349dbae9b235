package io.deocc.engine.djl.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.deocc.api.spi.Stage;
import io.deocc.model.BackboneSpec;
import io.deocc.model.ModelCard;
import io.deocc.engine.djl.model.ModelFiles;
import io.deocc.api.network.Normalisation;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * Model cards for the segmenter's tests. The main one is a "red detector": a depth-1, width-1 U-Net
 * whose weights are set by hand so that its logit is {@link #GAIN} · red + {@link #BIAS} at every
 * pixel (red in [0, 1] after the card's normalisation). Every 3×3 convolution passes channel 0 through
 * its centre tap only, every batch norm is the identity (running mean 0, variance 1, scale 1, shift 0,
 * up to the factor 1/sqrt(1 + 1e-5) per norm), and the decoder takes the skip's channel 0, which is
 * the red channel at full resolution (the deeper level carries only the up-sampled half and is
 * ignored). So a pixel is a person exactly when its red is above 0.5, and the tests can derive the
 * segmentation of any image by hand.
 */
final class SegmenterModels {
    static final int INPUT_SIZE = 64;
    static final BackboneSpec SPEC = new BackboneSpec(3, 1, 1, 1);
    static final float GAIN = 20f;
    static final float BIAS = -10f;

    private SegmenterModels() {
    }

    /** The red detector with unit normalisation, written once per JVM into a folder deleted on exit. */
    static Path redDetector() {
        return Holder.CARD;
    }

    /** Saves the red detector into {@code dir} with the given normalisation. */
    static Path saveRedDetector(Path dir, String name, Normalisation normalisation) {
        DjlEngine engine = TestEngine.get();
        try (NDManager manager = engine.newManager()) {
            Block block = engine.backbones().get(UNetBackbone.NAME).build(SPEC);
            block.initialize(manager, DataType.FLOAT32, new Shape(1, SPEC.inputChannels(), INPUT_SIZE, INPUT_SIZE));
            for (Pair<String, Parameter> parameter : block.getParameters()) {
                setByHand(parameter.getKey(), parameter.getValue());
            }
            save(dir, name, block, Stage.SEGMENTATION, SPEC, normalisation);
        }
        return dir.resolve(name + ModelFiles.CARD_SUFFIX);
    }

    /** Saves a seeded random U-Net of {@code spec} with a card for {@code stage} into {@code dir}. */
    static Path saveRandom(Path dir, String name, Stage stage, BackboneSpec spec) {
        DjlEngine engine = TestEngine.get();
        try (NDManager manager = engine.newManager()) {
            engine.seed(11);
            Block block = engine.backbones().get(UNetBackbone.NAME).build(spec);
            block.initialize(manager, DataType.FLOAT32, new Shape(1, spec.inputChannels(), INPUT_SIZE, INPUT_SIZE));
            save(dir, name, block, stage, spec, Normalisation.UNIT);
        }
        return dir.resolve(name + ModelFiles.CARD_SUFFIX);
    }

    private static void save(Path dir, String name, Block block, Stage stage, BackboneSpec spec,
            Normalisation normalisation) {
        ModelCard card = ModelCard.unsaved(stage, UNetBackbone.NAME, spec, INPUT_SIZE, 1, normalisation,
                Map.of("steps", 0), Map.of(), "deocc test");
        ModelFiles.save(dir, name, block, card);
    }

    private static void setByHand(String key, Parameter parameter) {
        NDArray array = parameter.getArray();
        Shape shape = array.getShape();
        float[] values = new float[Math.toIntExact(shape.size())];
        switch (parameter.getType()) {
            case WEIGHT -> {
                if (shape.dimension() != 4) {
                    throw new IllegalStateException("unexpected weight " + key + " of shape " + shape);
                }
                // element [0, 0, centre, centre]: output channel 0 copies input channel 0 at the same pixel
                int kernel = Math.toIntExact(shape.get(2) * shape.get(3));
                int centre = Math.toIntExact((shape.get(2) / 2) * shape.get(3) + shape.get(3) / 2);
                values[centre] = shape.get(0) == SPEC.outputChannels() && kernel == 1 ? GAIN : 1f;
            }
            case BIAS -> values[0] = BIAS; // only the 1×1 head has a bias
            case GAMMA, RUNNING_VAR -> Arrays.fill(values, 1f);
            case BETA, RUNNING_MEAN -> Arrays.fill(values, 0f);
            default -> throw new IllegalStateException("unexpected parameter " + key + " of type " + parameter.getType());
        }
        array.set(values);
    }

    // initialised on first use, so that the card exists before any contract test asks for its config
    private static final class Holder {
        static final Path CARD = create();

        private static Path create() {
            try {
                Path dir = Files.createTempDirectory("deocc-djl-segmenter-");
                Path card = saveRedDetector(dir, "red-detector", Normalisation.UNIT);
                dir.toFile().deleteOnExit();
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
