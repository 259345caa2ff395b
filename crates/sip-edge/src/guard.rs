//! The transport guard: a sans-IO check of every incoming SIP message before rsipstack acts on
//! it, deciding whether it passes, is answered with an error, or is dropped.
//!
//! rsipstack parses leniently and drops what it cannot parse without a word: a request with
//! no Call-ID, a CSeq that is not a number, an unknown method or a Content-Length beyond the
//! datagram simply vanish, and a request line with `SIP/3.0` is processed as if it were 2.0.
//! The guard gives these the answers RFC 3261 asks for, on the bytes as they arrived:
//!
//! | message | answer |
//! | --- | --- |
//! | a datagram larger than rsipstack's receive buffer (8 KiB) | `513 Message Too Large` (§21.5.7) |
//! | headers cut short (no empty line), header section not UTF-8, a header line without a name | `400` |
//! | a SIP version other than 2.0 | `505 Version Not Supported` (§21.5.6) |
//! | an unknown method | `501 Not Implemented` (§8.2.1) |
//! | a Request-URI whose scheme is not `sip`/`sips` | `416 Unsupported URI Scheme` (§8.2.2.1) |
//! | a Request-URI that does not parse | `400` |
//! | Via, From, To, Call-ID or CSeq missing; From, To, Call-ID, CSeq, Content-Length or Max-Forwards repeated | `400` (§8.1.1, §20) |
//! | a CSeq that is not `number METHOD` or names another method; no From tag | `400` |
//! | over UDP, a Content-Length larger than the datagram's body (§18.3) | `400` |
//!
//! An answer needs somewhere to go: a request with a readable top Via that is not an ACK (an
//! ACK is never answered, §17.2.3). Everything else that fails — responses that do not parse,
//! binary garbage, non-SIP protocols, a request without a Via — is dropped, as §18.3 and §16.3
//! allow. Answers are stateless: the client's retransmissions get the same answer again.
//! Empty datagrams and CRLF keep-alives pass (rsipstack answers the keep-alive, RFC 5626).
//! A Content-Length *smaller* than the body is not an error: the extra bytes are discarded
//! (§18.3), as rsipstack does.

use std::fmt::Write as _;

/// rsipstack's UDP receive buffer: a datagram that fills it may have been cut.
pub(crate) const MAX_DATAGRAM: usize = 8192;
/// Header values copied into an answer longer than this make the message unanswerable.
const MAX_COPIED: usize = 1024;

/// How the message arrived.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Framing {
    /// One UDP datagram: the message ends where the datagram does.
    Datagram,
    /// Framed from a stream by its Content-Length (TCP).
    Stream,
}

/// What to do with a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Verdict {
    /// Hand it to the stack.
    Pass,
    /// Ignore it (the reason is for the log).
    Drop(&'static str),
    /// Send `response` back where the message came from, and ignore the message.
    Answer {
        status: u16,
        why: &'static str,
        response: Vec<u8>,
    },
}

/// The methods rsipstack parses; any other token is `501`.
const METHODS: [&str; 14] = [
    "INVITE",
    "ACK",
    "BYE",
    "CANCEL",
    "OPTIONS",
    "INFO",
    "UPDATE",
    "PRACK",
    "REGISTER",
    "SUBSCRIBE",
    "NOTIFY",
    "REFER",
    "MESSAGE",
    "PUBLISH",
];

