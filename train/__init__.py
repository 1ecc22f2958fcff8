"""Training side of the project: the Keras VAE, its data, its CLI and its TF.js export.

Training runs on TensorFlow or JAX (KERAS_BACKEND); export needs TensorFlow (see requirements-train.txt);
the server and the page need neither.
Two modules need only NumPy (and Pillow): data.py (loading and validating MNIST .npz files) and
preprocess.py (the Python twin of the page's image preprocessing); importing this package imports
nothing else.
"""

import os

# Quieter TensorFlow start-up; and tensorflow_decision_forests (imported by tensorflowjs) otherwise
# imports IPython to print a banner whenever stdout is not a terminal (pipes, pytest, CI).
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("TFDF_DISABLE_WELCOME_MESSAGE", "1")

# The model families train/models.py builds (here so the CLI can list them without importing Keras).
ARCHITECTURES = ("conv", "wide", "kerasio", "mlp", "mlp256")
KINDS = ("vae", "ae")
# Trained against a discriminator, each network with its own optimiser: train/gan.py, train/vaegan.py
# (their step, on TensorFlow or JAX: train/adversarial_step.py).
ADVERSARIAL_KINDS = ("gan", "vaegan")
DEFAULT_GAMMA = 1.0  # the VAE-GAN's γ (see train/vaegan.py)
