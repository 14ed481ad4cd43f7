"""The firm, the attorney and the client as a template sees them, and the claims and violations in
the client's language."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

from casekit.docgen.environment import BLANK
from casekit.docgen.law import (
    ACTOR_WORDS,
    CONTACT_CHANNELS,
    ClaimText,
    ViolationText,
    join_words,
    violation_text,
)
from casekit.domain.model import (
    Attorney,
    Client,
    Firm,
    Incident,
)
from casekit.domain.vocabulary import cited


def _firm(firm: Firm) -> dict[str, str]:
    return asdict(firm)


def _attorney(attorney: Attorney | None, firm: Firm) -> dict[str, str]:
    if attorney is None:
        return {"name": BLANK, "juris_number": firm.juris_number, "email": firm.email,
                "phone": firm.phone}  # fmt: skip
    return {
        "name": attorney.name or BLANK,
        "juris_number": attorney.juris_number or firm.juris_number,
        "email": attorney.email or firm.email,
        "phone": attorney.phone or firm.phone,
    }


def _client(client: Client, lang: str) -> dict[str, Any]:
    # Safe-to-contact: a channel the client has not marked safe never reaches a document.
    words = CONTACT_CHANNELS[lang]
    channels = [
        words[name]
        for name, value, safe in (
            ("phone", client.phone, client.phone_safe),
            ("email", client.email, client.email_safe),
            ("address", client.address, client.address_safe),
        )
        if value and safe
    ]
    return {
        "name": client.name,
        "display_name": client.preferred_name or client.name,
        "language": client.preferred_language,
        "address": client.address if client.address_safe else "",
        "address_safe": bool(client.address and client.address_safe),
        "phone": client.phone if client.phone_safe else "",
        "phone_safe": bool(client.phone and client.phone_safe),
        "email": client.email if client.email_safe else "",
        "email_safe": bool(client.email and client.email_safe),
        "contact_channels": channels,
        "contact_by": join_words(channels, lang),
    }


def _claim(claim: ClaimText, lang: str) -> dict[str, Any]:
    return {
        "claim": claim.claim,
        "title": claim.title,
        "plain": claim.plain_es if lang == "es" else claim.plain_en,
        **cited(claim.citation, claim.confidence),
        "damages": claim.damages,
    }


def _violation(v: ViolationText, lang: str) -> dict[str, Any]:
    # A conduct the Trust Act may not itself forbid (V8, the 48-hour cap) is cited by the
    # federal rule that sets the limit, never as a Trust Act violation (trust-act.md § 1).
    federal = not v.trust_act_violation and bool(v.federal_citation)
    citation = v.federal_citation if federal else v.citation
    confidence = (v.federal_confidence or v.confidence) if federal else v.confidence
    return {
        "code": v.code,
        "allegation": v.allegation,
        "short": v.short,
        "plain": v.plain_es if lang == "es" else v.plain_en,
        **cited(citation, confidence),
    }


def _violations(
    incidents: Sequence[Incident],
    lang: str,
    *,
    corrections: bool = False,
    alleged: Sequence[str] | None = None,
) -> list[dict[str, Any]]:
    """The recorded violations, those the pleading plan refuses left out (``alleged``: a V8
    the 48-hour computation does not confirm is never told in a notice or a letter)."""
    seen: dict[str, dict[str, Any]] = {}
    for incident in incidents:
        for code in incident.violations:
            text = violation_text(code)  # "V1" and "V1_DETAIN_ON_DETAINER" are one code
            if alleged is not None and text.code not in alleged:
                continue
            if code not in seen:
                seen[code] = _violation(text, lang)
                if corrections:
                    seen[code]["plain"] = _for_corrections(seen[code]["plain"], lang)
    return list(seen.values())


def _for_corrections(text: str, lang: str) -> str:
    """A client sentence about "the police" told of the correctional facility (DOC matters)."""
    words = ACTOR_WORDS[lang]
    police, facility = words["police"], words["corrections"]
    if lang == "es":
        text = text.replace("de la policía", "del centro penitenciario")
    text = text.replace(police[0].upper() + police[1:], facility[0].upper() + facility[1:])
    return text.replace(police, facility)
