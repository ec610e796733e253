package io.pybridge.examples.media.samples;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/**
 * Writes animated GIFs through javax.imageio with per-frame position, disposal and delay, one
 * palette for all frames (its transparent entry, if any, is transparent in every frame), and a
 * loop-forever extension. The first frame sets the logical screen, so it must cover it whole.
 */
public final class GifWriter {
    private static final String IMAGE_FORMAT = "javax_imageio_gif_image_1.0";

    private GifWriter() {
    }

    public static void write(Path path, IndexColorModel palette, List<GifFrame> frames) throws IOException {
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("a GIF needs at least one frame");
        }
        GifFrame first = frames.getFirst();
        if (first.left() != 0 || first.top() != 0) {
            throw new IllegalArgumentException("the first frame sets the logical screen and must start at (0, 0)");
        }
        for (GifFrame frame : frames) {
            if (frame.left() + frame.width() > first.width() || frame.top() + frame.height() > first.height()) {
                throw new IllegalArgumentException("a frame at (" + frame.left() + ", " + frame.top() + ") of " + frame.width()
                        + "x" + frame.height() + " leaves the " + first.width() + "x" + first.height() + " screen");
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        Files.deleteIfExists(path); // the file output stream would leave old bytes past the new end
        try (ImageOutputStream out = ImageIO.createImageOutputStream(path.toFile())) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            ImageWriteParam param = writer.getDefaultWriteParam();
            for (int i = 0; i < frames.size(); i++) {
                BufferedImage image = indexed(frames.get(i), palette);
                IIOMetadata metadata = writer.getDefaultImageMetadata(new ImageTypeSpecifier(image), param);
                metadata.setFromTree(IMAGE_FORMAT, tree(metadata, frames.get(i), palette, i == 0));
                writer.writeToSequence(new IIOImage(image, null, metadata), param);
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
    }

    private static BufferedImage indexed(GifFrame frame, IndexColorModel palette) {
        BufferedImage image = new BufferedImage(frame.width(), frame.height(), BufferedImage.TYPE_BYTE_INDEXED, palette);
        int[] row = new int[frame.width()];
        for (int y = 0; y < frame.height(); y++) {
            for (int x = 0; x < frame.width(); x++) {
                int index = frame.indices()[y * frame.width() + x] & 0xFF;
                if (index >= palette.getMapSize()) {
                    throw new IllegalArgumentException("palette index " + index + " of a " + palette.getMapSize() + "-colour palette");
                }
                row[x] = index;
            }
            image.getRaster().setSamples(0, y, frame.width(), 1, 0, row);
        }
        return image;
    }

    private static IIOMetadataNode tree(IIOMetadata metadata, GifFrame frame, IndexColorModel palette, boolean first) {
        IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(IMAGE_FORMAT);
        IIOMetadataNode descriptor = child(root, "ImageDescriptor");
        descriptor.setAttribute("imageLeftPosition", Integer.toString(frame.left()));
        descriptor.setAttribute("imageTopPosition", Integer.toString(frame.top()));
        descriptor.setAttribute("interlaceFlag", "FALSE");

        IIOMetadataNode control = child(root, "GraphicControlExtension");
        control.setAttribute("disposalMethod", frame.disposal().metadataName());
        control.setAttribute("userInputFlag", "FALSE");
        control.setAttribute("delayTime", Integer.toString(frame.delayCentis()));
        int transparent = palette.getTransparentPixel();
        control.setAttribute("transparentColorFlag", transparent >= 0 ? "TRUE" : "FALSE");
        control.setAttribute("transparentColorIndex", Integer.toString(Math.max(0, transparent)));

        if (first) {
            IIOMetadataNode extensions = child(root, "ApplicationExtensions");
            IIOMetadataNode loop = new IIOMetadataNode("ApplicationExtension");
            loop.setAttribute("applicationID", "NETSCAPE");
            loop.setAttribute("authenticationCode", "2.0");
            loop.setUserObject(new byte[] {1, 0, 0}); // sub-block 1: loop count 0 = forever
            extensions.appendChild(loop);
        }
        return root;
    }

    private static IIOMetadataNode child(IIOMetadataNode parent, String name) {
        for (int i = 0; i < parent.getLength(); i++) {
            if (parent.item(i).getNodeName().equals(name)) {
                return (IIOMetadataNode) parent.item(i);
            }
        }
        IIOMetadataNode node = new IIOMetadataNode(name);
        parent.appendChild(node);
        return node;
    }
}
