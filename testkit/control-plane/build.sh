#!/usr/bin/env bash
# Builds etcd, kube-apiserver and kube-controller-manager from Go modules into a per-user cache
# folder keyed by the versions in VERSIONS:
#   ${XDG_CACHE_HOME:-$HOME/.cache}/sluice/control-plane/<K8S_VERSION>-etcd<ETCD_VERSION>/bin
# With --with-fake-nodes it also builds kube-scheduler and kwok (fake nodes that run pods
# without containers) and writes kwok-stages.yaml there.
# A no-op when the binaries are already there. The last line printed is the bin folder.
# Needs only Go (>= 1.26) and the Go module proxy.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

with_fake_nodes=false
for arg in "$@"; do
  case "$arg" in
    --with-fake-nodes) with_fake_nodes=true ;;
    *) echo "usage: $0 [--with-fake-nodes]" >&2; exit 2 ;;
  esac
done

version_of() { # KEY -> value from VERSIONS
  local v
  v="$(sed -n "s/^$1=//p" "$here/VERSIONS" | tr -d '[:space:]')"
  [[ -n "$v" ]] || { echo "build.sh: $1 missing in $here/VERSIONS" >&2; exit 1; }
  printf '%s' "$v"
}
K8S_VERSION="$(version_of K8S_VERSION)"
ETCD_VERSION="$(version_of ETCD_VERSION)"
KWOK_VERSION="$(version_of KWOK_VERSION)"

root="${XDG_CACHE_HOME:-$HOME/.cache}/sluice/control-plane/${K8S_VERSION}-etcd${ETCD_VERSION}"
bin="$root/bin"
core=(etcd kube-apiserver kube-controller-manager)
extras=(kube-scheduler kwok kwok-stages.yaml)

missing() { # names... -> prints those not in bin/
  local f
  for f in "$@"; do [[ -s "$bin/$f" ]] || echo "$f"; done
}
need_core="$(missing "${core[@]}")"
need_extras=""
if $with_fake_nodes; then need_extras="$(missing "${extras[@]}")"; fi
if [[ -z "$need_core" && -z "$need_extras" ]]; then
  echo "$bin"
  exit 0
fi

command -v go >/dev/null || { echo "build.sh: Go is not installed (need go >= 1.26)" >&2; exit 1; }
require_pin() { # go.mod module version
  grep -q "$2 v$3\$" "$here/$1" || { echo "build.sh: $1 does not require $2 v$3 (see VERSIONS)" >&2; exit 1; }
}
require_pin kube/go.mod k8s.io/kubernetes "$K8S_VERSION"
require_pin etcd/go.mod go.etcd.io/etcd/server/v3 "$ETCD_VERSION"
require_pin kwok/go.mod sigs.k8s.io/kwok "$KWOK_VERSION"

export CGO_ENABLED=0
export GOFLAGS="-mod=mod -buildvcs=false"

k8s_minor="$(echo "$K8S_VERSION" | cut -d. -f2)"
k8s_ldflags="-s -w"
for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  k8s_ldflags+=" -X '$pkg.gitVersion=v${K8S_VERSION}' -X '$pkg.gitMajor=1' -X '$pkg.gitMinor=${k8s_minor}'"
  k8s_ldflags+=" -X '$pkg.gitTreeState=clean'"
done

# Build into a private folder, then move each file into bin/ (rename is atomic), so a
# concurrent or interrupted build never leaves a half-written binary that looks present.
mkdir -p "$bin"
tmp="$(mktemp -d "$root/build.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT

start=$SECONDS
if [[ -n "$need_core" ]]; then
  echo "build.sh: building etcd v${ETCD_VERSION}, kube-apiserver and kube-controller-manager v${K8S_VERSION}" \
    "(minutes the first time)" >&2
  (cd "$here/etcd" &&
    go build -trimpath -ldflags "-s -w -X 'go.etcd.io/etcd/api/v3/version.GitSHA=v${ETCD_VERSION}'" \
      -o "$tmp/etcd" .)
  kube_cmds=(./kube-apiserver ./kube-controller-manager)
  if $with_fake_nodes; then kube_cmds+=(./kube-scheduler); fi
  (cd "$here/kube" && go build -trimpath -ldflags "$k8s_ldflags" -o "$tmp/" "${kube_cmds[@]}")
fi
if [[ -n "$need_extras" ]]; then
  echo "build.sh: building kube-scheduler v${K8S_VERSION} and kwok v${KWOK_VERSION}" >&2
  if [[ ! -e "$tmp/kube-scheduler" ]]; then
    (cd "$here/kube" && go build -trimpath -ldflags "$k8s_ldflags" -o "$tmp/kube-scheduler" ./kube-scheduler)
  fi
  (cd "$here/kwok" && go build -trimpath -ldflags "-s -w" -o "$tmp/kwok" .)
  # kwok's default "fast" stages: nodes become Ready (and renew their leases), pods Running
  # and Ready, and deleted pods go away.
  stages="$(cd "$here/kwok" && go list -m -f '{{.Dir}}' sigs.k8s.io/kwok)/kustomize/stage"
  for f in node/fast/node-initialize node/heartbeat-with-lease/node-heartbeat-with-lease \
    pod/fast/pod-ready pod/fast/pod-complete pod/fast/pod-delete; do
    echo "---"
    cat "$stages/$f.yaml"
  done > "$tmp/kwok-stages.yaml"
fi
for f in "$tmp"/*; do mv -f "$f" "$bin/"; done
echo "build.sh: built in $((SECONDS - start)) s" >&2
echo "$bin"
