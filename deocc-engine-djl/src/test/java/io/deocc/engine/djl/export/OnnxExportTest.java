package io.deocc.engine.djl.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.LayerNorm;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.spi.Stage;
import io.deocc.engine.djl.Networks;
import io.deocc.model.BackboneSpec;
import io.deocc.engine.djl.model.LoadedModel;
import io.deocc.model.ModelCard;
import io.deocc.engine.djl.model.ModelFiles;
import io.deocc.api.network.Normalisation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The exported file's structure, names and metadata, and the export's refusals. */
class OnnxExportTest {
    private static final BackboneSpec UNET = new BackboneSpec(4, 1, 2, 1);
    private static final Shape UNET_INPUT = new Shape(1, 4, 32, 32);

    @TempDir
    Path dir;

    @Test
    void theUNetGraphHasADynamicBatchOpset17AndNoBatchNormLeft() throws Exception {
        Networks networks = OnnxParity.networks();
        try (NDManager manager = networks.newManager()) {
            Block block = initialised(networks, manager, "unet", UNET, UNET_INPUT);
            Path file = dir.resolve("unet.onnx");
            OnnxExportSummary summary = OnnxExport.write(block, UNET, new Shape[] {UNET_INPUT}, file);

            // depth 2: three encoder and two decoder levels, each two conv-BN-ReLU
            assertEquals(10, summary.foldedBatchNorms());
            assertEquals(List.of("input"), summary.inputs());
            assertEquals(List.of("output"), summary.outputs());
            assertEquals(Files.size(file), summary.bytes());

            ModelProto model = ModelProto.parseFrom(Files.readAllBytes(file));
            assertEquals(17, model.getOpsetImport(0).getVersion());
            assertEquals("", model.getOpsetImport(0).getDomain());
            assertShape(model.getGraph().getInput(0), "input", 4, 32, 32);
            assertShape(model.getGraph().getOutput(0), "output", 1, 32, 32);
            List<String> ops = model.getGraph().getNodeList().stream().map(NodeProto::getOpType).toList();
            assertFalse(ops.contains("BatchNormalization"), ops.toString());
            assertEquals(11, ops.stream().filter("Conv"::equals).count(), "ten 3x3 convolutions and the 1x1 head: " + ops);
            assertEquals("4,1,2,1", metadata(model).get(OnnxExport.BACKBONE_SPEC_KEY));
        }
    }

    @Test
    void aLoadedModelCarriesItsCardInsideTheFile() throws Exception {
        Networks networks = OnnxParity.networks();
        try (NDManager manager = networks.newManager()) {
            Block block = initialised(networks, manager, "unet", UNET, UNET_INPUT);
            ModelCard card = ModelCard.unsaved(Stage.MASK_COMPLETION, "unet", UNET, 32, 2, Normalisation.UNIT,
                    Map.of("steps", 0L), Map.of(), "deocc test");
            ModelFiles.save(dir, "mask", block, card);
            LoadedModel loaded = ModelFiles.load(dir.resolve("mask.card.json"), "unet", networks.backbones(), manager);

            Path file = dir.resolve("mask.onnx");
            OnnxExport.write(loaded, networks.backbones(), file, false);

            ModelProto model = ModelProto.parseFrom(Files.readAllBytes(file));
            Map<String, String> metadata = metadata(model);
            assertEquals(loaded.card(), ModelCard.parse(metadata.get(OnnxExport.MODEL_CARD_KEY), "metadata"));
            assertEquals("unet", metadata.get(OnnxExport.BACKBONE_KEY));
            // ONNX Runtime reads the same card from the file
            try (OrtSession session = OrtEnvironment.getEnvironment().createSession(file.toString(), new OrtSession.SessionOptions())) {
                assertEquals(metadata.get(OnnxExport.MODEL_CARD_KEY),
                        session.getMetadata().getCustomMetadataValue(OnnxExport.MODEL_CARD_KEY).orElseThrow());
                long[] inputShape = ((ai.onnxruntime.TensorInfo) session.getInputInfo().get("input").getInfo()).getShape();
                assertEquals(-1, inputShape[0], "the batch is dynamic");
            }
        }
    }

    @Test
    void aVaeAndPConvWithAttentionNameTheirTensors() {
        Networks networks = OnnxParity.networks();
        try (NDManager manager = networks.newManager()) {
            Block vae = initialised(networks, manager, "vae", UNET, UNET_INPUT);
            OnnxExportSummary vaeSummary = OnnxExport.write(vae, UNET, new Shape[] {UNET_INPUT}, dir.resolve("vae.onnx"));
            assertEquals(List.of("output", "latent_mean", "latent_log_variance"), vaeSummary.outputs());

            BackboneSpec content = new BackboneSpec(5, 3, 1, 1);
            Shape[] shapes = networks.backbones().get("pconv-pga").inputShapes(content, 1, 32, 32);
            Block pga = initialised(networks, manager, "pconv-pga", content, shapes);
            OnnxExportSummary pgaSummary = OnnxExport.write(pga, content, shapes, dir.resolve("pga.onnx"));
            assertEquals(List.of("input", "visible_parsing", "amodal_parsing"), pgaSummary.inputs());
            assertEquals(List.of("output"), pgaSummary.outputs());
        }
    }

