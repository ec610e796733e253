package io.pybridge.examples.media.app;

import io.pybridge.PyObject;
import io.pybridge.examples.media.VideoAnalysis;
import io.pybridge.numpy.NDArray;

import java.util.List;
import java.util.Map;

/**
 * The Python module {@code embedders}, bound with {@code python.bind(Embedders.class, "embedders")}:
 * each method calls the function of the snake_case name. Arrays go in as numpy views of Java memory.
 */
public interface Embedders {

    /** Notes played in mono float32 samples, e.g. {@code "A4 C#5 E5"}. */
    String transcribe(NDArray samples, int sampleRate);

    /** float32 [n, d] unit vectors, one per uint8 [h, w, 3] image. */
    NDArray embedImages(List<NDArray> images);

    /** float32 [d] unit vector of uint8 [t, h, w, 3] frames. */
    NDArray embedVideo(NDArray frames);

    /** Description, keywords and the meme verdict of an image or a clip. */
    VideoAnalysis analyze(NDArray image);

    /** Builds the models; {@code progress(done, total, message)} is called as it goes. */
    Map<String, Object> loadAllModels(PyObject progress);

    /** Drops the models; the names of those dropped. */
    List<String> unloadAllModels();
}
