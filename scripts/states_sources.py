"""Where the registry's Convention facts come from: the sources, which party date each one
confirms, and the counts the registry must reconcile with.

Only sources actually read while building the registry are cited. A party date no source here
confirms stays marked unchecked and is listed in ``models/data/states_status.json``.
"""

from __future__ import annotations

#: The date the registry describes.
AS_OF = "2026-12-03"

SOURCES: dict[str, str] = {
    "UNTC-2024": (
        "UN Treaty Collection, chapter XVIII-12, status as at 4 May 2024 (Parties: 192)"),
    "TRB-2007-70": (
        "Tractatenblad 2007, 70 (Netherlands treaty series), party table: signature, "
        "ratification (R) or accession (T) dates"),
    "VDB": (
        "Verdragenbank (Netherlands treaty database), party table with entry-into-force dates; "
        "the deposit is 30 days earlier (UNTOC art. 38(2)), or on or before 29 August 2003 "
        "for the entry into force of 29 September 2003"),
    "UNIS/CP/439": (
        "UN Information Service press release UNIS/CP/439, 7 July 2003: the fortieth "
        "instrument was deposited on 1 July 2003; the first forty in chronological order"),
    "UNIS/CP/446": (
        "UN Information Service press release UNIS/CP/446, 26 September 2003: 48 instruments "
        "as of 25 September 2003"),
    "UNIS/CP/510": (
        "UN Information Service press release UNIS/CP/510, 15 March 2005: Uruguay the 100th "
        "party, instrument deposited on 4 March 2005"),
    "UNODC-BTN-2023": (
        "UNODC Regional Office for South Asia, 20 February 2023: Bhutan accedes, the 191st "
        "party; Bhutan Ministry of Foreign Affairs press release, 23 March 2023 (original "
        "instrument handed over on 21 March; entry into force 22 March 2023)"),
    "DEPOSITARY-SSD-2023": (
        "Depositary statement on South Sudan's instrument (action effected on 20 October 2023, "
        "entry into force on 19 November 2023 under art. 38(2)), as quoted in One Citizen "
        "Daily, 23 October 2023"),
    "RS-0.311.54": (
        "Swiss Classified Compilation RS 0.311.54: Swiss instrument of ratification deposited "
        "on 27 October 2006"),
}

#: Party dates confirmed by a source above: ISO3 -> (instrument, source tags). The instrument
#: uses the depositary's notation where the source gives it: "r" ratification, "a" accession
#: ("R" in the Dutch tables covers ratification, acceptance and approval: "r/A/AA").
_UNTC_TRB_VDB = ("UNTC-2024", "TRB-2007-70", "VDB")
CONFIRMED: dict[str, tuple[str | None, tuple[str, ...]]] = {
    **{iso3: ("r", _UNTC_TRB_VDB) for iso3 in (
        "AFG", "ALB", "DZA", "ATG", "ARG", "ARM", "AUS", "AZE", "BLR", "BEL")},
    **{iso3: ("r", ("UNTC-2024", "VDB")) for iso3 in ("AND", "AGO", "BHS", "BRB")},
    "AUT": ("r", ("UNTC-2024",)),
    **{iso3: ("a", _UNTC_TRB_VDB) for iso3 in ("BHR", "BLZ")},
    "BGD": ("a", ("UNTC-2024", "VDB")),
    **{iso3: ("r/A/AA", ("TRB-2007-70", "VDB")) for iso3 in (
        "BEN", "BOL", "BIH", "BWA", "BRA", "BGR", "BFA", "KHM", "CAN", "CHL", "CHN", "COL",
        "CRI", "CYP", "DNK", "DOM", "DEU", "ECU")},
    **{iso3: ("a", ("TRB-2007-70", "VDB")) for iso3 in ("CAF", "COM", "COD", "COK", "DJI")},
    **{iso3: (None, ("VDB",)) for iso3 in ("BRN", "BDI", "CUB", "DMA", "EGY")},
    "BTN": ("a", ("UNODC-BTN-2023", "VDB")),
    "SSD": ("a", ("DEPOSITARY-SSD-2023",)),
    "URY": ("r", ("UNIS/CP/510",)),
    "CHE": ("r", ("RS-0.311.54",)),
}

#: Counts of parties the registry must give on a date, from the depositary or the UN.
ANCHORS: list[dict[str, object]] = [
    {"date": "2003-07-01", "parties": 40, "source": "UNIS/CP/439"},
    {"date": "2003-09-25", "parties": 48, "source": "UNIS/CP/446"},
    {"date": "2005-03-04", "parties": 100, "source": "UNIS/CP/510"},
    {"date": "2023-02-20", "parties": 191, "source": "UNODC-BTN-2023"},
    {"date": "2024-05-04", "parties": 192, "source": "UNTC-2024"},
]

#: What could not be settled from the sources above (kept visible, not guessed).
OPEN_QUESTIONS: list[str] = [
    "First forty instruments: the registry has 39 deposited by 1 July 2003, UNIS/CP/439 "
    "counts 40. With 48 by 25 September 2003 (UNIS/CP/446) the misdated entry is one dated "
    "between 2 July and 25 September 2003 whose date no source here confirms: Tunisia, "
    "Norway, Lesotho, Malta or Guatemala. Not corrected: read the depositary record "
    "(UNTC, chapter XVIII-12).",
    "Somalia: instrument of accession signed in Mogadishu on 23 November 2024 (AllAfrica, "
    "25 November 2024; Goobjoog News); the date of deposit with the Secretary-General is not "
    "known here. Counted as a party without a date.",
    "State of Palestine: date 2 January 2015 inferred, not read: an encyclopedia snapshot of "
    "January 2015 counts 185 parties including the State of Palestine (the registry's count "
    "without it is 184), and the Secretary-General accepted instruments of accession of the "
    "State of Palestine to 16 treaties deposited on 2 January 2015 (note to correspondents, "
    "7 January 2015). The depositary notification for this Convention was not seen.",
    "Non-party status of the Islamic Republic of Iran, Papua New Guinea, Solomon Islands and "
    "Tuvalu, and Congo's signature only, taken from the domain review of 3 December 2026 "
    "(UNTC status at 4 May 2024); not read again here.",
]
