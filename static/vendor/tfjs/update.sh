#!/usr/bin/env bash
# Re-vendor TensorFlow.js from the npm registry: bash static/vendor/tfjs/update.sh 4.22.0
# The page loads core + converter + WASM backend as scripts; the WebGL and CPU backends when tried.
set -euo pipefail
version=${1:?usage: update.sh VERSION}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cd "$work"
for package in core converter backend-cpu backend-webgl backend-wasm; do
  npm pack --silent "@tensorflow/tfjs-$package@$version" >/dev/null
  mkdir "$package"
  tar -xzf "tensorflow-tfjs-$package-$version.tgz" -C "$package"
  cp "$package/package/dist/tf-$package.es2017.min.js" "$here/"
done
cp backend-wasm/package/dist/*.wasm "$here/"
echo "vendored tfjs $version into $here (update README.md's table)"
