//! SDP offer/answer for an audio call (RFC 4566, RFC 3264), sans-IO.
//!
//! We answer offers; we never make one. The answer takes the offerer's first G.711 codec (PCMU
//! or PCMA, by static payload type or `rtpmap`), every `telephone-event/8000` payload type the
//! offer names (SIPp's `play_dtmf` uses 96, its pcaps 101, phones anything from 96 to 127), and
//! the mirrored direction. Other media lines are refused with port 0, as RFC 3264 §6 asks.
//!
//! Parsing is lenient where peers differ (line endings, unknown attributes, missing `rtpmap`
//! for static types) and strict where it matters (no audio, no usable codec, a broken `m=`
//! line): those are [`SdpError`]s the edge answers with 488.

use std::fmt::Write as _;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use media::Codec;

/// Why an offer cannot be answered.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SdpError {
    /// Not SDP at all (no `v=0`, or a line that is not `x=value`).
    #[error("not an SDP body: {0}")]
    Syntax(String),
    /// No `m=audio` line with RTP/AVP.
    #[error("no audio stream offered")]
    NoAudio,
    /// Audio offered, but neither PCMU nor PCMA.
    #[error("no common codec (PCMU or PCMA)")]
    NoCommonCodec,
}

/// Media direction (RFC 3264 §5.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Direction {
    #[default]
    SendRecv,
    SendOnly,
    RecvOnly,
    Inactive,
}

impl Direction {
    fn parse(attr: &str) -> Option<Direction> {
        match attr {
            "sendrecv" => Some(Direction::SendRecv),
            "sendonly" => Some(Direction::SendOnly),
            "recvonly" => Some(Direction::RecvOnly),
            "inactive" => Some(Direction::Inactive),
            _ => None,
        }
    }

    /// The attribute name.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::SendRecv => "sendrecv",
            Direction::SendOnly => "sendonly",
            Direction::RecvOnly => "recvonly",
            Direction::Inactive => "inactive",
        }
    }

    /// What the answerer says to this offered direction.
    pub fn answer(self) -> Direction {
        match self {
            Direction::SendRecv => Direction::SendRecv,
            Direction::SendOnly => Direction::RecvOnly,
            Direction::RecvOnly => Direction::SendOnly,
            Direction::Inactive => Direction::Inactive,
        }
    }
}

/// One `m=` line of an offer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MediaLine {
    /// `audio`, `video`, …
    pub kind: String,
    pub port: u16,
    /// `RTP/AVP`, `RTP/SAVP`, …
    pub proto: String,
    /// The format list as written.
    pub formats: Vec<String>,
    /// `c=` at media level (else the session's).
    pub address: Option<IpAddr>,
    /// `a=rtpmap:PT NAME/RATE[/CH]` → (PT, name lower case, rate).
    pub rtpmaps: Vec<(u8, String, u32)>,
    /// Media-level direction attribute.
    pub direction: Option<Direction>,
}

/// A parsed offer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Offer {
    /// Session-level `c=` address.
    pub address: Option<IpAddr>,
    /// Session-level direction attribute.
    pub direction: Option<Direction>,
    pub media: Vec<MediaLine>,
}

