# Sourced by scripts/test and bench/realtime: starts a PulseAudio server of our own, in a
# private runtime folder, with a null sink named `cue` that paces in real time at 48 kHz.
# Sets PRIVATE_PULSE_RUNTIME and exports PULSE_SERVER; stop_private_pulse ends it.
start_private_pulse() {
  PRIVATE_PULSE_RUNTIME=$(mktemp -d "${TMPDIR:-/tmp}/stretchcue-pulse.XXXXXX")
  chmod 700 "$PRIVATE_PULSE_RUNTIME"
  XDG_RUNTIME_DIR="$PRIVATE_PULSE_RUNTIME" pulseaudio -n --daemonize=yes --exit-idle-time=-1 --disallow-exit \
    -L 'module-null-sink sink_name=cue rate=48000' -L module-native-protocol-unix >/dev/null 2>&1 || true
  for _ in $(seq 50); do
    XDG_RUNTIME_DIR="$PRIVATE_PULSE_RUNTIME" pactl info >/dev/null 2>&1 && break
    sleep 0.1
  done
  XDG_RUNTIME_DIR="$PRIVATE_PULSE_RUNTIME" pactl info >/dev/null 2>&1 || return 1
  export PULSE_SERVER="unix:$PRIVATE_PULSE_RUNTIME/pulse/native"
}

stop_private_pulse() {
  [ -n "${PRIVATE_PULSE_RUNTIME:-}" ] || return 0
  XDG_RUNTIME_DIR="$PRIVATE_PULSE_RUNTIME" pulseaudio --kill >/dev/null 2>&1 || true
  rm -rf "$PRIVATE_PULSE_RUNTIME"
}
