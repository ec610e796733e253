package io.pybridge.examples.media.decode;

import io.pybridge.examples.media.GifDisposal;
import io.pybridge.examples.media.GifStructure;
import io.pybridge.examples.media.MediaDecodeException;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import org.w3c.dom.Node;

/**
 * Decodes GIFs, animated or not, into the frames a viewer shows: every frame composited onto
 * the logical screen with the disposal methods respected (see {@link GifCanvas}). Frames are
 * read with javax.imageio's GIF reader; positions, disposal and delays come from its metadata.
 */
public final class GifDecoder {
    private static final String STREAM_FORMAT = "javax_imageio_gif_stream_1.0";
    private static final String IMAGE_FORMAT = "javax_imageio_gif_image_1.0";

    private GifDecoder() {
    }

    /**
     * Every frame of {@code path}, into one segment from {@code allocator}.
     *
     * @throws MediaDecodeException if the file cannot be read, is not a GIF, is corrupt or too large
     */
    public static DecodedAnimation decode(Path path, SegmentAllocator allocator) throws MediaDecodeException {
        return decode(path, allocator, Integer.MAX_VALUE);
    }

    /** The first frame of {@code path} as it shows on the logical screen. */
    public static DecodedImage decodeFirstFrame(Path path, SegmentAllocator allocator) throws MediaDecodeException {
        return decode(path, allocator, 1).frame(0);
    }

    private static DecodedAnimation decode(Path path, SegmentAllocator allocator, int maxFrames) throws MediaDecodeException {
        if (!Files.isRegularFile(path)) {
            throw new MediaDecodeException(path, Failures.cannotRead(new NoSuchFileException(path.toString())));
        }
        ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(path.toFile())) {
            if (!reader.getOriginatingProvider().canDecodeInput(in)) {
                throw new MediaDecodeException(path, "not a GIF file");
            }
            reader.setInput(in, false, false);
            GifStructure structure = GifStructure.read(path, maxFrames);
            if (structure.truncated()) {
                throw new MediaDecodeException(path, structure.frames() == 0
                        ? "GIF is truncated: the file ends before its first frame is complete"
                        : "GIF is truncated: the file ends inside frame " + (structure.frames() + 1)
                                + " (after " + structure.frames() + " complete frames)");
            }
            int count = Math.min(structure.frames(), reader.getNumImages(true));
            if (count <= 0) {
                throw new MediaDecodeException(path, "GIF has no frames");
            }
            List<FrameInfo> frames = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                frames.add(FrameInfo.of(reader.getImageMetadata(i)));
            }
            int[] screen = logicalScreen(reader.getStreamMetadata(), frames);
            DecodeLimits.checkImage(path, screen[0], screen[1], count);

            long frameBytes = DecodedAnimation.frameBytes(screen[0], screen[1]);
            MemorySegment out = allocator.allocate(frameBytes * count, 1);
            GifCanvas canvas = new GifCanvas(screen[0], screen[1]);
            List<Integer> delays = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                FrameInfo frame = frames.get(i);
                canvas.render(reader.read(i), frame.left(), frame.top(), frame.disposal(), out, frameBytes * i);
                delays.add(frame.delayMillis());
            }
            return new DecodedAnimation(out, count, screen[0], screen[1], delays);
        } catch (MediaDecodeException e) {
            throw e;
        } catch (IOException e) {
            throw new MediaDecodeException(path, "corrupt GIF: " + Failures.describe(e), e);
        } catch (RuntimeException e) { // the GIF reader throws these on some malformed data
            throw new MediaDecodeException(path, "corrupt GIF data: " + Failures.describe(e), e);
        } finally {
            reader.dispose();
        }
    }

    /** {width, height} from the logical screen descriptor, or the frames' extent where it says 0. */
    private static int[] logicalScreen(IIOMetadata stream, List<FrameInfo> frames) {
        int width = 0;
        int height = 0;
        if (stream != null) {
            Node descriptor = child((IIOMetadataNode) stream.getAsTree(STREAM_FORMAT), "LogicalScreenDescriptor");
            width = intAttribute(descriptor, "logicalScreenWidth", 0);
            height = intAttribute(descriptor, "logicalScreenHeight", 0);
        }
        if (width <= 0 || height <= 0) {
            for (FrameInfo frame : frames) {
                width = Math.max(width, frame.left() + frame.width());
                height = Math.max(height, frame.top() + frame.height());
            }
        }
        return new int[] {width, height};
    }

    private record FrameInfo(int left, int top, int width, int height, GifDisposal disposal, int delayMillis) {
        static FrameInfo of(IIOMetadata metadata) {
            IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(IMAGE_FORMAT);
            Node descriptor = child(root, "ImageDescriptor");
            Node control = child(root, "GraphicControlExtension");
            GifDisposal disposal = control == null
                    ? GifDisposal.UNSPECIFIED
                    : GifDisposal.ofMetadataName(control.getAttributes().getNamedItem("disposalMethod").getNodeValue());
            return new FrameInfo(
                    intAttribute(descriptor, "imageLeftPosition", 0),
                    intAttribute(descriptor, "imageTopPosition", 0),
                    intAttribute(descriptor, "imageWidth", 0),
                    intAttribute(descriptor, "imageHeight", 0),
                    disposal,
                    10 * intAttribute(control, "delayTime", 0));
        }
    }

    private static Node child(Node parent, String name) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node.getNodeName().equals(name)) {
                return node;
            }
        }
        return null;
    }

    private static int intAttribute(Node node, String name, int absent) {
        if (node == null || node.getAttributes().getNamedItem(name) == null) {
            return absent;
        }
        return Integer.parseInt(node.getAttributes().getNamedItem(name).getNodeValue());
    }
}
