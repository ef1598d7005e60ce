"""The consultant profile: kept in the config folder, checked, printed on every checklist."""

from __future__ import annotations

import json

import pytest

from tests.test_checklist_helpers import clock, filled_setup, fixed_book
from tests.test_handover import PNG
from wizard.output import checklist
from wizard.output import html as checklist_html
from wizard.pages import dialogs
from wizard.storage import profile as prof
from wizard.storage.profile import Profile, ProfileError, ProfileStore


def test_profile_is_saved_in_the_config_folder_and_printed(tmp_path):
    store = ProfileStore()  # the (test-local) platformdirs config folder
    assert store.load().empty and checklist.saved_consultant() is None
    logo = tmp_path / "logo.png"
    logo.write_bytes(PNG)
    saved = store.save(
        Profile(" Ann  Lee ", "Lee IT", "Ann@Lee.Example", "+44 20 7946 0000", store.set_logo(logo))
    )
    assert saved.name == "Ann Lee" and saved.email == "Ann@lee.example"
    assert json.loads(store.path.read_text("utf-8"))["company"] == "Lee IT"

    who = checklist.saved_consultant()
    assert who is not None and who.logo_uri.startswith("data:image/png;base64,")
    book = fixed_book()
    html = checklist_html.render(
        checklist.build(book, filled_setup(book), clock=clock, consultant=who)
    )
    assert "Ann Lee" in html and "Lee IT" in html and who.logo_uri in html


@pytest.mark.parametrize(
    ("profile", "message"),
    [
        (Profile(email="not an address"), "not valid"),
        (Profile(name="x" * 300), "too long"),
    ],
)
def test_bad_values_are_refused_with_a_message(profile, message):
    with pytest.raises(ProfileError, match=message):
        ProfileStore().save(profile)
    assert ProfileStore().load().empty


def test_logo_type_and_size_are_checked(tmp_path, monkeypatch):
    store = ProfileStore(tmp_path / "cfg")
    fake = tmp_path / "logo.png"
    fake.write_bytes(b"GIF89a")
    with pytest.raises(ProfileError, match="not a PNG"):
        store.set_logo(fake)
    bmp = tmp_path / "logo.bmp"
    bmp.write_bytes(b"BM")
    with pytest.raises(ProfileError, match="PNG or SVG"):
        store.set_logo(bmp)
    monkeypatch.setattr(prof, "MAX_LOGO_BYTES", 10)
    big = tmp_path / "big.png"
    big.write_bytes(PNG)
    with pytest.raises(ProfileError, match="at most"):
        store.set_logo(big)


def test_a_damaged_profile_prints_as_none(tmp_path):
    store = ProfileStore(tmp_path / "cfg")
    store.folder.mkdir()
    store.path.write_text("[not, a, profile", "utf-8")
    assert store.load().empty


def test_settings_dialog_saves_and_keeps_bad_input(qtbot, tmp_path, monkeypatch):
    from wizard.pages.settings_dialog import ProfileDialog

    svg = tmp_path / "logo.svg"
    svg.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20">'
        '<rect width="40" height="20" fill="#36c"/></svg>',
        "utf-8",
    )
    monkeypatch.setattr(dialogs, "open_path", lambda *a: str(svg))
    dlg = ProfileDialog(ProfileStore(tmp_path / "cfg"))
    qtbot.addWidget(dlg)
    dlg.edits["name"].setText("Ann Lee")
    dlg.edits["email"].setText("ann@")
    assert dlg.choose_logo() and dlg.profile.logo == "logo.png"  # the SVG is drawn as a PNG
    assert not dlg.save()
    assert "not valid" in dlg.error.text() and dlg.edits["name"].text() == "Ann Lee"
    dlg.edits["email"].setText("ann@lee.example")
    assert dlg.save()
    again = ProfileStore(tmp_path / "cfg").load()
    assert (again.name, again.email, again.logo) == ("Ann Lee", "ann@lee.example", "logo.png")
    assert (tmp_path / "cfg" / "logo.png").read_bytes().startswith(b"\x89PNG")
