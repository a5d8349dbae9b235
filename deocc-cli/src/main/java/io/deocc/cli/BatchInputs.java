package io.deocc.cli;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.ResourceLimits;
import io.deocc.data.DatasetEntry;
import io.deocc.data.DatasetLayout;
import io.deocc.data.DatasetReader;
import io.deocc.data.SampleResult;
import io.deocc.runtime.batch.BatchItem;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Turns {@code deocc batch}'s INPUT into items: a folder of images, a glob, or a deocc-data dataset
 * (a folder with {@value DatasetLayout#MANIFEST}, or the manifest itself).
 */
final class BatchInputs {
    private static final List<String> IMAGE_EXTENSIONS = List.of(".png", ".jpg", ".jpeg");

    /**
     * @param dataset whether the items carry their person masks (a dataset) or need a segmenter that finds people
     * @param problems manifest lines that could not become items, one message each
     */
    record Inputs(List<BatchItem> items, boolean dataset, List<String> problems) {}

    private BatchInputs() {}

    static Inputs resolve(String input, Path workingDirectory) {
        Path path = null;
        try {
            path = workingDirectory.resolve(input);
        } catch (InvalidPathException e) {
            // a glob character the file system does not allow in names; treated as a glob below
        }
        Inputs inputs;
        if (path != null && Files.isDirectory(path)) {
            inputs = Files.isRegularFile(path.resolve(DatasetLayout.MANIFEST)) ? dataset(path) : folder(path);
        } else if (path != null && Files.isRegularFile(path) && path.getFileName().toString().equals(DatasetLayout.MANIFEST)) {
            inputs = dataset(path.toAbsolutePath().getParent());
        } else if (isGlob(input)) {
            inputs = glob(input, workingDirectory);
        } else {
            throw new DeoccException(ErrorCode.FILE_NOT_FOUND, "input '" + input + "' is neither a folder, a dataset manifest nor a glob: "
                    + "give a folder of images, a quoted glob such as 'photos/**/*.jpg', or a dataset folder with " + DatasetLayout.MANIFEST);
        }
        if (inputs.items().isEmpty()) {
            throw new DeoccException(ErrorCode.FILE_NOT_FOUND, "input '" + input + "' holds no images" + (inputs.problems().isEmpty() ? ""
                    : " (" + inputs.problems().size() + " manifest lines unusable, the first: " + inputs.problems().get(0) + ")")
                    + ": give a folder with .png, .jpg or .jpeg files, a glob that matches some, or a dataset with samples");
        }
        return inputs;
    }

    private static boolean isGlob(String input) {
        return input.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
    }

    private static boolean isImage(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return IMAGE_EXTENSIONS.stream().anyMatch(name::endsWith);
    }

    /** The images directly inside a folder, sorted by name. */
    private static Inputs folder(Path dir) {
        List<Path> files;
        try (Stream<Path> entries = Files.list(dir)) {
            files = entries.filter(Files::isRegularFile).filter(BatchInputs::isImage).sorted().toList();
        } catch (IOException e) {
            throw new DeoccException(ErrorCode.IO_FAILURE, "cannot list folder '" + dir + "' (" + e + "): check its permissions", e);
        }
        return new Inputs(items(dir, files), false, List.of());
    }

    /** The files a glob matches, relative to the part before its first wildcard, sorted by path. */
    private static Inputs glob(String pattern, Path workingDirectory) {
        String normalized = pattern.replace('\\', '/');
        int wildcard = firstWildcard(normalized);
        int slash = normalized.lastIndexOf('/', wildcard);
        String fixed = slash < 0 ? "" : normalized.substring(0, slash + 1);
        String rest = slash < 0 ? normalized : normalized.substring(slash + 1);
        Path base = workingDirectory.resolve(fixed.isEmpty() ? "." : fixed).normalize();
        if (!Files.isDirectory(base)) {
            throw new DeoccException(ErrorCode.FILE_NOT_FOUND, "glob '" + pattern + "' starts in '" + base + "', which is not a folder: check the path");
        }
        PathMatcher matcher;
        try {
            matcher = FileSystems.getDefault().getPathMatcher("glob:" + rest);
        } catch (IllegalArgumentException e) {
            throw DeoccException.invalidArgument("glob '" + pattern + "' is not valid (" + e.getMessage() + "): use *, **, ? and {a,b}, e.g. 'photos/**/*.jpg'");
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(base)) {
            files = walk.filter(Files::isRegularFile).filter(file -> matcher.matches(base.relativize(file)))
                    .sorted((a, b) -> base.relativize(a).toString().compareTo(base.relativize(b).toString())).toList();
        } catch (IOException e) {
            throw new DeoccException(ErrorCode.IO_FAILURE, "cannot walk '" + base + "' (" + e + "): check its permissions", e);
        }
        return new Inputs(items(base, files), false, List.of());
    }

    private static int firstWildcard(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '*' || c == '?' || c == '[' || c == '{') {
                return i;
            }
        }
        return text.length();
    }

    /** Items named after their path below {@code base} without the extension; with the extension where that is ambiguous. */
    private static List<BatchItem> items(Path base, List<Path> files) {
        List<String> preferred = new ArrayList<>();
        List<String> fallback = new ArrayList<>();
        for (Path file : files) {
            String relative = base.relativize(file).toString().replace('\\', '/');
            fallback.add(relative);
            int dot = relative.lastIndexOf('.');
            preferred.add(dot > relative.lastIndexOf('/') + 1 ? relative.substring(0, dot) : relative);
        }
        List<String> ids = uniqueIds(preferred, fallback);
        List<BatchItem> items = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            items.add(BatchItem.of(ids.get(i), files.get(i)));
        }
        return items;
    }

    private static List<String> uniqueIds(List<String> preferred, List<String> fallback) {
        Set<String> clashing = new HashSet<>();
        Set<String> seen = new HashSet<>();
        for (String name : preferred) {
            String key = BatchItem.toSafeId(name).toLowerCase(Locale.ROOT);
            if (!seen.add(key)) {
                clashing.add(key);
            }
        }
        Set<String> taken = new HashSet<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < preferred.size(); i++) {
            String id = BatchItem.toSafeId(preferred.get(i));
            if (clashing.contains(id.toLowerCase(Locale.ROOT))) {
                id = BatchItem.toSafeId(fallback.get(i));
            }
            String unique = id;
            for (int n = 2; !taken.add(unique.toLowerCase(Locale.ROOT)); n++) {
                String suffix = "-" + n;
                unique = (id.length() + suffix.length() > 128 ? id.substring(0, 128 - suffix.length()) : id) + suffix;
            }
            ids.add(unique);
        }
        return ids;
    }

    /**
     * A dataset's samples: each line's image and visible mask become an item for the mask-file
     * segmenter. deocc-data reads the manifest (the same checks as everywhere: sizes, ids, paths that
     * leave the folder, symbolic links out of it); lines it cannot use become problems, not items.
     */
    private static Inputs dataset(Path folder) {
        List<String> sampleIds = new ArrayList<>();
        List<DatasetEntry> entries = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        // the limits bound decoding, which listing the entries does not do
        try (DatasetReader reader = DatasetReader.open(folder, ResourceLimits.defaults());
                Stream<DatasetEntry.Result> lines = reader.entries()) {
            lines.forEach(result -> {
                if (result instanceof DatasetEntry.Found found) {
                    sampleIds.add(found.entry().id());
                    entries.add(found.entry());
                } else if (result instanceof SampleResult.Skipped skipped) {
                    problems.add(skipped.error().getMessage());
                }
            });
        }
        List<String> ids = uniqueIds(sampleIds, sampleIds);
        List<BatchItem> items = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            items.add(new BatchItem(ids.get(i), entries.get(i).image(), List.of(entries.get(i).visible())));
        }
        return new Inputs(items, true, problems);
    }
}
