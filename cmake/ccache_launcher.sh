#!/bin/sh
# The compiler launcher: ccache, with the sloppiness that lets it reuse objects built with a
# precompiled header. Usage: ccache_launcher.sh /path/to/ccache compiler args...
#
# A precompiled header is rebuilt where its previous version lies, and ccache, seeing
# `-include cmake_pch.hxx` with a .gch beside it, hashes that old .gch into the new one's key.
# GCC's .gch files differ from build to build, so every rebuild of one (after any reconfigure)
# missed, and so did every object compiled with it: a full rebuild. Without the old file the
# key is the headers' own, and the .gch comes back from the cache byte for byte.
ccache=$1
shift
out=
previous=
for arg in "$@"; do
  [ "$previous" = "-o" ] && out=$arg
  previous=$arg
done
case "$out" in
  *.gch) rm -f "$out" ;;
esac
CCACHE_SLOPPINESS=pch_defines,time_macros,include_file_mtime,include_file_ctime
# Paths inside the source tree hashed as relative ones, so that a clone elsewhere (CI's clean
# clone, a second worktree) hits the objects this one left in the cache.
CCACHE_BASEDIR=${CCACHE_BASEDIR:-$(cd "$(dirname "$0")/.." && pwd)}
export CCACHE_SLOPPINESS CCACHE_BASEDIR
exec "$ccache" "$@"
