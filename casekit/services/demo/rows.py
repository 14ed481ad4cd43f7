"""One demo matter's rows, drawn from the seed: client, custody timeline, parties, evidence."""

from __future__ import annotations

import hashlib
import os
import random
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from casekit.config import ensure_private_dir
from casekit.domain import codes
from casekit.domain.phonetic import phonetic_keys
from casekit.domain.text import fold
from casekit.services.demo.names import (
    COMMUNITIES,
    CONTACT_TYPES,
    IMMIGRATION_STATUSES,
    OFFICER_NAMES,
    STREETS,
)
from casekit.services.evidence import STORED_MODE


def pick(rng: random.Random, weighted: Sequence[tuple[str, int]]) -> str:
    return rng.choices([v for v, _ in weighted], weights=[w for _, w in weighted])[0]


def client_row(
    rng: random.Random, community: str, towns: Sequence[Any], today: date
) -> dict[str, Any]:
    given, family, languages = COMMUNITIES[community]
    if community == "vietnamese":
        name = f"{rng.choice(family)} {rng.choice(given)}"
    else:
        name = f"{rng.choice(given)} {rng.choice(family)}"
        if community == "latin" and rng.random() < 0.3:
            name += f" {rng.choice(family)}"
    town = rng.choice(towns)
    phone = f"({rng.choice(('203', '860', '475', '959'))}) 555-01{rng.randrange(100):02d}"
    handle = fold(name).replace(" ", ".")
    has_email = rng.random() < 0.5
    preferred = name.split()[0] if rng.random() < 0.2 else ""
    return {
        "name": name,
        "name_key": fold(name),
        "name_phonetic": phonetic_keys(name, preferred),
        "preferred_name": preferred,
        "date_of_birth": today - timedelta(days=rng.randint(18 * 365, 65 * 365)),
        "preferred_language": rng.choice(languages),
        "phone": phone,
        "phone_safe": rng.random() < 0.7,
        "email": f"{handle}@mail.example" if has_email else "",
        "email_safe": has_email and rng.random() < 0.6,
        "address": f"{rng.randint(1, 400)} {rng.choice(STREETS)}, {town.name}, CT",
        "address_safe": rng.random() < 0.4,
        "a_number": f"A{rng.randrange(10**9):09d}" if rng.random() < 0.6 else "",
        "immigration_status": rng.choice(IMMIGRATION_STATUSES),
    }


def custody(
    rng: random.Random, scenario: str, arrest: datetime
) -> tuple[list[str], list[tuple[str, datetime, str]]]:
    """Violations and a custody timeline that fit the scenario."""
    hours = timedelta(hours=1)

    def after(start: datetime, low: float, high: float) -> datetime:
        # Whole minutes: custody records are kept to the minute.
        return start + timedelta(minutes=rng.randint(int(low * 60), int(high * 60)))

    booking = after(arrest, 0.5, 2.5)
    detainer = after(arrest, 2, 30)
    scheduled = after(arrest, 4, 72)
    timeline = [("arrest", arrest, ""), ("booking", booking, "")]
    violations: list[str] = []
    if scenario in ("transfer", "over_48", "admin_warrant"):
        what = "ICE administrative warrant (I-200)" if scenario == "admin_warrant" else "I-247A"
        timeline.append(("detainer_received", max(detainer, booking + hours), f"{what} received"))
        timeline.append(
            (
                "scheduled_release",
                scheduled,
                rng.choice(("bond posted", "released by the court", "charges not pursued")),
            )
        )
        if scenario == "over_48":
            handed_over = after(scheduled, 49, 120)
            violations += ["V1_DETAIN_ON_DETAINER", "V8_OVER_48_HOURS"]
        else:
            handed_over = after(scheduled, 0.5, 8)
            violations.append(
                "V3_ADMIN_WARRANT" if scenario == "admin_warrant" else "V1_DETAIN_ON_DETAINER"
            )
        timeline.append(("release_to_ice", handed_over, "transferred to ICE custody"))
        if rng.random() < 0.6:
            violations.append("V2_NOTIFY_RELEASE")
        if rng.random() < 0.5:
            violations.append("V7_NO_DETAINER_NOTICE")
    else:
        timeline.append(("scheduled_release", scheduled, "bond posted"))
        timeline.append(("release", after(scheduled, 0.5, 2), ""))
        if scenario == "notify":
            violations.append("V2_NOTIFY_RELEASE")
            if rng.random() < 0.15:
                violations.append("V6_CONFIDENTIAL_INFO")
        else:
            violations.append("V4_ICE_INTERVIEW")
            if rng.random() < 0.5:
                violations.append("V2_NOTIFY_RELEASE")
    order = list(codes.violations())
    return sorted(set(violations), key=order.index), sorted(timeline, key=lambda e: e[1])


