package io.deocc.engine.djl.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A ResNet-18 image encoder without its classifier: conv7×7/2-BN-ReLU, max-pool 3×3/2, then four
 * stages of two {@link BasicResidualBlock}s (the first block of stages 2–4 has stride 2). Total
 * stride 32.
 *
 * <p>Stage channels are ResNet-18's 64, 128, 256, 512 scaled by width/4, i.e. 16w, 32w, 64w, 128w:
 * width 4 (the paper's reference U-Net width) gives exactly ResNet-18, and the stages then match
 * the U-Net's own level widths, which keeps the fused bottleneck balanced at every width.
 */
final class ResNet18Encoder extends AbstractBlock {
    /** The factor by which the last feature map is smaller than the input. */
    static final int STRIDE = 32;

    private static final byte VERSION = 1;
    private static final int BLOCKS_PER_STAGE = 2;
    private static final int STAGES = 4;
    // ResNet-18's 64 channels at width 4
    private static final int CHANNELS_PER_WIDTH = 16;

    private final int width;
    private final Block stem;
    private final Block stages;

    ResNet18Encoder(int width) {
        super(VERSION);
        this.width = width;
        stem = addChildBlock("stem", new SequentialBlock()
                .add(BasicResidualBlock.conv(stageChannels(0), 7, 2))
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock())
                .add(Pool.maxPool2dBlock(new Shape(3, 3), new Shape(2, 2), new Shape(1, 1))));
        SequentialBlock body = new SequentialBlock();
        int channelsIn = stageChannels(0);
        for (int stage = 0; stage < STAGES; stage++) {
            for (int block = 0; block < BLOCKS_PER_STAGE; block++) {
                int stride = stage > 0 && block == 0 ? 2 : 1;
                body.add(new BasicResidualBlock(channelsIn, stageChannels(stage), stride));
                channelsIn = stageChannels(stage);
            }
        }
        stages = addChildBlock("stages", body);
    }

    /** Channels of a stage (0–3): 16w·2^stage, i.e. 64, 128, 256, 512 at w=4. */
    int stageChannels(int stage) {
        return CHANNELS_PER_WIDTH * width << stage;
    }

    /** Channels of the last feature map. */
    int outputChannels() {
        return stageChannels(STAGES - 1);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = stem.forward(store, inputs, training, params).singletonOrThrow();
        return stages.forward(store, new NDList(x), training, params);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return stages.getOutputShapes(stem.getOutputShapes(new Shape[] {in}));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        stem.initialize(manager, dataType, inputShapes[0]);
        stages.initialize(manager, dataType, stem.getOutputShapes(new Shape[] {inputShapes[0]}));
    }
}
