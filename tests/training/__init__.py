"""Tests of train/: data, layers, training CLI, metrics, classifier, export, story figures."""
