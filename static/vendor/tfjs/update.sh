#!/usr/bin/env bash
# Re-vendor TensorFlow.js from the npm registry: bash static/vendor/tfjs/update.sh 4.22.0
set -euo pipefail
version=${1:?usage: update.sh VERSION}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack --silent "@tensorflow/tfjs@$version" "@tensorflow/tfjs-backend-wasm@$version" >/dev/null
mkdir tfjs wasm
tar -xzf tensorflow-tfjs-"$version".tgz -C tfjs
tar -xzf tensorflow-tfjs-backend-wasm-"$version".tgz -C wasm
cp tfjs/package/dist/tf.es2017.min.js "$here/"
cp wasm/package/dist/tf-backend-wasm.es2017.min.js wasm/package/dist/*.wasm "$here/"
echo "vendored tfjs $version into $here (update README.md's table)"