impl Offer {
    /// Parses an SDP body.
    pub fn parse(body: &str) -> Result<Offer, SdpError> {
        let mut offer = Offer {
            address: None,
            direction: None,
            media: Vec::new(),
        };
        let mut saw_version = false;
        for raw in body.split('\n') {
            let line = raw.trim_end_matches('\r').trim();
            if line.is_empty() {
                continue;
            }
            let Some((kind, value)) = line.split_once('=') else {
                return Err(SdpError::Syntax(format!("line {line:?}")));
            };
            if kind.len() != 1 {
                return Err(SdpError::Syntax(format!("line {line:?}")));
            }
            match kind {
                "v" => {
                    if value.trim() != "0" {
                        return Err(SdpError::Syntax(format!("version {value:?}")));
                    }
                    saw_version = true;
                }
                "c" => {
                    let address = parse_connection(value)?;
                    match offer.media.last_mut() {
                        Some(m) => m.address = Some(address),
                        None => offer.address = Some(address),
                    }
                }
                "m" => offer.media.push(parse_media(value)?),
                "a" => {
                    let (name, arg) = value.split_once(':').unwrap_or((value, ""));
                    if let Some(direction) = Direction::parse(name) {
                        match offer.media.last_mut() {
                            Some(m) => m.direction = Some(direction),
                            None => offer.direction = Some(direction),
                        }
                    } else if name == "rtpmap"
                        && let Some(m) = offer.media.last_mut()
                        && let Some(map) = parse_rtpmap(arg)
                    {
                        m.rtpmaps.push(map);
                    }
                }
                _ => {}
            }
        }
        if !saw_version {
            return Err(SdpError::Syntax("no v=0 line".to_owned()));
        }
        Ok(offer)
    }

    /// The answer's terms, or why there can be none.
    pub fn negotiate(&self) -> Result<Negotiated, SdpError> {
        let (index, audio) = self
            .media
            .iter()
            .enumerate()
            .find(|(_, m)| m.kind == "audio" && m.proto.starts_with("RTP/AVP"))
            .ok_or(SdpError::NoAudio)?;
        let pts: Vec<u8> = audio
            .formats
            .iter()
            .filter_map(|f| f.parse().ok())
            .collect();
        let name_of = |pt: u8| {
            audio
                .rtpmaps
                .iter()
                .find(|(p, _, _)| *p == pt)
                .map(|(_, name, rate)| (name.as_str(), *rate))
        };
        // Only the static types: the media layer sends PCMU as 0 and PCMA as 8.
        let codec = pts
            .iter()
            .find_map(|&pt| {
                let codec = Codec::from_payload_type(pt)?;
                let named = match codec {
                    Codec::Pcmu => "pcmu",
                    Codec::Pcma => "pcma",
                };
                match name_of(pt) {
                    Some((name, 8000)) if name == named => Some((pt, codec)),
                    Some(_) => None,
                    // Static payload types need no rtpmap (RFC 3551).
                    None => Some((pt, codec)),
                }
            })
            .ok_or(SdpError::NoCommonCodec)?;
        let telephone_events = pts
            .iter()
            .copied()
            .filter(|&pt| matches!(name_of(pt), Some(("telephone-event", 8000))))
            .filter(|&pt| (96..=127).contains(&pt) || (35..=71).contains(&pt))
            .collect();
        let direction = audio.direction.or(self.direction).unwrap_or_default();
        let address = audio.address.or(self.address);
        let remote = match address {
            Some(ip) if !ip.is_unspecified() && audio.port != 0 => {
                Some(SocketAddr::new(ip, audio.port))
            }
            _ => None,
        };
        // c=0.0.0.0 is the RFC 2543 way of putting a call on hold.
        let on_hold = remote.is_none() && audio.port != 0;
        Ok(Negotiated {
            media_index: index,
            media_count: self.media.len(),
            refused: self
                .media
                .iter()
                .map(|m| (m.kind.clone(), m.proto.clone(), m.formats.clone()))
                .collect(),
            codec: codec.1,
            codec_pt: codec.0,
            telephone_events,
            direction: if on_hold {
                Direction::Inactive
            } else {
                direction
            },
            remote,
        })
    }
}

/// What was agreed for the audio stream.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Negotiated {
    media_index: usize,
    media_count: usize,
    /// (kind, proto, formats) of every offered line, to refuse the others in the answer.
    refused: Vec<(String, String, Vec<String>)>,
    /// The codec we send and expect.
    pub codec: Codec,
    /// Its payload type (0 for PCMU, 8 for PCMA).
    pub codec_pt: u8,
    /// Every telephone-event payload type offered at 8 kHz, in offer order.
    pub telephone_events: Vec<u8>,
    /// The direction the offer asked for (`Inactive` for a `c=0.0.0.0` hold).
    pub direction: Direction,
    /// Where to send RTP (`None`: on hold, or no address).
    pub remote: Option<SocketAddr>,
}

