"""Training side of the project: the Keras VAE, its data, its CLI and its TF.js export.

Everything here needs TensorFlow (see requirements-train.txt); the server and the page do not.
"""
