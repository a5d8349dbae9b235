import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

/**
 * Writes the seed corpus of deocc-fuzz: small valid inputs and edge cases per fuzz target, in the
 * layout Jazzer's JUnit integration reads ({@code <TestClass>Inputs/<method>/}). JDK only; run from
 * the module folder with {@code java seeds/MakeSeeds.java}. Crash files that fuzzing saves beside the
 * seeds are left alone. The model-card seeds are copied from the shipped models/ cards.
 */
public class MakeSeeds {
    static final Path ROOT = Path.of("src/test/resources/io/deocc/fuzz");

    public static void main(String[] args) throws IOException {
        images(ROOT.resolve("ImageFilesFuzzTestInputs/images"));
        coco(ROOT.resolve("CocoFuzzTestInputs/cocoJson"));
        manifests(ROOT.resolve("DatasetManifestFuzzTestInputs/manifest"));
        cards(ROOT.resolve("ModelCardFuzzTestInputs/modelCard"));
        configs(ROOT.resolve("PipelineConfigFuzzTestInputs"));
    }

    static void images(Path dir) throws IOException {
        BufferedImage rgb = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < 6; i++) {
            rgb.setRGB(i % 3, i / 3, 0x102030 * (i + 1));
        }
        byte[] rgbPng = encode(rgb, "png");
        put(dir, "rgb.png", rgbPng);
        BufferedImage argb = new BufferedImage(2, 2, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(0, 0, 0xffffffff);
        argb.setRGB(1, 1, 0x00ffffff); // colour without alpha: background for a mask
        put(dir, "rgba.png", encode(argb, "png"));
        BufferedImage mask = grey(4, 4, BufferedImage.TYPE_BYTE_GRAY, i -> i % 4 >= 2 ? 255 : 0);
        put(dir, "mask.png", encode(mask, "png"));
        put(dir, "mask-not-binary.png", encode(grey(4, 4, BufferedImage.TYPE_BYTE_GRAY, i -> (i % 3) * 127), "png"));
        put(dir, "labels.png", encode(grey(5, 4, BufferedImage.TYPE_BYTE_GRAY, i -> i % 20), "png"));
        put(dir, "grey16.png", encode(grey(3, 3, BufferedImage.TYPE_USHORT_GRAY, i -> i * 7000), "png"));
        put(dir, "bits.png", encode(grey(9, 2, BufferedImage.TYPE_BYTE_BINARY, i -> i % 2), "png"));
        BufferedImage palette = new BufferedImage(4, 2, BufferedImage.TYPE_BYTE_INDEXED);
        palette.setRGB(1, 0, 0xff0000);
        palette.setRGB(2, 1, 0x00ff00);
        put(dir, "palette.png", encode(palette, "png"));
        BufferedImage photo = new BufferedImage(16, 8, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < 128; i++) {
            photo.setRGB(i % 16, i / 16, (i * 0x030507) & 0xffffff);
        }
        byte[] jpeg = encode(photo, "jpg");
        put(dir, "photo.jpg", jpeg);
        put(dir, "grey.jpg", encode(grey(8, 8, BufferedImage.TYPE_BYTE_GRAY, i -> i * 4), "jpg"));
        put(dir, "truncated.png", Arrays.copyOf(rgbPng, 45));
        put(dir, "truncated.jpg", Arrays.copyOf(jpeg, jpeg.length / 2));
        // A valid PNG whose header announces 100000 x 100000 pixels: must be refused before decoding.
        put(dir, "bomb-header.png", withPngSize(rgbPng, 100_000, 100_000));
        put(dir, "zero-width.png", withPngSize(rgbPng, 0, 2));
        // Other formats ImageIO recognises; the decoder must refuse or read them within the contract.
        put(dir, "small.bmp", encode(rgb, "bmp"));
        put(dir, "small.gif", encode(palette, "gif"));
        put(dir, "small.tiff", encode(rgb, "tiff"));
        put(dir, "not-an-image.txt", "hello".getBytes(StandardCharsets.US_ASCII));
    }

    interface Pixel {
        int value(int index);
    }

    static BufferedImage grey(int width, int height, int type, Pixel pixel) {
        BufferedImage image = new BufferedImage(width, height, type);
        for (int i = 0; i < width * height; i++) {
            image.getRaster().setSample(i % width, i / width, 0, pixel.value(i));
        }
        return image;
    }

