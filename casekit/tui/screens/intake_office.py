"""The intake form's office side: the live conflict check, "use this client", and the
registry's picklists (a misspelt town gets "did you mean", an agency is found by any part of its
name). :class:`~casekit.tui.screens.intake.IntakeScreen` builds on it.

A client the conflict check finds can be used ("use this client": the form is filled from their
record, the new matter is theirs, and what is changed on the form is saved to their record as an
audited update); a hit on a defendant, witness or agency needs a clearance note before the form
saves.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on, work
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Button, Input, Label, OptionList, Select, Static, Switch
from textual.widgets.option_list import Option

from casekit.domain import picklists
from casekit.domain.labels import count
from casekit.errors import InvalidInput
from casekit.services import casefile as views
from casekit.services.clients import COMMON_LANGUAGES, parse_dob, show_client
from casekit.services.clients.conflict_log import needs_clearance
from casekit.services.clients.conflicts import check_conflicts
from casekit.tui.screens.base import CasekitScreen
from casekit.tui.screens.intake_form import ERROR_FIELDS, LANGUAGES, Draft, validate

#: Pause in typing before the conflict check runs (seconds).
CONFLICT_DELAY = 0.25
#: How many agencies the substring match lists under the agency field.
AGENCY_MATCHES = 12


class IntakeOfficeForm(CasekitScreen):
    """The intake form's conflict check, chosen client and picklists (a base class)."""

    #: Fields with an error line under them (``#intake-<field>-error``).
    ERROR_FIELDS = ERROR_FIELDS

    def __init__(self) -> None:
        super().__init__()
        self.options: views.Options | None = None
        self._agencies: dict[str, views.AgencyChoice] = {}
        self._conflict_timer: Timer | None = None
        self._touched: set[str] = set()
        self._ready = False
        #: The live conflict check's hits (the chosen client's own left out).
        self._hits: list[Any] = []
        #: The client chosen with "use this client", as read (``ClientOut``), or None.
        self.existing: Any = None

    def draft(self) -> Draft:
        """The form's values (the screen reads them)."""
        raise NotImplementedError

    class ConflictsFound(Message):
        def __init__(self, key: tuple[str, str, str], hits: list[Any]) -> None:
            super().__init__()
            self.key = key
            self.hits = hits

    class ClientLoaded(Message):
        def __init__(self, client: Any) -> None:
            super().__init__()
            self.client = client

    def _text(self, name: str) -> str:
        return self.query_one(f"#intake-{name}", Input).value

    def errors(self) -> dict[str, str]:
        o = self.options
        draft = self.draft()
        return validate(
            draft,
            today=self.svc.today(),
            towns={t.label for t in o.towns} if o else set(),
            agencies=set(self._agencies),
            changes=self.client_changes(draft),
        )

    def _show_errors(self, errors: dict[str, str], *, all_fields: bool) -> None:
        """Each message under its field, and the field highlighted (``-invalid``)."""
        for name in self.ERROR_FIELDS:
            message = errors.get(name, "") if all_fields or name in self._touched else ""
            self.query_one(f"#intake-{name}").set_class(bool(message), "-invalid")
            if name == "agency" and not message and self._agencies.get(self._text("agency")):
                continue  # the agency line shows the picked agency's kind instead
            self._line(f"#intake-{name}-error", message)

    def _line(self, selector: str, message: str | Text) -> None:
        label = self.query_one(selector, Label)
        label.update(message)
        label.set_class(bool(message), "-shown")

    def _agency_typed(self, text: str) -> None:
        matches = self.query_one("#intake-agency-matches", OptionList)
        agency = self._agencies.get(text)
        if agency is not None:
            matches.display = False
            self._agency_picked(agency)
            return
        found = picklists.containing(text, self._agencies) if text else []
        matches.clear_options()
        matches.add_options(Option(n, id=n) for n in found[:AGENCY_MATCHES])
        if len(found) > AGENCY_MATCHES:
            matches.add_option(
                Option(f"… {len(found) - AGENCY_MATCHES} more: type more", disabled=True)
            )
        matches.display = bool(found)

    def _agency_picked(self, agency: views.AgencyChoice) -> None:
        town = self.query_one("#intake-town", Input)
        if not town.value.strip() and agency.town:
            town.value = agency.town
        employer = f" · employer {agency.employer}" if agency.employer else ""
        self._line(
            "#intake-agency-error", Text(f"{agency.kind.replace('_', ' ')}{employer}", style="dim")
        )

    @on(OptionList.OptionSelected, "#intake-agency-matches")
    def _agency_chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            agency = self.query_one("#intake-agency", Input)
            agency.value = event.option.id
            agency.focus()

    @on(Input.Submitted, "#intake-agency")
    def _agency_enter(self) -> None:
        text = self._text("agency").strip()
        if text in self._agencies:
            return
        found = picklists.containing(text, self._agencies) if text else []
        if found:
            self.query_one("#intake-agency", Input).value = found[0]

    @on(Input.Submitted, "#intake-town")
    def _town_enter(self) -> None:
        towns = [t.label for t in self.options.towns] if self.options else []
        text = self._text("town").strip()
        if not text or text in towns:
            return
        found = picklists.exact(text, towns) or next(
            iter(picklists.closest(text, towns, limit=1)), None
        )
        if found:
            self.query_one("#intake-town", Input).value = found

    def _schedule_conflicts(self) -> None:
        if self._conflict_timer is not None:
            self._conflict_timer.stop()
        self._conflict_timer = self.set_timer(CONFLICT_DELAY, self._run_conflicts)

    def _conflict_key(self) -> tuple[str, str, str]:
        born = self._text("dob").strip()
        try:
            parse_dob(born, self.svc.today())
        except InvalidInput:
            born = ""
        return (self._text("name").strip(), self._text("phone").strip(), born)

    @property
    def checks_pending(self) -> bool:
        """A live check (conflicts, screening) is waiting out its typing delay: what it shows
        may still change. Its worker, once started, is the app's to wait for."""
        return self._conflict_timer is not None or self._screen_pending()

    def _screen_pending(self) -> bool:
        return False

    def _run_conflicts(self) -> None:
        self._conflict_timer = None
        key = self._conflict_key()
        if not any(ch.isalnum() for ch in key[0]):
            self._hits = []
            self.query_one("#intake-conflicts", Static).update("Type the client's name.")
            self._show_hits()
            return
        self.check_conflicts(key)

    @work(thread=True, exclusive=True, exit_on_error=False, group="intake-conflicts")
    def check_conflicts(self, key: tuple[str, str, str]) -> None:
        name, phone, born = key
        hits = check_conflicts(self.svc, name, phone=phone, date_of_birth=born or None)
        self.deliver(self.ConflictsFound(key, hits))

    def on_intake_office_form_conflicts_found(self, message: ConflictsFound) -> None:
        if message.key != self._conflict_key():
            return
        own = self.existing.id if self.existing is not None else None
        self._hits = [h for h in message.hits if not (h.where == "client" and h.client_id == own)]
        self._show_hits()
        if self._ready:
            self._show_errors(self.errors(), all_fields=False)

    def _show_hits(self) -> None:
        hits = self._hits
        text = Text()
        if not hits:
            text.append("No possible conflict.", style="green")
        else:
            text.append(f"{count(len(hits), 'possible conflict')}:\n", style="bold yellow")
            for hit in hits:
                where = hit.where.replace("party:", "").replace("_", " ")
                matter = f" in {hit.matter}" if hit.matter else ""
                text.append(f" • {hit.name}", style="bold")
                text.append(f" — {where}{matter} ({hit.score:.0%})\n")
        to_clear = sum(1 for h in hits if needs_clearance(h))
        if to_clear:
            text.append(
                f"A defendant, witness or agency hit needs clearing: say below why "
                f"{'it is' if to_clear == 1 else 'they are'} not a conflict.",
                style="yellow",
            )
        self.query_one("#intake-conflicts", Static).update(text)
        same = self.query_one("#intake-same-client", OptionList)
        same.clear_options()
        seen: set[int] = set()
        for hit in hits:
            if hit.where == "client" and hit.client_id is not None and hit.client_id not in seen:
                seen.add(hit.client_id)
                matter = f", {hit.matter}" if hit.matter else ""
                same.add_option(
                    Option(f"Use this client: {hit.name}{matter}", id=str(hit.client_id))
                )
        same.display = bool(seen)
        self.query_one("#intake-clearance", Input).display = bool(to_clear)

    def action_pick_client(self) -> None:
        same = self.query_one("#intake-same-client", OptionList)
        if not same.display or not same.option_count:
            self.notify("The conflict check found no client to use: type the client's name.")
            return
        same.focus()
        if same.highlighted is None:
            same.highlighted = 0

    @on(OptionList.OptionSelected, "#intake-same-client")
    def _use_client(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.load_client(int(event.option.id))

    @work(thread=True, exclusive=True, exit_on_error=False, group="intake-client")
    def load_client(self, client_id: int) -> None:
        self.deliver(self.ClientLoaded(show_client(self.svc, str(client_id))))

    def on_intake_office_form_client_loaded(self, message: ClientLoaded) -> None:
        client = self.existing = message.client
        self.dirty = True
        self.query_one("#intake-name", Input).value = client.name
        language = self.query_one("#intake-language", Select)
        codes_known = {code for _, code in LANGUAGES}
        if client.preferred_language and client.preferred_language not in codes_known:
            code = client.preferred_language
            label = COMMON_LANGUAGES.get(code, code)
            language.set_options([*LANGUAGES, (label, code)])
        if client.preferred_language:
            language.value = client.preferred_language
        for channel in ("phone", "email", "address"):
            self.query_one(f"#intake-{channel}", Input).value = getattr(client, channel)
            self.query_one(f"#intake-{channel}-safe", Switch).value = getattr(
                client, f"{channel}_safe"
            )
        for name in ("dob", "a-number", "immigration"):
            box = self.query_one(f"#intake-{name}", Input)
            box.value = ""
            box.placeholder = f"{box.placeholder.split(' (')[0]} (on file; type to change)"
        matters = ", ".join(client.matters) or "no matter yet"
        self.query_one("#intake-existing", Label).update(
            f"Existing client ({matters}): the new matter is theirs; changes here update "
            "their record."
        )
        self.query_one("#intake-existing-row").display = True
        self.notify("Using the existing client: no new client will be created.")
        self._schedule_conflicts()

    @on(Button.Pressed, "#intake-detach")
    def _new_client_instead(self) -> None:
        self.existing = None
        self.query_one("#intake-existing-row").display = False
        for name, hint in (
            ("dob", "Date of birth YYYY-MM-DD"),
            ("a-number", "A-number (A + 8 or 9 digits)"),
            ("immigration", "Immigration status"),
        ):
            self.query_one(f"#intake-{name}", Input).placeholder = hint
        self.notify("A new client will be created.")
        self._schedule_conflicts()

    def client_changes(self, draft: Draft) -> dict[str, Any]:
        """What the form changes on the chosen client's record (sensitive fields only when
        typed: they are never shown)."""
        client = self.existing
        if client is None:
            return {}
        now: dict[str, Any] = {
            "name": draft.name,
            "language": draft.language,
            "phone": draft.phone,
            "phone_safe": draft.phone_safe,
            "email": draft.email,
            "email_safe": draft.email_safe,
            "address": draft.address,
            "address_safe": draft.address_safe,
        }
        before = {
            "name": client.name,
            "language": client.preferred_language,
            "phone": client.phone,
            "phone_safe": client.phone_safe,
            "email": client.email,
            "email_safe": client.email_safe,
            "address": client.address,
            "address_safe": client.address_safe,
        }
        changes = {k: v for k, v in now.items() if v != before[k]}
        for key, value in (
            ("date_of_birth", draft.date_of_birth),
            ("a_number", draft.a_number),
            ("immigration_status", draft.immigration_status),
        ):
            if value:
                changes[key] = value
        return changes

    def reload(self) -> None:
        """After "changed by someone else": read the chosen client again (their new version);
        the form keeps what was typed."""
        if self.existing is not None:
            self.reload_client(self.existing.id)

    @work(thread=True, exclusive=True, exit_on_error=False, group="intake-client")
    def reload_client(self, client_id: int) -> None:
        client = show_client(self.svc, str(client_id))
        self.app.call_from_thread(setattr, self, "existing", client)
