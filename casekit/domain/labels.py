"""Words for people: how the model's stored words (``release_to_ice``, ``pt``, ``V1_...``) read.

One place for the display names of casekit's own vocabulary (custody events, party roles,
statuses, evidence kinds, languages) and for counted phrases ("1 possible conflict",
"2 possible conflicts"). Legal wording is not here: claims and violations are named by the law
pack (``claims.toml`` ``label``, ``codes.toml`` ``title``; ``casekit.services.views.claim_label``).

Pure: no I/O, imported by the first screen (keep it small).
"""

from __future__ import annotations

#: Stored words whose plain form ("release to ice") would read wrongly: lower case, as used
#: inside a sentence; :func:`sentence` capitalises the first letter only.
WORDS: dict[str, str] = {
    # custody events (casekit.domain.model.CUSTODY_KINDS)
    "detainer_received": "detainer received",
    "scheduled_release": "scheduled release",
    "release_to_ice": "release to ICE",
    # parties
    "opposing_counsel": "opposing counsel",
    # evidence kinds
    "administrative-warrant": "administrative warrant",
    "judicial-warrant": "judicial warrant",
    "booking-record": "booking record",
    "release-log": "release log",
    "foi-response": "FOI response",
    "witness-statement": "witness statement",
    "conviction-record": "conviction record",
    # deadline trigger events (rules.toml ``trigger_event``)
    "foi_received": "FOI request received",
    "foi_denial": "FOI denial",
    "marshal_delivery": "marshal delivery",
    "return_date": "return date",
    "ice": "ICE",
}

#: Language names for the ISO 639-1 codes a client's preferred language is stored in.
LANGUAGE_NAMES: dict[str, str] = {
    "en": "English",
    "es": "Spanish",
    "pt": "Portuguese",
    "ht": "Haitian Creole",
    "fr": "French",
    "ar": "Arabic",
    "zh": "Chinese",
    "vi": "Vietnamese",
    "hi": "Hindi",
    "bn": "Bengali",
    "ur": "Urdu",
    "pa": "Punjabi",
    "ne": "Nepali",
    "ps": "Pashto",
    "fa": "Persian (Dari/Farsi)",
    "uk": "Ukrainian",
    "ru": "Russian",
    "pl": "Polish",
    "it": "Italian",
    "qu": "Quechua",
    "so": "Somali",
    "sw": "Swahili",
    "ti": "Tigrinya",
    "am": "Amharic",
    "tl": "Tagalog",
    "ko": "Korean",
    "ja": "Japanese",
    "de": "German",
    "tr": "Turkish",
}


def word(value: str) -> str:
    """A stored word as it reads inside a sentence: ``release_to_ice`` → "release to ICE"."""
    return WORDS.get(value) or value.replace("_", " ").replace("-", " ")


def sentence(value: str) -> str:
    """A stored word at the start of a sentence: ``release_to_ice`` → "Release to ICE"."""
    text = word(value)
    return text[:1].upper() + text[1:]


def language(code: str | None) -> str:
    """A language's name ("Portuguese"); an unlisted code is shown as given, "—" if none."""
    if not code:
        return "—"
    primary = code.split("-", 1)[0].lower()
    name = LANGUAGE_NAMES.get(primary)
    if name is None:
        return code
    return name if primary == code.lower() else f"{name} ({code})"


def count(n: int, noun: str, plural: str | None = None) -> str:
    """``n`` and the noun in the right number: "1 possible conflict", "2 possible conflicts".

    ``plural`` for a noun that does not just take an "s" ("1 party", "3 parties").
    """
    return f"{n:,} {noun if n == 1 else (plural or noun + 's')}"
