package com.example.deocc.embedding;

import io.deocc.api.DeoccException;
import io.deocc.api.io.ImageFiles;
import io.deocc.api.model.DeoccResult;
import io.deocc.api.model.PersonResult;
import io.deocc.runtime.DeoccPipeline;
import io.deocc.runtime.PipelineConfig;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * De-occludes the people given as mask files and writes one composite per person: the smallest
 * useful embedding of deocc in an application. (An application, so it prints; libraries log.)
 *
 * <pre>java -p MODULE_PATH \
 *     -m com.example.deocc.embedding/com.example.deocc.embedding.EmbeddingExample photo.png out/ person-1.png [person-2.png ...]</pre>
 *
 * <p>See {@code examples/README.md} for how to build the module path.
 */
public final class EmbeddingExample {
    private EmbeddingExample() {}

    /** Arguments: IMAGE OUTPUT_FOLDER PERSON_MASK...; exits with 1 when anything failed, 2 on bad usage. */
    public static void main(String[] args) {
        if (args.length < 3) {
            System.err.println("usage: EmbeddingExample IMAGE OUTPUT_FOLDER PERSON_MASK...");
            System.exit(2);
        }
        try {
            DeoccResult result = deocclude(Path.of(args[0]), Arrays.stream(args, 2, args.length).map(Path::of).toList());
            for (PersonResult person : result.people()) {
                Path out = Path.of(args[1], "person-" + person.person().id() + "-composite.png");
                ImageFiles.writePng(person.content().composite(), out);
                System.out.printf("person %d: %.0f%% hidden, wrote %s%n", person.person().id(), 100 * (1 - person.masks().visibleRatio()), out);
            }
            result.failures().forEach(f -> System.err.println("person " + f.personId() + " failed: " + f.error().getMessage()));
            if (!result.succeeded()) {
                System.exit(1);
            }
        } catch (DeoccException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Runs the pipeline on an image and one visible-mask file per person. */
    public static DeoccResult deocclude(Path image, List<Path> personMasks) {
        PipelineConfig config = PipelineConfig.builder()
                .segmenter("mask-file")           // the people are given as mask files
                .maskCompleter("reference")       // whole-body (amodal) masks
                .contentRecoverer("reference")    // paints the hidden parts
                .build();
        try (DeoccPipeline pipeline = DeoccPipeline.create(config)) {
            return pipeline.run(image, personMasks);
        }
    }
}
