"""What a CPPN decoder (train/cppn.py) is asked for each pixel, computed here, independently of the
training code: the tests of its files (tests/training/test_shipped_models.py) and of the page drawing
with it (tests/page/test_blur.py) both feed it these."""

import numpy as np


def pixel_queries(z, size):
    """[z, x, y, r] for each pixel centre of a size × size image, row after row, for each code."""
    centres = (np.arange(size) + 0.5) * (2.0 / size) - 1.0
    y, x = np.repeat(centres, size), np.tile(centres, size)
    position = np.stack([x, y, np.sqrt(x * x + y * y)], axis=1)
    return np.concatenate([np.repeat(z, size * size, axis=0), np.tile(position, (len(z), 1))], axis=1)
