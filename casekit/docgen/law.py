"""The wording documents use for violations, claims and records, with citation and confidence.

The legal wording (a violation's allegation, a claim's count title and relief, the records list)
comes from the law pack (:mod:`casekit.domain.lawpack`), so a code reads and is cited the same way
on screen and on paper. What stays here is plain language with no law in it: custody events as
sentences, deadline names a client understands, next steps, contact channels. Anything not
``confirmed`` gets a visible ``[verify]`` marker in the document.
"""

from __future__ import annotations

from dataclasses import dataclass

from casekit.domain.lawpack import LawPack, default_pack
from casekit.domain.records import from_fields
from casekit.domain.text import and_join
from casekit.domain.vocabulary import UNKNOWN
from casekit.errors import InvalidInput


@dataclass(frozen=True)
class ViolationText:
    """How one prohibited act (trust-act.md § 1) reads in a document.

    ``allegation`` completes "the <agency> …" in a pleading; ``short`` names the practice in a
    letter; ``plain_en`` completes "the police may have …" for a client; ``plain_es`` is a whole
    Spanish sentence. All of it, with the citation and confidence, comes from the law pack
    (``codes.toml``).
    """

    code: str
    allegation: str
    short: str
    plain_en: str
    plain_es: str
    citation: str = ""
    confidence: str = UNKNOWN
    trust_act_violation: bool = True
    federal_citation: str = ""
    federal_confidence: str = ""


def violation_text(code: str, pack: LawPack | None = None) -> ViolationText:
    """The wording for a violation code, cited as the law pack cites it.

    An unknown code is shown as itself, with no citation and confidence ``unknown``.
    """
    law = pack or default_pack()
    try:
        known = law.violation(code)
    except InvalidInput:
        return _unworded(code)
    return from_fields(ViolationText, known, code=known.id, short=known.short_text)


def _unworded(code: str) -> ViolationText:
    """A code with no document wording: named as recorded, for the attorney to rewrite."""
    return ViolationText(
        code,
        f"engaged in the conduct recorded as {code}",
        f"the conduct recorded as {code}",
        "did something else that we are still looking into",
        "La policía hizo algo más que todavía estamos revisando",
    )


@dataclass(frozen=True)
class ClaimText:
    """How one claim (trust-act.md § 2) reads: the count title, its citation and its relief."""

    claim: str
    title: str
    plain_en: str
    plain_es: str
    citation: str
    confidence: str
    damages: bool


def claim_text(claim: str, pack: LawPack | None = None) -> ClaimText:
    """The wording of a claim, from the law pack (``claims.toml``).

    Raises:
        InvalidInput: Unknown claim.
    """
    found = (pack or default_pack()).claim(claim)
    return from_fields(ClaimText, found, claim=found.id)


def records(pack: LawPack | None = None) -> tuple[str, ...]:
    """What an attorney asks an agency to produce and to preserve (trust-act.md § 6, a practice
    list marked ``unverified`` there: it names kinds of records, it states no rule)."""
    return (pack or default_pack()).records


def trust_act_notices(pack: LawPack | None = None) -> tuple[str, ...]:
    """The notices every Trust Act count and demand letter carries (trust-act.md § 6a)."""
    return tuple(n.text for n in (pack or default_pack()).notices_for("trust_act"))


#: Custody events as sentence fragments ("On <when>, <label>."), by voice and language.
#: ``third`` speaks of ``{person}`` (the client's name, or "the plaintiff" in a pleading);
#: ``you`` speaks to the client, for client letters.
CUSTODY_LABELS: dict[str, dict[str, str]] = {
    "third_en": {
        "arrest": "{person} was arrested",
        "booking": "{person} was booked",
        "detainer_received": "the {agency} received a civil immigration detainer concerning "
        "{person}",
        "scheduled_release": "{person} was due to be released",
        "release_to_ice": "the {agency} transferred {person} to ICE custody",
        "release": "{person} was released",
    },
    "you_en": {
        "arrest": "you were arrested",
        "booking": "you were booked at the police station",
        "detainer_received": "{actor} received a request from ICE about you",
        "scheduled_release": "you were supposed to be released",
        "release_to_ice": "{actor} handed you over to ICE",
        "release": "you were released",
    },
    "third_es": {
        "arrest": "{person} quedó bajo arresto",
        "booking": "se registró el ingreso de {person} bajo custodia",
        "detainer_received": "el {agency} recibió una solicitud de ICE sobre {person}",
        "scheduled_release": "{person} debía salir en libertad",
        "release_to_ice": "el {agency} entregó a {person} a ICE",
        "release": "{person} salió en libertad",
    },
    "you_es": {
        "arrest": "usted quedó bajo arresto",
        "booking": "se registró su ingreso bajo custodia",
        "detainer_received": "{actor} recibió una solicitud de ICE sobre usted",
        "scheduled_release": "usted debía salir en libertad",
        "release_to_ice": "usted pasó a la custodia de ICE",
        "release": "usted salió en libertad",
    },
}


