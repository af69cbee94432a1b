"""The Arabic words extraction reads: month names, people, units and the words around places. Written
folded (alef without hamza, taa marbuta as haa, no harakat), as they are compared with folded text."""

import re

MONTHS = {
    # Syrian (Levantine) names first: they are the ones written here.
    "كانون الثاني": 1,
    "شباط": 2,
    "اذار": 3,
    "نيسان": 4,
    "ايار": 5,
    "حزيران": 6,
    "تموز": 7,
    "اب": 8,
    "ايلول": 9,
    "تشرين الاول": 10,
    "تشرين الثاني": 11,
    "كانون الاول": 12,
    # Standard (Egyptian-style) names
    "يناير": 1,
    "فبراير": 2,
    "مارس": 3,
    "ابريل": 4,
    "مايو": 5,
    "يونيو": 6,
    "يونيه": 6,
    "يوليو": 7,
    "يوليه": 7,
    "اغسطس": 8,
    "سبتمبر": 9,
    "اكتوبر": 10,
    "نوفمبر": 11,
    "ديسمبر": 12,
}

# People counted apart, by the field they fill.
PEOPLE = {
    "نساء": "reached_women",
    "امراه": "reached_women",
    "سيدات": "reached_women",
    "رجال": "reached_men",
    "فتيات": "reached_girls",
    "فتيان": "reached_boys",
}
# People counted together (the total), in the singular, accusative and plural forms written after numbers.
PEOPLE_TOTAL = (
    "مستفيد",
    "مستفيدا",
    "مستفيدين",
    "مستفيده",
    "مستفيدات",
    "شخص",
    "شخصا",
    "اشخاص",
    "طفل",
    "طفلا",
    "اطفال",
    "طالب",
    "طالبا",
    "طلاب",
    "شاب",
    "شابا",
    "شباب",
    "مزارع",
    "مزارعا",
    "مزارعين",
    "مزارعي",
    "متدرب",
    "متدربا",
    "متدربين",
)
# Before a count: the people are a target, not people reached.
TARGET = ("استهدف", "يستهدف", "مستهدف")
# Anywhere in a paragraph: the period is planned, not past.
PLANNED = ("سيتم", "مخطط")
# Anywhere in a paragraph (compared with the text as written): it is about a project.
PROJECT = ("مشروع", "المشروع", "نشاط", "تنفيذ")

UNITS = (
    "متر مكعب",
    "مترا مكعبا",
    "كيلومتر",
    "كم",
    "متر",
    "مترا",
    "امتار",
    "كيلوغرام",
    "كغ",
    "طن",
    "دونم",
    "دونما",
    "لتر",
    "انش",
)
# Words that end a unit or show the number is not an output (a year, a duration).
STOP_NOUNS = ("و", "في", "من", "الى", "على", "عام", "سنه", "سنوات", "ايام", "اشهر", "هي")

# "عدد الطلاب المستفيدين ... بلغ 42045": the words before the count.
NUMBER_OF = re.compile(r"عدد (?:ال)?(\w+)[^.]{0,60}?(?:بلغ|وصل الى|هو)\s*$")

# Conjunctions and prepositions written onto Arabic words: و ف then ب ل ال بال لل (وبالرقة، ولهجين).
PLACE_PREFIX = "[وف]?(?:بال|لل|ال|ب|ل)?"
# The words that introduce places (village, villages, town, city, area, sub-district), folded:
# قرية -> قريه, قرى -> قري; the Arabic comma folds to ",".
PLACE_INTRODUCTIONS = r"(?:قريه|قري,?\s*هي|بلده|مدينه|منطقه|ناحيه)\s+"

# The coalition's sectors, by the words (or beginnings of words) that suggest them.
SECTORS = {
    "education-protection": ("مدرس", "طلاب", "تعليم", "نفسي"),
    "agriculture": ("مزارع", "زراع"),
    "infrastructure": ("انقاض", "ترحيل", "تاهيل"),
    "water": ("مياه", "مياة", "شبكه"),
    "livelihoods": ("مهني", "سبل العيش"),
    "community-security": ("امن", "استقرار", "حوار"),
    "women": ("نساء", "المراه"),
    "youth": ("شباب",),
}
