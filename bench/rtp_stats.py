#!/usr/bin/env python3
"""RTP figures for bench/sip-load.sh from a loopback capture (tcpdump -i lo -w, Ethernet).

Usage: rtp_stats.py CAPTURE.pcap SIPP_MEDIA_PORT_MIN SIPP_MEDIA_PORT_MAX
SIPp's media ports are [MIN, MAX]; every other UDP port in the capture is the server's, one
per call. Calls are keyed by the server's port (the server latches its sending to the source of the
caller's audio, so SIPp's side may differ from the SDP).
Prints `key=value` lines:
- send jitter: per server stream, |gap between consecutive packets - 20 ms| (capture clock),
  p50/p99/max over all gaps;
- DTMF->prompt: per call, first RFC 4733 end packet (E bit) from SIPp, to the first server
  packet after it whose PCMU payload is not silence (bytes other than 0xFF/0x7F), counted only
  when the server packet just before the end packet was silence.
"""
import struct
import sys


def packets(path):
    with open(path, "rb") as f:
        hdr = f.read(24)
        magic = struct.unpack("<I", hdr[:4])[0]
        endian = "<" if magic in (0xA1B2C3D4, 0xA1B23C4D) else ">"
        nano = magic in (0xA1B23C4D, 0x4D3CB2A1)
        link = struct.unpack(endian + "I", hdr[20:24])[0]
        off = {1: 14, 113: 16, 0: 4}.get(link, 14)
        while True:
            rec = f.read(16)
            if len(rec) < 16:
                return
            sec, frac, incl, _ = struct.unpack(endian + "IIII", rec)
            data = f.read(incl)
            t = sec + frac / (1e9 if nano else 1e6)
            ip = data[off:]
            if len(ip) < 28 or ip[0] >> 4 != 4 or ip[9] != 17:
                continue
            ihl = (ip[0] & 15) * 4
            sport, dport = struct.unpack(">HH", ip[ihl:ihl + 4])
            yield t, sport, dport, ip[ihl + 8:]


def pct(xs, p):
    if not xs:
        return float("nan")
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def main():
    path, lo, hi = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    last = {}            # server port -> time of its last packet
    silent_before = {}   # server port -> was its last packet silence
    gaps = []
    dtmf_end = {}        # server port -> time of first E packet, awaiting prompt
    done = set()
    latencies = []
    skipped = 0
    for t, sport, dport, rtp in packets(path):
        if len(rtp) < 12 or rtp[0] >> 6 != 2:
            continue
        pt = rtp[1] & 0x7F
        cc = rtp[0] & 15
        payload = rtp[12 + 4 * cc:]
        if lo <= sport <= hi and not lo <= dport <= hi:
            # SIPp -> server
            key = dport
            if pt == 101 and len(payload) >= 4 and payload[1] & 0x80 and key not in dtmf_end and key not in done:
                if silent_before.get(key, False):
                    dtmf_end[key] = t
                else:
                    skipped += 1
                    done.add(key)
        elif lo <= dport <= hi and not lo <= sport <= hi:
            # server -> SIPp
            s = sport
            if s in last:
                gaps.append(abs((t - last[s]) * 1000 - 20.0))
            last[s] = t
            key = sport
            silent = pt in (0, 8) and all(b in (0xFF, 0x7F, 0xD5, 0x55) for b in payload)
            if key in dtmf_end and not silent:
                latencies.append((t - dtmf_end.pop(key)) * 1000)
                done.add(key)
            silent_before[key] = silent
    print(f"server_streams={len(last)}")
    print(f"gaps={len(gaps)}")
    print(f"jitter_p50_ms={pct(gaps, 50):.2f}")
    print(f"jitter_p99_ms={pct(gaps, 99):.2f}")
    print(f"jitter_max_ms={max(gaps) if gaps else float('nan'):.2f}")
    print(f"dtmf_samples={len(latencies)}")
    print(f"dtmf_skipped_prompt_playing={skipped}")
    print(f"dtmf_no_prompt_seen={len(dtmf_end)}")
    print(f"dtmf_prompt_p50_ms={pct(latencies, 50):.1f}")
    print(f"dtmf_prompt_p99_ms={pct(latencies, 99):.1f}")
    print(f"dtmf_prompt_max_ms={max(latencies) if latencies else float('nan'):.1f}")


if __name__ == "__main__":
    main()
