"""QR codes read back as a phone's camera would (zxing-cpp): from pixels, and from the terminal, where
`python -m server --classroom` prints one with segno."""

import numpy as np
import zxingcpp


def decode(image):
    return [barcode.text for barcode in zxingcpp.read_barcodes(image)]


BLOCKS = {"█": (False, False), "▀": (False, True), "▄": (True, False), " ": (True, True)}  # (top, bottom) dark


def read_terminal_qr(lines):
    """The QR code segno printed in compact mode (its glyphs draw the light modules, for a dark terminal;
    the dark modules are the background; two rows of modules a line) as what a phone would read."""
    width = len(lines[0])
    assert all(len(line) == width and set(line) <= set(BLOCKS) for line in lines), lines
    rows = [[BLOCKS[ch][half] for ch in line] for line in lines for half in (0, 1)]
    assert len(lines) == (width + 1) // 2  # a square, two rows a line
    dark = np.array(rows[:width], bool)  # (an odd height's last half-line is filler)
    image = np.where(np.pad(dark, 4), 0, 255).astype(np.uint8)  # a white quiet zone around it
    return decode(np.kron(image, np.ones((8, 8), np.uint8)))
