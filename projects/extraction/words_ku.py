"""The Kurmanji words extraction reads (Latin script, as written in Syria and Turkey). Written as in a text;
`words` folds them (lower case, no accents: ê → e, ş → s) before they are compared with folded text.
Kurmanji adds case endings to names and nouns (Tîrmeh, Tîrmehê; Amûdê; zarokên), which the readers allow."""

MONTHS = {
    "çile": 1,
    "kanûna paşîn": 1,
    "kanûna paşin": 1,
    "rêbendan": 1,
    "sibat": 2,
    "reşemî": 2,
    "adar": 3,
    "nîsan": 4,
    "avrêl": 4,
    "gulan": 5,
    "hezîran": 6,
    "pûşper": 6,
    "tîrmeh": 7,
    "tîrme": 7,
    "tebax": 8,
    "gelawêj": 8,
    "îlon": 9,
    "rezber": 9,
    "cotmeh": 10,
    "çiriya pêşîn": 10,
    "kewçêr": 10,
    "mijdar": 11,
    "çiriya paşîn": 11,
    "sermawez": 11,
    "kanûn": 12,
    "kanûna pêşîn": 12,
    "berfanbar": 12,
}
# The endings a month name takes ("5ê Tîrmehê", "Tebaxa 2022an", "Çileya 2024an").
MONTH_ENDINGS = ("ê", "a", "ya", "yê", "an", "ê de")
# The endings a day or a year takes ("25ê", "2022an", "2022ê").
NUMBER_ENDINGS = ("ê", "an", "yê", "a", "an de", "ê de")
MONTHS_ALSO_WORDS = ()
WEEKDAYS = ("duşem", "sêşem", "çarşem", "pêncşem", "în", "şemî", "yekşem", "roja")

RANGE_CONNECTORS = ("heta", "hetanî", "heya", "ta", "û", "-", "–", "—", "heta dawiya", "heta bi")
START_WORDS = ("ji", "di navbera", "destpêk", "destpêka", "dest pê kir", "dest pê kiriye", "dest bi", "ji dema", "ji roja")
END_WORDS = ("heta", "hetanî", "heya", "qediya", "bi dawî bû", "dawî", "dawiya", "temam bû")
NOT_PERIOD_WORDS = (
    "damezrandin",
    "hat damezrandin",
    "damezrand",
    "serlêdan",
    "serî li",
    "civîn",
    "civîna",
    "civînê",
    "êriş",
    "êrişa",
    "êrişên",
    "bombebaran",
    "lehî",
    "erdhej",
    "saet",
    "weşand",
)
NOT_PERIOD_JUST_BEFORE = ("divê heta", "berî", "herî dereng", "rapora roja")
ANNOUNCEMENT = ("bang ji bo", "vedixwîne", "vexwendin", "daxuyanî", "dîtina me", "serlêdan", "serî li", "agahdarî", "hêvî dikin")
PLANNED = ("dê were", "dê bê", "wê bê", "tê plankirin", "plan kirin")

PEOPLE = {
    "kes": None,
    "kesan": None,
    "kesên": None,
    "kesî": None,
    "mirov": None,
    "mirovan": None,
    "ferd": None,
    "ferdan": None,
    "sûdmend": None,
    "sûdmendan": None,
    "sûdmendên": None,
    "sudmend": None,
    "zarok": None,
    "zarokan": None,
    "zarokên": None,
    "xwendekar": None,
    "xwendekaran": None,
    "xwendekarên": None,
    "şagirt": None,
    "şagirtan": None,
    "jin": "reached_women",
    "jinan": "reached_women",
    "jinên": "reached_women",
    "dayik": "reached_women",
    "mêr": "reached_men",
    "mêran": "reached_men",
    "mêrên": "reached_men",
    "xort": "reached_men",
    "keç": "reached_girls",
    "keçan": "reached_girls",
    "keçên": "reached_girls",
    "kur": "reached_boys",
    "kuran": "reached_boys",
    "kurên": "reached_boys",
    "ciwan": None,
    "ciwanan": None,
    "ciwanên": None,
    "cotkar": None,
    "cotkaran": None,
    "cotkarên": None,
    "nexweş": None,
    "nexweşan": None,
    "nexweşên": None,
    "beşdar": None,
    "beşdaran": None,
    "beşdarvan": None,
    "beşdarvanan": None,
    "kursgir": None,
    "welatî": None,
    "welatiyan": None,
    "niştecih": "reached_residents",
    "niştecihan": "reached_residents",
    "koçber": "reached_displaced",
    "koçberan": "reached_displaced",
    "koçberên": "reached_displaced",
    "penaber": "reached_displaced",
    "penaberan": "reached_displaced",
    "mamoste": None,
    "mamosteyan": None,
    "mamosteyên": None,
    "karker": None,
    "karkeran": None,
    "pîr": None,
    "sêwî": None,
}
FAMILIES = ("malbat", "malbatan", "malbatên", "malbatê", "malbata")
APPROXIMATE = (
    "nêzîkî",
    "nêzî",
    "zêdetir ji",
    "bêtir ji",
    "zêdeyî",
    "derdora",
    "li dora",
    "qasî",
    "bi qasî",
    "hema hema",
    "herî kêm",
    "kêmtir ji",
    "texmînî",
)
APPROXIMATE_AFTER = ("zêdetir", "bêtir")
TOTAL = ("bi giştî", "giştî", "tevahî", "bi tevahî", "bi tevayî", "tevayî", "hemû bi hev re", "bi hev re")
SUBSET = ("ji wan", "di nav wan de", "ku ji wan", "di nav de")
CONTEXT_POPULATION = ("lê dijîn", "tê de dijîn", "nifûsa", "nifûsa wê")
TARGET = ("armanc", "armanca", "hedef", "dike armanc")
PEOPLE_LABELS = ("sûdmend", "sûdmendan", "hejmara sûdmendan", "hejmara giştî", "sûd wergirtin", "beşdar", "beşdaran")
NUMBER_OF = r"hejmara (\w+)[^.:\n]{0,60}?(?:bû|e|gihîşt|gihişt)\s*$"

