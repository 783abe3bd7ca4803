"""Build ``models/data/states.json``: the registry of entities that report on COP resolution 12/4.

Run ``python scripts/build_states.py`` from the repository root. No network is needed: common
names come from Babel's bundled CLDR data and are replaced by UN short names (UNTERM style)
wherever the two differ. Codes, regional groups and UNTOC party status are kept in the tables
below, so a correction is a one-line edit followed by a rebuild.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from babel import Locale
from states_sources import ANCHORS, AS_OF, CONFIRMED, OPEN_QUESTIONS, SOURCES

LANGUAGES = ("ar", "zh", "en", "es", "fr", "ru")
ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "models" / "data" / "states.json"
STATUS_OUTPUT = OUTPUT.with_name("states_status.json")

GROUPS = {
    "AF": "african",
    "AP": "asia_pacific",
    "EE": "eastern_european",
    "LA": "latin_american_caribbean",
    "WE": "western_european_other",
    "-": None,
}

# Member States: ISO alpha-2, ISO alpha-3, M49, regional group, UNTOC status.
# The last column is the date of ratification, accession, acceptance, approval or succession
# for a party, "party" for a party whose date is not known, or "signatory" / "non_party".
MEMBERS = """
AF AFG 004 AP 2003-09-24
AL ALB 008 EE 2002-08-21
DZ DZA 012 AF 2002-10-07
AD AND 020 WE 2011-09-22
AO AGO 024 AF 2013-04-01
AG ATG 028 LA 2002-07-24
AR ARG 032 LA 2002-11-19
AM ARM 051 EE 2003-07-01
AU AUS 036 WE 2004-05-27
AT AUT 040 WE 2004-09-23
AZ AZE 031 EE 2003-10-30
BS BHS 044 LA 2008-09-26
BH BHR 048 AP 2004-06-07
BD BGD 050 AP 2011-07-13
BB BRB 052 LA 2014-11-11
BY BLR 112 EE 2003-06-25
BE BEL 056 WE 2004-08-11
BZ BLZ 084 LA 2003-09-26
BJ BEN 204 AF 2004-08-30
BT BTN 064 AP 2023-02-20
BO BOL 068 LA 2005-10-10
BA BIH 070 EE 2002-04-24
BW BWA 072 AF 2002-08-29
BR BRA 076 LA 2004-01-29
BN BRN 096 AP 2008-03-25
BG BGR 100 EE 2001-12-05
BF BFA 854 AF 2002-05-15
BI BDI 108 AF 2012-05-24
CV CPV 132 AF 2004-07-15
KH KHM 116 AP 2005-12-12
CM CMR 120 AF 2006-02-06
CA CAN 124 WE 2002-05-13
CF CAF 140 AF 2004-09-14
TD TCD 148 AF 2009-08-18
CL CHL 152 LA 2004-11-29
CN CHN 156 AP 2003-09-23
CO COL 170 LA 2004-08-04
KM COM 174 AF 2003-09-25
CG COG 178 AF signatory
CR CRI 188 LA 2003-07-24
CI CIV 384 AF 2012-10-25
HR HRV 191 EE 2003-01-24
CU CUB 192 LA 2007-02-09
CY CYP 196 AP 2003-04-22
CZ CZE 203 EE 2013-09-24
KP PRK 408 AP 2016-06-17
CD COD 180 AF 2005-10-28
DK DNK 208 WE 2003-09-30
DJ DJI 262 AF 2005-04-20
DM DMA 212 LA 2013-05-17
DO DOM 214 LA 2006-10-26
EC ECU 218 LA 2002-09-17
EG EGY 818 AF 2004-03-05
SV SLV 222 LA 2004-03-18
GQ GNQ 226 AF 2003-02-07
ER ERI 232 AF 2014-09-25
EE EST 233 EE 2003-02-10
SZ SWZ 748 AF 2012-09-24
ET ETH 231 AF 2007-07-23
FJ FJI 242 AP 2017-09-19
FI FIN 246 WE 2004-02-10
FR FRA 250 WE 2002-10-29
GA GAB 266 AF 2004-12-15
GM GMB 270 AF 2003-05-05
GE GEO 268 EE 2006-09-05
DE DEU 276 WE 2006-06-14
GH GHA 288 AF 2012-08-21
GR GRC 300 WE 2011-01-11
GD GRD 308 LA 2004-05-21
GT GTM 320 LA 2003-09-25
GN GIN 324 AF 2004-11-09
GW GNB 624 AF 2007-09-10
GY GUY 328 LA 2004-09-14
HT HTI 332 LA 2011-04-19
HN HND 340 LA 2003-12-02
HU HUN 348 EE 2006-12-22
IS ISL 352 WE 2010-05-13
IN IND 356 AP 2011-05-05
ID IDN 360 AP 2009-04-20
IR IRN 364 AP signatory
IQ IRQ 368 AP 2008-03-17
IE IRL 372 WE 2010-06-17
IL ISR 376 WE 2006-12-27
IT ITA 380 WE 2006-08-02
JM JAM 388 LA 2003-09-29
JP JPN 392 AP 2017-07-11
JO JOR 400 AP 2009-05-22
KZ KAZ 398 AP 2008-07-31
KE KEN 404 AF 2004-06-16
KI KIR 296 AP 2005-09-15
KW KWT 414 AP 2006-05-12
KG KGZ 417 AP 2003-10-02
LA LAO 418 AP 2003-09-26
LV LVA 428 EE 2001-12-07
LB LBN 422 AP 2005-10-05
LS LSO 426 AF 2003-09-24
LR LBR 430 AF 2004-09-22
LY LBY 434 AF 2004-06-18
LI LIE 438 WE 2008-02-20
LT LTU 440 EE 2002-05-09
LU LUX 442 WE 2008-05-12
MG MDG 450 AF 2005-09-15
MW MWI 454 AF 2005-03-17
MY MYS 458 AP 2004-09-24
MV MDV 462 AP 2013-02-04
ML MLI 466 AF 2002-04-12
MT MLT 470 WE 2003-09-24
MH MHL 584 AP 2011-06-15
MR MRT 478 AF 2005-07-22
MU MUS 480 AF 2003-04-18
MX MEX 484 LA 2003-03-04
FM FSM 583 AP 2004-05-24
MC MCO 492 WE 2001-06-05
MN MNG 496 AP 2008-06-27
ME MNE 499 EE 2006-10-23
MA MAR 504 AF 2002-09-19
MZ MOZ 508 AF 2006-09-20
MM MMR 104 AP 2004-03-30
NA NAM 516 AF 2002-08-16
NR NRU 520 AP 2012-07-12
NP NPL 524 AP 2011-12-23
NL NLD 528 WE 2004-05-26
NZ NZL 554 WE 2002-07-19
NI NIC 558 LA 2002-09-09
NE NER 562 AF 2004-09-30
NG NGA 566 AF 2001-06-28
MK MKD 807 EE 2005-01-12
NO NOR 578 WE 2003-09-23
OM OMN 512 AP 2005-05-13
PK PAK 586 AP 2010-01-13
PW PLW 585 AP 2019-05-13
PA PAN 591 LA 2004-08-18
PG PNG 598 AP non_party
PY PRY 600 LA 2004-09-22
PE PER 604 LA 2002-01-23
PH PHL 608 AP 2002-05-28
PL POL 616 EE 2001-11-12
PT PRT 620 WE 2004-05-10
QA QAT 634 AP 2008-03-10
KR KOR 410 AP 2015-11-05
MD MDA 498 EE 2005-09-16
RO ROU 642 EE 2002-12-04
RU RUS 643 EE 2004-05-26
RW RWA 646 AF 2003-09-26
KN KNA 659 LA 2004-05-21
LC LCA 662 LA 2011-07-16
VC VCT 670 LA 2010-10-29
WS WSM 882 AP 2014-12-17
SM SMR 674 WE 2010-07-20
ST STP 678 AF 2006-04-12
SA SAU 682 AP 2005-01-18
SN SEN 686 AF 2003-10-27
RS SRB 688 EE 2001-09-06
SC SYC 690 AF 2003-04-22
SL SLE 694 AF 2014-08-12
SG SGP 702 AP 2007-08-28
SK SVK 703 EE 2003-12-03
SI SVN 705 EE 2004-05-21
SB SLB 090 AP non_party
SO SOM 706 AF party
ZA ZAF 710 AF 2004-02-20
SS SSD 728 AF 2023-10-20
ES ESP 724 WE 2002-03-01
LK LKA 144 AP 2006-09-22
SD SDN 729 AF 2004-12-10
SR SUR 740 LA 2007-05-25
SE SWE 752 WE 2004-04-30
CH CHE 756 WE 2006-10-27
SY SYR 760 AP 2009-04-13
TJ TJK 762 AP 2002-07-08
TH THA 764 AP 2013-10-17
TL TLS 626 AP 2009-11-09
TG TGO 768 AF 2004-07-02
TO TON 776 AP 2014-10-03
TT TTO 780 LA 2007-11-06
TN TUN 788 AF 2003-07-19
TR TUR 792 WE 2003-03-25
TM TKM 795 AP 2005-03-28
TV TUV 798 AP non_party
UG UGA 800 AF 2005-03-09
UA UKR 804 EE 2004-05-21
AE ARE 784 AP 2007-05-07
GB GBR 826 WE 2006-02-09
TZ TZA 834 AF 2006-05-24
US USA 840 - 2005-11-03
UY URY 858 LA 2005-03-04
UZ UZB 860 AP 2003-12-09
VU VUT 548 AP 2006-01-04
VE VEN 862 LA 2002-05-13
VN VNM 704 AP 2012-06-08
YE YEM 887 AP 2010-02-08
ZM ZMB 894 AF 2005-04-24
ZW ZWE 716 AF 2007-12-12
"""

OTHER_GROUPS: dict[str, list[str]] = {"TUR": ["asia_pacific"]}

NOTES = {
    "TUR": (
        "Counted in the Western European and other States Group for elections; also takes part "
        "in the Asia-Pacific Group. Arabic, Chinese and Russian names unchanged by the 2022 "
        "change of the Latin-script forms."
    ),
    "USA": (
        "Belongs to no regional group; attends meetings of the Western European and other States "
        "Group as an observer and is treated as a member of it for electoral purposes."
    ),
    "KIR": "Member of the Asia-Pacific Group (54 members with Kiribati).",
    "ISR": "Member of the Western European and other States Group.",
    "CYP": "Member of the Asia-Pacific Group.",
    "IRN": (
        "Signed on 12 December 2000. National approval of accession was reported in May 2025; "
        "deposit of an instrument not known here."
    ),
    "COG": "Signed on 14 December 2000; not among the parties in the Verdragenbank table.",
    "SOM": (
        "Instrument of accession signed on 23 November 2024; date of deposit not known here."
    ),
    "SSD": "Acceded on 20 October 2023; in force for South Sudan since 19 November 2023.",
    "PSE": (
        "Non-member observer State; takes part in the Asia-Pacific Group. Date of accession "
        "inferred (2 January 2015), not read from the depositary notification."
    ),
    "VAT": "Non-member observer State.",
    "COK": "Not a UN Member State; Convention party; belongs to no UN regional group.",
    "NIU": "Not a UN Member State; Convention party; belongs to no UN regional group.",
    "EUU": "Regional economic integration organization; party by approval. No M49 code.",
}

# UN short names where they differ from the CLDR common name (only the differing languages).
UN_NAMES: dict[str, dict[str, str]] = {
    "ATG": {"en": "Antigua and Barbuda"},
    "ARE": {"ru": "Объединенные Арабские Эмираты"},
    "BHR": {"es": "Bahrein"},
    "BGD": {"es": "Bangladesh"},
    "BHS": {"fr": "Bahamas", "ru": "Багамские Острова"},
    "BLR": {"es": "Belarús", "fr": "Bélarus"},
    "BEN": {"es": "Benin"},
    "BTN": {"es": "Bhután"},
    "BIH": {"en": "Bosnia and Herzegovina"},
    "BOL": {
        "ar": "بوليفيا (دولة - المتعددة القوميات)",
        "zh": "多民族玻利维亚国",
        "en": "Bolivia (Plurinational State of)",
        "es": "Bolivia (Estado Plurinacional de)",
        "fr": "Bolivie (État plurinational de)",
        "ru": "Боливия (Многонациональное Государство)",
    },
    "BRN": {
        "ar": "بروني دار السلام",
        "zh": "文莱达鲁萨兰国",
        "en": "Brunei Darussalam",
        "es": "Brunei Darussalam",
        "fr": "Brunéi Darussalam",
        "ru": "Бруней-Даруссалам",
    },
    "BWA": {"es": "Botswana"},
    "CAF": {"ru": "Центральноафриканская Республика"},
    "CHL": {"ar": "شيلي"},
    "CIV": {"ar": "كوت ديفوار"},
    "COD": {
        "ar": "جمهورية الكونغو الديمقراطية",
        "zh": "刚果民主共和国",
        "en": "Democratic Republic of the Congo",
        "fr": "République démocratique du Congo",
        "ru": "Демократическая Республика Конго",
    },
    "COG": {"ar": "الكونغو", "zh": "刚果", "en": "Congo", "fr": "Congo", "ru": "Конго"},
    "COM": {"ru": "Коморские Острова"},
    "CPV": {"ar": "كابو فيردي", "en": "Cabo Verde", "fr": "Cabo Verde"},
    "CZE": {"ar": "تشيكيا"},
    "DJI": {"es": "Djibouti"},
    "DOM": {"ar": "الجمهورية الدومينيكية"},
    "ECU": {"ar": "إكوادور"},
    "FJI": {"es": "Fiji"},
    "FSM": {
        "ar": "ميكرونيزيا (ولايات - الموحدة)",
        "zh": "密克罗尼西亚联邦",
        "en": "Micronesia (Federated States of)",
        "es": "Micronesia (Estados Federados de)",
        "fr": "Micronésie (États fédérés de)",
        "ru": "Микронезия (Федеративные Штаты)",
    },
    "GAB": {"ar": "غابون"},
    "GBR": {
        "ar": "المملكة المتحدة لبريطانيا العظمى وأيرلندا الشمالية",
        "zh": "大不列颠及北爱尔兰联合王国",
        "en": "United Kingdom of Great Britain and Northern Ireland",
        "es": "Reino Unido de Gran Bretaña e Irlanda del Norte",
        "fr": "Royaume-Uni de Grande-Bretagne et d'Irlande du Nord",
        "ru": "Соединенное Королевство Великобритании и Северной Ирландии",
    },
    "GMB": {
        "ar": "غامبيا (جمهورية -)",
        "zh": "冈比亚共和国",
        "en": "Gambia (Republic of The)",
        "es": "Gambia (República de)",
        "fr": "Gambie (République de)",
        "ru": "Гамбия (Республика)",
    },
    "GNB": {"ar": "غينيا - بيساو", "es": "Guinea-Bissau"},
    "IRN": {
        "ar": "إيران (جمهورية - الإسلامية)",
        "zh": "伊朗伊斯兰共和国",
        "en": "Iran (Islamic Republic of)",
        "es": "Irán (República Islámica del)",
        "fr": "Iran (République islamique d')",
        "ru": "Иран (Исламская Республика)",
    },
    "IRQ": {"es": "Iraq", "fr": "Iraq"},
    "KAZ": {"es": "Kazajstán"},
    "KEN": {"es": "Kenya"},
    "KGZ": {"fr": "Kirghizistan", "ru": "Кыргызстан"},
    "KNA": {
        "ar": "سانت كيتس ونيفس",
        "en": "Saint Kitts and Nevis",
        "es": "Saint Kitts y Nevis",
        "fr": "Saint-Kitts-et-Nevis",
    },
    "KOR": {
        "ar": "جمهورية كوريا",
        "zh": "大韩民国",
        "en": "Republic of Korea",
        "es": "República de Corea",
        "fr": "République de Corée",
    },
    "LAO": {
        "ar": "جمهورية لاو الديمقراطية الشعبية",
        "zh": "老挝人民民主共和国",
        "en": "Lao People's Democratic Republic",
        "es": "República Democrática Popular Lao",
        "fr": "République démocratique populaire lao",
        "ru": "Лаосская Народно-Демократическая Республика",
    },
    "LCA": {"en": "Saint Lucia"},
    "LKA": {"ar": "سري لانكا"},
    "LSO": {"es": "Lesotho"},
    "LUX": {"ar": "لكسمبرغ"},
    "MDA": {
        "ar": "جمهورية مولدوفا",
        "zh": "摩尔多瓦共和国",
        "en": "Republic of Moldova",
        "es": "República de Moldova",
        "fr": "République de Moldova",
        "ru": "Республика Молдова",
    },
    "MDV": {"ar": "ملديف", "ru": "Мальдивские Острова"},
    "MHL": {"ru": "Маршалловы Острова"},
    "MLI": {"es": "Malí"},
    "MLT": {"ar": "مالطة"},
    "MMR": {"ar": "ميانمار", "en": "Myanmar", "es": "Myanmar", "fr": "Myanmar", "ru": "Мьянма"},
    "MWI": {"es": "Malawi"},
    "NLD": {
        "ar": "هولندا (مملكة -)",
        "zh": "荷兰王国",
        "en": "Netherlands (Kingdom of the)",
        "es": "Países Bajos (Reino de los)",
        "fr": "Pays-Bas (Royaume des)",
        "ru": "Нидерланды (Королевство)",
    },
    "NZL": {"es": "Nueva Zelandia"},
    "PLW": {"es": "Palau"},
    "PNG": {"es": "Papua Nueva Guinea"},
    "PRK": {
        "ar": "جمهورية كوريا الشعبية الديمقراطية",
        "zh": "朝鲜民主主义人民共和国",
        "en": "Democratic People's Republic of Korea",
        "es": "República Popular Democrática de Corea",
        "fr": "République populaire démocratique de Corée",
        "ru": "Корейская Народно-Демократическая Республика",
    },
    "QAT": {"es": "Qatar"},
    "ROU": {"es": "Rumania"},
    "RUS": {
        "ar": "الاتحاد الروسي",
        "zh": "俄罗斯联邦",
        "en": "Russian Federation",
        "es": "Federación de Rusia",
        "fr": "Fédération de Russie",
        "ru": "Российская Федерация",
    },
    "RWA": {"es": "Rwanda"},
    "SAU": {"es": "Arabia Saudita"},
    "SLB": {"ru": "Соломоновы Острова"},
    "SLV": {"fr": "El Salvador"},
    "STP": {"ar": "سان تومي وبرينسيبي", "en": "Sao Tome and Principe"},
    "SUR": {"es": "Suriname"},
    "SWZ": {"es": "Eswatini"},
    "SYC": {"ar": "سيشيل", "ru": "Сейшельские Острова"},
    "SYR": {
        "ar": "الجمهورية العربية السورية",
        "zh": "阿拉伯叙利亚共和国",
        "en": "Syrian Arab Republic",
        "es": "República Árabe Siria",
        "fr": "République arabe syrienne",
        "ru": "Сирийская Арабская Республика",
    },
    "TLS": {"fr": "Timor-Leste", "ru": "Тимор-Лешти"},
    "TTO": {"en": "Trinidad and Tobago", "es": "Trinidad y Tabago"},
    "TUR": {"es": "Türkiye", "fr": "Türkiye"},
    "TZA": {
        "ar": "جمهورية تنزانيا المتحدة",
        "zh": "坦桑尼亚联合共和国",
        "en": "United Republic of Tanzania",
        "es": "República Unida de Tanzanía",
        "fr": "République-Unie de Tanzanie",
        "ru": "Объединенная Республика Танзания",
    },
    "URY": {"ar": "أوروغواي"},
    "USA": {
        "ar": "الولايات المتحدة الأمريكية",
        "zh": "美利坚合众国",
        "en": "United States of America",
        "es": "Estados Unidos de América",
        "fr": "États-Unis d'Amérique",
        "ru": "Соединенные Штаты Америки",
    },
    "VCT": {"en": "Saint Vincent and the Grenadines"},
    "VEN": {
        "ar": "فنزويلا (جمهورية - البوليفارية)",
        "zh": "委内瑞拉玻利瓦尔共和国",
        "en": "Venezuela (Bolivarian Republic of)",
        "es": "Venezuela (República Bolivariana de)",
        "fr": "Venezuela (République bolivarienne du)",
        "ru": "Венесуэла (Боливарианская Республика)",
    },
    "VNM": {"ar": "فييت نام", "en": "Viet Nam", "es": "Viet Nam", "fr": "Viet Nam"},
    "ZAF": {"ru": "Южная Африка"},
    "ZWE": {"es": "Zimbabwe"},
}

# Entities that are not UN Member States: all names are given in full.
NON_MEMBERS: list[dict[str, Any]] = [
    {
        "iso3": "VAT", "m49": "336", "type": "observer", "date": "2012-01-25",
        "names": {
            "ar": "الكرسي الرسولي", "zh": "教廷", "en": "Holy See",
            "es": "Santa Sede", "fr": "Saint-Siège", "ru": "Святой Престол",
        },
    },
    {
        "iso3": "PSE", "m49": "275", "type": "observer", "date": "2015-01-02",
        "names": {
            "ar": "دولة فلسطين", "zh": "巴勒斯坦国", "en": "State of Palestine",
            "es": "Estado de Palestina", "fr": "État de Palestine", "ru": "Государство Палестина",
        },
    },
    {
        "iso3": "COK", "m49": "184", "type": "non_member_party", "date": "2004-03-04",
        "names": {
            "ar": "جزر كوك", "zh": "库克群岛", "en": "Cook Islands",
            "es": "Islas Cook", "fr": "Îles Cook", "ru": "Острова Кука",
        },
    },
    {
        "iso3": "NIU", "m49": "570", "type": "non_member_party", "date": "2012-07-16",
        "names": {
            "ar": "نيوي", "zh": "纽埃", "en": "Niue",
            "es": "Niue", "fr": "Nioué", "ru": "Ниуэ",
        },
    },
    {
        "iso3": "EUU", "m49": None, "type": "regional_organization", "date": "2004-05-21",
        "names": {
            "ar": "الاتحاد الأوروبي", "zh": "欧洲联盟", "en": "European Union",
            "es": "Unión Europea", "fr": "Union européenne", "ru": "Европейский союз",
        },
    },
]


def _clean(language: str, name: str) -> str:
    """Bring a CLDR name to UN typography: straight apostrophe, no Russian yo."""
    name = name.replace("\u2019", "'")
    if language == "ru":
        name = name.replace("ё", "е").replace("Ё", "Е")
    return name


def _member_names(iso2: str, iso3: str, cldr: dict[str, dict[str, str]]) -> dict[str, str]:
    overrides = UN_NAMES.get(iso3, {})
    return {
        lang: overrides.get(lang) or _clean(lang, cldr[lang][iso2]) for lang in LANGUAGES
    }


def _party(status_or_date: str, iso3: str) -> dict[str, Any]:
    """The ``party`` object: status, date, instrument and the sources that confirm the date
    (``checked`` false where none does)."""
    if status_or_date in ("signatory", "non_party"):
        return {"status": status_or_date, "date": None, "instrument": None, "sources": [],
                "checked": False}
    date = None if status_or_date == "party" else status_or_date
    instrument, tags = CONFIRMED.get(iso3, (None, ()))
    return {
        "status": "party",
        "date": date,
        "instrument": instrument,
        "sources": [SOURCES[tag] for tag in tags],
        "checked": bool(tags) and date is not None,
    }


def _entry(
    iso3: str,
    m49: str | None,
    kind: str,
    group: str | None,
    party_column: str,
    names: dict[str, str],
) -> dict[str, Any]:
    party = _party(party_column, iso3)
    entry: dict[str, Any] = {
        "iso3": iso3,
        "m49": m49,
        "type": kind,
        "regional_group": group,
        "other_groups": OTHER_GROUPS.get(iso3, []),
        "party": party,
        "names": names,
    }
    if iso3 in NOTES:
        entry["note"] = NOTES[iso3]
    return entry


def build() -> list[dict[str, Any]]:
    """Return every registry entry, sorted by ISO3 code."""
    cldr = {lang: Locale(lang).territories for lang in LANGUAGES}
    entries = []
    for line in MEMBERS.strip().splitlines():
        iso2, iso3, m49, group, party_column = line.split()
        names = _member_names(iso2, iso3, cldr)
        entries.append(_entry(iso3, m49, "member", GROUPS[group], party_column, names))
    for other in NON_MEMBERS:
        entries.append(
            _entry(other["iso3"], other["m49"], other["type"], None, other["date"], other["names"])
        )
    return sorted(entries, key=lambda e: e["iso3"])


def parties_on(entries: list[dict[str, Any]], day: str) -> int:
    """How many instruments the registry has deposited by ``day`` (ISO date)."""
    return sum(1 for e in entries if e["party"]["date"] and e["party"]["date"] <= day)


def status(entries: list[dict[str, Any]]) -> dict[str, Any]:
    """What the registry counts on its date, the counts it reconciles with, its sources and
    what remains unchecked."""
    parties = [e for e in entries if e["party"]["status"] == "party"]
    members = [e for e in parties if e["type"] == "member"]
    return {
        "as_of": AS_OF,
        "parties": {
            "total": len(parties),
            "member_states": len(members),
            "others": sorted(e["iso3"] for e in parties if e["type"] != "member"),
            "member_states_not_parties": sorted(
                e["iso3"] for e in entries
                if e["type"] == "member" and e["party"]["status"] != "party"),
            "basis": (
                "the registry's own entries on its date; the depositary's count on this date "
                "was not read (its last count read here: 192 on 4 May 2024)"),
        },
        "anchors": [
            {**anchor, "registry": parties_on(entries, str(anchor["date"]))} for anchor in ANCHORS
        ],
        "sources": SOURCES,
        "unchecked_party_dates": sorted(
            e["iso3"] for e in parties if not e["party"]["checked"]),
        "notes": OPEN_QUESTIONS,
    }


def rendered() -> dict[Path, str]:
    """Each output file and the text the sources above give it."""
    entries = build()
    return {path: json.dumps(data, ensure_ascii=False, indent=2) + "\n"
            for path, data in ((OUTPUT, entries), (STATUS_OUTPUT, status(entries)))}


def main(argv: list[str]) -> int:
    """Write the registry; with ``--check``, only say whether the files match the sources (the
    JSON is built here, so a fact edited in the JSON alone would be lost at the next build)."""
    files = rendered()
    if "--check" in argv:
        stale = [path.name for path, text in files.items()
                 if not path.exists() or path.read_text(encoding="utf-8") != text]
        if stale:
            print(f"not what scripts/build_states.py builds: {', '.join(stale)}")
        return 1 if stale else 0
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    for path, text in files.items():
        path.write_text(text, encoding="utf-8")
    print(f"wrote {len(files)} files in {OUTPUT.parent.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
