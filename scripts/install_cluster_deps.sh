#!/usr/bin/env bash
# What the cluster tests, `make cluster` and `make bench-cluster` need (Debian/Ubuntu):
# Varnish with varnish-modules (xkey), HAProxy, PgBouncer, redis-server and wrk.
# Run by .ci/run; safe to run again. Needs root (or sudo) for apt-get.
# Installing them starts no service we use: the runners in cluster/ start their own
# instances on free loopback ports (a system Redis or Varnish, if the package starts
# one, is left alone).
set -euo pipefail
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
missing=()
command -v varnishd >/dev/null 2>&1 || missing+=(varnish)
ls /usr/lib/*/varnish/vmods/libvmod_xkey.so >/dev/null 2>&1 || missing+=(varnish-modules)
command -v haproxy >/dev/null 2>&1 || missing+=(haproxy)
command -v pgbouncer >/dev/null 2>&1 || missing+=(pgbouncer)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v wrk >/dev/null 2>&1 || missing+=(wrk)
if [ ${#missing[@]} -gt 0 ]; then
  $SUDO apt-get update -qq
  # policy-rc.d-less containers may try to start the services: that is harmless here.
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