MEASURES = ("km", "kîlometre", "kilometre", "metre", "m", "ton", "tonan", "kg", "kîlo", "kîlogram", "lître", "lître", "lître av")
AREAS = ("donim", "dunam", "donem", "hektar")
MONEY = ("dolar", "dolarî", "ewro", "lîre", "lîreyên")
TIMES = ("sal", "salan", "salên", "salî", "meh", "mehan", "mehên", "hefte", "hefteyan", "roj", "rojan", "saet", "saetan", "car", "caran", "qonax", "qonaxan")
LOCATIONS = (
    "gund",
    "gundan",
    "gundên",
    "bajar",
    "bajaran",
    "bajarên",
    "tax",
    "taxan",
    "taxên",
    "kamp",
    "kampan",
    "kampên",
    "navçe",
    "navçeyan",
    "navçeyên",
    "herêm",
    "herêman",
    "herêmên",
    "cih",
    "cihan",
    "cihên",
    "komîn",
    "komînan",
    "hevkar",
    "hevkaran",
    "sazî",
    "saziyan",
    "saziyên",
)
NOT_QUANTITY_BEFORE = ("qonaxa", "qonax", "pola", "temenê", "hejmar", "jimar", "jimare")
NOT_QUANTITY_AFTER = ("salî", "saliyê", "%", "ji sedî", "km dûrî", "kîlometre dûrî")
PER_EACH = ("her", "ji bo her", "ji her", "serê")

UNIT_STOPS = (
    "li",
    "ji",
    "bo",
    "bi",
    "di",
    "de",
    "ku",
    "ya",
    "yên",
    "yê",
    "û",
    "hatin",
    "hat",
    "bûn",
    "bû",
    "kirin",
    "kir",
    "dan",
    "da",
    "re",
    "ra",
    "ve",
    "jî",
    "ew",
    "wan",
    "me",
    "ji bo",
    "ta",
    "heta",
    "ser",
    "nav",
    "tê",
    "tên",
    "dibin",
    "bin",
)
DELIVERED = (
    "belavkirin",
    "belav kirin",
    "belav kir",
    "çêkirin",
    "avakirin",
    "nûkirin",
    "danîn",
    "lidarxistin",
    "li dar xist",
    "pêkanîn",
    "hatin kirin",
    "sûd wergirtin",
    "beşdar bûn",
    "beşdarî",
    "radestî",
    "dabeş kirin",
    "muayene",
    "derman kirin",
    "guhertin",
    "vekirin",
    "perwerde kirin",
    "amade kirin",
)
PROJECT = ("proje", "projeya", "projeyê", "projeyên", "çalakî", "çalakiyên", "kampanya", "kampanyaya", "bername", "bernameya")
PROJECT_NOUNS = ("proje", "projeya", "kampanya", "kampanyaya", "bernameya", "çalakiya", "destpêşxeriya")

PLACE_BEFORE = ("li", "ya li", "yê li", "yên li", "li nav")
PLACE_KINDS = (
    "bajar",
    "bajarê",
    "bajarên",
    "bajarokê",
    "gund",
    "gundê",
    "gundên",
    "navçe",
    "navçeya",
    "navçeyên",
    "navçeyê",
    "tax",
    "taxa",
    "taxên",
    "herêm",
    "herêma",
    "herêmên",
    "kamp",
    "kampa",
    "kempa",
    "kempê",
    "kampê",
    "gundewar",
    "gundewarê",
    "parêzgeh",
    "parêzgeha",
    "kanton",
    "kantona",
    "girêdayî",
    "derdora",
    "derdorê",
)
PLACE_CONTAINERS = ("bajarê", "navçeya", "parêzgeha", "herêma", "gundewarê", "kantona")
PLACE_DIRECTIONS = ("rojhilat", "rojava", "bakur", "başûr")
ORIGIN = ("vegeriyan", "vegeriyane", "vegerî", "vegeriyayî", "koçber bûn", "koç kirin", "reviyan", "hatin", "hatine")
PLACE_LABELS = ("cih", "cihê projeyê", "cihên projeyê", "der", "herêm", "herêma projeyê", "gund", "gundên", "bajar", "cîh")
PLACE_STOPS = ("de", "re", "ve", "û", "ji", "bi", "di", "ku", "ya", "yên", "yê", "ji bo", "heta")
NOT_PLACE_BEFORE = ("çemê", "çema", "rûbarê", "stasyona", "westgeha", "dibistana", "nexweşxaneya")
NOT_PLACES = (
    "sûriye",
    "sûriyê",
    "iraq",
    "tirkiye",
    "rojava",
    "rojavayê",
    "kurdistan",
    "kurdistanê",
    "bakur",
    "başûr",
    "rojhilat",
    "firat",
    "firatê",
    "îngilîzî",
    "erebî",
    "kurdî",
    "proje",
    "bakur û rojhilatê sûriyê",
)

TITLE_PREFIXES = ("nûçe", "rapor")

SECTORS = {
    "education-protection": ("dibistan", "xwendekar", "perwerde", "zarok"),
    "agriculture": ("cotin", "çandin", "cotkar", "tov"),
    "water": ("ava ", "avê", "tankên avê"),
    "livelihoods": ("debar", "pîşe", "dirûtin"),
    "community-security": ("ewlehî", "aştî"),
    "women": ("jin",),
    "youth": ("ciwan",),
}
