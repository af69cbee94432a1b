"""Translation coverage: Arabic and Kurmanji are complete; Syriac covers navigation, the public pages
and the forms. Compiled catalogues match their sources. `make test` prints each language's coverage."""

import ast
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


def _eager_translations(path: Path) -> list[str]:
    """Calls of a non-lazy gettext (`gettext`, `ngettext`, `pgettext`, under any alias) that run when the module
    is imported: in the module's or a class's body, outside any function. They freeze the import's language."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    eager = set()
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module == "django.utils.translation":
            eager |= {a.asname or a.name for a in node.names if a.name in ("gettext", "ngettext", "pgettext")}
    found = []

    def visit(node):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            return
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in eager:
            found.append(f"{path}:{node.lineno}")
        for child in ast.iter_child_nodes(node):
            visit(child)

    if eager:
        visit(tree)
    return found


def test_no_text_is_translated_once_at_import():
    """A sentence translated when its module is imported shows in that language to every reader (an online
    ballot's refusal read in Arabic on an English page): module-level texts must use gettext_lazy."""
    root = Path(settings.BASE_DIR)
    found = [
        hit
        for path in sorted(root.glob("*/*.py")) + sorted(root.glob("*/*/*.py"))
        if ".venv" not in path.parts and "migrations" not in path.parts and path.parts[-2] != "tests"
        for hit in _eager_translations(path)
    ]
    assert found == []
