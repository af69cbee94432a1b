"""The Kurmanji words extraction reads: month names, people and the words of projects and sectors."""

MONTHS = {
    "rebendan": 1,
    "resemi": 2,
    "adar": 3,
    "nisan": 4,
    "gulan": 5,
    "heziran": 6,
    "tirmeh": 7,
    "tebax": 8,
    "ilon": 9,
    "cotmeh": 10,
    "mijdar": 11,
    "berfanbar": 12,
}

# People counted apart, by the field they fill.
PEOPLE = {"jin": "reached_women", "mer": "reached_men"}
# People counted together (the total).
PEOPLE_TOTAL = ("kes", "zarok", "xwendekar", "sûdmend", "sudmend")
# Before a count: the people are a target, not people reached.
TARGET = ("armanc",)
# Anywhere in a paragraph: the period is planned, not past. (Compared with folded text, "dê" as written
# here never matches: kept as it was, since "de" alone would match too much.)
PLANNED = ("dê",)
# Anywhere in a paragraph (compared with the text as written, ignoring case): it is about a project.
PROJECT = ("proje", "çalakî")

# The coalition's sectors, by the words (or beginnings of words) that suggest them.
SECTORS = {
    "education-protection": ("dibistan",),
    "agriculture": ("cotin", "çandin"),
    "water": ("av",),
    "livelihoods": ("debar",),
    "community-security": ("ewlehi",),
    "women": ("jin",),
    "youth": ("ciwan",),
}
