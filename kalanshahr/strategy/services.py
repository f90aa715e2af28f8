"""Every change in S2: documents, goals, indicators, targets, measurements, periods and programs.

Each function checks access, runs in one transaction, writes the audit trail and raises a
DomainError (Persian and English) that leaves nothing changed. The rule that every goal and
indicator cites at least one clause lives here, so forms, the admin, the API and the import all
meet it.
"""

from decimal import Decimal

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_noop

from kalanshahr.lib.errors import AccessDenied, DomainError, InvalidInput
from kalanshahr.lib.jalali import JalaliParseError, Period
from kalanshahr.lib.persian import normalize
from kalanshahr.network import audit, fragments, services as network_services

from . import access, datakeys, monitoring, signals
from .models import (
    Clause, Direction, Family, Frequency, Goal, GoalIndicator, Indicator, Measurement, MeasurementRevision,
    MeasurementStatus, Milestone, PeriodClosure, Program, ProgramStatus, Scope, Target, Theme, UpstreamDocument,
    subject_key,
)
from .workflow import EDITABLE, ENTRY, MEASUREMENT_MOVES, MEASUREMENTS

CLAUSE_REQUIRED = ("clause_required",
                   "دست‌کم یک بند از یک سند بالادستی (طرح جامع، سیاست‌های شهردار، مصوبه‌ی شورا یا قانون) را استناد کنید.",
                   "Cite at least one clause of an upstream document (comprehensive plan, mayor's policies, "
                   "council resolution or law).")


def _require_clauses(clauses):
    clauses = list(clauses or [])
    if not clauses:
        raise InvalidInput(*CLAUSE_REQUIRED, field="clauses")
    return clauses


# --- upstream documents ------------------------------------------------------------------------

@transaction.atomic
def create_document(actor, *, slug, kind, name_fa, issuer, municipality=None, name_en="", issued_on=None,
                    reference="", is_sample_data=False, clauses=()):
    """A document with its clauses: `clauses` is a list of (number, text)."""
    if not access.can_manage_document(actor, municipality):
        raise AccessDenied("ثبت این سند بالادستی در اختیار شما نیست.", "You may not register this upstream document.")
    if UpstreamDocument.objects.filter(slug=slug).exists():
        raise InvalidInput("duplicate_slug", f"شناسه‌ی «{slug}» پیش‌تر به کار رفته است.", f"The slug “{slug}” is taken.",
                           field="slug")
    document = UpstreamDocument.objects.create(
        slug=slug, kind=kind, name_fa=normalize(name_fa), name_en=name_en, issuer=normalize(issuer),
        municipality=municipality, issued_on=issued_on, reference=reference, is_sample_data=is_sample_data,
    )
    Clause.objects.bulk_create(Clause(document=document, number=str(number), position=i, text=normalize(text))
                               for i, (number, text) in enumerate(clauses))
    audit.record(actor, "strategy.document.create", document, changes={"clauses": len(clauses)})
    return document


# --- goals and indicators ----------------------------------------------------------------------

@transaction.atomic
def create_goal(actor, organization, *, title, start_year, end_year, clauses=(), description="", is_priority=False,
                weight=1, owner=None, owner_title=""):
    access.check_can_define(actor, organization)
    clauses = _require_clauses(clauses)
    if end_year < start_year:
        raise InvalidInput("period_reversed", "سال پایان پیش از سال آغاز است.", "The last year comes before the first.",
                           field="end_year")
    goal = Goal.objects.create(organization=organization, title=normalize(title), description=normalize(description),
                               start_year=start_year, end_year=end_year, is_priority=is_priority, weight=weight,
                               owner=owner, owner_title=normalize(owner_title))
    goal.clauses.set(clauses)
    audit.record(actor, "strategy.goal.create", goal, changes={"clauses": [c.pk for c in clauses],
                                                               "is_priority": is_priority})
    return goal


GOAL_FIELDS = ("title", "description", "start_year", "end_year", "is_priority", "weight", "owner_title")


