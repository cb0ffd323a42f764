//! `statuskit lsp`: a language server for `statuses.toml` over standard input and output,
//! in the binary that checks it. `lsp-server` reads the messages in order on this thread (no
//! async runtime): each request is answered from the document's latest text.
//!
//! - diagnostics, on open and on every change: `check`'s, with their codes;
//! - hover on a status, state or event;
//! - go-to-definition and find-references;
//! - completion of states, statuses and a status table's keys;
//! - rename of a status, state or event, everywhere the file names it;
//! - quick fixes for the diagnostics that suggest a name (`did you mean`);
//! - formatting, identical to `statuskit fmt`.

mod diagnostics;
mod edit;
mod navigate;
mod symbols;
mod text;
mod transport;

use std::collections::HashMap;
use std::process::ExitCode;

use lsp_server::{Connection, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, Notification as _,
    PublishDiagnostics,
};
use lsp_types::request::{
    CodeActionRequest, Completion, Formatting, GotoDefinition, HoverRequest, References, Rename,
    Request as _,
};
use lsp_types::{
    CodeActionParams, CodeActionProviderCapability, CompletionOptions, CompletionParams,
    CompletionResponse, DocumentFormattingParams, GotoDefinitionParams, GotoDefinitionResponse,
    HoverParams, HoverProviderCapability, InitializeResult, OneOf, PublishDiagnosticsParams,
    ReferenceParams, RenameParams, ServerCapabilities, ServerInfo, TextDocumentSyncCapability,
    TextDocumentSyncKind, TextEdit, Uri,
};

/// Serves on standard input and output until the client says exit.
pub(crate) fn run() -> ExitCode {
    let (connection, reader, writer) = transport::stdio();
    let served = serve(&connection);
    drop(connection);
    // The reader may wait on input the client never sends: it ends with the process.
    drop(reader);
    let _ = writer.join();
    match served {
        Ok(()) => ExitCode::SUCCESS,
        Err(why) => {
            crate::report_error(format!("lsp: {}", truncated(&why)));
            ExitCode::from(crate::load::IO_ERROR)
        }
    }
}

/// A protocol error's message, cut to a line's worth: it may quote a whole message.
fn truncated(why: &str) -> String {
    let mut out: String = why.chars().take(300).collect();
    if out.len() < why.len() {
        out.push('…');
    }
    out
}

/// What the server can do.
fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Kind(TextDocumentSyncKind::FULL)),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        document_formatting_provider: Some(OneOf::Left(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec!["\"".to_owned(), ".".to_owned()]),
            ..CompletionOptions::default()
        }),
        rename_provider: Some(OneOf::Left(true)),
        code_action_provider: Some(CodeActionProviderCapability::Simple(true)),
        ..ServerCapabilities::default()
    }
}

/// The initialize handshake, then every message until `exit`.
pub(crate) fn serve(connection: &Connection) -> Result<(), String> {
    let result = InitializeResult {
        capabilities: capabilities(),
        server_info: Some(ServerInfo {
            name: "statuskit".to_owned(),
            version: Some(env!("CARGO_PKG_VERSION").to_owned()),
        }),
    };
    let result = serde_json::to_value(result).map_err(|e| e.to_string())?;
    let (id, params) = connection.initialize_start().map_err(|e| e.to_string())?;
    // Whether the client can ask the user to confirm one edit of several (a rename's alias).
    let edits = &params["capabilities"]["workspace"]["workspaceEdit"];
    let annotations =
        edits["documentChanges"] == true && edits["changeAnnotationSupport"].is_object();
    connection
        .initialize_finish(id, result)
        .map_err(|e| e.to_string())?;
    let mut server = Server {
        documents: HashMap::new(),
        annotations,
    };
    for message in &connection.receiver {
        match message {
            Message::Request(request) => {
                if connection
                    .handle_shutdown(&request)
                    .map_err(|e| e.to_string())?
                {
                    return Ok(());
                }
                let response = server.request(request);
                send(connection, Message::Response(response))?;
            }
            Message::Notification(notification) => {
                for reply in server.notification(notification) {
                    send(connection, Message::Notification(reply))?;
                }
            }
            Message::Response(_) => {}
        }
    }
    Ok(())
}

fn send(connection: &Connection, message: Message) -> Result<(), String> {
    connection.sender.send(message).map_err(|e| e.to_string())
}

