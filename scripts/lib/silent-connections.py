#!/usr/bin/env python3
"""Opens COUNT TCP connections to a loopback port, sends nothing on them, and watches when the other side
closes each one. Bounded: it gives up connecting after CONNECT_SECONDS and exits after HOLD_SECONDS whatever
happened. Loopback only (refuses any other address). Prints one JSON line:
  {"asked", "connected", "failed", "closed", "open_at_end", "closed_after_ms": {"p50", "p99", "max"}}
where closed_after_ms is the time from a connection's establishment to the peer's close (FIN or RST).

Usage: silent-connections.py HOST PORT COUNT SOURCE_ADDRESS CONNECT_SECONDS HOLD_SECONDS
Run it in a process of its own: it raises its soft open-file limit to the hard one and needs COUNT of them.
"""
import errno
import ipaddress
import json
import resource
import selectors
import socket
import sys
import time


def percentile(values, p):
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p / 100))]


def main():
    host, port, count, source, connect_s, hold_s = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], \
        float(sys.argv[5]), float(sys.argv[6])
    if not ipaddress.ip_address(host).is_loopback or not ipaddress.ip_address(source).is_loopback:
        sys.exit("loopback addresses only")
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))

    sel = selectors.DefaultSelector()
    started = time.monotonic()
    connecting = {}  # socket -> when connect() was called
    established = {}  # socket -> when the connection was established
    closed_after = []
    failed = 0
    asked = 0
    batch = 200  # connects in flight at most: the listen backlog must not overflow

    def handle(timeout):
        nonlocal failed
        for key, _ in sel.select(timeout):
            s = key.fileobj
            now = time.monotonic()
            if s in connecting:
                err = s.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
                del connecting[s]
                if err:
                    failed += 1
                    sel.unregister(s)
                    s.close()
                else:
                    established[s] = now
                    sel.modify(s, selectors.EVENT_READ)
                continue
            try:
                data = s.recv(1)
            except OSError:
                data = b""
            if data:  # the peer sent something (an error response): it still counts as closing only when it closes
                continue
            closed_after.append((now - established.pop(s)) * 1000)
            sel.unregister(s)
            s.close()

    deadline_connect = started + connect_s
    while asked < count and time.monotonic() < deadline_connect:
        while asked < count and len(connecting) < batch:
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.setblocking(False)
            s.bind((source, 0))
            rc = s.connect_ex((host, port))
            asked += 1
            if rc not in (0, errno.EINPROGRESS):
                failed += 1
                s.close()
                continue
            connecting[s] = time.monotonic()
            sel.register(s, selectors.EVENT_WRITE)
        handle(0.05)
        for s, since in list(connecting.items()):  # a connect the backlog never took
            if time.monotonic() - since > 5:
                del connecting[s]
                sel.unregister(s)
                s.close()
                failed += 1
    deadline_hold = started + hold_s
    while time.monotonic() < deadline_hold and (established or connecting):
        handle(0.2)
    failed += len(connecting)
    print(json.dumps({
        "asked": asked,
        "connected": len(established) + len(closed_after),
        "failed": failed,
        "closed": len(closed_after),
        "open_at_end": len(established),
        "closed_after_ms": {"p50": percentile(closed_after, 50), "p99": percentile(closed_after, 99),
                            "max": max(closed_after) if closed_after else None},
    }))


if __name__ == "__main__":
    main()