def _update(actor, instance, values, fields, action, clauses):
    """Applies the changed `fields` of `values` and, when given, the cited clauses (never none); audits the change."""
    values = {k: normalize(v) if isinstance(v, str) and k not in CHOICE_FIELDS else v
              for k, v in values.items() if k in fields}
    _check_choices(values)
    changes = audit.apply(instance, values)
    if clauses is not None:
        clauses = _require_clauses(clauses)
        instance.clauses.set(clauses)
        changes["clauses"] = [c.pk for c in clauses]
    if changes:
        audit.record(actor, action, instance, changes={k: str(v) for k, v in changes.items()})
    return instance


@transaction.atomic
def update_goal(actor, goal, *, clauses=None, **values):
    access.check_can_define(actor, goal.organization)
    return _update(actor, goal, values, GOAL_FIELDS, "strategy.goal.update", clauses)


CHOICE_FIELDS = ("direction", "frequency", "family", "scope", "theme")
INDICATOR_FIELDS = ("name_fa", "name_en", "definition", "unit", "numerator", "denominator", "multiplier", "direction",
                    "frequency", "family", "source", "owner_title", "scope", "theme", "range_low", "range_high",
                    "is_sample_data")


@transaction.atomic
def create_indicator(actor, organization, *, code, clauses=(), goals=(), **values):
    """A new indicator of `organization`; `goals` is a list of goals or (goal, weight) pairs."""
    access.check_can_define(actor, organization)
    clauses = _require_clauses(clauses)
    code = code.strip().upper()
    if not code:
        raise InvalidInput("code_required", "کد شاخص خالی است.", "The indicator needs a code.", field="code")
    if Indicator.objects.filter(code=code).exists():
        raise InvalidInput("duplicate_code", f"کد شاخص «{code}» پیش‌تر به کار رفته است.",
                           f"The indicator code “{code}” is taken.", field="code")
    values = {k: normalize(v) if isinstance(v, str) and k not in CHOICE_FIELDS else v
              for k, v in values.items() if k in INDICATOR_FIELDS}
    _check_choices(values)
    _check_shared(organization, values)
    indicator = Indicator.objects.create(organization=organization, code=code, **values)
    indicator.clauses.set(clauses)
    GoalIndicator.objects.bulk_create(
        GoalIndicator(goal=g, indicator=indicator, weight=w)
        for g, w in ((item if isinstance(item, tuple) else (item, 1)) for item in goals)
    )
    audit.record(actor, "strategy.indicator.create", indicator, changes={"code": code, "clauses": [c.pk for c in clauses]})
    return indicator


def _check_shared(organization, values):
    """A shared (network) indicator belongs to a network body, has a theme, and an in-range one has its range."""
    if values.get("scope") != Scope.NETWORK:
        return
    if organization.municipality_id is not None:
        raise InvalidInput("shared_owner", "شاخص مشترک شبکه از آنِ دبیرخانه است، نه یک شهرداری.",
                           "A shared network indicator belongs to the secretariat, not to one municipality.",
                           field="organization")
    if not values.get("theme"):
        raise InvalidInput("theme_required", "محور شاخص مشترک را برگزینید.", "Choose the shared indicator's theme.",
                           field="theme")
    if values.get("direction") == Direction.IN_RANGE and (values.get("range_low") is None
                                                          or values.get("range_high") is None):
        raise InvalidInput("range_required", "برای شاخص بازه‌ای مشترک، دو کران بازه را بنویسید.",
                           "A shared range indicator needs both ends of its range.", field="range_low")


def _check_choices(values):
    for name, choices in (("direction", Direction), ("frequency", Frequency), ("family", Family), ("scope", Scope),
                          ("theme", Theme)):
        if name in values and values[name] not in choices.values and not (name == "theme" and values[name] == ""):
            raise InvalidInput(f"bad_{name}", f"مقدار «{values[name]}» برای {name} پذیرفته نیست.",
                               f"“{values[name]}” is not a valid {name}: use one of {', '.join(choices.values)}.",
                               field=name)