/// Checks one message. `cut` says the datagram filled the receive buffer (it may be longer
/// than what was read).
pub(crate) fn inspect(message: &[u8], framing: Framing, cut: bool) -> Verdict {
    if message.iter().all(u8::is_ascii_whitespace) {
        return Verdict::Pass;
    }
    let (head, body, complete) = match find(message, b"\r\n\r\n") {
        Some(end) => (&message[..end], &message[end + 4..], true),
        // Only whole lines of a message cut short can be read.
        None => match message.iter().rposition(|&b| b == b'\n') {
            Some(last) => (&message[..last], &message[..0], false),
            None => (message, &message[..0], false),
        },
    };
    let utf8 = std::str::from_utf8(head).is_ok();
    let head = String::from_utf8_lossy(head);
    let mut lines = head.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l));
    let start = lines.next().unwrap_or_default();

    if start.starts_with("SIP/") {
        // A response: never answered. Pass what the stack can read.
        let mut parts = start.splitn(3, ' ');
        let version = parts.next().unwrap_or_default();
        let code = parts.next().unwrap_or_default();
        return if complete
            && utf8
            && !cut
            && version.eq_ignore_ascii_case("SIP/2.0")
            && code.len() == 3
            && code.bytes().all(|b| b.is_ascii_digit())
        {
            Verdict::Pass
        } else {
            Verdict::Drop("malformed response")
        };
    }

    // Request-Line = Method SP Request-URI SP SIP-Version
    let mut parts = start.split(' ');
    let (Some(method), Some(uri), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Verdict::Drop("not a SIP request line");
    };
    if method.is_empty() || !method.bytes().all(is_token) {
        return Verdict::Drop("not a SIP request line");
    }
    let sip_version = version
        .as_bytes()
        .get(..4)
        .is_some_and(|p| p.eq_ignore_ascii_case(b"SIP/"));
    if !sip_version {
        return Verdict::Drop("not SIP");
    }

    let headers = Headers::read(lines);
    let headers_ok = !headers.bad_line;
    let ack = method.eq_ignore_ascii_case("ACK");
    let answer = |status: u16, why: &'static str| -> Verdict {
        if ack {
            return Verdict::Drop(why);
        }
        match headers.response(status, why) {
            Some(response) => Verdict::Answer {
                status,
                why,
                response,
            },
            None => Verdict::Drop(why),
        }
    };

    if cut && framing == Framing::Datagram {
        return answer(513, "Message Too Large");
    }
    if !complete {
        return answer(400, "Incomplete Message");
    }
    if !utf8 {
        return answer(400, "Header Not UTF-8");
    }
    if !version.eq_ignore_ascii_case("SIP/2.0") {
        return answer(505, "Version Not Supported");
    }
    let Some(method) = METHODS.iter().find(|m| m.eq_ignore_ascii_case(method)) else {
        return answer(501, "Not Implemented");
    };
    if !headers_ok {
        return answer(400, "Malformed Header Line");
    }
    if let Some((status, why)) = check_uri(uri) {
        return answer(status, why);
    }
    if let Some(why) = headers.missing_or_repeated() {
        return answer(400, why);
    }
    match headers.cseq() {
        Some((_, cseq_method)) if cseq_method.eq_ignore_ascii_case(method) => {}
        // An ACK naming its INVITE is wrong (§17.1.1.3) but harmless, and dropping it would
        // end the call: let it through.
        Some((_, cseq_method)) if ack && cseq_method.eq_ignore_ascii_case("INVITE") => {}
        Some(_) => return answer(400, "CSeq Method Does Not Match"),
        None => return answer(400, "Bad CSeq"),
    }
    if !headers.has_from_tag() {
        return answer(400, "Missing From Tag");
    }
    if let Some(value) = headers.single("max-forwards")
        && value.parse::<u8>().is_err()
    {
        return answer(400, "Bad Max-Forwards");
    }
    if let Some(value) = headers.single("content-length") {
        match value.parse::<u64>() {
            Ok(length) if framing == Framing::Datagram && length > body.len() as u64 => {
                return answer(400, "Content-Length Larger Than Body");
            }
            Ok(_) => {}
            Err(_) => return answer(400, "Bad Content-Length"),
        }
    }
    Verdict::Pass
}

/// The Request-URI: `sip:` or `sips:` and something rsipstack can read.
fn check_uri(uri: &str) -> Option<(u16, &'static str)> {
    let scheme = uri.split_once(':').map(|(s, _)| s).filter(|s| {
        !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"+-.".contains(&b))
    });
    match scheme {
        Some(s) if s.eq_ignore_ascii_case("sip") || s.eq_ignore_ascii_case("sips") => {}
        Some(_) => return Some((416, "Unsupported URI Scheme")),
        None => return Some((400, "Bad Request-URI")),
    }
    let rest = &uri[uri.find(':').map_or(0, |i| i + 1)..];
    let host = rest.rsplit_once('@').map_or(rest, |(_, h)| h);
    let host = host.split([';', '?']).next().unwrap_or_default();
    if host.is_empty()
        || uri.bytes().any(|b| b.is_ascii_control() || b == b' ')
        || rsipstack::sip::Uri::try_from(uri).is_err()
    {
        return Some((400, "Bad Request-URI"));
    }
    None
}

/// The header section, unfolded, names in their long lower-case form.
#[derive(Debug, Default)]
struct Headers {
    fields: Vec<(String, String)>,
    /// A line with no `name:`.
    bad_line: bool,
}

