package io.deocc.mask.coco;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Supplier;

/**
 * Streams a COCO file: the top-level object token by token, each element of its arrays as a small
 * tree. Turns every JSON problem into an {@code ANNOTATION_INVALID} that names the source, the
 * element and the field.
 */
final class CocoJsonReader {
    /** Largest integer a double holds exactly; ids written as 3.0 are accepted up to here. */
    private static final double MAX_EXACT_DOUBLE = 9.007199254740992E15;

    private final String source;
    private final JsonParser parser;
    private final ObjectMapper mapper;
    private final List<CocoImage> images = new ArrayList<>();
    private final List<CocoCategory> categories = new ArrayList<>();
    private final List<CocoAnnotation> annotations = new ArrayList<>();

    private CocoJsonReader(String source, JsonParser parser, ObjectMapper mapper) {
        this.source = source;
        this.parser = parser;
        this.mapper = mapper;
    }

    static CocoAnnotations read(InputStream in, String source, long maxBytes) throws IOException {
        StreamReadConstraints constraints = StreamReadConstraints.builder()
                .maxNestingDepth(CocoAnnotations.MAX_NESTING_DEPTH)
                .maxStringLength((int) Math.min(CocoAnnotations.MAX_STRING_CHARS, maxBytes))
                .maxDocumentLength(maxBytes)
                .build();
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(constraints)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        ObjectMapper mapper = JsonMapper.builder(factory).build();
        try {
            // Inside the try: creating the parser already reads the first bytes to detect the encoding.
            JsonParser parser = factory.createParser(new LimitedInputStream(in, maxBytes));
            try (parser) {
                return new CocoJsonReader(source, parser, mapper).readDocument();
            } catch (StreamConstraintsException e) {
                // The exception carries no location; the parser still knows where it stopped.
                throw CocoAnnotations.invalid(source, "reading stopped at " + where(parser.currentLocation()) + " because the file exceeds a limit ("
                        + e.getOriginalMessage() + "): COCO files need little nesting and no huge strings; check that this is a COCO annotation file");
            }
        } catch (LimitExceededException e) {
            throw CocoAnnotations.invalid(source, "the data is longer than the limit of " + maxBytes
                    + " bytes: raise the limit or split the file per image");
        } catch (JsonProcessingException e) {
            throw CocoAnnotations.invalid(source, "invalid JSON at " + where(e.getLocation()) + " (" + e.getOriginalMessage()
                    + "): fix or re-export the file");
        }
    }

    /** Thrown by {@link LimitedInputStream}; an IOException so that Jackson passes it through untouched. */
    private static final class LimitExceededException extends IOException {
        private static final long serialVersionUID = 1L;

        LimitExceededException() {
            super("byte limit exceeded");
        }
    }

    /**
     * Counts bytes and fails once more than the limit have been read. Jackson's own document-length
     * check only runs between 8 KB buffer loads; this one is exact, which matters for small limits.
     */
    private static final class LimitedInputStream extends FilterInputStream {
        private final long limit;
        private long count;

        LimitedInputStream(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count(skipped);
            return skipped;
        }

        private void count(long n) throws LimitExceededException {
            count += n;
            if (count > limit) {
                throw new LimitExceededException();
            }
        }
    }