@transaction.atomic
def update_indicator(actor, indicator, *, clauses=None, **values):
    access.check_can_define(actor, indicator.organization)
    shared = ("scope", "theme", "direction", "range_low", "range_high")
    _check_shared(indicator.organization, {**{name: getattr(indicator, name) for name in shared},
                                           **{k: v for k, v in values.items() if k in shared}})
    ordering = ("direction", "range_low", "range_high")  # what ranks the cities
    before = [getattr(indicator, name) for name in ordering]
    updated = _update(actor, indicator, values, INDICATOR_FIELDS, "strategy.indicator.update", clauses)
    if [getattr(updated, name) for name in ordering] != before:
        signals.verified_values_changed.send(Indicator, indicators={updated.pk})
    return updated


def _period(indicator, period):
    """The period as a `Period` of the indicator's frequency, or an InvalidInput naming the period field."""
    try:
        parsed = period if isinstance(period, Period) else Period.parse(period)
    except JalaliParseError as error:
        raise InvalidInput("bad_period", error.message_fa, error.message_en, field="period") from None
    if parsed.kind != indicator.frequency:
        raise InvalidInput(
            "period_kind",
            f"شاخص {indicator.code} {indicator.get_frequency_display()} است و دوره‌ی «{parsed.key}» با آن نمی‌خواند.",
            f"Indicator {indicator.code} is {indicator.frequency}ly; the period “{parsed.key}” does not match.",
            field="period",
        )
    return parsed


@transaction.atomic
def set_target(actor, indicator, *, municipality, period, value, organization=None, tolerance=0, value_high=None):
    access.check_can_define(actor, organization or indicator.organization)
    period = _period(indicator, period)
    if Decimal(tolerance) < 0:
        raise InvalidInput("negative_tolerance", "دامنه‌ی تحمل نمی‌تواند منفی باشد.", "The tolerance cannot be negative.",
                           field="tolerance")
    if indicator.direction == "in_range" and value_high is None:
        raise InvalidInput("range_required", "برای شاخص بازه‌ای، کران بالای بازه را هم بنویسید.",
                           "A range indicator needs the upper end of the range.", field="value_high")
    target, _created = Target.objects.update_or_create(
        indicator=indicator, subject=subject_key(municipality.pk, organization.pk if organization else None),
        period=period.key,
        defaults={"municipality": municipality, "organization": organization, "value": value, "tolerance": tolerance,
                  "value_high": value_high},
    )
    audit.record(actor, "strategy.target.set", indicator,
                 changes={"period": period.key, "value": str(value), "tolerance": str(tolerance)})
    return target


# --- measurements ------------------------------------------------------------------------------

def _revision(measurement, action, actor, comment=""):
    return MeasurementRevision(measurement=measurement, action=action, value=measurement.value,
                               numerator=measurement.numerator, denominator=measurement.denominator,
                               status=measurement.status, comment=comment, actor=audit.stored_user(actor))


def resolve_value(indicator, value=None, numerator=None, denominator=None):
    """The stored value: computed from numerator and denominator when both are given."""
    if numerator is not None or denominator is not None:
        if numerator is None or denominator is None:
            raise InvalidInput("ratio_incomplete", "صورت و مخرج را با هم بنویسید.",
                               "Give both the numerator and the denominator.", field="denominator")
        if denominator == 0:
            raise InvalidInput("zero_denominator", "مخرج کسر صفر است.", "The denominator is zero.", field="denominator")
        return indicator.value_from(Decimal(numerator), Decimal(denominator))
    if value is None:
        raise InvalidInput("value_required", "مقدار را بنویسید.", "A value is required.", field="value")
    return Decimal(value)


def _check_open_period(organization, period_key):
    if organization is not None and PeriodClosure.objects.filter(organization=organization, period=period_key).exists():
        raise DomainError("period_closed", f"دوره‌ی {period_key} برای این سازمان بسته شده است.",
                          f"The period {period_key} is closed for this organization.")