def narrative(rng: random.Random, scenario: str, detail: dict[str, Any]) -> str:
    agency = detail["agency"].name
    lines = {
        "transfer": f"After the {rng.choice(CONTACT_TYPES)}, {agency} held the client on an ICE "
        "detainer after bond was posted and handed the client to ICE officers.",
        "over_48": f"{agency} kept the client for days past the scheduled release while waiting "
        "for ICE to pick the client up.",
        "notify": f"{agency} released the client but told ICE the release time in advance; ICE "
        "officers were waiting outside.",
        "interview": f"{agency} let ICE officers interview the client in the holding area "
        "without counsel.",
        "admin_warrant": f"{agency} detained the client on an ICE administrative warrant alone "
        "(no judge's signature).",
    }
    return lines[scenario]


def parties(rng: random.Random, matter_id: int, detail: dict[str, Any]) -> list[dict[str, Any]]:
    defendant = detail["defendant"]
    agency = detail["agency"]
    rows = [
        {
            "matter_id": matter_id,
            "role": "defendant",
            "kind": defendant.kind,
            "name": defendant.name,
            "name_key": fold(defendant.name),
            "name_phonetic": phonetic_keys(defendant.name),
            "agency_id": agency.id,
            "town_id": detail["town"].id if defendant.kind == "municipality" else None,
            "capacity": defendant.capacity,
            "service_address": defendant.service_address,
        }
    ]

    def person(role: str, name: str, capacity: str = "") -> dict[str, Any]:
        return {
            "matter_id": matter_id,
            "role": role,
            "kind": "person",
            "name": name,
            "name_key": fold(name),
            "name_phonetic": phonetic_keys(name),
            "agency_id": agency.id if role == "defendant" else None,
            "town_id": None,
            "capacity": capacity,
            "service_address": "",
        }

    if rng.random() < 0.5:
        rows.append(person("defendant", f"Officer {rng.choice(OFFICER_NAMES)}", "individual"))
    if rng.random() < 0.3:
        given, family, _ = COMMUNITIES[rng.choice(list(COMMUNITIES))]
        rows.append(person("witness", f"{rng.choice(given)} {rng.choice(family)}"))
    if rng.random() < 0.4:
        counsel = (
            f"Corporation Counsel, {defendant.name}"
            if defendant.kind == "municipality"
            else "Assistant Attorney General (Office of the Attorney General)"
        )
        rows.append(person("opposing_counsel", counsel))
    return rows


def _store_demo_file(vault: Path, content: bytes) -> tuple[str, str]:
    """Put a small fictional file in the evidence vault the way the vault stores real ones
    (content-addressed, read-only, owner-only), so ``casekit evidence verify`` works on a demo."""
    sha = hashlib.sha256(content).hexdigest()
    folder = ensure_private_dir(vault / sha[:2])
    target = folder / sha
    try:
        intact = target.stat().st_size == len(content)
    except OSError:
        intact = False
    if not intact:
        # A temporary name, then a rename: a run killed mid-write never leaves a short copy
        # under the final name (the leftover .incoming- file is swept later).
        tmp = folder / f".incoming-demo-{os.getpid()}"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, STORED_MODE)
        with os.fdopen(fd, "wb") as fh:
            fh.write(content)
        os.replace(tmp, target)
    return sha, f"{sha[:2]}/{sha}"


def evidence_rows(
    rng: random.Random,
    matter_id: int,
    incident_id: int,
    detail: dict[str, Any],
    today: date,
    vault: Path,
) -> list[dict[str, Any]]:
    kinds = ["booking-record"]
    if (
        "V1_DETAIN_ON_DETAINER" in detail["violations"]
        or "V8_OVER_48_HOURS" in detail["violations"]
    ):
        kinds.append("detainer")
    if "V3_ADMIN_WARRANT" in detail["violations"]:
        kinds.append("administrative-warrant")
    kinds += rng.sample(
        ("release-log", "communication", "video", "foi-response", "witness-statement"),
        rng.randint(0, 2),
    )
    rows = []
    for k, kind in enumerate(kinds):
        obtained = min(detail["opened"] + timedelta(days=rng.randint(0, 40)), today)
        content = (
            f"FICTIONAL DEMO ITEM - not a real record\n{kind} for {detail['number']}, "
            f"item {k + 1}, obtained {obtained.isoformat()}\n"
        ).encode()
        digest, rel = _store_demo_file(vault, content)
        name = f"{detail['number']}-{k + 1}-{kind}.txt"
        rows.append(
            {
                "matter_id": matter_id,
                "incident_id": incident_id,
                "kind": kind,
                "description": f"{kind.replace('-', ' ')} (fictional demo item)",
                "original_name": name,
                "obtained_on": obtained,
                "source": detail["agency"].name if kind != "witness-statement" else "witness",
                "sha256": digest,
                "stored_path": rel,
                "size_bytes": len(content),
                "proves": [
                    v
                    for v in detail["violations"]
                    if kind in ("detainer", "release-log", "communication")
                ],
            }
        )
    return rows
