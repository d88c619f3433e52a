#!/usr/bin/env bash
# The Debian 12 packages fitkit needs, and the one function that installs whichever are
# missing. Sourced by scripts/quickstart.sh and scripts/test.sh.
FITKIT_PACKAGES=(
  g++ cmake make pkg-config ccache          # toolchain; ccache keeps rebuilds short
  libarmadillo-dev                          # linear algebra
  libopenblas-openmp-dev                    # BLAS/LAPACK, OpenMP build: one thread knob
  libcereal-dev rapidjson-dev               # model files (cereal uses the system RapidJSON)
  libboost-program-options-dev              # command-line programs
  catch2                                    # tests (v2)
  clang libclang-rt-14-dev                  # libFuzzer smoke runs
  python3-sklearn python3-pandas python3-numpy  # reference fixtures and bench/ only
)

fitkit_install_missing() {
  local missing=()
  for p in "${FITKIT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "fitkit: installing ${missing[*]}" >&2
  local sudo=()
  [ "$(id -u)" -ne 0 ] && sudo=(sudo)
  "${sudo[@]}" apt-get update -q &&
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
}
