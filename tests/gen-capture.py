#!/usr/bin/env python3
"""Generated SIP captures and what `sip-codes capture --calls --json` must find in them.

  gen-capture.py OUT [--calls N] [--seed S] [--truth TRUTH.json] [--pcapng]

OUT is a classic pcap (Ethernet, microseconds), or with --pcapng a pcapng whose interface
counts nanoseconds. The same seed always gives the same bytes. TRUTH maps each Call-ID to
  {"method", "final", "codes", "scenario", "transport", "ipv6"}
where "final" is the call's final code (null: none came) and "codes" every response code of
the Call-ID in capture order, a response sent again listed once: the 100 and provisionals,
the challenges, the responses to CANCEL and BYE.

Scenarios: answered INVITE (100 180 200, ACK, BYE 200), failed INVITE (4xx/5xx/6xx, some with
Reason, Warning, Retry-After; ACKed), INVITE challenged by 407 and retried with credentials,
cancelled INVITE (200 to the CANCEL, 487, ACK), REGISTER challenged then accepted, REGISTER
challenged again after its credentials, OPTIONS answered, OPTIONS never answered (sent again
at T1, 2T1, ... up to T2 until timer F); over UDP some INVITEs are sent again before the 100
and some final responses are sent again, their ACK with them.

Transports: UDP over IPv4 and IPv6, TCP (a connection per call, opened and closed; some
messages split across two segments, some segments carrying two messages); INVITEs too large
for one packet are IP-fragmented over UDP, the fragments out of order. Calls overlap in time.
"""

import argparse
import ipaddress
import json
import random
import struct

T1_US = 500_000
T2_US = 4_000_000
TIMER_F_US = 64 * T1_US
MTU = 1500
TCP_MSS = 1448
START_US = 1_767_225_600 * 1_000_000   # 2026-01-01T00:00:00Z
PROXY_V4 = "203.0.113.10"
PROXY_V6 = "2001:db8:5::10"


# ---- checksums and link/network/transport headers ----

def ones_complement_sum(data):
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack(f"!{len(data) // 2}H", data))
    while total > 0xFFFF:
        total = (total & 0xFFFF) + (total >> 16)
    return total


def checksum(data):
    return ~ones_complement_sum(data) & 0xFFFF


def pseudo_header(src, dst, proto, length):
    if src.version == 4:
        return src.packed + dst.packed + struct.pack("!BBH", 0, proto, length)
    return src.packed + dst.packed + struct.pack("!IxxxB", length, proto)


def with_checksum(segment, offset, src, dst, proto):
    """The transport segment with its checksum (over the pseudo-header) at @offset."""
    value = checksum(pseudo_header(src, dst, proto, len(segment)) + segment) or 0xFFFF
    return segment[:offset] + struct.pack("!H", value) + segment[offset + 2:]