impl Negotiated {
    /// True when the peer put the call on hold (it will not listen, or not send).
    pub fn on_hold(&self) -> bool {
        matches!(self.direction, Direction::SendOnly | Direction::Inactive)
    }

    /// The answer body for our RTP address `local`; `session` and `version` fill `o=` (the
    /// version goes up with every new answer in a dialog).
    pub fn answer(&self, local: SocketAddr, session: u64, version: u64) -> String {
        let ip = match local.ip() {
            IpAddr::V4(v4) if v4.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
            ip => ip,
        };
        let family = if ip.is_ipv4() { "IP4" } else { "IP6" };
        let mut sdp = String::new();
        let _ = write!(
            sdp,
            "v=0\r\no=centralino {session} {version} IN {family} {ip}\r\ns=centralino\r\n\
             c=IN {family} {ip}\r\nt=0 0\r\n"
        );
        for i in 0..self.media_count {
            if i != self.media_index {
                let (kind, proto, formats) = &self.refused[i];
                let formats = if formats.is_empty() {
                    "0".to_owned()
                } else {
                    formats.join(" ")
                };
                let _ = write!(sdp, "m={kind} 0 {proto} {formats}\r\n");
                continue;
            }
            let _ = write!(sdp, "m=audio {} RTP/AVP {}", local.port(), self.codec_pt);
            for pt in &self.telephone_events {
                let _ = write!(sdp, " {pt}");
            }
            sdp.push_str("\r\n");
            let name = match self.codec {
                Codec::Pcmu => "PCMU",
                Codec::Pcma => "PCMA",
            };
            let _ = write!(sdp, "a=rtpmap:{} {name}/8000\r\n", self.codec_pt);
            for pt in &self.telephone_events {
                let _ = write!(
                    sdp,
                    "a=rtpmap:{pt} telephone-event/8000\r\na=fmtp:{pt} 0-15\r\n"
                );
            }
            let _ = write!(
                sdp,
                "a=ptime:20\r\na={}\r\n",
                self.direction.answer().as_str()
            );
        }
        sdp
    }
}

fn parse_connection(value: &str) -> Result<IpAddr, SdpError> {
    // c=IN IP4 192.0.2.1[/ttl]
    let mut parts = value.split_whitespace();
    let (Some("IN"), Some(_family), Some(address)) = (parts.next(), parts.next(), parts.next())
    else {
        return Err(SdpError::Syntax(format!("c={value}")));
    };
    let address = address.split('/').next().unwrap_or(address);
    address
        .parse()
        .map_err(|_| SdpError::Syntax(format!("c={value}")))
}

fn parse_media(value: &str) -> Result<MediaLine, SdpError> {
    // m=audio 49170[/2] RTP/AVP 0 8 101
    let mut parts = value.split_whitespace();
    let (Some(kind), Some(port), Some(proto)) = (parts.next(), parts.next(), parts.next()) else {
        return Err(SdpError::Syntax(format!("m={value}")));
    };
    let port = port.split('/').next().unwrap_or(port);
    let port = port
        .parse()
        .map_err(|_| SdpError::Syntax(format!("m={value}")))?;
    Ok(MediaLine {
        kind: kind.to_owned(),
        port,
        proto: proto.to_owned(),
        formats: parts.map(str::to_owned).collect(),
        address: None,
        rtpmaps: Vec::new(),
        direction: None,
    })
}

fn parse_rtpmap(arg: &str) -> Option<(u8, String, u32)> {
    // 101 telephone-event/8000
    let (pt, rest) = arg.trim().split_once(char::is_whitespace)?;
    let mut encoding = rest.trim().split('/');
    let name = encoding.next()?.to_ascii_lowercase();
    let rate = encoding.next()?.trim().parse().ok()?;
    Some((pt.parse().ok()?, name, rate))
}

#[cfg(test)]
mod tests;