/// The open documents, by URI: their latest text; and what the client can do.
struct Server {
    documents: HashMap<String, String>,
    /// The client confirms annotated edits (`changeAnnotationSupport`).
    annotations: bool,
}

impl Server {
    fn text(&self, uri: &Uri) -> Option<&str> {
        self.documents.get(uri.as_str()).map(String::as_str)
    }

    fn notification(&mut self, notification: Notification) -> Vec<Notification> {
        match notification.method.as_str() {
            DidOpenTextDocument::METHOD => {
                let Ok(params) = serde_json::from_value::<lsp_types::DidOpenTextDocumentParams>(
                    notification.params,
                ) else {
                    return Vec::new();
                };
                let uri = params.text_document.uri;
                self.documents
                    .insert(uri.as_str().to_owned(), params.text_document.text);
                self.publish(&uri)
            }
            DidChangeTextDocument::METHOD => {
                let Ok(params) = serde_json::from_value::<lsp_types::DidChangeTextDocumentParams>(
                    notification.params,
                ) else {
                    return Vec::new();
                };
                let uri = params.text_document.uri;
                // Full synchronisation: the last change holds the whole text.
                if let Some(change) = params.content_changes.into_iter().last() {
                    self.documents.insert(uri.as_str().to_owned(), change.text);
                }
                self.publish(&uri)
            }
            DidCloseTextDocument::METHOD => {
                let Ok(params) = serde_json::from_value::<lsp_types::DidCloseTextDocumentParams>(
                    notification.params,
                ) else {
                    return Vec::new();
                };
                let uri = params.text_document.uri;
                self.documents.remove(uri.as_str());
                // A closed file's diagnostics are the client's to forget: cleared.
                vec![Notification::new(
                    PublishDiagnostics::METHOD.to_owned(),
                    PublishDiagnosticsParams::new(uri, Vec::new(), None),
                )]
            }
            _ => Vec::new(),
        }
    }

    fn publish(&self, uri: &Uri) -> Vec<Notification> {
        let Some(text) = self.text(uri) else {
            return Vec::new();
        };
        let found = diagnostics::diagnostics(uri, text);
        vec![Notification::new(
            PublishDiagnostics::METHOD.to_owned(),
            PublishDiagnosticsParams::new(uri.clone(), found, None),
        )]
    }

    fn request(&self, request: Request) -> Response {
        let id = request.id.clone();
        let answer = match request.method.as_str() {
            HoverRequest::METHOD => self.answer::<HoverParams, _>(request, |s, p| {
                let at = &p.text_document_position_params;
                let text = s.text(&at.text_document.uri)?;
                navigate::hover(&at.text_document.uri, text, at.position)
            }),
            GotoDefinition::METHOD => self.answer::<GotoDefinitionParams, _>(request, |s, p| {
                let at = &p.text_document_position_params;
                let text = s.text(&at.text_document.uri)?;
                navigate::definition(&at.text_document.uri, text, at.position)
                    .map(GotoDefinitionResponse::Scalar)
            }),
            References::METHOD => self.answer::<ReferenceParams, _>(request, |s, p| {
                let at = &p.text_document_position;
                let text = s.text(&at.text_document.uri)?;
                Some(navigate::references(
                    &at.text_document.uri,
                    text,
                    at.position,
                    p.context.include_declaration,
                ))
            }),
            Completion::METHOD => self.answer::<CompletionParams, _>(request, |s, p| {
                let at = &p.text_document_position;
                let text = s.text(&at.text_document.uri)?;
                Some(CompletionResponse::Array(edit::completion(
                    text,
                    at.position,
                )))
            }),
            Rename::METHOD => {
                let renamed = serde_json::from_value::<RenameParams>(request.params.clone())
                    .map_err(|e| e.to_string())
                    .and_then(|p| {
                        let at = &p.text_document_position;
                        match self.text(&at.text_document.uri) {
                            Some(text) => edit::rename(
                                &at.text_document.uri,
                                text,
                                at.position,
                                &p.new_name,
                                self.annotations,
                            ),
                            None => Ok(None),
                        }
                    });
                match renamed {
                    Ok(edit) => Ok(Response::new_ok(id.clone(), edit)),
                    Err(why) => Ok(Response::new_err(
                        id.clone(),
                        lsp_server::ErrorCode::InvalidParams as i32,
                        why,
                    )),
                }
            }
            CodeActionRequest::METHOD => self.answer::<CodeActionParams, _>(request, |s, p| {
                let text = s.text(&p.text_document.uri)?;
                Some(edit::code_actions(&p.text_document.uri, text, p.range))
            }),
            Formatting::METHOD => self.answer::<DocumentFormattingParams, _>(request, |s, p| {
                let text = s.text(&p.text_document.uri)?;
                Some(format_edits(text))
            }),
            _ => {
                return Response::new_err(
                    id,
                    lsp_server::ErrorCode::MethodNotFound as i32,
                    format!("statuskit lsp does not answer `{}`", request.method),
                );
            }
        };
        answer.unwrap_or_else(|why| {
            Response::new_err(id, lsp_server::ErrorCode::InvalidParams as i32, why)
        })
    }

