//! Standard input and output as a `Connection`, read and written by threads of its own.
//! lsp-server's own stdio transport allocates whatever Content-Length a message claims,
//! ends the session at the first message that is not JSON-RPC, and panics when its writer
//! is gone; this one bounds a message to [`MAX_MESSAGE_BYTES`], skips (and names, briefly)
//! what it cannot read, and keeps draining what the server sends after the client left.

use std::io::{BufRead, Read, Write};
use std::thread::JoinHandle;

use crossbeam_channel::{Receiver, Sender, bounded, unbounded};
use lsp_server::{Connection, Message};

/// The largest message read: a schema of many megabytes fits; a claim of gigabytes is
/// skipped, its body read and dropped.
const MAX_MESSAGE_BYTES: usize = 64 << 20;

/// The connection, and the threads to join once it is dropped.
pub(super) fn stdio() -> (Connection, JoinHandle<()>, JoinHandle<()>) {
    let (to_server, from_client): (Sender<Message>, Receiver<Message>) = bounded(0);
    let (to_client, from_server): (Sender<Message>, Receiver<Message>) = unbounded();
    let reader = std::thread::spawn(move || {
        let stdin = std::io::stdin();
        let mut input = stdin.lock();
        while let Some(next) = next_body(&mut input) {
            let Next::Body(body) = next else {
                continue;
            };
            match serde_json::from_slice::<Message>(&body) {
                Ok(message) => {
                    let exit = matches!(&message, Message::Notification(n) if n.method == "exit");
                    if to_server.send(message).is_err() || exit {
                        break;
                    }
                }
                Err(error) => {
                    let _ = writeln!(
                        std::io::stderr(),
                        "statuskit lsp: skipped a message that is not JSON-RPC ({} bytes): {}",
                        body.len(),
                        status_schema::diagnostic::render::one_line_safe(&error.to_string())
                    );
                }
            }
        }
    });
    let writer = std::thread::spawn(move || {
        let stdout = std::io::stdout();
        let mut output = stdout.lock();
        let mut open = true;
        // After a failed write the messages are still taken, so that no sender fails.
        for message in from_server {
            if open && (message.write(&mut output).is_err() || output.flush().is_err()) {
                open = false;
            }
        }
    });
    (
        Connection {
            sender: to_client,
            receiver: from_client,
        },
        reader,
        writer,
    )
}

/// What the input holds next.
#[derive(Debug, PartialEq, Eq)]
enum Next {
    /// A message's body.
    Body(Vec<u8>),
    /// A message skipped: no or a bad Content-Length, or one past the bound.
    Skipped,
}

/// The next message's body; `None` at the end of input.
fn next_body(input: &mut impl BufRead) -> Option<Next> {
    let mut length: Option<usize> = None;
    let mut bad = false;
    loop {
        let mut line = Vec::new();
        let read = input
            .by_ref()
            .take(8192)
            .read_until(b'\n', &mut line)
            .ok()?;
        if read == 0 {
            return None;
        }
        let line = String::from_utf8_lossy(&line);
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            if name.trim().eq_ignore_ascii_case("content-length") {
                match value.trim().parse::<usize>() {
                    Ok(n) => length = Some(n),
                    Err(_) => bad = true,
                }
            }
        }
    }
    let length = match length {
        Some(n) if !bad => n,
        _ => return Some(Next::Skipped),
    };
    if length > MAX_MESSAGE_BYTES {
        let skipped = std::io::copy(
            &mut input.by_ref().take(length as u64),
            &mut std::io::sink(),
        )
        .ok()?;
        let _ = writeln!(
            std::io::stderr(),
            "statuskit lsp: skipped a message of {length} bytes, past the {MAX_MESSAGE_BYTES} it reads"
        );
        return (skipped == length as u64).then_some(Next::Skipped);
    }
    let mut body = vec![0; length];
    input.read_exact(&mut body).ok()?;
    Some(Next::Body(body))
}

#[cfg(test)]
mod tests {
    use super::{Next, next_body};

    #[test]
    fn bodies_are_read_bounded_and_bad_headers_skipped() {
        let mut input: &[u8] = b"Content-Length: 2\r\n\r\n{}Content-Length: x\r\n\r\nContent-Length: 99999999999999\r\n\r\n";
        assert_eq!(next_body(&mut input), Some(Next::Body(b"{}".to_vec())));
        assert_eq!(next_body(&mut input), Some(Next::Skipped));
        // A claim past the bound: its body is read and dropped, and here the input ends.
        assert_eq!(next_body(&mut input), None);
    }
}