    private CocoAnnotations readDocument() throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw CocoAnnotations.invalid(source, "the top level is not a JSON object: a COCO annotation file is an object with "
                    + "'images' and 'annotations' (a detector results list must be merged with its dataset's 'images' first)");
        }
        boolean sawImages = false;
        boolean sawAnnotations = false;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            switch (field) {
                case "images" -> {
                    sawImages = true;
                    readArray(field, this::addImage);
                }
                case "annotations" -> {
                    sawAnnotations = true;
                    readArray(field, this::addAnnotation);
                }
                case "categories" -> readArray(field, this::addCategory);
                default -> parser.skipChildren();
            }
        }
        if (parser.nextToken() != null) {
            throw CocoAnnotations.invalid(source, "there is more data after the top-level object at " + where(parser.currentLocation())
                    + ": a file holds one JSON object");
        }
        if (!sawImages || !sawAnnotations) {
            throw CocoAnnotations.invalid(source, "the file has no '" + (sawImages ? "annotations" : "images")
                    + "' section: give a COCO instance-annotation file with 'images' and 'annotations'");
        }
        return CocoAnnotations.of(source, images, categories, annotations);
    }

    private interface ElementHandler {
        void accept(JsonNode element, int index);
    }

    private void readArray(String field, ElementHandler handler) throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw CocoAnnotations.invalid(source, "field '" + field + "' is not an array (at " + where(parser.currentLocation())
                    + "): it must be a list of objects");
        }
        int index = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            JsonNode element = mapper.readTree(parser);
            String at = field + "[" + index + "]";
            if (element == null || !element.isObject()) {
                throw CocoAnnotations.invalid(source, at + " is " + show(element) + ": each entry must be a JSON object");
            }
            handler.accept(element, index);
            index++;
        }
    }

    private void addImage(JsonNode node, int index) {
        String at = "images[" + index + "]";
        long id = requiredLong(node, "id", at);
        at = "image " + id + " (" + at + ")";
        String fileName = requiredText(node, "file_name", at);
        int width = requiredSize(node, "width", at);
        int height = requiredSize(node, "height", at);
        checkPixels(width, height, at);
        images.add(new CocoImage(id, fileName, width, height));
    }

    private void addCategory(JsonNode node, int index) {
        String at = "categories[" + index + "]";
        long id = requiredLong(node, "id", at);
        categories.add(new CocoCategory(id, requiredText(node, "name", "category " + id + " (" + at + ")")));
    }

    private void addAnnotation(JsonNode node, int index) {
        String at = "annotations[" + index + "]";
        long id = requiredLong(node, "id", at);
        at = "annotation " + id + " (" + at + ")";
        long imageId = requiredLong(node, "image_id", at);
        long categoryId = requiredLong(node, "category_id", at);
        CocoSegmentation segmentation = segmentation(node.get("segmentation"), at);
        Optional<CocoBox> bbox = bbox(node.get("bbox"), at);
        OptionalDouble score = OptionalDouble.empty();
        JsonNode scoreNode = node.get("score");
        if (scoreNode != null && !scoreNode.isNull()) {
            double value = number(scoreNode, "score", at);
            if (!(value >= 0.0 && value <= 1.0)) {
                throw field(at, "score", "is " + value + ": a detector score must be in [0, 1]");
            }
            score = OptionalDouble.of(value);
        }
        annotations.add(new CocoAnnotation(id, imageId, categoryId, segmentation, bbox, score, crowd(node.get("iscrowd"), at)));
    }

    private CocoSegmentation segmentation(JsonNode node, String at) {
        if (node == null || node.isNull()) {
            throw field(at, "segmentation", "is missing: an instance annotation needs polygons or an RLE");
        }
        if (node.isArray()) {
            List<double[]> polygons = new ArrayList<>(node.size());
            for (int p = 0; p < node.size(); p++) {
                JsonNode polygon = node.get(p);
                if (!polygon.isArray()) {
                    throw field(at, "segmentation[" + p + "]", "is " + show(polygon) + ": a polygon is a list of numbers x1, y1, x2, y2, ...");
                }
                double[] coords = new double[polygon.size()];
                for (int i = 0; i < coords.length; i++) {
                    coords[i] = number(polygon.get(i), "segmentation[" + p + "][" + i + "]", at);
                }
                polygons.add(coords);
            }
            return decoded(at, () -> CocoPolygons.of(polygons));
        }
        if (node.isObject()) {
            return rle(node, at);
        }
        throw field(at, "segmentation", "is " + show(node) + ": expected a list of polygons or an RLE object {\"size\": [h, w], \"counts\": ...}");
    }

    /** Runs a decoder and puts the source and annotation in front of its message. */
    private <T> T decoded(String at, Supplier<T> decoder) {
        try {
            return decoder.get();
        } catch (DeoccException e) {
            throw new DeoccException(ErrorCode.ANNOTATION_INVALID, "COCO annotations '" + source + "': " + at
                    + " field 'segmentation' is invalid: " + e.getMessage(), e);
        }
    }

    private CocoRle rle(JsonNode node, String at) {
        JsonNode size = node.get("size");
        if (size == null || !size.isArray() || size.size() != 2) {
            throw field(at, "segmentation.size", "is " + show(size) + ": an RLE needs \"size\": [height, width]");
        }
        int height = sizeValue(size.get(0), "segmentation.size[0]", at);
        int width = sizeValue(size.get(1), "segmentation.size[1]", at);
        checkPixels(width, height, at);
        JsonNode counts = node.get("counts");
        if (counts != null && counts.isTextual()) {
            String compressed = counts.textValue();
            return decoded(at, () -> CocoRle.ofCompressed(width, height, compressed));
        }
        if (counts != null && counts.isArray()) {
            int[] runs = new int[counts.size()];
            for (int i = 0; i < runs.length; i++) {
                JsonNode run = counts.get(i);
                long value = integer(run, "segmentation.counts[" + i + "]", at);
                if (value < 0 || value > Integer.MAX_VALUE) {
                    throw field(at, "segmentation.counts[" + i + "]", "is " + value + ": a run length is a count of pixels, 0 or more");
                }
                runs[i] = (int) value;
            }
            return decoded(at, () -> CocoRle.ofCounts(width, height, runs));
        }
        throw field(at, "segmentation.counts", "is " + show(counts) + ": an RLE needs \"counts\" as a compressed string or a list of run lengths");
    }

    private Optional<CocoBox> bbox(JsonNode node, String at) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isArray() || node.size() != 4) {
            throw field(at, "bbox", "is " + show(node) + ": a bbox is [x, y, width, height]");
        }
        double[] v = new double[4];
        for (int i = 0; i < 4; i++) {
            v[i] = number(node.get(i), "bbox[" + i + "]", at);
        }
        if (v[2] < 0 || v[3] < 0) {
            throw field(at, "bbox", "is " + show(node) + ": width and height cannot be negative");
        }
        return Optional.of(new CocoBox(v[0], v[1], v[2], v[3]));
    }

    private boolean crowd(JsonNode node, String at) {
        if (node == null || node.isNull()) {
            return false;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        long value = integer(node, "iscrowd", at);
        if (value != 0 && value != 1) {
            throw field(at, "iscrowd", "is " + value + ": expected 0 or 1");
        }
        return value == 1;
    }

    private long requiredLong(JsonNode object, String name, String at) {
        JsonNode node = object.get(name);
        if (node == null || node.isNull()) {
            throw field(at, name, "is missing: add it");
        }
        return integer(node, name, at);
    }

    private String requiredText(JsonNode object, String name, String at) {
        JsonNode node = object.get(name);
        if (node == null || !node.isTextual()) {
            throw field(at, name, "is " + show(node) + ": expected a string");
        }
        return node.textValue();
    }

    private int requiredSize(JsonNode object, String name, String at) {
        JsonNode node = object.get(name);
        if (node == null || node.isNull()) {
            throw field(at, name, "is missing: add the image's size in pixels");
        }
        return sizeValue(node, name, at);
    }

    private int sizeValue(JsonNode node, String name, String at) {
        long value = integer(node, name, at);
        if (value < 1 || value > Integer.MAX_VALUE) {
            throw field(at, name, "is " + value + ": a size in pixels is at least 1");
        }
        return (int) value;
    }

    private void checkPixels(int width, int height, String at) {
        if ((long) width * height > Integer.MAX_VALUE - 8) {
            throw CocoAnnotations.invalid(source, at + " has size " + width + "x" + height + ", more pixels than a mask can hold: check the size");
        }
    }

    /** An integer; {@code 3.0} counts as 3 because some writers emit every number as a float. */
    private long integer(JsonNode node, String name, String at) {
        if (node != null && node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        if (node != null && node.isFloatingPointNumber()) {
            double d = node.doubleValue();
            if (d == Math.rint(d) && Math.abs(d) <= MAX_EXACT_DOUBLE) {
                return (long) d;
            }
        }
        throw field(at, name, "is " + show(node) + ": expected an integer");
    }

    private double number(JsonNode node, String name, String at) {
        if (node != null && node.isNumber()) {
            double d = node.doubleValue();
            if (Double.isFinite(d)) {
                return d;
            }
        }
        throw field(at, name, "is " + show(node) + ": expected a finite number");
    }

    private DeoccException field(String at, String name, String problem) {
        return CocoAnnotations.invalid(source, at + " field '" + name + "' " + problem);
    }

    private static String show(JsonNode node) {
        if (node == null) {
            return "missing";
        }
        String text = node.toString();
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }

    private static String where(JsonLocation location) {
        return location == null ? "an unknown position" : "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