def custody_label(
    kind: str, voice: str, lang: str, person: str = "", agency: str = "", actor: str = ""
) -> str:
    """A custody event as a sentence fragment; an unknown kind is shown as itself. ``actor``
    names who acted in the client's words ("the police", "el centro penitenciario")."""
    labels = CUSTODY_LABELS.get(f"{voice}_{lang}", CUSTODY_LABELS[f"{voice}_en"])
    label = labels.get(kind, kind.replace("_", " "))
    who = actor or ACTOR_WORDS.get(lang, ACTOR_WORDS["en"])["police"]
    return label.replace("{person}", person).replace("{agency}", agency).replace("{actor}", who)


#: Who acted and who answers for it, in a client's words: the police or a correctional
#: facility (DOC matters), a town or the State (State matters).
ACTOR_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "police": "the police",
        "corrections": "the correctional facility",
        "agency_of_police": "the police department",
        "agency_of_corrections": "the correctional facility",
        "government_municipal": "the town",
        "government_state": "the State",
    },
    "es": {
        "police": "la policía",
        "corrections": "el centro penitenciario",
        "agency_of_police": "la policía",
        "agency_of_corrections": "el centro penitenciario",
        "government_municipal": "el municipio",
        "government_state": "el Estado",
    },
}

#: What a date that has passed means, for a client (no law: the office explains it in person).
DEADLINE_PASSED: dict[str, str] = {
    "en": "This date has passed. If the step it names was not taken in time, the claim it "
    "protects may be lost or harder to bring; we will talk with you about what this means for "
    "your case.",
    "es": "Esta fecha ya pasó. Si el paso que indica no se dio a tiempo, el reclamo que protege "
    "puede haberse perdido o ser más difícil de presentar; hablaremos con usted sobre lo que "
    "esto significa para su caso.",
}

#: How a list of channels is joined ("phone and mail"; "teléfono y correo postal").
AND_WORDS: dict[str, str] = {"en": "and", "es": "y"}


def join_words(items: list[str], lang: str) -> str:
    """``a``, ``a and b``, ``a, b and c`` (``y`` in Spanish)."""
    return and_join(items, AND_WORDS.get(lang, "and"))


