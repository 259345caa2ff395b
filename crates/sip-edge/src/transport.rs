//! The guard's two places in rsipstack's receive path: a UDP socket that screens each datagram
//! before rsipstack reads it, and a transport inspector that screens requests framed from TCP.
//!
//! Over UDP the guard sees the bytes as they arrived, so it can answer requests rsipstack could
//! not parse at all. Over TCP rsipstack frames and parses first: a message it cannot parse
//! closes the connection (RFC 3261 §18.3 leaves no other way to find the next message), and
//! the guard checks the requests it could parse.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use rsipstack::sip::SipMessage;
use rsipstack::transaction::endpoint::TransportEventInspector;
use rsipstack::transport::TransportEvent;

use crate::guard::{self, Framing, MAX_DATAGRAM, Verdict};

/// What the guard turned away.
#[derive(Debug, Default)]
pub(crate) struct GuardCounts {
    pub(crate) answered: AtomicU64,
    pub(crate) dropped: AtomicU64,
}

impl GuardCounts {
    fn count(&self, verdict: &Verdict, from: SocketAddr) {
        match verdict {
            Verdict::Pass => {}
            Verdict::Drop(why) => {
                self.dropped.fetch_add(1, Ordering::Relaxed);
                tracing::debug!(%from, why, "malformed SIP dropped");
            }
            Verdict::Answer { status, why, .. } => {
                self.answered.fetch_add(1, Ordering::Relaxed);
                tracing::debug!(%from, status, why, "malformed SIP answered");
            }
        }
    }
}

/// The SIP UDP socket, screening datagrams on the way in.
pub(crate) struct GuardedUdp {
    socket: tokio::net::UdpSocket,
    counts: Arc<GuardCounts>,
}

impl GuardedUdp {
    pub(crate) fn bind(addr: SocketAddr, counts: Arc<GuardCounts>) -> std::io::Result<GuardedUdp> {
        let socket = std::net::UdpSocket::bind(addr)?;
        socket.set_nonblocking(true)?;
        Ok(GuardedUdp {
            socket: tokio::net::UdpSocket::from_std(socket)?,
            counts,
        })
    }
}

#[async_trait::async_trait]
impl rsipstack::platform::net::UdpSocket for GuardedUdp {
    async fn recv_from(&self, buf: &mut [u8]) -> rsipstack::Result<(usize, SocketAddr)> {
        loop {
            let (n, from) = self.socket.recv_from(buf).await?;
            // rsipstack reads into MAX_DATAGRAM bytes: a datagram that fills them was cut.
            let cut = n >= buf.len().min(MAX_DATAGRAM);
            let verdict = guard::inspect(&buf[..n], Framing::Datagram, cut);
            self.counts.count(&verdict, from);
            match verdict {
                Verdict::Pass => return Ok((n, from)),
                Verdict::Drop(_) => {}
                Verdict::Answer { response, .. } => {
                    if let Err(e) = self.socket.send_to(&response, from).await {
                        tracing::debug!(error = %e, "answer to a malformed message not sent");
                    }
                }
            }
        }
    }

    async fn send_to(&self, buf: &[u8], addr: SocketAddr) -> rsipstack::Result<usize> {
        Ok(self.socket.send_to(buf, addr).await?)
    }

    fn local_addr(&self) -> rsipstack::Result<SocketAddr> {
        Ok(self.socket.local_addr()?)
    }
}

/// Screens requests that arrived over TCP (datagrams were screened by [`GuardedUdp`]).
pub(crate) struct StreamGuard {
    pub(crate) counts: Arc<GuardCounts>,
}

#[async_trait::async_trait]
impl TransportEventInspector for StreamGuard {
    async fn handle(&self, event: TransportEvent) -> Option<TransportEvent> {
        let TransportEvent::Incoming(SipMessage::Request(request), connection, from) = &event
        else {
            return Some(event);
        };
        if !connection.is_reliable() {
            return Some(event);
        }
        let verdict = guard::inspect(&request.to_bytes(), Framing::Stream, false);
        let source = from
            .get_socketaddr()
            .unwrap_or(SocketAddr::from(([0, 0, 0, 0], 0)));
        self.counts.count(&verdict, source);
        match verdict {
            Verdict::Pass => Some(event),
            Verdict::Drop(_) => None,
            Verdict::Answer { response, .. } => {
                if let Ok(response) = SipMessage::try_from(response.as_slice()) {
                    let connection = connection.clone();
                    // Off the endpoint's loop: a peer that does not read must not stall it.
                    tokio::spawn(async move {
                        if let Err(e) = connection.send(response, None).await {
                            tracing::debug!(error = %e, "answer to a malformed message not sent");
                        }
                    });
                }
                None
            }
        }
    }
}
