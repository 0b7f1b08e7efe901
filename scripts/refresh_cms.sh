#!/bin/sh
# Refresh the web editor's bundles (Decap CMS, js-yaml) in docs/admin/ from npm, at pinned versions.
# Only maintainers run this (it needs npm); builds and tests use the committed bundle.
# Usage: scripts/refresh_cms.sh [DECAP_VERSION]   (default: the versions pinned below)
set -eu
VERSION="${1:-3.16.3}"
JS_YAML="4.1.0"   # parses and writes the plans' YAML in the editor (docs/admin/civplan-cms.js)
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DEST="$ROOT/docs/admin/decap"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

command -v npm >/dev/null || { echo "需要 npm（Node.js）才能更新编辑器文件" >&2; exit 1; }
(cd "$WORK" && npm pack --silent "decap-cms@$VERSION" >/dev/null && tar xzf decap-cms-*.tgz)
DIST="$WORK/package/dist"

rm -rf "$DEST" && mkdir -p "$DEST"
# The standalone bundle and the chunks it loads on demand (widgets, locales). Not copied: the
# source maps, the `cms.js` duplicate and the WebP-encoder .wasm files, used only when an
# image is uploaded, which plans never do (and which would need 'wasm-unsafe-eval' in the CSP).
cp "$DIST/decap-cms.js" "$DIST/decap-cms.js.LICENSE.txt" "$DEST/"
for chunk in "$DIST"/*.decap-cms.js; do cp "$chunk" "$DEST/"; done
# The npm package ships no licence file: its package.json says MIT; this is the project's text.
cat > "$DEST/LICENSE" <<'LICENSE'
Copyright (c) 2016 Netlify <decap@p-m.si>

MIT License

Permission is hereby granted, free of charge, to any person obtaining
a copy of this software and associated documentation files (the
"Software"), to deal in the Software without restriction, including
without limitation the rights to use, copy, modify, merge, publish,
distribute, sublicense, and/or sell copies of the Software, and to
permit persons to whom the Software is furnished to do so, subject to
the following conditions:

The above copyright notice and this permission notice shall be
included in all copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND,
EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF
MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND
NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE
LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION
OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION
WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
LICENSE
echo "decap-cms $VERSION" > "$DEST/VERSION"

# js-yaml: the editor writes plans with it, so that a saved plan keeps the project's YAML style.
YAML_DEST="$ROOT/docs/admin/js-yaml"
(cd "$WORK" && rm -rf package && npm pack --silent "js-yaml@$JS_YAML" >/dev/null && tar xzf js-yaml-*.tgz)
rm -rf "$YAML_DEST" && mkdir -p "$YAML_DEST"
cp "$WORK/package/dist/js-yaml.min.js" "$WORK/package/LICENSE" "$YAML_DEST/"
echo "js-yaml $JS_YAML" > "$YAML_DEST/VERSION"
echo "已更新 docs/admin/decap/（decap-cms $VERSION，$(du -sh "$DEST" | cut -f1)）和 docs/admin/js-yaml/（js-yaml $JS_YAML）"
