package io.deocc.engine.djl.internal;

import io.deocc.content.network.ContentTensors;
import io.deocc.content.network.ContentNetwork;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.loss.Loss;
import io.deocc.api.DeoccException;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.ParsingMap;
import io.deocc.api.image.RgbImage;
import io.deocc.api.model.ContentRecovery;
import io.deocc.api.model.MaskCompletion;
import io.deocc.api.spi.Stage;
import io.deocc.content.metrics.ContentMetrics;
import io.deocc.content.metrics.ContentMetricsSummary;
import io.deocc.content.metrics.ContentScore;
import io.deocc.data.Sample;
import io.deocc.api.network.PersonCrop;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Content recovery: each sample is cropped around its ground-truth amodal box as the recoverer crops;
 * the network reads the occluded image with the hidden region erased, the ground-truth masks and (for
 * PGA) parsings, and learns the unoccluded image with {@link ContentLoss}. Validation: the mean L1
 * error (colours in [0, 1]) inside the hidden region of {@link ContentNetwork#recover}'s composite —
 * lower is better.
 */
final class ContentTask implements NetworkTask {
    static final String METRIC = "validation-hole-l1";
    private static final String PARSING_READER = "the parsing-guided network reads";

    private final ContentNetwork network;
    private final boolean variational;

    ContentTask(ContentNetwork network, boolean variational) {
        this.network = network;
        this.variational = variational;
    }

    @Override
    public Stage stage() {
        return Stage.CONTENT_RECOVERY;
    }

    @Override
    public String lossName() {
        return variational ? "l1+5x-hole-l1+border-tv+gradient-l1+kl" : "l1+5x-hole-l1+border-tv+gradient-l1";
    }

    @Override
    public Loss loss() {
        return variational ? new VariationalLoss(new ContentLoss()) : new ContentLoss();
    }

    @Override
    public int classes() {
        return PConvUNet.OUTPUT_CHANNELS;
    }

    @Override
    public NDList[] batch(NDManager manager, List<Sample> samples) {
        int n = samples.size();
        List<RgbImage> images = new ArrayList<>(n);
        List<RgbImage> originals = new ArrayList<>(n);
        List<BinaryMask> visible = new ArrayList<>(n);
        List<BinaryMask> amodal = new ArrayList<>(n);
        List<ParsingMap> visibleParsing = new ArrayList<>(n);
        List<ParsingMap> amodalParsing = new ArrayList<>(n);
        for (Sample sample : samples) {
            DeoccException.checkNotNull(sample, "sample");
            RgbImage original = sample.original().orElseThrow(() -> DeoccException.invalidArgument("sample '"
                    + sample.id() + "' has no unoccluded original image, which content training learns from: train on"
                    + " synthetic data or a dataset with original files"));
            PersonCrop crop = network.crop(sample.amodal().boundingBox().orElseThrow(), sample.image().width(),
                    sample.image().height());
            images.add(crop.cropImage(sample.image()));
            originals.add(crop.cropImage(original));
            visible.add(crop.cropMask(sample.visible()));
            amodal.add(crop.cropMask(sample.amodal()));
            if (network.parsingInput()) {
                MaskCompletion masks = sample.groundTruthMasks();
                visibleParsing.add(crop.cropLabels(masks.visibleParsing()
                        .orElseThrow(() -> NetworkTask.missingParsing(sample, PARSING_READER))));
                amodalParsing.add(crop.cropLabels(masks.amodalParsing()
                        .orElseThrow(() -> NetworkTask.missingParsing(sample, PARSING_READER))));
            }
        }
        NDList inputs = DjlTensors.arrays(manager, network.inputs(images, visible, amodal, visibleParsing, amodalParsing));
        NDList labels = new NDList(DjlTensors.array(manager, ContentTensors.target(originals, amodal)), inputs.get(0));
        return new NDList[] {inputs, labels};
    }

    @Override
    public String metricName() {
        return METRIC;
    }

    @Override
    public Scorer newScorer() {
        ContentMetrics metrics = new ContentMetrics();
        return new Scorer() {
            @Override
            public void add(Block block, NDManager manager, Sample sample) {
                RgbImage original = sample.original().orElseThrow(() -> DeoccException.invalidArgument("validation"
                        + " sample '" + sample.id() + "' has no original image to score the content against"));
                ContentRecovery recovery = network.recover(DjlTensors.function(block, manager), sample.image(), sample.groundTruthMasks());
                metrics.add(ContentScore.of(recovery.composite(), original, sample.invisible()));
            }

            @Override
            public OptionalDouble result() {
                ContentMetricsSummary summary = metrics.summary();
                return summary.count() == 0 ? OptionalDouble.empty() : OptionalDouble.of(summary.meanL1());
            }
        };
    }
}
