#!/usr/bin/env bash
# Re-vendor TensorFlow.js from the npm registry: bash static/vendor/tfjs/update.sh 4.22.0
# The page loads core + converter + WASM backend as scripts; the WebGL and CPU backends when tried;
# the in-page trainer's worker also loads the gradients (tf-gradients.es2017.min.js, see below).
set -euo pipefail
version=${1:?usage: update.sh VERSION}
here=$(cd "$(dirname "$0")" && pwd)
esbuild="$here/../../../node_modules/.bin/esbuild"  # the repo's own (npm ci), pinned in package-lock.json
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cd "$work"
for package in core converter backend-cpu backend-webgl backend-wasm; do
  npm pack --silent "@tensorflow/tfjs-$package@$version" >/dev/null
  mkdir "$package"
  tar -xzf "tensorflow-tfjs-$package-$version.tgz" -C "$package"
  cp "$package/package/dist/tf-$package.es2017.min.js" "$here/"
done
cp backend-wasm/package/dist/*.wasm "$here/"
# tf-core.es2017.min.js registers no gradients (the @tensorflow/tfjs union bundle imports them), and
# npm ships them only as modules: bundle the package's own dist/register_all_gradients.js into one
# script. It registers into the same global registry the core script made (tfjs keeps it on globalThis).
npm install --silent --no-save --prefix "$work/gradients" "@tensorflow/tfjs-core@$version" >/dev/null
echo "import '@tensorflow/tfjs-core/dist/register_all_gradients.js';" > "$work/gradients/entry.js"
"$esbuild" "$work/gradients/entry.js" --bundle --minify --format=iife --target=es2017 --log-level=warning \
  --banner:js="// @tensorflow/tfjs-core@$version dist/register_all_gradients.js, bundled by esbuild (update.sh)" \
  --outfile="$here/tf-gradients.es2017.min.js"
echo "vendored tfjs $version into $here (update README.md's table)"
