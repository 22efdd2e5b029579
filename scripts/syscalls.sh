#!/usr/bin/env bash
# Counts a running process's system calls that matter per forwarded event (socket reads and writes, by NIO or the
# native epoll transport, event-loop waits, wake-ups of another thread's event loop through its eventfd) and its
# context switches, per thread, for a number of seconds: `perf stat` on the kernel's syscall tracepoints (needs perf
# and root or kernel.perf_event_paranoid <= -1). Used beside `scripts/profile.sh stream --paced` (docs/profiles.md, "The stream"):
# divide by the events forwarded in the same seconds.
#
#   scripts/syscalls.sh <pid> [seconds]      default 10 s
set -euo pipefail
pid=${1:?usage: scripts/syscalls.sh <pid> [seconds]}
seconds=${2:-10}
events=syscalls:sys_enter_read,syscalls:sys_enter_recvfrom,syscalls:sys_enter_write,syscalls:sys_enter_writev
events+=,syscalls:sys_enter_sendto
events+=,syscalls:sys_enter_epoll_wait,syscalls:sys_enter_epoll_pwait,syscalls:sys_enter_epoll_pwait2
events+=,syscalls:sys_enter_futex
events+=,context-switches
# An 8-byte write is a wake-up through an eventfd (how NIO's selector and Netty's epoll loop are woken); counted apart.
exec perf stat --per-thread -e "$events" -e syscalls:sys_enter_write --filter 'count == 8' -p "$pid" -- sleep "$seconds"
