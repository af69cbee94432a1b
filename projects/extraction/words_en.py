"""The English words extraction reads: month names, people, units and the phrases around places. Written
folded (lower case, no accents), as they are compared with folded text, unless said otherwise."""

import re

MONTHS = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}

# People counted apart, by the field they fill.
PEOPLE = {
    "women": "reached_women",
    "woman": "reached_women",
    "girls": "reached_girls",
    "boys": "reached_boys",
    "men": "reached_men",
    "young men": "reached_men",
    "young women": "reached_women",
}
# People counted together (the total).
PEOPLE_TOTAL = (
    "people",
    "persons",
    "person",
    "beneficiaries",
    "beneficiary",
    "individuals",
    "students",
    "pupils",
    "children",
    "young people",
    "youth",
    "farmers",
    "participants",
    "trainees",
    "residents",
)
# Before a count: the people are a target, not people reached.
TARGET = ("target",)
# Anywhere in a paragraph: the period is planned, not past.
PLANNED = ("will", "planned")
# Anywhere in a paragraph (compared with the text as written, ignoring case): it is about a project.
PROJECT = ("project", "activity", "implemented")

UNITS = (
    "cubic meters",
    "cubic metres",
    "square meters",
    "square metres",
    "kilometers",
    "kilometres",
    "km",
    "meters",
    "metres",
    "kilograms",
    "kg",
    "tons",
    "tonnes",
    "dunams",
    "donums",
    "hectares",
    "liters",
    "litres",
    "inches",
    "inch",
)
# Words that end a unit ("2 culverts on main roads" -> "culverts") or show the number is not an output.
STOP_NOUNS = (
    "and",
    "or",
    "to",
    "from",
    "of",
    "in",
    "on",
    "at",
    "across",
    "with",
    "by",
    "for",
    "were",
    "was",
    "are",
    "is",
    "the",
    "a",
    "which",
    "that",
    "years",
    "year",
    "days",
    "months",
    "weeks",
    "phases",
    "groups",
    "times",
)

# "The number of students benefiting from this project was 42,045": the words before the count.
NUMBER_OF = re.compile(r"number of (\w+(?: \w+)?)\b[^.]{0,60}?\b(?:was|were|is|reached|totall?ed)\s+$")

# Place names as written (capitalised, not folded): the article or word a name may start with, and the
# phrases that introduce places ("in the villages of Darnaj and Al-Zer").
PLACE_NAME_PREFIXES = ("Al", "Ath", "Ar", "As", "Ad", "Ash", "Abu", "Deir", "Tell", "Ain", "Ras")
PLACE_INTRODUCTIONS = r"(?:\bin|\bof|\bareas? of|villages? of|towns? of|cit(?:y|ies) of)\s+(?:the\s+)?"
# Capitalised words after those phrases that are not places.
NOT_PLACES = ("syria", "the", "project", "coalition", "deir", "north", "east")

# The coalition's sectors, by the words (or beginnings of words) that suggest them.
SECTORS = {
    "education-protection": ("school", "student", "teacher", "education", "psycholog", "child protection"),
    "agriculture": ("farmer", "agricultur", "crop", "vegetable", "irrigation"),
    "infrastructure": ("rubble", "debris", "demolish", "rehabilitat", "culvert", "road"),
    "water": ("water", "drinking", "pipe", "drain", "sewage"),
    "livelihoods": ("vocational", "job market", "livelihood", "sewing", "income"),
    "community-security": ("security", "stability", "dialogue", "peace"),
    "women": ("women",),
    "youth": ("young people", "youth"),
}
