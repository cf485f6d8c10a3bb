#!/usr/bin/env python3
"""Malformed and refused requests against a running `sitrep serve`: each
must get its 4xx status and, from sitrep's own handler, a JSON body
{"error": ..., "status": N} that names the problem.

usage: badrequests.py HOST:PORT     prints "bad-requests: N passed, N failed"
"""
import http.client
import json
import socket
import sys
import time

host, port = sys.argv[1].rsplit(":", 1)
port = int(port)

CASES = [
    # method, path, headers, body, status, text in the error message
    ("GET", "/events?from=2012-13-01", {}, None, 400, "from: expected a date"),
    ("GET", "/events?limit=5000", {}, None, 400, "limit: expected a number from 1 to 1000"),
    ("GET", "/events?bbox=1,2", {}, None, 400, "bbox: expected west,south,east,north"),
    ("GET", "/events?actor=syr%20mil", {}, None, 400, "actor: expected an actor code"),
    ("GET", "/events?colour=red", {}, None, 400, "unknown parameter 'colour'"),
    ("GET", "/events?from=2012-01-01&from=2013-01-01", {}, None, 400, "given twice"),
    ("GET", "/aggregates?by=fortnight", {}, None, 400, "unknown period or grouping 'fortnight'"),
    ("GET", "/aggregates", {}, None, 400, "by: expected a period"),
    ("GET", "/events?text=%ff", {}, None, 400, "invalid UTF-8"),
    ("GET", "/documents/no-such-document", {}, None, 404, "no document"),
    ("GET", "/nowhere", {}, None, 404, "no such endpoint"),
    ("GET", "/static/../README.md", {}, None, 404, "no such file"),
    ("DELETE", "/events", {}, None, 405, "takes GET or HEAD"),
    ("GET", "/code", {}, None, 405, "takes POST"),
    ("POST", "/code", {"Content-Type": "application/json"}, b'{"text": ', None, None),
    ("POST", "/code", {"Content-Type": "application/xml"}, b"<a/>", None, None),
]

passed = failed = 0


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print("FAIL bad-requests: " + what, file=sys.stderr)


for method, path, headers, body, status, text in CASES:
    c = http.client.HTTPConnection(host, port, timeout=10)
    try:
        c.request(method, path, body=body, headers=headers)
        r = c.getresponse()
        data = r.read()
    except OSError as e:
        check(False, "%s %s: %s" % (method, path, e))
        continue
    finally:
        c.close()
    # /code answers 400 or 415 with the coder on, 503 with it off: both are
    # clear JSON errors.
    want = status if status else (400, 415, 503)
    ok = r.status == want if isinstance(want, int) else r.status in want
    try:
        err = json.loads(data)
        msg = err.get("error", "")
        ok = ok and err.get("status") == r.status and (text is None or text in msg)
    except ValueError:
        ok, msg = False, data[:200]
    ok = ok and r.getheader("Content-Type") == "application/json"
    check(ok, "%s %s -> %d %r" % (method, path[:60], r.status, msg))


def raw(data):
    s = socket.create_connection((host, port), timeout=10)
    try:
        s.sendall(data)
        return s.recv(65536)
    except OSError as e:
        return repr(e).encode()
    finally:
        s.close()


# A body announced larger than --max-body is refused from its headers,
# before it is sent.
reply = raw(b"POST /code HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
            b"Content-Length: 2097152\r\n\r\n")
check(reply.startswith(b"HTTP/1.1 413") and b'"status": 413' in reply and b"larger than" in reply,
      "2 MiB body -> %r" % reply[:60])
# Broken HTTP gets libmicrohttpd's own 400 (an HTML body), then the
# connection is closed: no Host, a header line without a colon.
for bad in (b"GET /health HTTP/1.1\r\n\r\n",
            b"GET /health HTTP/1.1\r\nHost: x\r\nBad header\r\n\r\n"):
    reply = raw(bad)
    check(reply.startswith(b"HTTP/1.1 400"), "%r -> %r" % (bad[:40], reply[:40]))
# A header block past the per-connection memory.
reply = raw(b"GET /health HTTP/1.1\r\nHost: x\r\nX-Pad: " + b"a" * 65536 + b"\r\n\r\n")
check(reply[:12] in (b"HTTP/1.1 431", b"HTTP/1.1 413"), "64 KiB header -> %r" % reply[:40])

# SQL metacharacters over HTTP against the demo store: literal values that
# match nothing, or a 400 naming the parameter (the whole battery runs in
# tests/unit/test_serve_data.c on SQLite and PostgreSQL).
for path, want in [
        ("/events?text=%27%20OR%20%271%27%3D%271", '"total": 0,'),
        ("/events?text=%25", '"total": 0,'),
        ("/events?text=_", '"total": 0,'),
        ("/events?admin1=x%27%3B%20DROP%20TABLE%20sr_events%3B%20--", '"total": 0,'),
        ("/aggregates?by=month&admin1=%27%20UNION%20SELECT%201%20--", '{"groups": [\n]}'),
        ("/events?actor=SYR%27%20OR%20%27A%27%3D%27A", '"error": "actor: expected'),
        ("/events?limit=1%3B--", '"error": "limit: expected')]:
    c = http.client.HTTPConnection(host, port, timeout=10)
    try:
        c.request("GET", path)
        r = c.getresponse()
        data = r.read().decode("utf-8", "replace")
        check(r.status in (200, 400) and want in data and "SQL" not in data,
              "%s -> %d %r" % (path, r.status, data[:80]))
    except OSError as e:
        check(False, "%s: %s" % (path, e))
    finally:
        c.close()

# Slowloris against the real binary and its defaults (256 connections, 10 s
# timeout): 300 connections that send half a request and then a header byte
# now and then.  A normal client must still be answered, each time within
# 3 s.
slow = []
for _ in range(300):
    try:
        s = socket.create_connection((host, port), timeout=5)
        s.setblocking(False)
        s.send(b"GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: ")
        slow.append(s)
    except OSError:
        pass
times = []
deadline = time.monotonic() + 4
while time.monotonic() < deadline:
    for s in slow:
        try:
            s.send(b"a")
        except OSError:
            pass
    t = time.monotonic()
    c = http.client.HTTPConnection(host, port, timeout=10)
    try:
        c.request("GET", "/health")
        r = c.getresponse()
        r.read()
        times.append((r.status, time.monotonic() - t))
    except OSError as e:
        times.append((str(e), time.monotonic() - t))
    finally:
        c.close()
    time.sleep(0.2)
for s in slow:
    s.close()
worst = max(t for _, t in times) if times else 99
check(len(slow) >= 250 and times and all(st == 200 for st, _ in times) and worst < 3,
      "under %d slow connections: %r" % (len(slow), times[:8]))
print("slowloris: %d slow connections; %d requests of a normal client answered, the slowest in %.2f s"
      % (len(slow), sum(1 for st, _ in times if st == 200), worst))

print("bad-requests: %d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
