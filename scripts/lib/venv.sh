# Source me: makes (or reuses) the project's virtual environment at .venv and installs graphrepo into it.
# Usage: ensure_venv [EXTRAS]   e.g. ensure_venv test
# Reinstalls only when pyproject.toml changed since the last install (its hash is kept inside .venv).
ensure_venv() {
  local extras="${1:-}" root venv stamp wanted spec
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  venv="$root/.venv"
  if [ ! -x "$venv/bin/python" ]; then
    "${PYTHON:-python3}" -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
  fi
  spec="."
  [ -n "$extras" ] && spec=".[${extras}]"
  stamp="$venv/.graphrepo-installed"
  wanted="$(sha256sum "$root/pyproject.toml" | cut -d' ' -f1) ${spec}"
  if [ ! -f "$stamp" ] || ! grep -qxF "$wanted" "$stamp"; then
    echo "Installing graphrepo${extras:+ with [$extras]} into .venv ..." >&2
    (cd "$root" && "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -e "$spec")
    echo "$wanted" >> "$stamp"
  fi
  export PATH="$venv/bin:$PATH"
  export VIRTUAL_ENV="$venv"
}
