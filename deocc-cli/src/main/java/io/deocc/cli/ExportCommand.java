package io.deocc.cli;

import ai.djl.ndarray.NDManager;
import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.cli.Main.CliContext;
import io.deocc.engine.djl.Networks;
import io.deocc.engine.djl.export.OnnxExport;
import io.deocc.engine.djl.export.OnnxExportSummary;
import io.deocc.engine.djl.model.LoadedModel;
import io.deocc.model.ModelCard;
import io.deocc.engine.djl.model.ModelFiles;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code deocc export}: writes a trained model (a card and its weights) as an ONNX file that carries the
 * card, for ONNX Runtime or any other ONNX consumer.
 */
@Command(name = "export",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {
            "Export a trained model to ONNX (opset " + OnnxExport.OPSET + ", dynamic batch, batch norm folded into the "
                    + "convolutions before it unless --keep-parameters); the model card is embedded in the file's metadata, "
                    + "and NAME.card.json for NAME.onnx is written beside it: give that card to the onnx-* components.",
            "The card's SHA-256 is checked against the weights first, as when a component loads it."},
        footer = {"", "Exit codes: 0 success, 1 bad input, 2 internal error."})
final class ExportCommand implements Callable<Integer> {
    static final String CARD_SUFFIX = ".card.json";

    private final CliContext context;

    @Option(names = "--model", required = true, paramLabel = "CARD|DIR",
            description = "The model card (NAME" + CARD_SUFFIX + ") or a folder holding exactly one.")
    private Path model;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "onnx", description = "Only onnx (default: ${DEFAULT-VALUE}).")
    private String format;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE", description = "The file to write, e.g. model.onnx.")
    private Path out;

    @Option(names = "--keep-parameters", description = {"Keep every DJL parameter unchanged under its own name (no batch "
            + "norm folded; ONNX Runtime fuses them when it loads the file), so that the DJL engine can load the weights "
            + "from this file too. The shipped models are exported this way."})
    private boolean keepParameters;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1", description = "libtorch threads for loading (default: ${DEFAULT-VALUE}).")
    private int threads;

    ExportCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (!"onnx".equals(format.toLowerCase(Locale.ROOT))) {
            throw DeoccException.invalidArgument("--format '" + format + "' is not supported: use --format onnx");
        }
        Path cardFile = cardFile(context.workingDirectory().resolve(model));
        Path target = context.workingDirectory().resolve(out);
        OutputPaths.checkFile(target, "--out");
        ModelCard card = ModelCard.read(cardFile);
        Networks networks = Networks.load(threads);
        try (NDManager manager = networks.newManager()) {
            LoadedModel loaded = ModelFiles.load(cardFile, card.backbone(), networks.backbones(), manager);
            OnnxExportSummary summary = OnnxExport.write(loaded, networks.backbones(), target, keepParameters);
            context.out().println(String.format(Locale.ROOT, "exported %s (%s, %s, %dx%d) to %s: opset %d, %d nodes, "
                    + "%d batch norms folded, %.1f MB; inputs %s, outputs %s; card %s", cardFile.getFileName(), card.stage(),
                    card.backbone(), card.inputSize(), card.inputSize(), summary.file(), summary.opset(), summary.nodes(),
                    summary.foldedBatchNorms(), summary.bytes() / 1e6, summary.inputs(), summary.outputs(),
                    summary.card().map(Path::toString).orElse("-")));
        }
        return Main.EXIT_OK;
    }

    /** The card itself, or the one card in a folder. */
    static Path cardFile(Path given) {
        if (!Files.isDirectory(given)) {
            if (!Files.isRegularFile(given)) {
                throw new DeoccException(ErrorCode.FILE_NOT_FOUND, "--model '" + given + "' does not exist: give a model card (NAME"
                        + CARD_SUFFIX + ") or the folder holding it");
            }
            return given;
        }
        List<Path> cards = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(given, "*" + CARD_SUFFIX)) {
            entries.forEach(cards::add);
        } catch (IOException e) {
            throw new DeoccException(ErrorCode.IO_FAILURE, "cannot list --model folder '" + given + "' (" + e + "): check its permissions", e);
        }
        if (cards.size() != 1) {
            throw DeoccException.invalidArgument("--model folder '" + given + "' holds " + cards.size() + " model cards (*" + CARD_SUFFIX
                    + "): give the card file itself" + (cards.isEmpty() ? "" : ", e.g. --model " + cards.stream().sorted().findFirst().get()));
        }
        return cards.get(0);
    }
}
