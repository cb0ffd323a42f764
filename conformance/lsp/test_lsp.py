"""`statuskit lsp` through a real client (pytest-lsp, pinned in conformance/requirements.txt):
every feature on the repository's own schema, a file with many errors, and a file being
typed. Run by status-cli/tests/lsp.rs with STATUSKIT naming the binary under test."""

import os
import pathlib

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCHEMA = ROOT / "statuses.toml"
URI = SCHEMA.as_uri()
TEXT = SCHEMA.read_text()


@pytest_lsp.fixture(
    config=ClientServerConfig(server_command=[os.environ.get("STATUSKIT", "statuskit"), "lsp"]),
)
async def client(lsp_client: LanguageClient):
    result = await lsp_client.initialize_session(
        types.InitializeParams(capabilities=types.ClientCapabilities(), root_uri=ROOT.as_uri())
    )
    assert result.server_info.name == "statuskit"
    yield
    await lsp_client.shutdown_session()


def open_document(client: LanguageClient, text: str, uri: str = URI, version: int = 1):
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id="toml", version=version, text=text)
        )
    )


def position(text: str, needle: str, offset: int = 1) -> types.Position:
    """The position `offset` characters into the first `needle` of `text`."""
    at = text.index(needle) + offset
    line = text.count("\n", 0, at)
    return types.Position(line=line, character=at - (text.rfind("\n", 0, at) + 1))


def apply(text: str, edit: types.TextEdit) -> str:
    """`text` with `edit` made (positions in UTF-16 units; this file's text is ASCII where
    edits land)."""
    lines = text.split("\n")

    def offset(p: types.Position) -> int:
        return sum(len(line) + 1 for line in lines[: p.line]) + p.character

    return text[: offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end) :]


async def diagnostics(client: LanguageClient, uri: str = URI):
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return client.diagnostics[uri]


async def test_the_repository_schema_has_no_diagnostics(client: LanguageClient):
    open_document(client, TEXT)
    assert list(await diagnostics(client)) == []


async def test_a_file_with_many_errors_gets_all_of_them(client: LanguageClient):
    broken = TEXT.replace('initial = "pending"', 'initial = "pendng"').replace(
        '"in_progress", "completed"', '"in_progres", "completed"', 1
    )
    open_document(client, broken)
    found = await diagnostics(client)
    assert len(found) >= 3, found
    assert all(d.source == "statuskit" and d.code for d in found)
    assert any("pendng" in d.message for d in found)
    fix = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=URI),
            range=next(d.range for d in found if "pendng" in d.message),
            context=types.CodeActionContext(diagnostics=found),
        )
    )
    assert fix and fix[0].title == "Write `pending`", fix


async def test_a_file_being_typed_is_answered(client: LanguageClient):
    typing = TEXT + '\n[status.Typing]\nstates = ["a", "b"]\nextends = "\n'
    open_document(client, typing)
    found = await diagnostics(client)
    assert [d.code for d in found] == ["E001"], found
    # Names still resolve around the line being typed.
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=URI), position=position(typing, "[status.BaseTaskStatus]", 9))
    )
    assert hover is not None and "BaseTaskStatus" in hover.contents.value
    completion = await client.text_document_completion_async(
        types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri=URI),
            position=position(typing, 'extends = "\n', len('extends = "')),
        )
    )
    labels = [item.label for item in completion]
    assert "BaseTaskStatus" in labels and "Typing" not in labels, labels


async def test_hover_definition_references_rename_and_formatting(client: LanguageClient):
    open_document(client, TEXT)
    await diagnostics(client)
    at = position(TEXT, 'blocked = ["pending"')
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=URI), position=at)
    )
    assert "**state** `blocked` of `BaseTaskStatus`" in hover.contents.value, hover
    definition = await client.text_document_definition_async(
        types.DefinitionParams(text_document=types.TextDocumentIdentifier(uri=URI), position=at)
    )
    states_line = TEXT[: TEXT.index('states = ["pending", "in_progress", "completed", "failed", "cancelled", "blocked"]')].count("\n")
    assert definition.range.start.line == states_line, definition
    references = await client.text_document_references_async(
        types.ReferenceParams(
            text_document=types.TextDocumentIdentifier(uri=URI),
            position=at,
            context=types.ReferenceContext(include_declaration=True),
        )
    )
    assert len(references) >= 4, references
    rename = await client.text_document_rename_async(
        types.RenameParams(text_document=types.TextDocumentIdentifier(uri=URI), position=at, new_name="on_hold")
    )
    assert len(rename.changes[URI]) == len(references)
    edits = await client.text_document_formatting_async(
        types.DocumentFormattingParams(
            text_document=types.TextDocumentIdentifier(uri=URI),
            options=types.FormattingOptions(tab_size=4, insert_spaces=True),
        )
    )
    assert not edits, "the repository's schema is formatted"


@pytest_lsp.fixture(
    config=ClientServerConfig(server_command=[os.environ.get("STATUSKIT", "statuskit"), "lsp"]),
)
async def confirming_client(lsp_client: LanguageClient):
    """A client that confirms annotated edits, as VS Code's refactor preview does."""
    capabilities = types.ClientCapabilities(
        workspace=types.WorkspaceClientCapabilities(
            workspace_edit=types.WorkspaceEditClientCapabilities(
                document_changes=True,
                change_annotation_support=types.ChangeAnnotationsSupportOptions(groups_on_label=True),
            )
        )
    )
    await lsp_client.initialize_session(types.InitializeParams(capabilities=capabilities))
    yield
    await lsp_client.shutdown_session()


async def test_a_rename_offers_to_keep_the_stored_value(confirming_client: LanguageClient):
    client = confirming_client
    open_document(client, TEXT)
    await diagnostics(client)
    rename = await client.text_document_rename_async(
        types.RenameParams(
            text_document=types.TextDocumentIdentifier(uri=URI),
            position=position(TEXT, 'blocked = ["pending"'),
            new_name="on_hold",
        )
    )
    edits = rename.document_changes[0].edits
    annotated = [e for e in edits if isinstance(e, types.AnnotatedTextEdit)]
    assert len(annotated) == 1, edits
    assert "blocked" in annotated[0].new_text and "on_hold" in annotated[0].new_text
    annotation = rename.change_annotations[annotated[0].annotation_id]
    assert annotation.needs_confirmation is True
    assert annotation.label == "Keep `blocked` readable as an alias"


async def test_a_terminal_states_transition_is_removed(client: LanguageClient):
    broken = TEXT.replace(
        'blocked = ["pending", "in_progress", "cancelled"]',
        'blocked = ["pending", "in_progress", "cancelled"]\ncompleted = ["pending"]',
        1,
    )
    open_document(client, broken)
    found = await diagnostics(client)
    exit_ = next(d for d in found if d.code == "E030")
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=URI),
            range=exit_.range,
            context=types.CodeActionContext(diagnostics=[exit_]),
        )
    )
    assert actions[0].title == "Remove the terminal state's transition"
    edit = actions[0].edit.changes[URI][0]
    assert apply(broken, edit) == TEXT, edit
    assert edit.range.start.line == edit.range.end.line - 1 or edit.range.start.line == edit.range.end.line
