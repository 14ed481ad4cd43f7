"""The wording documents use for violations, claims and records, with citation and confidence.

Everything here restates `domain/trust-act.md` (§ 1 prohibited acts, § 2 claims and remedies, § 6
evidence list) in the words a letter or a pleading needs; it adds no law. A violation's citation
and confidence come from the domain's code table (:mod:`casekit.domain.codes`), so a code is cited
the same way on screen and on paper; only the phrasing lives here. Anything not ``confirmed``
gets a visible ``[verify]`` marker in the document.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from casekit.domain import codes
from casekit.domain.model import (
    CLAIM_1983,
    CLAIM_52571K,
    CLAIM_CLAIMS_COMMISSIONER,
    CLAIM_FALSE_IMPRISONMENT,
    CLAIM_TRUST_ACT,
    CONFIRMED,
    SECONDARY,
    UNKNOWN,
)
from casekit.errors import InvalidInput

TRUST_ACT = "Conn. Gen. Stat. § 54-192h"


@dataclass(frozen=True)
class ViolationText:
    """How one prohibited act (trust-act.md § 1) reads in a document.

    ``allegation`` completes "the <agency> …" in a pleading; ``short`` names the practice in a
    letter; ``plain_en`` completes "the police may have …" for a client; ``plain_es`` is a whole
    Spanish sentence. ``citation`` and ``confidence`` are filled from the domain code table.
    """

    code: str
    allegation: str
    short: str
    plain_en: str
    plain_es: str
    citation: str = ""
    confidence: str = UNKNOWN


VIOLATIONS: dict[str, ViolationText] = {
    v.code: v
    for v in (
        ViolationText(
            "V1_DETAIN_ON_DETAINER",
            "detained the plaintiff on a civil immigration detainer, including by holding the "
            "plaintiff past the time the plaintiff would otherwise have been released",
            "detaining a person on a civil immigration detainer, including holding the person "
            "past the time of release",
            "kept you in custody because ICE asked them to, including after the time you "
            "should have been released",
            "La policía le mantuvo detenido o detenida porque ICE lo pidió, incluso después de "
            "la hora en que debían dejarle salir",
        ),
        ViolationText(
            "V2_NOTIFY_RELEASE",
            "notified U.S. Immigration and Customs Enforcement (ICE) of the plaintiff's release "
            "date or time, or used agency time, money, facilities or staff to tell ICE about the "
            "plaintiff's custody status",
            "notifying ICE of a person's release date or time, or using agency resources to tell "
            "ICE about a person's custody status",
            "told ICE when you would be released, or otherwise let ICE know you were in custody",
            "La policía le avisó a ICE cuándo iba a salir usted, o de otra forma le hizo saber a "
            "ICE que usted estaba detenido o detenida",
        ),
        ViolationText(
            "V3_ADMIN_WARRANT",
            "arrested or detained the plaintiff on an administrative immigration warrant (such "
            "as DHS Form I-200 or I-205) alone",
            "arresting or detaining a person on an administrative warrant (DHS Form I-200 or "
            "I-205) alone",
            "arrested or held you based only on an immigration paper signed by an ICE officer, "
            "not by a judge",
            "La policía le arrestó o le retuvo solo con un papel de inmigración firmado por un "
            "agente de ICE, no por un juez",
        ),
        ViolationText(
            "V4_ICE_INTERVIEW",
            "gave ICE access to interview the plaintiff while the plaintiff was in custody",
            "giving ICE access to interview a person in custody",
            "let ICE interview you while you were in custody",
            "La policía dejó que ICE le entrevistara mientras usted estaba detenido o detenida",
        ),
        ViolationText(
            "V5_IMMIGRATION_FUNCTIONS",
            "performed functions of a federal immigration officer, or used agency resources for "
            "civil immigration enforcement, with respect to the plaintiff",
            "performing functions of a federal immigration officer, or using agency resources "
            "for civil immigration enforcement",
            "acted as immigration agents, or used police resources to help enforce immigration law",
            "La policía actuó como si fuera agente de inmigración, o usó sus recursos para "
            "ayudar a aplicar las leyes de inmigración",
        ),
        ViolationText(
            "V6_CONFIDENTIAL_INFO",
            "disclosed confidential information about the plaintiff to ICE",
            "disclosing a person's confidential information to ICE",
            "gave ICE confidential information about you",
            "La policía le dio a ICE información confidencial sobre usted",
        ),
        ViolationText(
            "V7_NO_DETAINER_NOTICE",
            "failed to give the plaintiff a copy of the detainer and to tell the plaintiff "
            "whether the agency would comply with it",
            "failing to give a person a copy of the detainer and to say whether the agency will "
            "comply with it",
            "did not give you a copy of ICE's request or tell you whether they would follow it",
            "La policía no le dio una copia de la solicitud de ICE ni le dijo si la iban a cumplir",
        ),
        ViolationText(
            "V8_OVER_48_HOURS",
            "held the plaintiff on the detainer for more than 48 hours, excluding Saturdays, "
            "Sundays and holidays",
            "holding a person on a detainer for more than 48 hours, excluding Saturdays, Sundays "
            "and holidays",
            "held you more than 48 hours (not counting weekends and holidays) because of ICE's "
            "request",
            "La policía le retuvo más de 48 horas (sin contar fines de semana ni días feriados) "
            "por la solicitud de ICE",
        ),
    )
}


def violation_text(code: str) -> ViolationText:
    """The wording for a violation code, cited as the domain's code table cites it.

    An unknown code is shown as itself, with no citation and confidence ``unknown``.
    """
    try:
        known = codes.violation(code)
    except InvalidInput:
        return _unworded(code)
    words = VIOLATIONS.get(known.id) or _unworded(known.id)
    return replace(words, citation=known.citation, confidence=known.confidence)


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


CLAIM_TEXTS: dict[str, ClaimText] = {
    c.claim: c
    for c in (
        ClaimText(
            CLAIM_TRUST_ACT,
            f"Violation of the Connecticut Trust Act, {TRUST_ACT}",
            "a lawsuit under Connecticut's Trust Act asking the court to order the police to stop",
            "una demanda bajo la ley de Connecticut llamada Trust Act, para pedirle al tribunal "
            "que ordene a la policía que deje de hacerlo",
            TRUST_ACT,
            # Relief (injunction, no damages) is confirmed; fees and who may sue are secondary.
            SECONDARY,
            damages=False,
        ),
        ClaimText(
            CLAIM_1983,
            "Unreasonable seizure in violation of the Fourth Amendment, 42 U.S.C. § 1983",
            "a federal civil-rights claim for money damages",
            "un reclamo federal de derechos civiles para pedir una compensación en dinero",
            "42 U.S.C. § 1983",
            CONFIRMED,
            damages=True,
        ),
        ClaimText(
            CLAIM_52571K,
            "Deprivation of rights by police officers, Conn. Gen. Stat. § 52-571k",
            "a claim for money damages against the police officers under a 2020 state law",
            "un reclamo contra los agentes de policía bajo una ley estatal de 2020, para pedir "
            "una compensación en dinero",
            "Conn. Gen. Stat. § 52-571k",
            SECONDARY,
            damages=True,
        ),
        ClaimText(
            CLAIM_FALSE_IMPRISONMENT,
            "False imprisonment, with indemnification under Conn. Gen. Stat. § 7-465",
            "a claim for money damages for unlawful detention, against the officers and the town",
            "un reclamo por detención ilegal contra los agentes y el municipio, para pedir una "
            "compensación en dinero",
            "Conn. Gen. Stat. § 7-465",
            CONFIRMED,
            damages=True,
        ),
        ClaimText(
            CLAIM_CLAIMS_COMMISSIONER,
            "Claim against the State with permission to sue, Conn. Gen. Stat. §§ 4-141 to 4-165",
            "a claim for money damages against the State, which starts with the Claims "
            "Commissioner",
            "un reclamo contra el Estado para pedir una compensación en dinero, que empieza ante "
            "el Comisionado de Reclamos",
            "Conn. Gen. Stat. §§ 4-141 to 4-165",
            CONFIRMED,
            damages=True,
        ),
    )
}

#: What an attorney asks an agency to produce and to preserve (trust-act.md § 6, a practice list
#: marked `unverified` there: it names kinds of records, it states no rule).
RECORDS: tuple[str, ...] = (
    "The arrest report, incident report and booking sheet.",
    "Bond or bail records, the court disposition and release order, and the lockup or jail "
    "release log, showing when the person was or should have been released.",
    "Any record of a transfer of the person to U.S. Immigration and Customs Enforcement (ICE).",
    "The detainer packet: any DHS Form I-247A (with its fax or e-mail header), any DHS Form I-200 "
    "or I-205, any warrant issued or signed by a judicial officer, and proof that the person was "
    "served with the detainer.",
    "Communications with ICE: e-mails, phone logs, text messages, LESC and NLETS messages, and "
    "release notifications.",
    "Database query logs (COLLECT and NCIC).",
    "Body-worn and dashboard camera recordings (§ 29-6d), cell-block video, and 911 and CAD "
    "records.",
    "Facility visitor logs and interview-room logs.",
    "Department general orders and policies on immigration enforcement, and Trust Act training "
    "records.",
)

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
        "detainer_received": "the police received a request from ICE about you",
        "scheduled_release": "you were supposed to be released",
        "release_to_ice": "the police handed you over to ICE",
        "release": "you were released",
    },
    "third_es": {
        "arrest": "{person} fue arrestado o arrestada",
        "booking": "{person} fue registrado o registrada en la estación de policía",
        "detainer_received": "el {agency} recibió una solicitud de ICE sobre {person}",
        "scheduled_release": "{person} debía salir en libertad",
        "release_to_ice": "el {agency} entregó a {person} a ICE",
        "release": "{person} salió en libertad",
    },
    "you_es": {
        "arrest": "usted fue arrestado o arrestada",
        "booking": "le registraron en la estación de policía",
        "detainer_received": "la policía recibió una solicitud de ICE sobre usted",
        "scheduled_release": "usted debía salir en libertad",
        "release_to_ice": "la policía le entregó a ICE",
        "release": "usted salió en libertad",
    },
}


def custody_label(kind: str, voice: str, lang: str, person: str = "", agency: str = "") -> str:
    """A custody event as a sentence fragment; an unknown kind is shown as itself."""
    labels = CUSTODY_LABELS.get(f"{voice}_{lang}", CUSTODY_LABELS[f"{voice}_en"])
    label = labels.get(kind, kind.replace("_", " "))
    return label.replace("{person}", person).replace("{agency}", agency)


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
            "We may ask the police department for its records about what happened.",
        ),
        "active": (
            "We are asking the police department for its records about what happened.",
            "We are asking the police department and the town to keep all the evidence.",
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
            "Es posible que le pidamos a la policía sus documentos sobre lo que pasó.",
        ),
        "active": (
            "Le estamos pidiendo a la policía sus documentos sobre lo que pasó.",
            "Le estamos pidiendo a la policía y al municipio que guarden todas las pruebas.",
            "Vamos a enviar una carta formal pidiendo que dejen de hacerlo y que corrijan lo que "
            "pasó.",
            "Si eso no resuelve el asunto, podríamos presentar una demanda ante el tribunal. "
            "Hablaremos con usted antes de hacerlo.",
        ),
        "closed": ("Su caso está cerrado. Por favor, guarde esta carta con sus papeles.",),
        "declined": (
            "Nuestra oficina no puede tomar su caso. Otros abogados quizás puedan ayudarle, y "
            "hay plazos que pueden vencer, así que no espere para buscar a otro abogado.",
        ),
    },
}

#: Ways to reach a client, named for the letter ("we will contact you by …").
CONTACT_CHANNELS: dict[str, dict[str, str]] = {
    "en": {"phone": "phone", "email": "e-mail", "address": "mail"},
    "es": {"phone": "teléfono", "email": "correo electrónico", "address": "correo postal"},
}