@transaction.atomic
def save_measurement(actor, indicator, *, municipality, period, value=None, numerator=None, denominator=None,
                     organization=None, note="", explanation="", submit=False):
    """Enters or corrects a value; a verified value is refused (reopen it first)."""
    access.check_can_enter(actor, municipality.pk, organization)
    period = _period(indicator, period)
    _check_open_period(organization, period.key)
    computed = resolve_value(indicator, value, numerator, denominator)
    key = subject_key(municipality.pk, organization.pk if organization else None)
    measurement = Measurement.objects.select_for_update().filter(indicator=indicator, subject=key,
                                                                 period=period.key).first()
    if measurement and measurement.status not in EDITABLE:
        raise DomainError("verified_locked",
                          f"مقدار {indicator.code} در دوره‌ی {period.key} راستی‌آزمایی شده و جایگزین نمی‌شود.",
                          f"The verified value of {indicator.code} for {period.key} cannot be overwritten.",
                          field="value")
    if measurement is None:
        measurement = Measurement(indicator=indicator, municipality=municipality, organization=organization,
                                  period=period.key)
    measurement.value, measurement.numerator, measurement.denominator = computed, numerator, denominator
    measurement.forget_measurement()
    measurement.note, measurement.explanation = normalize(note), normalize(explanation)
    measurement.entered_by, measurement.updated = audit.stored_user(actor), timezone.now()
    if submit or measurement.status == MeasurementStatus.SUBMITTED:
        measurement.status = MeasurementStatus.SUBMITTED
    elif measurement.status == MeasurementStatus.RETURNED and not submit:
        measurement.status = MeasurementStatus.RETURNED
    measurement.save()
    _revision(measurement, "save", actor).save()
    audit.record(actor, "strategy.measurement.save", measurement,
                 changes={"indicator": indicator.code, "period": period.key, "value": str(computed)})
    return measurement


class RowsRejected(InvalidInput):
    """Several entries were refused; `errors` maps each entry's indicator code to its DomainError."""

    def __init__(self, errors):
        super().__init__("rows_rejected", "برخی ردیف‌ها پذیرفته نشد؛ چیزی ذخیره نشد.",
                         "Some rows were refused; nothing was saved.")
        self.errors = errors


@transaction.atomic
def save_period_values(actor, entries):
    """Saves and submits several values at once (a month's entry form): all of them, or none.

    `entries` are keyword dicts for save_measurement(). Every entry is tried so that every error is
    reported; any error rolls the whole set back.
    """
    errors, saved = {}, []
    for entry in entries:
        try:
            with transaction.atomic():
                saved.append(save_measurement(actor, submit=True, **entry))
        except DomainError as error:
            errors[entry["indicator"].code] = error
    if errors:
        raise RowsRejected(errors)
    return saved


@transaction.atomic
def move_measurement(actor, measurement, action, reason=""):
    """submit, verify, return or reopen, by the table in workflow.py."""
    def authorize(row):
        if MEASUREMENT_MOVES[action].actor == ENTRY:
            access.check_can_enter(actor, row.municipality_id, row.organization)
        else:
            access.check_can_verify(actor, row)

    def effect(step):
        current = step.obj
        if action != "reopen":
            _check_open_period(current.organization, current.period)
        step.set(return_reason=step.comment if step.move.target == MeasurementStatus.RETURNED else "")
        if step.move.target == MeasurementStatus.VERIFIED:
            step.set(verified_by=audit.stored_user(actor), verified_at=step.now)
        if step.move.target == MeasurementStatus.RETURNED and current.entered_by_id:
            network_services.notify(
                [current.entered_by], gettext_noop("Your value of %(indicator)s for %(period)s was returned to you."),
                url=reverse("strategy:enter", args=[current.indicator.organization.slug]) + f"?period={current.period}",
                indicator=current.indicator.code, period=current.period)
        _revision(current, action, actor, step.comment).save()

    moved = MEASUREMENTS.apply(actor, measurement, action, reason, authorize=authorize, effect=effect,
                               queryset=Measurement.objects.select_related("organization", "indicator__organization",
                                                                           "entered_by"))
    if action in ("verify", "reopen"):  # the only moves into and out of the verified values
        _verified_values_changed({(moved.indicator_id, moved.period)})
    return moved


