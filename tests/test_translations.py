"""Translation coverage: Arabic and Kurmanji are complete; Syriac covers navigation, the public pages
and the forms. Compiled catalogues match their sources. `make test` prints each language's coverage."""

from pathlib import Path

import polib
import pytest
from django import forms
from django.conf import settings
from django.utils import translation

LOCALE = Path(settings.BASE_DIR) / "locale"
PUBLIC = (
    "core/templates/base.html",
    "core/templates/404.html",
    "core/templates/_form.html",
    "coalition/templates/",
    "members/templates/members/directory.html",
    "members/templates/members/_list.html",
    "members/templates/members/_results.html",
    "members/templates/members/profile.html",
    "members/templates/members/apply.html",
    "members/templates/members/apply_done.html",
    "members/forms.py",
    "core/validators.py",
    "accounts/templates/account/login.html",
    "civnet/settings.py",
    "projects/templates/projects/registry.html",
    "projects/templates/projects/detail.html",
    "projects/templates/projects/_people.html",
    "projects/templates/projects/fourw.html",
    "campaigns/templates/campaigns/list.html",
    "campaigns/templates/campaigns/statement.html",
    "campaigns/templates/campaigns/sign.html",
    "newsletters/templates/newsletters/activities.html",
    "newsletters/templates/newsletters/archive.html",
    "newsletters/templates/newsletters/issue.html",
    "newsletters/templates/newsletters/_comments.html",
)


def catalogue(lang):
    return polib.pofile(str(LOCALE / lang / "LC_MESSAGES" / "django.po"))


def coverage() -> dict[str, float]:
    return {lang: catalogue(lang).percent_translated() for lang in ("ar", "ku", "syr")}


@pytest.mark.parametrize("lang", ["ar", "ku"])
def test_complete(lang):
    po = catalogue(lang)
    assert [e.msgid for e in po.untranslated_entries()] == []
    assert [e.msgid for e in po.fuzzy_entries()] == []


def test_syriac_covers_the_public_pages_and_forms():
    missing = [
        e.msgid
        for e in catalogue("syr").untranslated_entries()
        if any(path.startswith(PUBLIC) for path, _line in e.occurrences)
    ]
    assert missing == []


@pytest.mark.parametrize("lang", ["ar", "ku", "syr"])
def test_compiled_catalogue_matches_its_source(lang):
    po = catalogue(lang)
    mo = polib.mofile(str(LOCALE / lang / "LC_MESSAGES" / "django.mo"))
    compiled = {(e.msgctxt, e.msgid): (e.msgstr or e.msgstr_plural) for e in mo}
    for entry in po.translated_entries():
        assert (entry.msgctxt, entry.msgid) in compiled, entry.msgid


@pytest.mark.parametrize("lang", ["ar", "ku", "syr"])
def test_placeholders_survive_translation(lang):
    import re

    for entry in catalogue(lang).translated_entries():
        wanted = set(re.findall(r"%\(\w+\)[sd]", entry.msgid))
        translations = [entry.msgstr] if entry.msgstr else list(entry.msgstr_plural.values())
        for text in translations:
            assert set(re.findall(r"%\(\w+\)[sd]", text)) <= wanted, (entry.msgid, text)


@pytest.mark.parametrize(("lang", "label"), [("ar", "ما أولوياتكم؟"), ("syr", "ܡܢܐ ܣܘܢܩܢܟܘܢ؟"), ("en", "Why?")])
def test_a_label_ending_with_a_question_mark_gets_no_colon(lang, label):
    """Django adds ":" after a label unless it ends with punctuation it knows; Arabic's "؟" must count as one."""

    class Form(forms.Form):
        answer = forms.CharField(label=label)
        name = forms.CharField(label="Name" if lang == "en" else "الاسم")

    with translation.override(lang):
        form = Form()
        assert form["answer"].label_tag().endswith(f"{label}</label>")
        assert form["name"].label_tag().endswith(":</label>")
