# Sourced by scripts/test and bench/realtime: starts a D-Bus session bus of our own (the
# desktop's, for the media-key tests), on a socket in a private folder. Sets
# PRIVATE_DBUS_ADDRESS (not DBUS_SESSION_BUS_ADDRESS: each test names the bus itself);
# stop_private_dbus ends it.
start_private_dbus() {
  PRIVATE_DBUS_RUNTIME=$(mktemp -d "${TMPDIR:-/tmp}/stretchcue-dbus.XXXXXX")
  chmod 700 "$PRIVATE_DBUS_RUNTIME"
  local info
  info=$(dbus-daemon --session --fork --nopidfile --print-address=1 --print-pid=1 \
           --address="unix:path=$PRIVATE_DBUS_RUNTIME/bus" 2>/dev/null) || return 1
  PRIVATE_DBUS_ADDRESS=$(sed -n 1p <<<"$info")
  PRIVATE_DBUS_PID=$(sed -n 2p <<<"$info")
  [ -n "$PRIVATE_DBUS_ADDRESS" ] && [ -n "$PRIVATE_DBUS_PID" ]
}

stop_private_dbus() {
  [ -n "${PRIVATE_DBUS_RUNTIME:-}" ] || return 0
  [ -n "${PRIVATE_DBUS_PID:-}" ] && kill "$PRIVATE_DBUS_PID" 2>/dev/null || true
  rm -rf "$PRIVATE_DBUS_RUNTIME"
}