@transaction.atomic
def verify_batch(actor, batch):
    """Verifies every submitted value of one import at once, once a verifier has reviewed the file; returns how many.

    The same rules as one verification: a verifier of every municipality in the batch, who did not import it, and
    no value in a closed period. Otherwise nothing is verified. It is the table's `verify` move made on the whole
    import in one UPDATE, with one audit event on the batch: an import holds thousands of rows.
    """
    move = MEASUREMENT_MOVES["verify"]
    pending = list(Measurement.objects.select_for_update(of=("self",))
                   .filter(batch=batch, status__in=move.sources).select_related("organization"))
    if not pending:
        raise DomainError("nothing_to_verify", "در این بارگذاری داده‌ی در انتظار راستی‌آزمایی نیست.",
                          "This import has no values awaiting verification.")
    for measurement in {m.municipality_id: m for m in pending}.values():
        access.check_can_verify(actor, measurement)
    closed = set(PeriodClosure.objects.filter(organization_id__in={m.organization_id for m in pending},
                                              period__in={m.period for m in pending})
                 .values_list("organization_id", "period"))
    for measurement in pending:
        if (measurement.organization_id, measurement.period) in closed:
            _check_open_period(measurement.organization, measurement.period)
    now = timezone.now()
    # The same rows as `pending`: they are locked (on SQLite the whole database is) until the end.
    Measurement.objects.filter(batch=batch, status__in=move.sources).update(
        status=move.target, verified_by=audit.stored_user(actor), verified_at=now, return_reason="", updated=now)
    for measurement in pending:
        measurement.status = move.target
    MeasurementRevision.objects.bulk_create(_revision(m, "verify", actor) for m in pending)
    audit.record(actor, "strategy.measurement.verify_batch", batch, changes={"verified": len(pending)})
    _verified_values_changed({(m.indicator_id, m.period) for m in pending})
    return len(pending)


def _verified_values_changed(pairs):
    """Inside the service's transaction: retires the fragments that show these indicators' verified values
    (datakeys.indicator_values) and tells the apps above, which keep their standings."""
    fragments.bump(*(datakeys.indicator_values(indicator_id) for indicator_id, _period in pairs))
    signals.verified_values_changed.send(Measurement, pairs=pairs)


@transaction.atomic
def record_measured_value(actor, indicator, *, municipality, period, value, sample_size, low, high, source_url,
                          organization=None, note=""):
    """Writes a value the platform measured itself (a closed survey wave) as verified, with how many answered and
    its 95% interval, replacing whatever the city had entered for that period (kept in the revisions and the
    audit trail). A measured value needs no second pair of eyes: nobody typed it."""
    access.check_can_record_measured_values(actor)
    period = _period(indicator, period)
    _check_open_period(organization, period.key)
    key = subject_key(municipality.pk, organization.pk if organization else None)
    measurement = Measurement.objects.select_for_update().filter(indicator=indicator, subject=key,
                                                                 period=period.key).first()
    replaced = None if measurement is None else str(measurement.value)
    if measurement is None:
        measurement = Measurement(indicator=indicator, municipality=municipality, organization=organization,
                                  period=period.key)
    quantum = Measurement.QUANTUM
    measurement.value = Decimal(str(value)).quantize(quantum)
    measurement.numerator = measurement.denominator = None
    measurement.sample_size = sample_size
    measurement.interval_low = Decimal(str(low)).quantize(quantum)
    measurement.interval_high = Decimal(str(high)).quantize(quantum)
    measurement.source_url, measurement.note = source_url, normalize(note)
    measurement.status, measurement.return_reason = MeasurementStatus.VERIFIED, ""
    now = timezone.now()
    measurement.entered_by = measurement.verified_by = audit.stored_user(actor)
    measurement.verified_at = measurement.updated = now
    measurement.save()
    _revision(measurement, "measure", actor, note).save()
    audit.record(actor, "strategy.measurement.measure", measurement,
                 changes={"indicator": indicator.code, "period": period.key, "value": str(measurement.value),
                          "answers": sample_size, "replaced": replaced})
    _verified_values_changed({(indicator.pk, period.key)})
    return measurement


