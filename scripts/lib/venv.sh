# Source me: makes (or reuses) the project's virtual environment at .venv and installs graphrepo into it.
# Usage: ensure_venv [EXTRAS]   e.g. ensure_venv test
# Reinstalls when pyproject.toml differs from the one last installed, or when extras are asked for that
# the last install did not include (the stamp inside .venv records both).
ensure_venv() {
  local extras="${1:-}" root venv stamp hash spec have_hash="" have_extras=""
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  venv="$root/.venv"
  if [ ! -x "$venv/bin/python" ]; then
    "${PYTHON:-python3}" -m venv "$venv" || return 1
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip || return 1
  fi
  stamp="$venv/.graphrepo-installed"
  hash="$(sha256sum "$root/pyproject.toml" | cut -d' ' -f1)"
  if [ -f "$stamp" ]; then
    have_hash="$(sed -n 1p "$stamp")"
    have_extras="$(sed -n 2p "$stamp")"
  fi
  if [ "$have_hash" != "$hash" ] || { [ -n "$extras" ] && [ "$have_extras" != "$extras" ]; }; then
    spec="."
    [ -n "$extras" ] && spec=".[${extras}]"
    echo "Installing graphrepo${extras:+ with [$extras]} into .venv ..." >&2
    (cd "$root" && "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -e "$spec") || return 1
    printf '%s\n%s\n' "$hash" "$extras" >"$stamp"
  fi
  export PATH="$venv/bin:$PATH"
  export VIRTUAL_ENV="$venv"
}