class Wire:
    """Frames on an Ethernet link, each with its capture time in microseconds."""

    def __init__(self, rng):
        self.rng = rng
        self.frames = []          # (time_us, order, bytes): sorted when written
        self.ipv4_id = 0
        self.ipv6_id = 0

    def ethernet(self, time_us, ethertype, packet):
        header = bytes.fromhex("020000000002" "020000000001") + struct.pack("!H", ethertype)
        self.frames.append((time_us, len(self.frames), header + packet))

    def ip(self, time_us, src, dst, proto, payload):
        """Sends @payload; fragments it when over the MTU, the fragments in a shuffled order
        at one microsecond apart. Returns the time after the last frame."""
        pieces = self.ipv4(src, dst, proto, payload) if src.version == 4 else self.ipv6(src, dst, proto, payload)
        ethertype = 0x0800 if src.version == 4 else 0x86DD
        if len(pieces) > 1:
            while True:
                order = list(range(len(pieces)))
                self.rng.shuffle(order)
                if order != sorted(order):
                    break
            pieces = [pieces[i] for i in order]
        for i, packet in enumerate(pieces):
            self.ethernet(time_us + i, ethertype, packet)
        return time_us + len(pieces)

    def ipv4(self, src, dst, proto, payload):
        self.ipv4_id = (self.ipv4_id + 1) & 0xFFFF
        room = (MTU - 20) // 8 * 8
        packets = []
        for offset in range(0, max(len(payload), 1), room):
            chunk = payload[offset:offset + room]
            more = offset + room < len(payload)
            header = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(chunk), self.ipv4_id,
                                 (0x2000 if more else 0) | offset // 8, 64, proto, 0, src.packed, dst.packed)
            header = header[:10] + struct.pack("!H", checksum(header)) + header[12:]
            packets.append(header + chunk)
        return packets

    def ipv6(self, src, dst, proto, payload):
        if 40 + len(payload) <= MTU:
            return [struct.pack("!IHBB", 6 << 28, len(payload), proto, 64) + src.packed + dst.packed + payload]
        self.ipv6_id = (self.ipv6_id + 1) & 0xFFFFFFFF
        room = (MTU - 40 - 8) // 8 * 8
        packets = []
        for offset in range(0, len(payload), room):
            chunk = payload[offset:offset + room]
            more = offset + room < len(payload)
            fragment = struct.pack("!BBHI", proto, 0, offset | (1 if more else 0), self.ipv6_id)
            packets.append(struct.pack("!IHBB", 6 << 28, 8 + len(chunk), 44, 64) + src.packed + dst.packed
                           + fragment + chunk)
        return packets


class Path:
    """A UA's end and the proxy's: ends[True] the UA's (address, port), ends[False] the proxy's."""

    def __init__(self, wire, ua, ua_port, proxy, proxy_port=5060):
        self.wire = wire
        self.ends = {True: (ua, ua_port), False: (proxy, proxy_port)}

    def direction(self, from_ua):
        """(src, sport), (dst, dport) of what the UA (@from_ua) or the proxy sends."""
        return self.ends[from_ua], self.ends[not from_ua]


class UdpPath(Path):
    """One UA's datagrams to and from the proxy."""

    transport = "UDP"

    def send(self, time_us, from_ua, messages, split=False):
        (src, sport), (dst, dport) = self.direction(from_ua)
        for message in messages:
            datagram = struct.pack("!HHHH", sport, dport, 8 + len(message), 0) + message
            datagram = with_checksum(datagram, 6, src, dst, 17)
            time_us = self.wire.ip(time_us, src, dst, 17, datagram) + 10
        return time_us

    def close(self, time_us):
        return time_us


class TcpPath(Path):
    """One TCP connection from the UA to the proxy, opened at the first message."""

    transport = "TCP"

    def __init__(self, wire, ua, ua_port, proxy, proxy_port=5060):
        super().__init__(wire, ua, ua_port, proxy, proxy_port)
        self.seq = {True: wire.rng.getrandbits(32), False: wire.rng.getrandbits(32)}
        self.open = False
        self.closed = False

    def segment(self, time_us, from_ua, flags, data=b""):
        (src, sport), (dst, dport) = self.direction(from_ua)
        ack = self.seq[not from_ua] if flags != 0x02 else 0
        header = struct.pack("!HHIIBBHHH", sport, dport, self.seq[from_ua], ack, 5 << 4, flags, 64240, 0, 0)
        self.seq[from_ua] = (self.seq[from_ua] + len(data) + (1 if flags & 0x03 else 0)) & 0xFFFFFFFF
        return self.wire.ip(time_us, src, dst, 6, with_checksum(header + data, 16, src, dst, 6)) + 20

    def send(self, time_us, from_ua, messages, split=False):
        """@messages in one stream write: several share a segment; with @split, the write goes
        out in two segments, cut at a place of its own."""
        if not self.open:
            time_us = self.segment(time_us, True, 0x02)          # SYN
            time_us = self.segment(time_us, False, 0x12)         # SYN, ACK
            time_us = self.segment(time_us, True, 0x10)          # ACK
            self.open = True
        data = b"".join(messages)
        cuts = [0]
        if split:
            cuts.append(self.wire.rng.randrange(1, len(data)))
        cuts += range(TCP_MSS, len(data), TCP_MSS)
        cuts = sorted(set(cuts)) + [len(data)]
        for start, end in zip(cuts, cuts[1:]):
            time_us = self.segment(time_us, from_ua, 0x18, data[start:end])   # PSH, ACK
        return time_us

    def close(self, time_us):
        if self.open and not self.closed:
            time_us = self.segment(time_us, True, 0x11)          # FIN, ACK
            time_us = self.segment(time_us, False, 0x11)
            time_us = self.segment(time_us, True, 0x10)
            self.closed = True
        return time_us


