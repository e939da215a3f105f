# Conformance helper: runs a command-line tool that signals "not found" with an exit status, and
# turns that status into the helpers' convention (a line `ERROR …`, exit 0).
#
# Usage: sh not-found-status.sh STATUS COMMAND [ARGUMENT…]
# STATUS is the tool's documented "not found" exit status (getent: 2; busybox nslookup: 1).
# Any other non-zero status, and death by a signal (128+N), is passed on so it reads as a crash.
not_found=$1
shift
"$@"
status=$?
if [ "$status" -eq "$not_found" ] && [ "$status" -ne 0 ]; then
    echo "ERROR $1 exited with status $status (not found)"
    exit 0
fi
exit "$status"
