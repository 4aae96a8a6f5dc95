"""Korean first: every message the plaza's code and templates show is translated."""
from ckanext.seoulplaza import messages


def test_every_message_of_the_plugin_has_a_korean_translation():
    korean = {m.id: m.string for m in messages.read_korean() if m.id}
    used = [m.id for m in messages.extract() if m.id]
    assert len(used) > 80
    missing = [msgid for msgid in used if not korean.get(msgid)]
    assert missing == []


def test_the_ckan_messages_we_translate_are_kept_apart():
    core = [m for m in messages.read_korean() if messages.CORE in m.auto_comments]
    assert {"Skip to main content", "Toggle navigation"} <= {m.id for m in core}
    assert all(m.string for m in core)
