package io.deocc.engine.djl.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import io.deocc.engine.djl.Networks;
import io.deocc.engine.djl.backbone.Backbone;
import io.deocc.model.BackboneSpec;
import io.deocc.engine.djl.export.OnnxParity.InputKind;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Every bound backbone, with random weights and non-trivial batch-norm statistics (random, or calibrated
 * for the PConv networks), exported to ONNX and run by ONNX Runtime: each output agrees with libtorch's
 * inference pass within 1e-4 at two batch sizes (the graph's batch is dynamic). Small widths and sizes
 * keep it quick on two cores.
 */
class OnnxExportParityTest {
    private static final double TOLERANCE = 1e-4;
    private static final long[] BATCHES = {1, 3};

    @TempDir
    Path dir;

    static Stream<Arguments> backbones() {
        InputKind[] values = {InputKind.VALUES};
        InputKind[] imageAndMask = {InputKind.IMAGE_AND_MASK};
        return Stream.of(
                Arguments.of("unet", new BackboneSpec(4, 1, 2, 1), 32, values, false),
                Arguments.of("resnet-unet", new BackboneSpec(4, 1, 2, 1), 32, values, false),
                Arguments.of("ae", new BackboneSpec(4, 1, 2, 1), 32, values, false),
                Arguments.of("vae", new BackboneSpec(4, 1, 2, 1), 32, values, false),
                // the pose masks are 32x32, so 32 is the smallest input
                Arguments.of("stacked-unet", new BackboneSpec(4, 2, 2, 1), 32, imageAndMask, false),
                Arguments.of("stacked-unet-plain", new BackboneSpec(4, 2, 2, 1), 32, imageAndMask, false),
                // seven levels of renormalised partial convolutions: random statistics leave the activations
                // so large that rounding alone differs by ~5e-4, so these are calibrated (see OnnxParity)
                Arguments.of("pconv-unet", new BackboneSpec(5, 3, 1, 1), 32, new InputKind[] {InputKind.CONTENT}, true),
                // 40 halves to 20, 10, 5, 3, 2, 1, 1: up-sampling 3 -> 5 and 2 -> 3 are no exact doublings
                Arguments.of("pconv-unet", new BackboneSpec(5, 3, 1, 1), 40, new InputKind[] {InputKind.CONTENT}, true),
                Arguments.of("pconv-pga", new BackboneSpec(5, 3, 1, 1), 32,
                        new InputKind[] {InputKind.CONTENT, InputKind.ONE_HOT, InputKind.ONE_HOT}, true));
    }

    @ParameterizedTest(name = "{0} at {2}")
    @MethodSource("backbones")
    void onnxRuntimeAgreesWithLibtorch(String name, BackboneSpec spec, int size, InputKind[] kinds, boolean calibrate) throws Exception {
        Networks networks = OnnxParity.networks();
        Backbone backbone = networks.backbones().get(name);
        Shape[] shapes = backbone.inputShapes(spec, 1, size, size);
        try (NDManager manager = networks.newManager()) {
            networks.seed(11);
            Block block = networks.build(name, spec);
            block.initialize(manager, DataType.FLOAT32, shapes);
            if (calibrate) {
                OnnxParity.calibrateBatchNorms(block, manager, shapes, kinds, new Random(5));
            } else {
                OnnxParity.randomiseBatchNorms(block, new Random(5));
            }

            Path file = dir.resolve(name + ".onnx");
            OnnxExportSummary summary = OnnxExport.write(block, spec, shapes, file);
            assertEquals(shapes.length, summary.inputs().size());

            Random random = new Random(23);
            for (long batch : BATCHES) {
                List<float[]> inputs = OnnxParity.randomInputs(shapes, kinds, batch, random);
                List<float[]> expected = OnnxParity.djlForward(block, manager, shapes, batch, inputs);
                List<float[]> actual = OnnxParity.ortForward(file, summary.inputs(), summary.outputs(), shapes, batch, inputs);
                assertEquals(expected.size(), actual.size(), "output count");
                for (int i = 0; i < expected.size(); i++) {
                    // an all-zero output would agree with anything; random weights give a spread of values
                    assertTrue(OnnxParity.spread(expected.get(i)) > 0.01, name + " output " + i + " is nearly constant");
                    double diff = OnnxParity.maxAbsDiff(expected.get(i), actual.get(i));
                    assertTrue(diff <= TOLERANCE, name + " output " + summary.outputs().get(i) + " at batch " + batch
                            + ": max |DJL - ORT| = " + diff);
                }
            }
        }
    }
}