# ---- capture files ----

def write_pcap(path, frames):
    with open(path, "wb") as out:
        out.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 262144, 1))
        for time_us, _, frame in frames:
            out.write(struct.pack("<IIII", time_us // 1_000_000, time_us % 1_000_000, len(frame), len(frame)))
            out.write(frame)


def pcapng_block(block_type, body):
    body += b"\0" * (-len(body) % 4)
    length = 12 + len(body)
    return struct.pack("<II", block_type, length) + body + struct.pack("<I", length)


def write_pcapng(path, frames):
    with open(path, "wb") as out:
        out.write(pcapng_block(0x0A0D0D0A, struct.pack("<IHHq", 0x1A2B3C4D, 1, 0, -1)))
        # if_tsresol 9: timestamps in nanoseconds; then opt_endofopt.
        options = struct.pack("<HHB3x", 9, 1, 9) + struct.pack("<HH", 0, 0)
        out.write(pcapng_block(1, struct.pack("<HHI", 1, 0, 262144) + options))
        for time_us, _, frame in frames:
            ns = time_us * 1000
            body = struct.pack("<IIIII", 0, ns >> 32, ns & 0xFFFFFFFF, len(frame), len(frame)) + frame
            out.write(pcapng_block(6, body))


# ---- SIP ----

LONG = {"Via": "Via", "From": "From", "To": "To", "Call-ID": "Call-ID", "Contact": "Contact",
        "Content-Type": "Content-Type", "Content-Length": "Content-Length"}
COMPACT = {"Via": "v", "From": "f", "To": "t", "Call-ID": "i", "Contact": "m",
           "Content-Type": "c", "Content-Length": "l"}

# Final responses of failed INVITEs: code, phrase, headers that say why.
FAILURES = [
    (400, "Bad Request", [("Warning", '399 edge.example.org "Malformed From header"')]),
    (403, "Forbidden", [("Reason", "Q.850;cause=21;text=\"Call rejected\"")]),
    (404, "Not Found", [("Reason", "Q.850;cause=1")]),
    (408, "Request Timeout", []),
    (410, "Gone", [("Reason", "Q.850;cause=22")]),
    (415, "Unsupported Media Type", [("Accept", "application/sdp")]),
    (420, "Bad Extension", [("Unsupported", "timer")]),
    (433, "Anonymity Disallowed", []),
    (480, "Temporarily Unavailable", [("Reason", "Q.850;cause=19;text=\"No answer from user\""),
                                      ("Retry-After", "600")]),
    (484, "Address Incomplete", [("Reason", "Q.850;cause=28")]),
    (486, "Busy Here", [("Reason", "Q.850;cause=17")]),
    (488, "Not Acceptable Here", [("Warning", '305 media.example.org "Incompatible media format"')]),
    (500, "Server Internal Error", [("Retry-After", "30")]),
    (502, "Bad Gateway", [("Reason", "Q.850;cause=38")]),
    (503, "Service Unavailable", [("Retry-After", "300 (maintenance)"), ("Reason", "Q.850;cause=42")]),
    (504, "Server Time-out", [("Warning", '399 edge.example.org "No response from next hop"')]),
    (513, "Message Too Large", []),
    (580, "Precondition Failure", []),
    (600, "Busy Everywhere", [("Reason", "Q.850;cause=17")]),
    (603, "Decline", [("Reason", "Q.850;cause=21")]),
    (604, "Does Not Exist Anywhere", []),
    (606, "Not Acceptable", [("Warning", '304 media.example.org "Media type not available"')]),
    (607, "Unwanted", []),
    (608, "Rejected", [("Call-Info", "<https://analytics.example.org/appeal>;purpose=jwscallinfo")]),
]

SCENARIOS = {   # name: weight
    "answered": 26, "failed": 30, "challenged": 8, "cancelled": 8, "register": 9,
    "register-loop": 3, "options": 10, "options-unanswered": 6,
}


def sdp(address, codecs):
    ip = "IP6" if address.version == 6 else "IP4"
    lines = ["v=0", f"o=- 4242 1 IN {ip} {address}", "s=-", f"c=IN {ip} {address}", "t=0 0",
             "m=audio 49170 RTP/AVP " + " ".join(str(pt) for pt, _ in codecs)]
    lines += [f"a=rtpmap:{pt} {name}" for pt, name in codecs]
    return ("\r\n".join(lines) + "\r\n").encode()


SMALL_CODECS = [(0, "PCMU/8000"), (8, "PCMA/8000"), (101, "telephone-event/8000")]
# Enough codecs (with their fmtp lines) to push an INVITE past one packet.
LARGE_CODECS = [(96 + i, f"codec{i}/{8000 * (1 + i % 6)}") for i in range(40)]


class Request:
    """What a request's responses copy. @by_callee: sent by the called party (a BYE from it),
    From and To the other way round and its Via the proxy's."""

    def __init__(self, method, cseq, branch, to_tag=None, by_callee=False):
        self.method, self.cseq, self.branch, self.to_tag = method, cseq, branch, to_tag
        self.by_callee = by_callee


class Call:
    """One Call-ID's messages: each send comes after the previous one in time."""

    def __init__(self, rng, n, path, ua, start_us):
        self.rng = rng
        self.n = n
        self.path = path
        self.ua = ua
        self.time_us = start_us
        self.names = COMPACT if rng.random() < 0.1 else LONG
        self.call_id = f"{rng.getrandbits(80):020x}@{'ua' if rng.random() < 0.5 else 'pbx'}{n}.example.net"
        self.from_tag = f"{rng.getrandbits(40):010x}"
        self.caller = f"+8133{n % 100_000_000:08d}"
        self.callee = f"+8106{rng.randrange(10 ** 8):08d}"
        self.ua_host = f"[{ua}]" if ua.version == 6 else str(ua)
        self.ua_port = path.ends[True][1]
        self.codes = []

    def branch(self):
        return f"z9hG4bK-{self.rng.getrandbits(64):016x}"

    def message(self, start_line, headers, body=b""):
        lines = [start_line] + [f"{self.names.get(name, name)}: {value}" for name, value in headers]
        if body:
            lines.append(f"{self.names['Content-Type']}: application/sdp")
        lines.append(f"{self.names['Content-Length']}: {len(body)}")
        return ("\r\n".join(lines) + "\r\n\r\n").encode() + body

    def common(self, request, to_tag):
        caller = f"\"{self.caller}\" <sip:{self.caller}@example.net;user=phone>;tag={self.from_tag}"
        callee = f"<sip:{self.callee}@example.net;user=phone>" + (f";tag={to_tag}" if to_tag else "")
        if request.by_callee:
            caller, callee = callee, caller
        return [("From", caller), ("To", callee), ("Call-ID", self.call_id), ("CSeq", f"{request.cseq} {request.method}")]

    def via(self, request):
        if request.by_callee:
            proxy, port = self.path.ends[False]
            host = f"[{proxy}]" if proxy.version == 6 else str(proxy)
            return f"SIP/2.0/{self.path.transport} {host}:{port};branch={request.branch}"
        return f"SIP/2.0/{self.path.transport} {self.ua_host}:{self.ua_port};branch={request.branch};rport"

    def request(self, request, body=b"", extra=()):
        if request.method == "REGISTER":
            uri = "sip:example.net"
        elif request.by_callee:
            uri = f"sip:{self.caller}@{self.ua_host}:{self.ua_port}"
        else:
            uri = f"sip:{self.callee}@example.net;user=phone"
        headers = [("Via", self.via(request)), ("Max-Forwards", "70")] + self.common(request, request.to_tag)
        if not request.by_callee:
            headers += [("Contact", f"<sip:{self.caller}@{self.ua_host}:{self.ua_port}>"), ("User-Agent", "GenCap UA/2.4")]
        return self.message(f"{request.method} {uri} SIP/2.0", headers + list(extra), body)

    def response(self, request, code, phrase, to_tag=None, extra=(), body=b""):
        """A response to @request, its code recorded: build each response once, in the order sent."""
        via = self.via(request)
        if not request.by_callee:
            via = via.replace(";rport", f";rport={self.ua_port};received={self.ua}")
        headers = [("Via", via)] + self.common(request, to_tag) + [("Server", "GenCap SBC/7.1")]
        self.codes.append(code)
        return self.message(f"SIP/2.0 {code} {phrase}", headers + list(extra), body)

    def send(self, after_s, from_ua, *messages, split=None):
        """Sends @messages @after_s seconds after the previous send (several: one TCP write)."""
        if split is None:
            split = self.rng.random() < 0.4
        self.time_us = max(self.time_us + int(after_s * 1_000_000), self.time_us + 1000)
        self.time_us = self.path.send(self.time_us, from_ua, list(messages), split)

    def send_pair(self, after_s, gap_s, from_ua, first, second):
        """Two messages: over TCP one write half the time, else @gap_s seconds apart."""
        if not self.udp() and self.rng.random() < 0.5:
            self.send(after_s, from_ua, first, second)
        else:
            self.send(after_s, from_ua, first)
            self.send(gap_s, from_ua, second)

    def udp(self):
        return self.path.transport == "UDP"


def final_and_ack(call, after_s, final, ack, again):
    """A final response and its ACK. Over UDP, with the probability @again, the final is sent
    again (before its ACK came, or only after, the ACK lost on its way) and the ACK with it."""
    call.send(after_s, False, final)
    if call.udp() and call.rng.random() < again:
        if call.rng.random() < 0.5:
            call.send(T1_US / 1e6, False, final)
        call.send(0.01, True, ack)
        call.send(2 * T1_US / 1e6, False, final)
    call.send(0.01, True, ack)


def ringing_then_answer(call, request, to_tag):
    """100 and 180 (over TCP often in one write), 200 and ACK, then the hang-up."""
    trying = call.response(request, 100, "Trying")
    call.send_pair(0.01, 0.2, False, trying, call.response(request, 180, "Ringing", to_tag))
    proxy = ipaddress.ip_address(PROXY_V6 if call.ua.version == 6 else PROXY_V4)
    ok = call.response(request, 200, "OK", to_tag, [("Contact", f"<sip:{call.callee}@example.net>")],
                       sdp(proxy, SMALL_CODECS[:1]))
    ack = call.request(Request("ACK", request.cseq, call.branch(), to_tag))
    final_and_ack(call, call.rng.uniform(1, 30), ok, ack, 0.15)
    # BYE from either party; the callee counts its own CSeq, from wherever it likes.
    by_callee = call.rng.random() < 0.4
    cseq = call.rng.randrange(1, 900) if by_callee else request.cseq + 1
    bye = Request("BYE", cseq, call.branch(), to_tag, by_callee)
    call.send(call.rng.uniform(2, 90), not by_callee, call.request(bye))
    call.send(0.02, by_callee, call.response(bye, 200, "OK", to_tag))
    return 200


def challenged(call, first, large):
    """100, 407, ACK; the INVITE again with credentials (a new branch, CSeq + 1), answered."""
    to_tag = f"{call.rng.getrandbits(32):08x}"
    call.send(0.01, False, call.response(first, 100, "Trying"))
    challenge = f'Digest realm="example.net", nonce="{call.rng.getrandbits(96):024x}", algorithm=SHA-256, qop="auth"'
    call.send(0.02, False, call.response(first, 407, "Proxy Authentication Required", to_tag,
                                         [("Proxy-Authenticate", challenge)]))
    call.send(0.005, True, call.request(Request("ACK", first.cseq, first.branch, to_tag)))
    retry = Request("INVITE", first.cseq + 1, call.branch())
    credentials = (f'Digest username="{call.caller}", realm="example.net", nonce="x", '
                   f'uri="sip:{call.callee}@example.net", response="{call.rng.getrandbits(256):064x}", '
                   'algorithm=SHA-256, qop=auth, nc=00000001, cnonce="c0ffee"')
    call.send(0.05, True, invite(call, retry, large, [("Proxy-Authorization", credentials)]))
    return ringing_then_answer(call, retry, f"{call.rng.getrandbits(32):08x}")


def cancelled(call, first):
    """100, 180, CANCEL, its 200, 487 (over TCP sometimes in one write with that 200), ACK."""
    to_tag = f"{call.rng.getrandbits(32):08x}"
    call.send(0.01, False, call.response(first, 100, "Trying"))
    call.send(0.3, False, call.response(first, 180, "Ringing", to_tag))
    cancel = Request("CANCEL", first.cseq, first.branch)
    call.send(call.rng.uniform(1, 25), True, call.request(cancel))
    ok = call.response(cancel, 200, "OK", to_tag)
    call.send_pair(0.005, 0.002, False, ok, call.response(first, 487, "Request Terminated", to_tag))
    call.send(0.005, True, call.request(Request("ACK", first.cseq, first.branch, to_tag)))
    return 487


def failed(call, first):
    """100, sometimes 183, a failure and its ACK."""
    to_tag = f"{call.rng.getrandbits(32):08x}"
    call.send(0.01, False, call.response(first, 100, "Trying"))
    code, phrase, extra = call.rng.choice(FAILURES)
    if call.rng.random() < 0.5:
        call.send(0.2, False, call.response(first, 183, "Session Progress", to_tag, body=sdp(call.ua, SMALL_CODECS[:1])))
    final = call.response(first, code, phrase, to_tag, extra)
    ack = call.request(Request("ACK", first.cseq, first.branch, to_tag))
    final_and_ack(call, call.rng.uniform(0.05, 12), final, ack, 0.2)
    return code


def invite(call, request, large, extra=()):
    """An INVITE with SDP; @large: enough codecs, with fmtp lines, for more than one packet."""
    codecs = LARGE_CODECS if large else SMALL_CODECS
    body = sdp(call.ua, codecs)
    if large:
        body += b"".join(f"a=fmtp:{pt} mode=20;maxptime=60;annexb=no\r\n".encode() for pt, _ in codecs)
    return call.request(request, body, extra)


def scenario_invite(call, kind, large):
    first = Request("INVITE", 1, call.branch())
    message = invite(call, first, large)
    call.send(0, True, message)
    if call.udp() and call.rng.random() < 0.1:       # no 100 within T1: sent again
        call.send(T1_US / 1e6, True, message)
    if kind == "answered":
        return ringing_then_answer(call, first, f"{call.rng.getrandbits(32):08x}")
    if kind == "challenged":
        return challenged(call, first, large)
    if kind == "cancelled":
        return cancelled(call, first)
    return failed(call, first)


def scenario_register(call, loop):
    first = Request("REGISTER", 1, call.branch())
    call.send(0, True, call.request(first, extra=[("Expires", "3600")]))
    challenge = f'Digest realm="example.net", nonce="{call.rng.getrandbits(96):024x}", algorithm=MD5, qop="auth"'
    call.send(0.03, False, call.response(first, 401, "Unauthorized", "r1", [("WWW-Authenticate", challenge)]))
    retry = Request("REGISTER", 2, call.branch())
    credentials = (f'Digest username="{call.caller}", realm="example.net", nonce="x", uri="sip:example.net", '
                   f'response="{call.rng.getrandbits(128):032x}", algorithm=MD5, qop=auth, nc=00000001, cnonce="b0b"')
    call.send(0.02, True, call.request(retry, extra=[("Expires", "3600"), ("Authorization", credentials)]))
    if loop:   # the credentials are refused: challenged again
        call.send(0.03, False, call.response(retry, 401, "Unauthorized", "r2", [("WWW-Authenticate", challenge)]))
        return 401
    contact = f"<sip:{call.caller}@{call.ua_host}:{call.ua_port}>;expires=3600"
    call.send(0.03, False, call.response(retry, 200, "OK", "r2", [("Contact", contact)]))
    return 200


def scenario_options(call, answered):
    request = Request("OPTIONS", 1, call.branch())
    message = call.request(request, extra=[("Accept", "application/sdp")])
    call.send(0, True, message)
    if answered:
        call.send(0.015, False, call.response(request, 200, "OK", "o1", [("Allow", "INVITE, ACK, CANCEL, BYE, OPTIONS")]))
        return 200
    if call.udp():   # §17.1.2.2: T1, doubling up to T2, until timer F
        interval, since_first = T1_US, T1_US    # since_first: of the next send
        while since_first < TIMER_F_US:
            call.send(interval / 1e6, True, message)
            interval = min(2 * interval, T2_US)
            since_first += interval
    return None


def generate(calls, seed):
    rng = random.Random(seed)
    wire = Wire(rng)
    truth = {}
    start_us = START_US
    names, weights = zip(*SCENARIOS.items())
    for n in range(calls):
        start_us += int(rng.expovariate(40) * 1_000_000) + 1   # about 40 new calls a second
        v6 = rng.random() < 0.15
        if v6:
            ua = ipaddress.ip_address(f"2001:db8:1::{rng.randrange(1, 0xFFFF):x}")
            proxy = ipaddress.ip_address(PROXY_V6)
        else:
            ua = ipaddress.ip_address(f"198.51.100.{rng.randrange(1, 255)}")
            proxy = ipaddress.ip_address(PROXY_V4)
        ua_port = 10000 + n % 50000      # one UA end per call among overlapping calls
        path = (TcpPath if rng.random() < 0.25 else UdpPath)(wire, ua, ua_port, proxy)
        call = Call(rng, n, path, ua, start_us)
        scenario = rng.choices(names, weights)[0]
        if scenario in ("answered", "failed", "challenged", "cancelled"):
            method = "INVITE"
            final = scenario_invite(call, scenario, large=rng.random() < 0.12)
        elif scenario.startswith("register"):
            method = "REGISTER"
            final = scenario_register(call, scenario == "register-loop")
        else:
            method = "OPTIONS"
            final = scenario_options(call, scenario == "options")
        path.close(call.time_us + 50_000)
        truth[call.call_id] = {"method": method, "final": final, "codes": call.codes, "scenario": scenario,
                               "transport": path.transport, "ipv6": v6}
    wire.frames.sort()
    return wire.frames, truth


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out")
    parser.add_argument("--calls", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--truth", help="where to write the truth (JSON)")
    parser.add_argument("--pcapng", action="store_true", help="write pcapng, not classic pcap")
    args = parser.parse_args()
    frames, truth = generate(args.calls, args.seed)
    (write_pcapng if args.pcapng else write_pcap)(args.out, frames)
    if args.truth:
        with open(args.truth, "w") as out:
            json.dump(truth, out, indent=1)
            out.write("\n")


if __name__ == "__main__":
    main()
