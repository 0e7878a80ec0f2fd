# Sourced by scripts/test: starts a JACK server of our own on its dummy driver (it paces in real
# time, with no sound card), under a name no other server uses. Sets PRIVATE_JACK_NAME and
# PRIVATE_JACK_PID; stop_private_jack ends it. ALSA's `jack` device reaches it through
# JACK_DEFAULT_SERVER.
start_private_jack() {
  command -v jackd >/dev/null 2>&1 || return 1
  PRIVATE_JACK_NAME="stretchcue-test-$$"
  jackd -n "$PRIVATE_JACK_NAME" --no-realtime -d dummy -r 48000 -p 1024 >/dev/null 2>&1 &
  PRIVATE_JACK_PID=$!
  for _ in $(seq 50); do
    JACK_DEFAULT_SERVER="$PRIVATE_JACK_NAME" jack_lsp >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  return 1
}

stop_private_jack() {
  [ -n "${PRIVATE_JACK_PID:-}" ] || return 0
  kill "$PRIVATE_JACK_PID" 2>/dev/null || true
  wait "$PRIVATE_JACK_PID" 2>/dev/null || true
}
