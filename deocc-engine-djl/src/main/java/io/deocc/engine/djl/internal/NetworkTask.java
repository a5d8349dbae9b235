package io.deocc.engine.djl.internal;

import io.deocc.mask.network.SegmentationNetwork;
import io.deocc.content.network.ContentNetwork;
import io.deocc.mask.network.MaskNetwork;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.loss.Loss;
import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.spi.Stage;
import io.deocc.data.Sample;
import io.deocc.model.BackboneSpec;
import io.deocc.api.network.Normalisation;
import java.util.List;
import java.util.OptionalDouble;

/**
 * What training needs to know about one stage's network: how a batch of samples becomes inputs and
 * labels, which loss it learns from, and how a trained block is scored on a validation sample — by the
 * same code the stage's component runs ({@link MaskNetwork}, {@link ContentNetwork},
 * {@link SegmentationNetwork}).
 */
public interface NetworkTask {
    /** The stage the network serves. */
    Stage stage();

    /** The loss, as the training recipe names it, e.g. {@code sigmoid-bce}. */
    String lossName();

    /** A new loss instance. */
    Loss loss();

    /** Output classes a model card records for this task. */
    int classes();

    /**
     * The network's inputs ({@code [0]}) and the loss's labels ({@code [1]}) for {@code samples}, created on
     * {@code manager}.
     *
     * @throws DeoccException {@code INVALID_ARGUMENT} when a sample lacks ground truth this task needs
     */
    NDList[] batch(NDManager manager, List<Sample> samples);

    /** The validation metric's name as cards record it, e.g. {@code validation-amodal-miou}. */
    String metricName();

    /** A fresh accumulator of the validation metric. */
    Scorer newScorer();

    /** Scores samples one at a time with the component's own inference code. */
    interface Scorer {
        /** Runs {@code block} on the sample under a sub-manager of {@code manager} and accumulates its score. */
        void add(Block block, NDManager manager, Sample sample);

        /** The metric over the samples added so far; empty when none was added. */
        OptionalDouble result();
    }

    /** The error for a sample without the parsing ground truth that {@code reader} (e.g. "the stacked network learns from") needs. */
    static DeoccException missingParsing(Sample sample, String reader) {
        return DeoccException.invalidArgument("sample '" + sample.id() + "' has no amodal parsing, which " + reader
                + ": train on synthetic data or a dataset with parsing files");
    }

    /**
     * The task for a stage and backbone, after checking that the spec has the channels the stage's
     * networks take and give.
     *
     * @param context crop side over the person box's longer side (mask and content stages)
     * @param l1Weight weight of the L1 term of the single-output mask networks' loss
     * @throws DeoccException {@code INVALID_ARGUMENT} for a spec or backbone that cannot serve the stage
     */
    static NetworkTask of(Stage stage, String backbone, BackboneSpec spec, int inputSize, double context, double l1Weight) {
        DeoccException.checkNotNull(stage, "stage");
        DeoccException.checkNotNull(backbone, "backbone");
        DeoccException.checkNotNull(spec, "spec");
        boolean variational = backbone.equals(AutoencoderBackbone.VAE_NAME);
        return switch (stage) {
            case MASK_COMPLETION -> {
                boolean stacked = StackedMaskBackbone.isStacked(backbone);
                checkSpec(stage, backbone, spec, 4, stacked ? 2 : 1, "red, green, blue, visible mask",
                        stacked ? "background and person logits" : "one amodal logit");
                checkNotContent(backbone, stage);
                MaskTask.Kind kind = !stacked ? MaskTask.Kind.SINGLE_OUTPUT
                        : backbone.equals(StackedMaskBackbone.NAME) ? MaskTask.Kind.STACKED : MaskTask.Kind.PLAIN_STACK;
                yield new MaskTask(new MaskNetwork(inputSize, Normalisation.UNIT, context, true), kind, variational, l1Weight);
            }
            case CONTENT_RECOVERY -> {
                checkNotStacked(backbone, stage);
                checkSpec(stage, backbone, spec, 5, 3, "RGB with the hidden region erased, visible mask, amodal mask",
                        "red, green, blue");
                yield new ContentTask(new ContentNetwork(inputSize, context, backbone.equals(PConvUNetBackbone.PGA_NAME)),
                        variational);
            }
            case SEGMENTATION -> {
                checkNotStacked(backbone, stage);
                checkSpec(stage, backbone, spec, 3, 1, "red, green, blue", "one person logit");
                checkNotContent(backbone, stage);
                yield new SegmentationTask(new SegmentationNetwork(inputSize, Normalisation.UNIT), variational);
            }
        };
    }

    private static void checkSpec(Stage stage, String backbone, BackboneSpec spec, int in, int out, String inputs,
            String outputs) {
        if (spec.inputChannels() != in || spec.outputChannels() != out) {
            throw new DeoccException(ErrorCode.INVALID_ARGUMENT, "backbone '" + backbone + "' for stage " + stage
                    + " needs " + in + " input channels (" + inputs + ") and " + out + " output channels (" + outputs
                    + "), but the spec has " + spec.inputChannels() + " and " + spec.outputChannels()
                    + ": use new BackboneSpec(" + in + ", " + out + ", depth, width)");
        }
    }

    private static void checkNotStacked(String backbone, Stage stage) {
        if (StackedMaskBackbone.isStacked(backbone)) {
            throw new DeoccException(ErrorCode.INVALID_ARGUMENT, "backbone '" + backbone + "' completes masks and cannot"
                    + " serve stage " + stage + ": pick " + (stage == Stage.SEGMENTATION
                    ? "unet, resnet-unet, ae or vae" : "pconv-pga, pconv-unet, unet, resnet-unet, ae or vae"));
        }
    }

    private static void checkNotContent(String backbone, Stage stage) {
        if (backbone.equals(PConvUNetBackbone.NAME) || backbone.equals(PConvUNetBackbone.PGA_NAME)) {
            throw new DeoccException(ErrorCode.INVALID_ARGUMENT, "backbone '" + backbone + "' paints content and cannot"
                    + " serve stage " + stage + ": pick unet, resnet-unet, ae, vae" + (stage == Stage.MASK_COMPLETION
                    ? ", stacked-unet or stacked-unet-plain" : ""));
        }
    }
}