    /// Reads the request's parameters, and answers with `handle`'s result (`null` for none).
    fn answer<P, R>(
        &self,
        request: Request,
        handle: impl FnOnce(&Self, P) -> Option<R>,
    ) -> Result<Response, String>
    where
        P: serde::de::DeserializeOwned,
        R: serde::Serialize,
    {
        let id: RequestId = request.id.clone();
        let params: P = serde_json::from_value(request.params).map_err(|e| e.to_string())?;
        Ok(Response::new_ok(id, handle(self, params)))
    }
}

/// The edits that make `text` what `statuskit fmt` makes of it: one edit of the whole
/// document, or none when it is formatted already or is not TOML.
fn format_edits(text: &str) -> Vec<TextEdit> {
    match crate::fmt::format(text) {
        Ok(formatted) if formatted != text => {
            let index = text::LineIndex::new(text);
            vec![TextEdit::new(index.range(0, text.len()), formatted)]
        }
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use lsp_server::{Connection, Message, Notification, Request, RequestId};
    use serde_json::{Value, json};

    /// A client talking to a server on another thread, through memory.
    struct Client {
        connection: Connection,
        next: i32,
        server: Option<std::thread::JoinHandle<Result<(), String>>>,
    }

    impl Client {
        fn start() -> Self {
            Self::with_capabilities(&json!({}))
        }

        fn with_capabilities(capabilities: &Value) -> Self {
            let (server, client) = Connection::memory();
            let handle = std::thread::spawn(move || super::serve(&server));
            let mut client = Client {
                connection: client,
                next: 0,
                server: Some(handle),
            };
            let capabilities =
                client.request("initialize", json!({ "capabilities": capabilities }));
            assert_eq!(capabilities["capabilities"]["hoverProvider"], true);
            client.notify("initialized", json!({}));
            client
        }

        fn notify(&self, method: &str, params: Value) {
            self.connection
                .sender
                .send(Message::Notification(Notification::new(
                    method.to_owned(),
                    params,
                )))
                .expect("send");
        }

        fn request(&mut self, method: &str, params: Value) -> Value {
            self.next += 1;
            let id = RequestId::from(self.next);
            self.connection
                .sender
                .send(Message::Request(Request::new(
                    id.clone(),
                    method.to_owned(),
                    params,
                )))
                .expect("send");
            loop {
                match self.connection.receiver.recv().expect("an answer") {
                    Message::Response(response) if response.id == id => {
                        match response.response_result {
                            Ok(result) => return result,
                            Err(error) => panic!("{method}: {}", error.message),
                        }
                    }
                    _ => {}
                }
            }
        }

        /// The next diagnostics the server publishes.
        fn diagnostics(&self) -> Vec<Value> {
            loop {
                if let Message::Notification(n) =
                    self.connection.receiver.recv().expect("a message")
                {
                    if n.method == "textDocument/publishDiagnostics" {
                        return n.params["diagnostics"]
                            .as_array()
                            .cloned()
                            .unwrap_or_default();
                    }
                }
            }
        }

        fn open(&self, text: &str) {
            self.notify(
                "textDocument/didOpen",
                json!({ "textDocument": { "uri": URI, "languageId": "toml", "version": 1, "text": text } }),
            );
        }

        fn change(&self, text: &str) {
            self.notify(
                "textDocument/didChange",
                json!({ "textDocument": { "uri": URI, "version": 2 }, "contentChanges": [{ "text": text }] }),
            );
        }

        fn at(&mut self, method: &str, text: &str, needle: &str) -> Value {
            let at = text.find(needle).expect("needle") + 1;
            let line = text[..at].matches('\n').count();
            let column = at - text[..at].rfind('\n').map_or(0, |n| n + 1);
            self.request(
                method,
                json!({
                    "textDocument": { "uri": URI },
                    "position": { "line": line, "character": column },
                    "context": { "includeDeclaration": true },
                }),
            )
        }

        fn stop(mut self) {
            self.request("shutdown", Value::Null);
            self.notify("exit", Value::Null);
            let served = self
                .server
                .take()
                .expect("server")
                .join()
                .expect("no panic");
            assert_eq!(served, Ok(()));
        }
    }

    const URI: &str = "file:///project/statuses.toml";

    const SCHEMA: &str = "schema_version = 1\n\n[status.Order]\ndoc = \"An order.\"\nstates = [\"pending\", \"paid\", \"shipped\"]\ninitial = \"pending\"\nterminal = [\"shipped\"]\naliases = { settled = \"paid\" }\ntransitions = { pending = [\"paid\"], paid = [\"shipped\"] }\n";

    #[test]
    fn diagnostics_on_open_and_on_every_change() {
        let client = Client::start();
        client.open(SCHEMA);
        assert_eq!(client.diagnostics(), Vec::<Value>::new());
        client.change(&SCHEMA.replace("paid = [\"shipped\"]", "paid = [\"shiped\"]"));
        let found = client.diagnostics();
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0]["severity"], 1);
        assert_eq!(found[0]["source"], "statuskit");
        let code = found[0]["code"].as_str().unwrap_or_default();
        assert!(code.starts_with('E'), "{code}");
        assert!(
            found[0]["codeDescription"]["href"]
                .as_str()
                .is_some_and(|href| href.contains("diagnostics.md#e")),
            "{found:#?}"
        );
        assert!(
            found[0]["message"]
                .as_str()
                .unwrap_or_default()
                .contains("shiped")
        );
        client.stop();
    }

    #[test]
    fn a_file_being_typed_gets_answers_not_a_crash() {
        let mut client = Client::start();
        let typing = "schema_version = 1\n\n[status.Order]\nstates = [\"pending\", \"pa";
        client.open(typing);
        let found = client.diagnostics();
        assert_eq!(found[0]["code"], "E001", "{found:#?}");
        assert_eq!(
            client.at("textDocument/hover", typing, "pending"),
            Value::Null
        );
        let edits = client.request(
            "textDocument/formatting",
            json!({ "textDocument": { "uri": URI }, "options": { "tabSize": 4, "insertSpaces": true } }),
        );
        assert_eq!(edits, json!([]));
        client.stop();
    }

    #[test]
    fn hover_definition_references_and_formatting() {
        let mut client = Client::start();
        client.open(SCHEMA);
        let _ = client.diagnostics();
        let hover = client.at("textDocument/hover", SCHEMA, "paid\"], paid");
        let text = hover["contents"]["value"].as_str().unwrap_or_default();
        assert!(text.contains("**state** `paid` of `Order`"), "{text}");
        assert!(text.contains("aliases: `settled`"), "{text}");
        assert!(text.contains("moves to: `shipped`"), "{text}");
        assert!(text.contains("comes from: `pending`"), "{text}");
        let status = client.at("textDocument/hover", SCHEMA, "Order]");
        assert!(
            status["contents"]["value"]
                .as_str()
                .is_some_and(|t| t.contains("An order.") && t.contains("`shipped`")),
            "{status:#?}"
        );
        // `paid` in a transition's target is defined in `states`.
        let definition = client.at("textDocument/definition", SCHEMA, "paid\"], paid");
        assert_eq!(
            definition["range"]["start"],
            json!({ "line": 4, "character": 22 })
        );
        let references = client.at("textDocument/references", SCHEMA, "paid\"], paid");
        assert_eq!(
            references.as_array().map(Vec::len),
            Some(4),
            "{references:#?}"
        );
        let edits = client.request(
            "textDocument/formatting",
            json!({ "textDocument": { "uri": URI }, "options": { "tabSize": 4, "insertSpaces": true } }),
        );
        assert_eq!(edits, json!([]), "the schema is formatted");
        client.change("schema_version=1\n[status.A]\nstates=[\"a\",\"b\"]\n");
        let _ = client.diagnostics();
        let edits = client.request(
            "textDocument/formatting",
            json!({ "textDocument": { "uri": URI }, "options": { "tabSize": 4, "insertSpaces": true } }),
        );
        assert_eq!(
            edits[0]["newText"],
            "schema_version = 1\n\n[status.A]\nstates = [\"a\", \"b\"]\n"
        );
        client.stop();
    }

    #[test]
    fn completion_offers_states_statuses_and_keys_while_typing() {
        let mut client = Client::start();
        let typing = format!("{SCHEMA}\n[status.Refund]\nextends = \"\nstates = [\"requested\"]\n");
        client.open(&typing);
        let _ = client.diagnostics();
        let labels = |answer: &Value| -> Vec<String> {
            answer
                .as_array()
                .map(|items| {
                    items
                        .iter()
                        .filter_map(|i| i["label"].as_str().map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default()
        };
        // After `extends = "`, on a line that does not parse yet: the statuses.

        let at = typing.find("extends = \"").expect("extends") + "extends = \"".len();
        let line = typing[..at].matches('\n').count();
        let column = at - typing[..at].rfind('\n').map_or(0, |n| n + 1);
        let answer = client.request(
            "textDocument/completion",
            json!({ "textDocument": { "uri": URI }, "position": { "line": line, "character": column } }),
        );
        // Every status but the one being written.
        assert_eq!(labels(&answer), ["Order"]);
        // In `[status.Order]`'s `terminal`: its states.
        let terminal = SCHEMA.find("terminal = [\"").expect("terminal") + "terminal = [\"".len();
        let column = terminal - SCHEMA[..terminal].rfind('\n').map_or(0, |n| n + 1);
        let line = SCHEMA[..terminal].matches('\n').count();
        let answer = client.request(
            "textDocument/completion",
            json!({ "textDocument": { "uri": URI }, "position": { "line": line, "character": column } }),
        );
        assert_eq!(labels(&answer), ["pending", "paid", "shipped"]);
        // At a line's start in a status table: its keys.
        let answer = client.request(
            "textDocument/completion",
            json!({ "textDocument": { "uri": URI }, "position": { "line": 3, "character": 0 } }),
        );
        let keys = labels(&answer);
        assert!(
            keys.contains(&"transitions".to_owned()) && keys.contains(&"aliases".to_owned()),
            "{keys:?}"
        );
        client.stop();
    }

    #[test]
    fn rename_changes_every_reference_and_quick_fixes_write_the_suggestion() {
        let mut client = Client::start();
        client.open(SCHEMA);
        let _ = client.diagnostics();
        let at = SCHEMA.find("paid\"]").expect("paid") + 1;
        let line = SCHEMA[..at].matches('\n').count();
        let column = at - SCHEMA[..at].rfind('\n').map_or(0, |n| n + 1);
        let edit = client.request(
            "textDocument/rename",
            json!({ "textDocument": { "uri": URI }, "position": { "line": line, "character": column }, "newName": "settled_up" }),
        );
        let edits = edit["changes"][URI].as_array().cloned().unwrap_or_default();
        assert_eq!(edits.len(), 4, "{edit:#?}");
        assert!(edits.iter().all(|e| e["newText"] == "settled_up"));
        let typo = SCHEMA.replace("initial = \"pending\"", "initial = \"pendng\"");
        client.change(&typo);
        let found = client.diagnostics();
        let range = found[0]["range"].clone();
        let actions = client.request(
            "textDocument/codeAction",
            json!({ "textDocument": { "uri": URI }, "range": range, "context": { "diagnostics": found } }),
        );
        assert_eq!(actions[0]["title"], "Write `pending`", "{actions:#?}");
        let fix = &actions[0]["edit"]["changes"][URI][0];
        assert_eq!(fix["newText"], "pending");
        assert_eq!(fix["range"]["start"]["character"], 11);
        assert_eq!(fix["range"]["end"]["character"], 17);
        client.stop();
    }

    #[test]
    fn a_rename_offers_to_keep_the_old_value_as_an_alias() {
        let mut client = Client::with_capabilities(&json!({
            "workspace": { "workspaceEdit": {
                "documentChanges": true,
                "changeAnnotationSupport": { "groupsOnLabel": true },
            } }
        }));
        client.open(SCHEMA);
        let _ = client.diagnostics();
        let at = SCHEMA.find("\"shipped\"]").expect("shipped") + 1;
        let line = SCHEMA[..at].matches('\n').count();
        let column = at - SCHEMA[..at].rfind('\n').map_or(0, |n| n + 1);
        let edit = client.request(
            "textDocument/rename",
            json!({ "textDocument": { "uri": URI }, "position": { "line": line, "character": column }, "newName": "dispatched" }),
        );
        let edits = edit["documentChanges"][0]["edits"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let annotated: Vec<&Value> = edits
            .iter()
            .filter(|e| e["annotationId"].is_string())
            .collect();
        assert_eq!(annotated.len(), 1, "{edit:#?}");
        assert_eq!(annotated[0]["newText"], ", shipped = \"dispatched\"");
        let annotation =
            &edit["changeAnnotations"][annotated[0]["annotationId"].as_str().unwrap_or_default()];
        assert_eq!(annotation["needsConfirmation"], true);
        assert_eq!(annotation["label"], "Keep `shipped` readable as an alias");
        assert_eq!(edits.len(), 4, "three names and the alias: {edit:#?}");
        client.stop();
    }

    #[test]
    fn a_terminal_states_transition_is_removed_by_its_quick_fix() {
        let mut client = Client::start();
        let exits = SCHEMA.replace(
            "paid = [\"shipped\"] }",
            "paid = [\"shipped\"], shipped = [\"paid\"] }",
        );
        client.open(&exits);
        let found = client.diagnostics();
        let exit = found
            .iter()
            .find(|d| d["code"] == "E030")
            .cloned()
            .expect("E030");
        let actions = client.request(
            "textDocument/codeAction",
            json!({ "textDocument": { "uri": URI }, "range": exit["range"], "context": { "diagnostics": [exit] } }),
        );
        assert_eq!(
            actions[0]["title"], "Remove the terminal state's transition",
            "{actions:#?}"
        );
        // Only what changes is replaced: applied, the edit gives the file without the move.
        let fix = &actions[0]["edit"]["changes"][URI][0];
        let offset = |p: &Value| {
            let line = usize::try_from(p["line"].as_u64().unwrap_or_default()).unwrap_or_default();
            let character =
                usize::try_from(p["character"].as_u64().unwrap_or_default()).unwrap_or_default();
            exits
                .split_inclusive('\n')
                .take(line)
                .map(str::len)
                .sum::<usize>()
                + character
        };
        let (from, to) = (offset(&fix["range"]["start"]), offset(&fix["range"]["end"]));
        let fixed = format!(
            "{}{}{}",
            &exits[..from],
            fix["newText"].as_str().unwrap_or_default(),
            &exits[to..]
        );
        assert_eq!(fixed, SCHEMA);
        assert!(to - from < 30, "a small edit: {fix:#?}");
        client.stop();
    }

    #[test]
    fn completion_inside_into_offers_each_sides_states() {
        let mut client = Client::start();
        let text = format!(
            "{SCHEMA}\n[status.Legacy]\nstates = [\"new\", \"done\"]\ninto.Order = {{ new = \"pending\", done = \"shipped\" }}\n"
        );
        client.open(&text);
        let _ = client.diagnostics();
        let labels = |client: &mut Client, needle: &str, offset: usize| -> Vec<String> {
            let at = text.find(needle).expect("needle") + offset;
            let line = text[..at].matches('\n').count();
            let column = at - text[..at].rfind('\n').map_or(0, |n| n + 1);
            let answer = client.request(
                "textDocument/completion",
                json!({ "textDocument": { "uri": URI }, "position": { "line": line, "character": column } }),
            );
            answer
                .as_array()
                .map(|items| {
                    items
                        .iter()
                        .filter_map(|i| i["label"].as_str().map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default()
        };
        // A key: `Legacy`'s states; a value: `Order`'s.
        assert_eq!(labels(&mut client, "{ new", 2), ["new", "done"]);
        assert_eq!(
            labels(&mut client, "new = \"pending\"", 8),
            ["pending", "paid", "shipped"]
        );
        client.stop();
    }
}