    @Test
    void anUnknownBlockTypeFailsNamingItsClassAndWritesNothing() {
        Networks networks = OnnxParity.networks();
        try (NDManager manager = networks.newManager()) {
            SequentialBlock block = new SequentialBlock()
                    .add(Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(2).build())
                    .add(LayerNorm.builder().build());
            Shape input = new Shape(1, 2, 4, 4);
            block.initialize(manager, DataType.FLOAT32, input);
            Path file = dir.resolve("layernorm.onnx");
            DeoccException e = assertThrows(DeoccException.class,
                    () -> OnnxExport.write(block, UNET, new Shape[] {input}, file));
            assertEquals(ErrorCode.INVALID_ARGUMENT, e.errorCode());
            assertTrue(e.getMessage().contains(LayerNorm.class.getName()) && e.getMessage().contains("cannot be exported"),
                    e.getMessage());
            assertFalse(Files.exists(file));
        }
    }

    @Test
    void aLambdaThatIsNotWhatItsNameSaysIsRefused() {
        Networks networks = OnnxParity.networks();
        try (NDManager manager = networks.newManager()) {
            // named like DJL's ReLU block but computing a sigmoid: the probe must catch it
            SequentialBlock block = new SequentialBlock()
                    .add(Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(2).build())
                    .add(new LambdaBlock(list -> Activation.sigmoid(list), "ReLU"));
            Shape input = new Shape(1, 2, 4, 4);
            block.initialize(manager, DataType.FLOAT32, input);
            DeoccException e = assertThrows(DeoccException.class,
                    () -> OnnxExport.write(block, UNET, new Shape[] {input}, dir.resolve("lambda.onnx")));
            assertTrue(e.getMessage().contains(LambdaBlock.class.getName()), e.getMessage());
        }
    }

    @Test
    void badArgumentsAreRefusedWithCodes() {
        Networks networks = OnnxParity.networks();
        Path file = dir.resolve("x.onnx");
        try (NDManager manager = networks.newManager()) {
            Block block = initialised(networks, manager, "unet", UNET, UNET_INPUT);
            Shape[] shapes = {UNET_INPUT};
            assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(DeoccException.class,
                    () -> OnnxExport.write(null, UNET, shapes, file)).errorCode());
            assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(DeoccException.class,
                    () -> OnnxExport.write(block, null, shapes, file)).errorCode());
            assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(DeoccException.class,
                    () -> OnnxExport.write(block, UNET, new Shape[0], file)).errorCode());
            assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(DeoccException.class,
                    () -> OnnxExport.write(block, UNET, shapes, null)).errorCode());
            // 30 is no multiple of 2^2: the U-Net's own size check answers
            assertEquals(ErrorCode.SIZE_MISMATCH, assertThrows(DeoccException.class,
                    () -> OnnxExport.write(block, UNET, new Shape[] {new Shape(1, 4, 30, 30)}, file)).errorCode());
            Block fresh = networks.build("unet", UNET);
            DeoccException uninitialised = assertThrows(DeoccException.class, () -> OnnxExport.write(fresh, UNET, shapes, file));
            assertTrue(uninitialised.getMessage().contains("not initialised"), uninitialised.getMessage());
            assertFalse(Files.exists(file));
        }
    }

    private static Block initialised(Networks networks, NDManager manager, String name, BackboneSpec spec, Shape... shapes) {
        networks.seed(3);
        Block block = networks.build(name, spec);
        block.initialize(manager, DataType.FLOAT32, shapes);
        return block;
    }

    private static void assertShape(ValueInfoProto value, String name, long... dimsAfterBatch) {
        assertEquals(name, value.getName());
        List<TensorShapeProto.Dimension> dims = value.getType().getTensorType().getShape().getDimList();
        assertEquals(dimsAfterBatch.length + 1, dims.size());
        assertEquals("N", dims.get(0).getDimParam());
        for (int i = 0; i < dimsAfterBatch.length; i++) {
            assertEquals(dimsAfterBatch[i], dims.get(i + 1).getDimValue());
        }
    }

    private static Map<String, String> metadata(ModelProto model) {
        return model.getMetadataPropsList().stream()
                .collect(Collectors.toMap(StringStringEntryProto::getKey, StringStringEntryProto::getValue));
    }
}