#: Deadline names a client understands, by rule id (trust-act.md § 3). Unknown ids fall back to
#: the rule's own title.
DEADLINE_PLAIN: dict[str, dict[str, str]] = {
    "en": {
        "CT_TORT_SOL": "last day to file the lawsuit for damages under state law",
        "CT_NEGLIGENCE_SOL": "last day to file a negligence lawsuit",
        "FED_1983_SOL": "last day to file the federal civil-rights lawsuit",
        "CT_7465_NOTICE": "last day to give the town clerk written notice that you intend to sue",
        "CT_7465_SUIT": "last day to sue the town and its officers together",
        "CT_52571K_SOL": "last day to sue the police officers under the 2020 state law",
        "CT_CLAIMS_COMMISSIONER": "last day to file a claim against the State with the Claims "
        "Commissioner",
        "CT_4160_SUIT": "last day to sue the State after permission to sue",
        "TRUST_ACT_SOL": "estimated last day to file the Trust Act lawsuit",
        "CT_FOI_RESPONSE": "day the agency must answer our request for records",
        "CT_FOI_APPEAL": "last day to appeal to the Freedom of Information Commission",
        "CT_SAVINGS_REFILE": "last day to file the case again",
        "CT_MARSHAL_SERVICE": "last day for the marshal to serve the lawsuit",
        "CT_RETURN_DATE_MAX": "latest return date for the lawsuit",
        "CT_RETURN_TO_COURT": "last day to return the lawsuit papers to the court",
        "CT_SERVICE_BEFORE_RETURN": "last day to serve the lawsuit papers",
    },
    "es": {
        "CT_TORT_SOL": "último día para presentar la demanda por daños bajo la ley estatal",
        "CT_NEGLIGENCE_SOL": "último día para presentar una demanda por negligencia",
        "FED_1983_SOL": "último día para presentar la demanda federal por derechos civiles",
        "CT_7465_NOTICE": "último día para avisar por escrito al secretario municipal que usted "
        "piensa demandar",
        "CT_7465_SUIT": "último día para demandar al municipio y a sus agentes",
        "CT_52571K_SOL": "último día para demandar a los agentes de policía bajo la ley estatal "
        "de 2020",
        "CT_CLAIMS_COMMISSIONER": "último día para presentar un reclamo contra el Estado ante el "
        "Comisionado de Reclamos",
        "CT_4160_SUIT": "último día para demandar al Estado después de recibir permiso",
        "TRUST_ACT_SOL": "fecha límite estimada para la demanda bajo el Trust Act",
        "CT_FOI_RESPONSE": "día en que la agencia debe responder a nuestra solicitud de documentos",
        "CT_FOI_APPEAL": "último día para apelar ante la Comisión de Libertad de Información",
        "CT_SAVINGS_REFILE": "último día para volver a presentar el caso",
        "CT_MARSHAL_SERVICE": "último día para que el alguacil entregue la demanda",
        "CT_RETURN_DATE_MAX": "fecha más tardía de retorno de la demanda",
        "CT_RETURN_TO_COURT": "último día para devolver los papeles de la demanda al tribunal",
        "CT_SERVICE_BEFORE_RETURN": "último día para entregar los papeles de la demanda",
    },
}

#: What the office does next, by matter status, in words for a client.
NEXT_STEPS: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {
        "intake": (
            "We are reviewing what you told us and any papers you gave us.",
            "We will tell you whether we can take your case.",
        ),
        "screening": (
            "We are checking the facts and the law to decide which claims you may have.",
            "We may ask {agency} for its records about what happened.",
        ),
        "active": (
            "We are asking {agency} for its records about what happened.",
            "We are asking {agency} and {government} to keep all the evidence.",
            "We will send a formal letter asking them to stop the practice and to correct what "
            "happened.",
            "If that does not resolve the matter, we may file a lawsuit in court. We will talk "
            "with you before we do.",
        ),
        "closed": ("Your case is closed. Please keep this letter with your papers.",),
        "declined": (
            "Our office is not able to take your case. Other lawyers may be able to help, and "
            "time limits may apply, so please do not wait to contact another lawyer.",
        ),
    },
    "es": {
        "intake": (
            "Estamos revisando lo que usted nos contó y los papeles que nos dio.",
            "Le diremos si podemos tomar su caso.",
        ),
        "screening": (
            "Estamos revisando los hechos y la ley para decidir qué reclamos puede tener usted.",
            "Es posible que le pidamos a {agency} sus documentos sobre lo que pasó.",
        ),
        "active": (
            "Le estamos pidiendo a {agency} sus documentos sobre lo que pasó.",
            "Le estamos pidiendo a {agency} y a {government} que guarden todas las pruebas.",
            "Vamos a enviar una carta formal pidiendo que dejen de hacerlo y que corrijan lo que "
            "pasó.",
            "Si eso no resuelve el asunto, podríamos presentar una demanda ante el tribunal. "
            "Hablaremos con usted antes de hacerlo.",
        ),
        "closed": ("Su caso está cerrado. Por favor, guarde esta carta con sus papeles.",),
        "declined": (
            "Nuestra oficina no puede tomar su caso. Otros abogados quizás puedan darle ayuda, y "
            "hay plazos que pueden vencer, así que no espere para buscar a otro abogado.",
        ),
    },
}

#: Ways to reach a client, named for the letter ("we will contact you by …").
CONTACT_CHANNELS: dict[str, dict[str, str]] = {
    "en": {"phone": "phone", "email": "e-mail", "address": "mail"},
    "es": {"phone": "teléfono", "email": "correo electrónico", "address": "correo postal"},
}
