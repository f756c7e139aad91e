# Source me: makes sure a Compose implementation exists to check docker-compose.yml offline
# (tests/integration/test_docker_compose.py). There is no Docker engine on the test machines; Debian's
# docker-compose parses and validates a compose file without one. Installed only when missing, and only
# where we may (root with apt-get); otherwise the test says what is missing.
ensure_compose_checker() {
  if docker compose version >/dev/null 2>&1 || command -v docker-compose >/dev/null 2>&1; then
    return 0
  fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian's docker-compose (to check docker-compose.yml) ..." >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null &&
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-compose >/dev/null
    return $?
  fi
  echo "scripts/test: no docker compose / docker-compose to check docker-compose.yml; install one" >&2
  return 0
}