@transaction.atomic
def explain_measurement(actor, measurement, explanation):
    """The explanation an off-track priority value needs before its period can close; allowed even once verified."""
    access.check_can_enter(actor, measurement.municipality_id, measurement.organization)
    explanation = normalize(explanation)
    if not explanation:
        raise InvalidInput("explanation_required", "توضیح خالی است.", "The explanation is empty.", field="explanation")
    Measurement.objects.filter(pk=measurement.pk).update(explanation=explanation, updated=timezone.now())
    measurement.explanation = explanation
    audit.record(actor, "strategy.measurement.save", measurement, changes={"explanation": explanation})
    return measurement


@transaction.atomic
def close_period(actor, organization, period):
    """Closes an organization's period once every off-track priority indicator in it is explained."""
    access.check_can_enter(actor, organization.municipality_id, organization)
    if PeriodClosure.objects.filter(organization=organization, period=period).exists():
        raise DomainError("period_closed", f"دوره‌ی {period} پیش‌تر بسته شده است.", f"The period {period} is already closed.")
    missing = monitoring.unexplained_off_track(organization, period)
    if missing:
        codes = "، ".join(m.indicator.code for m in missing)
        raise DomainError("explanation_missing",
                          f"پیش از بستن دوره، انحراف این شاخص‌های اولویت‌دار را توضیح دهید: {codes}",
                          f"Explain the off-track priority indicators before closing the period: "
                          f"{', '.join(m.indicator.code for m in missing)}")
    closure = PeriodClosure.objects.create(organization=organization, period=period, closed_by=audit.stored_user(actor))
    audit.record(actor, "strategy.period.close", organization, changes={"period": period})
    return closure


# --- programs ----------------------------------------------------------------------------------

@transaction.atomic
def create_program(actor, goal, *, title, owner_organization, starts_on, ends_on, parent=None, owner_title="",
                   milestones=()):
    access.check_can_define(actor, goal.organization)
    if ends_on < starts_on:
        raise InvalidInput("ends_before_start", "تاریخ پایان پیش از تاریخ آغاز است.", "The end date is before the start.",
                           field="ends_on")
    program = Program.objects.create(goal=goal, parent=parent, title=normalize(title), owner_title=normalize(owner_title),
                                     owner_organization=owner_organization, starts_on=starts_on, ends_on=ends_on)
    Milestone.objects.bulk_create(Milestone(program=program, title=normalize(t), due_on=d, done_on=done)
                                  for t, d, done in milestones)
    audit.record(actor, "strategy.program.create", program, changes={"goal": goal.pk})
    return program


@transaction.atomic
def complete_milestone(actor, milestone, done_on=None):
    access.check_can_define(actor, milestone.program.goal.organization)
    if milestone.done_on:
        raise DomainError("milestone_done", "این نقطه‌ی عطف پیش‌تر انجام شده است.", "This milestone is already done.")
    milestone.done_on = done_on or timezone.localdate()
    milestone.save(update_fields=["done_on"])
    audit.record(actor, "strategy.program.update", milestone.program, changes={"milestone": milestone.title,
                                                                                "done_on": str(milestone.done_on)})
    return milestone


@transaction.atomic
def update_program(actor, program, *, progress=None, status=None):
    access.check_can_define(actor, program.goal.organization)
    changes = {}
    if progress is not None:
        if not 0 <= int(progress) <= 100:
            raise InvalidInput("progress_range", "پیشرفت باید میان ۰ و ۱۰۰ درصد باشد.", "Progress must be 0–100%.",
                               field="progress")
        changes["progress"] = [program.progress, int(progress)]
        program.progress = int(progress)
    if status is not None:
        if status not in ProgramStatus.values:
            raise InvalidInput("bad_status", f"وضعیت «{status}» شناخته نیست.", f"Unknown status “{status}”.", field="status")
        changes["status"] = [program.status, status]
        program.status = status
    if changes:
        program.save(update_fields=list(changes))
        audit.record(actor, "strategy.program.update", program, changes=changes)
    return program

