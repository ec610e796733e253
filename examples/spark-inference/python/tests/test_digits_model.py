import unittest

import numpy as np

import digits_model


class DigitsModelTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.name, _, _, cls.pixels, cls.labels = digits_model.dataset()
        cls.model = digits_model.train()

    def test_the_held_out_digits_are_mostly_right(self):
        predicted, confidence = digits_model.predict(self.model, self.pixels)
        self.assertGreater((predicted == self.labels).mean(), 0.9, self.name)
        self.assertTrue(((confidence > 0) & (confidence <= 1)).all())

    def test_the_weights_reproduce_the_models_arithmetic(self):
        # What the Java UDF computes, written in numpy: if this drifts from predict_proba, so does Java.
        w1, b1, w2, b2, classes = digits_model.weights(self.model)
        x = self.pixels / digits_model.PIXEL_SCALE
        z = np.maximum(x @ w1 + b1, 0) @ w2 + b2
        p = np.exp(z - z.max(axis=1, keepdims=True))
        p /= p.sum(axis=1, keepdims=True)
        predicted, confidence = digits_model.predict(self.model, self.pixels)
        np.testing.assert_array_equal(classes[p.argmax(axis=1)], predicted)
        np.testing.assert_allclose(p.max(axis=1), confidence, rtol=1e-12)

    def test_a_pickled_model_scores_the_same(self):
        again = digits_model.loads(digits_model.dumps(self.model))
        np.testing.assert_array_equal(digits_model.predict(self.model, self.pixels)[0],
                                      digits_model.predict(again, self.pixels)[0])

    def test_batches_score_like_the_whole(self):
        whole, _ = digits_model.predict(self.model, self.pixels)
        parts = np.concatenate([digits_model.predict(self.model, self.pixels[i:i + 37])[0]
                                for i in range(0, len(self.pixels), 37)])
        np.testing.assert_array_equal(whole, parts)


if __name__ == "__main__":
    unittest.main()
