"""Tests of server/: routes, headers, the server CLI."""