impl Headers {
    fn read<'a>(lines: impl Iterator<Item = &'a str>) -> Headers {
        let mut headers = Headers::default();
        for line in lines {
            if line.starts_with([' ', '\t']) {
                match headers.fields.last_mut() {
                    Some((_, value)) => {
                        value.push(' ');
                        value.push_str(line.trim());
                    }
                    None => headers.bad_line = true,
                }
                continue;
            }
            let Some((name, value)) = line.split_once(':') else {
                headers.bad_line = true;
                continue;
            };
            let name = name.trim_end();
            if name.is_empty() || !name.bytes().all(is_token) {
                headers.bad_line = true;
                continue;
            }
            headers
                .fields
                .push((long_name(name), value.trim().to_owned()));
        }
        headers
    }

    fn all<'a, 'n>(&'a self, name: &'n str) -> impl Iterator<Item = &'a str> + use<'a, 'n> {
        self.fields
            .iter()
            .filter(move |(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The value of a header that appears once (`None` when absent or repeated).
    fn single<'a>(&'a self, name: &str) -> Option<&'a str> {
        let mut values = self.all(name);
        let first = values.next()?;
        values.next().is_none().then_some(first)
    }

    fn missing_or_repeated(&self) -> Option<&'static str> {
        for (name, missing, repeated) in [
            ("via", "Missing Via", ""),
            ("from", "Missing From", "Repeated From"),
            ("to", "Missing To", "Repeated To"),
            ("call-id", "Missing Call-ID", "Repeated Call-ID"),
            ("cseq", "Missing CSeq", "Repeated CSeq"),
            ("content-length", "", "Repeated Content-Length"),
            ("max-forwards", "", "Repeated Max-Forwards"),
            ("content-type", "", "Repeated Content-Type"),
        ] {
            let mut values = self.all(name);
            match values.next() {
                None if !missing.is_empty() => return Some(missing),
                Some(v) if v.is_empty() && !missing.is_empty() => return Some(missing),
                Some(_) if !repeated.is_empty() && values.next().is_some() => {
                    return Some(repeated);
                }
                _ => {}
            }
        }
        None
    }

    /// `CSeq: number METHOD`, the number below 2^31 (§8.1.1.5).
    fn cseq(&self) -> Option<(u32, &str)> {
        let value = self.single("cseq")?;
        let mut parts = value.split_whitespace();
        let (Some(number), Some(method), None) = (parts.next(), parts.next(), parts.next()) else {
            return None;
        };
        let number: u32 = number.parse().ok().filter(|n| *n < 1 << 31)?;
        method.bytes().all(is_token).then_some((number, method))
    }

    fn has_from_tag(&self) -> bool {
        self.single("from")
            .is_some_and(|from| tag_of(from).is_some())
    }

    /// A stateless response to the request these headers came from (§8.2.6): its Vias,
    /// From, To (with a tag added), Call-ID and CSeq. `None` without a top Via to answer to.
    fn response(&self, status: u16, reason: &str) -> Option<Vec<u8>> {
        let top_via = self.all("via").next()?;
        let mut via = top_via.split_whitespace();
        let sent = via.next()?;
        let sent_by = via.next()?;
        if !sent.to_ascii_uppercase().starts_with("SIP/2.0/") || sent_by.is_empty() {
            return None;
        }
        let mut out = String::with_capacity(512);
        let _ = write!(out, "SIP/2.0 {status} {reason}\r\n");
        let mut copy = |name: &str, value: &str| -> Option<()> {
            if value.len() > MAX_COPIED {
                return None;
            }
            out.push_str(name);
            out.push_str(": ");
            out.extend(value.chars().filter(|c| !c.is_control() || *c == '\t'));
            out.push_str("\r\n");
            Some(())
        };
        for via in self.all("via") {
            copy("Via", via)?;
        }
        for (header, name) in [("From", "from"), ("To", "to"), ("Call-ID", "call-id")] {
            if let Some(value) = self.all(name).next() {
                if name == "to" && tag_of(value).is_none() {
                    let tag = format!("{value};tag={:08x}", fnv(top_via.as_bytes()));
                    copy(header, &tag)?;
                } else {
                    copy(header, value)?;
                }
            }
        }
        if let Some(value) = self.all("cseq").next() {
            copy("CSeq", value)?;
        }
        out.push_str("Server: centralino\r\nContent-Length: 0\r\n\r\n");
        Some(out.into_bytes())
    }
}

/// The `tag` parameter of a From or To value (after the URI, outside `<>`).
fn tag_of(value: &str) -> Option<&str> {
    let params = match value.rfind('>') {
        Some(close) => &value[close + 1..],
        None => value,
    };
    params.split(';').skip(1).find_map(|p| {
        let (name, v) = p.split_once('=')?;
        (name.trim().eq_ignore_ascii_case("tag") && !v.trim().is_empty()).then(|| v.trim())
    })
}

/// Compact header forms (RFC 3261 §7.3.3) to their long names, lower case.
fn long_name(name: &str) -> String {
    let long = match name.to_ascii_lowercase().as_str() {
        "v" => "via",
        "f" => "from",
        "t" => "to",
        "i" => "call-id",
        "l" => "content-length",
        "c" => "content-type",
        "m" => "contact",
        "e" => "content-encoding",
        "k" => "supported",
        "s" => "subject",
        other => return other.to_owned(),
    };
    long.to_owned()
}

/// RFC 3261 `token` characters.
fn is_token(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"-.!%*_+`'~".contains(&b)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// FNV-1a, for a To tag that is the same for every retransmission of a request.
fn fnv(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5, |h: u32, &b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}

#[cfg(test)]
mod tests;
