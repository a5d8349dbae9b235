package io.deocc.engine.djl.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Fuses a {@link ResNet18Encoder} of the input's RGB channels into a U-Net bottleneck: the ResNet's
 * last map is resized (bilinear) to the bottleneck's size, concatenated with it, and a 1×1
 * convolution with batch norm and ReLU brings the result back to the bottleneck's width (the
 * norm and ReLU keep the decoder's input on the same footing as the encoder's BN-ReLU maps).
 */
final class ResNetBottleneckFusion extends AbstractBlock implements UNetBlock.BottleneckFusion {
    /** The image encoder sees the first three input channels, which are RGB by convention. */
    static final int RGB_CHANNELS = 3;

    private static final byte VERSION = 1;

    private final ResNet18Encoder imageEncoder;
    private final Block merge;

    ResNetBottleneckFusion(int width, int bottleneckChannels) {
        super(VERSION);
        imageEncoder = addChildBlock("imageEncoder", new ResNet18Encoder(width));
        merge = addChildBlock("merge", new SequentialBlock()
                .add(BasicResidualBlock.conv(bottleneckChannels, 1, 1))
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock()));
    }

    @Override
    public int sizeMultiple() {
        return ResNet18Encoder.STRIDE;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray bottleneck = inputs.get(0);
        NDArray rgb = inputs.get(1).get(":, 0:" + RGB_CHANNELS + ", :, :");
        NDArray image = imageEncoder.forward(store, new NDList(rgb), training, params).singletonOrThrow();
        NDArray resized = UNetBlock.upsampleBilinear(image, bottleneck.getShape().get(2), bottleneck.getShape().get(3));
        NDArray merged = NDArrays.concat(new NDList(bottleneck, resized), 1);
        return merge.forward(store, new NDList(merged), training, params);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape bottleneck = inputShapes[0];
        Shape input = inputShapes[1];
        imageEncoder.initialize(manager, dataType, new Shape(input.get(0), RGB_CHANNELS, input.get(2), input.get(3)));
        merge.initialize(manager, dataType, new Shape(bottleneck.get(0),
                bottleneck.get(1) + imageEncoder.outputChannels(), bottleneck.get(2), bottleneck.get(3)));
    }
}
