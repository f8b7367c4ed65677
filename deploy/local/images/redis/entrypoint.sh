#!/bin/sh
# As the official image does: a redis-server started without a configuration file is in
# protected mode and refuses every client but loopback ones, so the other containers (on the
# compose network, which is the boundary here) could not reach it.
set -e
if [ "$1" = redis-server ]; then
  shift
  set -- redis-server --protected-mode no "$@"
fi
exec "$@"
