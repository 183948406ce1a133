#!/usr/bin/env bash
# Builds etcd, kube-apiserver and kube-controller-manager from Go modules into a per-user
# cache folder keyed by the versions in VERSIONS:
#   ${XDG_CACHE_HOME:-$HOME/.cache}/sluice/control-plane/<K8S_VERSION>-etcd<ETCD_VERSION>/bin
# A no-op when the three binaries are already there. The last line printed is the bin folder.
# Needs only Go (>= 1.26) and the Go module proxy.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

version_of() { # KEY -> value from VERSIONS
  local v
  v="$(sed -n "s/^$1=//p" "$here/VERSIONS" | tr -d '[:space:]')"
  [[ -n "$v" ]] || { echo "build.sh: $1 missing in $here/VERSIONS" >&2; exit 1; }
  printf '%s' "$v"
}
K8S_VERSION="$(version_of K8S_VERSION)"
ETCD_VERSION="$(version_of ETCD_VERSION)"

root="${XDG_CACHE_HOME:-$HOME/.cache}/sluice/control-plane/${K8S_VERSION}-etcd${ETCD_VERSION}"
bin="$root/bin"
binaries=(etcd kube-apiserver kube-controller-manager)

all_present() {
  local b
  for b in "${binaries[@]}"; do [[ -x "$bin/$b" ]] || return 1; done
}
if all_present; then
  echo "$bin"
  exit 0
fi

command -v go >/dev/null || { echo "build.sh: Go is not installed (need go >= 1.26)" >&2; exit 1; }
grep -q "k8s.io/kubernetes v${K8S_VERSION}\$" "$here/kube/go.mod" ||
  { echo "build.sh: kube/go.mod does not require k8s.io/kubernetes v${K8S_VERSION}" >&2; exit 1; }
grep -q "go.etcd.io/etcd/server/v3 v${ETCD_VERSION}\$" "$here/etcd/go.mod" ||
  { echo "build.sh: etcd/go.mod does not require go.etcd.io/etcd/server/v3 v${ETCD_VERSION}" >&2; exit 1; }

export CGO_ENABLED=0
export GOFLAGS="-mod=mod -buildvcs=false"

k8s_minor="$(echo "$K8S_VERSION" | cut -d. -f2)"
k8s_ldflags=""
for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  k8s_ldflags+=" -X '$pkg.gitVersion=v${K8S_VERSION}' -X '$pkg.gitMajor=1' -X '$pkg.gitMinor=${k8s_minor}'"
  k8s_ldflags+=" -X '$pkg.gitTreeState=clean'"
done

# Build into a private folder, then move each binary into bin/ (rename is atomic), so a
# concurrent or interrupted build never leaves a half-written binary that looks present.
mkdir -p "$bin"
tmp="$(mktemp -d "$root/build.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT

start=$SECONDS
echo "build.sh: building etcd v${ETCD_VERSION}, kube-apiserver and kube-controller-manager v${K8S_VERSION} (takes minutes the first time)" >&2
(cd "$here/etcd" &&
  go build -trimpath -ldflags "-s -w -X 'go.etcd.io/etcd/api/v3/version.GitSHA=v${ETCD_VERSION}'" \
    -o "$tmp/etcd" .)
(cd "$here/kube" &&
  go build -trimpath -ldflags "-s -w ${k8s_ldflags}" -o "$tmp/" ./kube-apiserver ./kube-controller-manager)
for b in "${binaries[@]}"; do mv -f "$tmp/$b" "$bin/$b"; done
echo "build.sh: built in $((SECONDS - start)) s" >&2
echo "$bin"
