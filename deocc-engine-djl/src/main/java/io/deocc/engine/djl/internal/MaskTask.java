package io.deocc.engine.djl.internal;

import io.deocc.api.network.ImageTensors;
import io.deocc.mask.network.MaskNetwork;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.loss.Loss;
import io.deocc.api.DeoccException;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.ParsingMap;
import io.deocc.api.image.RgbImage;
import io.deocc.api.model.MaskCompletion;
import io.deocc.api.model.PersonInstance;
import io.deocc.api.spi.Stage;
import io.deocc.data.Sample;
import io.deocc.api.network.PersonCrop;
import io.deocc.mask.metrics.MaskMetrics;
import io.deocc.mask.metrics.MaskMetricsSummary;
import io.deocc.mask.metrics.MaskScore;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Mask completion: each sample is cropped around its input (segmenter, else visible) mask's box as the
 * completer crops; the network reads RGB plus that mask. Single-output networks learn the amodal mask
 * with {@link MaskBceLoss}; the stacked network learns all four outputs with {@link StackedMaskLoss}
 * (the clean visible mask and both parsings are its extra targets). Validation: the mean amodal IoU
 * of {@link MaskNetwork#complete} at threshold 0.5 against the ground truth.
 */
final class MaskTask implements NetworkTask {
    static final String METRIC = "validation-amodal-miou";
    private static final String PARSING_READER = "the stacked network learns from";
    static final double THRESHOLD = 0.5;

    /** Which output layout, and so which loss and labels, the network has. */
    enum Kind {
        /** One amodal logit map (U-Net, ResNet-UNet, AE, VAE): sigmoid BCE. */
        SINGLE_OUTPUT,
        /** The paper's four outputs: cross-entropies on masks and parsings. */
        STACKED,
        /** The ablation's plain stack: refined visible and amodal only. */
        PLAIN_STACK
    }

    private final MaskNetwork network;
    private final Kind kind;
    private final boolean variational;
    private final double l1Weight;

    MaskTask(MaskNetwork network, Kind kind, boolean variational, double l1Weight) {
        this.network = network;
        this.kind = kind;
        this.variational = variational;
        this.l1Weight = l1Weight;
    }

    @Override
    public Stage stage() {
        return Stage.MASK_COMPLETION;
    }

    @Override
    public String lossName() {
        String base = switch (kind) {
            case STACKED -> "stacked-ce+parsing+l1";
            case PLAIN_STACK -> "stacked-ce+l1";
            case SINGLE_OUTPUT -> l1Weight > 0 ? "sigmoid-bce+l1" : "sigmoid-bce";
        };
        return variational ? base + "+kl" : base;
    }

    @Override
    public Loss loss() {
        Loss loss = kind == Kind.SINGLE_OUTPUT ? new MaskBceLoss(l1Weight) : new StackedMaskLoss();
        return variational ? new VariationalLoss(loss) : loss;
    }

    @Override
    public int classes() {
        return StackedMaskNetwork.MASK_CLASSES;
    }

    @Override
    public NDList[] batch(NDManager manager, List<Sample> samples) {
        int n = samples.size();
        List<RgbImage> images = new ArrayList<>(n);
        List<BinaryMask> inputs = new ArrayList<>(n);
        List<BinaryMask> visible = new ArrayList<>(n);
        List<BinaryMask> amodal = new ArrayList<>(n);
        List<ParsingMap> visibleParsing = new ArrayList<>(n);
        List<ParsingMap> amodalParsing = new ArrayList<>(n);
        for (Sample sample : samples) {
            DeoccException.checkNotNull(sample, "sample");
            PersonInstance person = sample.person();
            PersonCrop crop = network.crop(person.box(), sample.image().width(), sample.image().height());
            images.add(crop.cropImage(sample.image()));
            inputs.add(crop.cropMask(person.visibleMask()));
            amodal.add(crop.cropMask(sample.amodal()));
            if (kind != Kind.SINGLE_OUTPUT) {
                visible.add(crop.cropMask(sample.visible()));
            }
            if (kind == Kind.STACKED) {
                MaskCompletion truth = sample.groundTruthMasks();
                visibleParsing.add(crop.cropLabels(truth.visibleParsing()
                        .orElseThrow(() -> NetworkTask.missingParsing(sample, PARSING_READER))));
                amodalParsing.add(crop.cropLabels(truth.amodalParsing()
                        .orElseThrow(() -> NetworkTask.missingParsing(sample, PARSING_READER))));
            }
        }
        NDList input = new NDList(DjlTensors.array(manager, network.input(images, inputs)));
        NDList labels = switch (kind) {
            case STACKED -> StackedMaskTargets.of(manager, visible, amodal, visibleParsing, amodalParsing);
            case PLAIN_STACK -> StackedMaskTargets.masksOnly(manager, visible, amodal);
            case SINGLE_OUTPUT -> new NDList(DjlTensors.array(manager, ImageTensors.masks(amodal)));
        };
        return new NDList[] {input, labels};
    }

    @Override
    public String metricName() {
        return METRIC;
    }

    @Override
    public Scorer newScorer() {
        MaskMetrics metrics = new MaskMetrics();
        return new Scorer() {
            @Override
            public void add(Block block, NDManager manager, Sample sample) {
                MaskCompletion completion = network.complete(DjlTensors.function(block, manager), sample.image(),
                        sample.person().visibleMask(), THRESHOLD);
                metrics.add(MaskScore.of(completion.amodal(), sample.amodal(), sample.visible()));
            }

            @Override
            public OptionalDouble result() {
                MaskMetricsSummary summary = metrics.summary();
                return summary.count() == 0 ? OptionalDouble.empty() : OptionalDouble.of(summary.meanIou());
            }
        };
    }
}