    static byte[] encode(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(image, format, out)) {
            throw new IOException("no writer for " + format);
        }
        return out.toByteArray();
    }

    /** The PNG with its IHDR width and height replaced and the chunk's CRC recomputed. */
    static byte[] withPngSize(byte[] png, int width, int height) {
        byte[] out = png.clone();
        // signature (8), length (4), "IHDR" (4), then width and height; the CRC covers type and data (17 bytes).
        putInt(out, 16, width);
        putInt(out, 20, height);
        CRC32 crc = new CRC32();
        crc.update(out, 12, 17);
        putInt(out, 29, (int) crc.getValue());
        return out;
    }

    static void putInt(byte[] bytes, int at, int value) {
        for (int i = 0; i < 4; i++) {
            bytes[at + i] = (byte) (value >>> (24 - 8 * i));
        }
    }

    static void coco(Path dir) throws IOException {
        put(dir, "valid.json", """
                {"info": {"year": 2021}, "licenses": [],
                 "images": [{"id": 1, "file_name": "val/0001.jpg", "width": 6, "height": 4},
                            {"id": 2, "file_name": "0002.jpg", "width": 3, "height": 2}],
                 "categories": [{"id": 1, "name": "person"}, {"id": 3, "name": "car"}],
                 "annotations": [
                  {"id": 10, "image_id": 1, "category_id": 1, "segmentation": [[1, 1, 5, 1, 5, 3, 1, 3]], "bbox": [1, 1, 4, 2], "iscrowd": 0},
                  {"id": 11, "image_id": 1, "category_id": 1, "segmentation": {"size": [4, 6], "counts": [5, 3, 16]}, "iscrowd": 1},
                  {"id": 12, "image_id": 2, "category_id": 3, "segmentation": {"size": [2, 3], "counts": "11131"}, "score": 0.5},
                  {"id": 13, "image_id": 2, "category_id": 1, "segmentation": [[0, 0, 3, 0, 0, 2], [2.5, 1.5, 3, 2, 2, 2]]}
                 ]}
                """);
        put(dir, "empty-sections.json", "{\"images\": [], \"annotations\": [], \"categories\": []}");
        put(dir, "rle-long-string.json", """
                {"images": [{"id": 1, "file_name": "a.jpg", "width": 40, "height": 30}],
                 "annotations": [{"id": 1, "image_id": 1, "category_id": 1, "segmentation": {"size": [30, 40], "counts": "`12d0b1^2"}}]}
                """);
        put(dir, "rle-size-mismatch.json", """
                {"images": [{"id": 1, "file_name": "a.jpg", "width": 4, "height": 4}],
                 "annotations": [{"id": 1, "image_id": 1, "category_id": 1, "segmentation": {"size": [2, 8], "counts": [16]}}]}
                """);
        put(dir, "float-ids.json", """
                {"images": [{"id": 1.0, "file_name": "a.jpg", "width": 2e0, "height": 2}],
                 "annotations": [{"id": 3.0, "image_id": 1, "category_id": 1, "iscrowd": true, "segmentation": {"size": [2, 2], "counts": [0, 4]}}]}
                """);
        put(dir, "huge-image.json", """
                {"images": [{"id": 1, "file_name": "a.jpg", "width": 46340, "height": 46340}],
                 "annotations": [{"id": 1, "image_id": 1, "category_id": 1, "segmentation": {"size": [46340, 46340], "counts": "0"}}]}
                """);
        put(dir, "results-list.json", "[{\"image_id\": 1, \"category_id\": 1, \"score\": 0.9}]");
        put(dir, "nested.json", "{\"info\": " + "[".repeat(70) + "]".repeat(70) + "}");
    }

    static void manifests(Path dir) throws IOException {
        String full = "{\"id\":\"a\",\"image\":\"image/a.png\",\"visible\":\"visible/a.png\",\"amodal\":\"amodal/a.png\","
                + "\"visible_parsing\":\"parsing/a.png\",\"amodal_parsing\":\"parsing/a.png\",\"segmenter_mask\":\"visible/a.png\","
                + "\"original\":\"original/a.png\",\"occluder\":\"occluder/a.png\",\"box\":[0,0,4,4],\"seed\":7,"
                + "\"visible_ratio\":0.5,\"source\":\"fuzz\"}";
        put(dir, "valid.jsonl", full + "\n{\"id\":\"b\",\"image\":\"image/a.png\",\"visible\":\"visible/a.png\",\"amodal\":\"amodal/a.png\"}\n");
        put(dir, "duplicate-and-blank.jsonl", full + "\n\n   \n" + full + "\nnot json\n[1,2]\n");
        String[] escapes = {"../outside/image.png", "/etc/passwd", "links/image.png", "linked/image.png",
                "image/../../outside/image.png", "./image/a.png", "image//a.png", "C:/x.png", "image\\\\a.png", "image/a.png\\u0000"};
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < escapes.length; i++) {
            lines.append("{\"id\":\"e").append(i).append("\",\"image\":\"").append(escapes[i])
                    .append("\",\"visible\":\"visible/a.png\",\"amodal\":\"amodal/a.png\"}\n");
        }
        lines.append("{\"id\":\"out\",\"image\":\"links/image.png\",\"visible\":\"links/visible.png\",\"amodal\":\"links/amodal.png\"}\n");
        lines.append("{\"id\":\"out2\",\"image\":\"linked/image.png\",\"visible\":\"linked/visible.png\",\"amodal\":\"linked/amodal.png\"}\n");
        put(dir, "escapes.jsonl", lines.toString());
        put(dir, "wrong-types.jsonl", "{\"id\":1,\"image\":[],\"visible\":{},\"amodal\":null}\n{\"id\":\"x\",\"image\":\"image/a.png\","
                + "\"visible\":\"visible/a.png\",\"amodal\":\"amodal/a.png\",\"box\":[0,0,-1,1e308],\"seed\":1.5,\"visible_ratio\":2}\n"
                + "{\"id\":\"y\",\"unknown\":1}\n");
        put(dir, "no-final-newline-crlf.jsonl", full.replace("\"a\"", "\"c\"") + "\r\n" + full.replace("\"a\"", "\"d\""));
    }

    static void cards(Path dir) throws IOException {
        Path models = Path.of("../models");
        try (var cards = Files.list(models)) {
            for (Path card : cards.filter(p -> p.toString().endsWith(".card.json")).sorted().toList()) {
                put(dir, card.getFileName().toString(), Files.readAllBytes(card));
            }
        }
        put(dir, "torchscript.card.json", """
                {"format-version": 1, "stage": "mask-completion", "backbone": "torchscript",
                 "input-size": 64, "classes": 2, "normalisation": "unit",
                 "signature": {"inputs": [{"name": "input", "channels": 4}], "outputs": [{"name": "amodal", "channels": 1}]},
                 "training-recipe": {"note": "user network", "list": [1, 2.5, true, {"k": "v"}]}, "bench-metrics": {},
                 "weights-file": "mask.pt", "weights-sha256": "", "created-by": "fuzz seed"}
                """);
        put(dir, "wrong-version.card.json", "{\"format-version\": 2}");
    }

    static void configs(Path dir) throws IOException {
        put(dir.resolve("jsonConfig"), "stages.json", """
                {"segmenter": "reference", "mask-completer": {"name": "reference", "config": {"hidden-weight": 0.4, "iterations": 3}},
                 "content-recoverer": {"name": "patch", "config": {"patch-size": 7, "fast": true}},
                 "limits": {"max-image-pixels": 1000000, "max-people": 8, "max-crop-pixels": 4000000, "item-timeout-seconds": 60}}
                """);
        put(dir.resolve("jsonConfig"), "bad-types.json", "{\"mask-completer\": {\"config\": [1, 2]}, \"limits\": {\"max-people\": null}}");
        put(dir.resolve("jsonConfig"), "not-object.json", "[\"segmenter\"]");
        put(dir.resolve("propertiesConfig"), "stages.properties", """
                # pipeline
                segmenter = reference
                mask-completer=reference
                mask-completer.hidden-weight=0.4
                content-recoverer : patch
                limits.max-image-pixels=1_000_000
                limits.max-people=8
                limits.item-timeout-seconds=60
                """);
        put(dir.resolve("propertiesConfig"), "bad.properties", "limits.max-people=0\nlimits.unknown=1\nbad-escape=\\u12G4\n");
    }

    static void put(Path dir, String name, String text) throws IOException {
        put(dir, name, text.getBytes(StandardCharsets.UTF_8));
    }

    static void put(Path dir, String name, byte[] bytes) throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve(name), bytes);
    }
}
