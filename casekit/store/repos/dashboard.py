"""The dashboard's statements (:mod:`casekit.services.dashboard`): plain SQL, no SQLAlchemy.

The dashboard is the first thing casekit paints: it runs these on SQLite through the standard
library's ``sqlite3`` and on PostgreSQL through :func:`casekit.store.repos.matter_list.run_text`.
This module imports nothing, so that importing it costs nothing before the first paint.
"""

# The dashboard is the first thing painted, so its queries are plain SQL that runs on SQLite
# through the standard library (no SQLAlchemy import before the first paint: DEPENDENCIES.md)
# and on PostgreSQL through the engine. ``status || ''`` keeps SQLite, which has no statistics
# unless ANALYZE ran, on the due-date and (matter_id, status) indexes instead of the status
# index (which would visit every open deadline); "no open deadline" is then read from the
# (matter_id, status) index alone. Every query walks an index range and stops early; measured
# at 10,000 matters / 32,000 deadlines: the whole dashboard in about 25 ms.
# Every statement is put together from this module's own fixed fragments (``_OPEN``, the
# ``SECTIONS`` conditions); every value is a bound parameter (hence the S608 waivers below).
_OPEN = "d.status || '' = 'open'"
SECTIONS = (
    ("overdue", "Overdue", "d.safe_target < :today"),
    ("today", "Today", "d.safe_target = :today"),
    ("week", "This week", "d.safe_target > :today AND d.safe_target <= :week_end"),
    ("month", "Next 30 days", "d.safe_target > :week_end AND d.safe_target <= :month_end"),
)
# "Nobody answers for it": no responsible attorney, or one no longer active. Decided for the
# (at most AGENDA_LIMIT) rows returned, outside the ordered scan: joining the user table inside
# it doubled the overdue section's cost at 10,000 matters.
AGENDA_SQL = (
    "SELECT a.id, a.matter_id, a.number, a.name, a.title, a.due, a.safe_target, a.confidence, "  # noqa: S608
    '(a.attorney_id IS NULL OR a.attorney_id IN (SELECT id FROM "user" WHERE active = false)) '
    "FROM (SELECT d.id, d.matter_id, m.number, c.name, d.title, d.due, d.safe_target, "
    "d.confidence, m.attorney_id FROM deadline d JOIN matter m ON m.id = d.matter_id "
    "JOIN client c ON c.id = m.client_id "
    f"WHERE {_OPEN} AND {{cond}} ORDER BY d.safe_target, d.due, m.number LIMIT :limit) a "
    "ORDER BY a.safe_target, a.due, a.number"
)
DEADLINE_COUNT_SQL = (
    f"SELECT count(*) FROM (SELECT 1 FROM deadline d WHERE {_OPEN} AND {{cond}} LIMIT :cap) x"  # noqa: S608
)
QUIET_WHERE = (
    "m.status IN ('intake', 'screening', 'active') AND NOT EXISTS "  # noqa: S608
    f"(SELECT 1 FROM deadline d WHERE d.matter_id = m.id AND {_OPEN})"
)
QUIET_SQL = (
    "SELECT m.id, m.number, c.name, m.status, u.name, m.opened_on FROM matter m "  # noqa: S608
    'JOIN client c ON c.id = m.client_id LEFT JOIN "user" u ON u.id = m.attorney_id '
    f"WHERE {QUIET_WHERE} ORDER BY m.id DESC LIMIT :limit"
)
QUIET_COUNT_SQL = f"SELECT count(*) FROM (SELECT 1 FROM matter m WHERE {QUIET_WHERE} LIMIT :cap) x"  # noqa: S608
# Counted from the (attorney_id, status) index alone (migration 0011): the matters with no
# attorney, then those of inactive attorneys (an IN list, so SQLite stays on that index).
UNASSIGNED_COUNT_SQL = (
    "SELECT count(*) FROM (SELECT 1 FROM matter m WHERE m.attorney_id IS NULL "
    "AND m.status IN ('intake', 'screening', 'active') UNION ALL "
    'SELECT 1 FROM matter m WHERE m.attorney_id IN (SELECT id FROM "user" WHERE active = false) '
    "AND m.status IN ('intake', 'screening', 'active') LIMIT :cap) x"
)
BY_STATUS_SQL = "SELECT status, count(*) FROM matter GROUP BY status"
# The (expires_on, status) index answers this range; the table holds a few rows per matter.
OFFERS_SQL = (
    "SELECT r.id, r.matter_id, m.number, c.name, r.kind, r.side, r.cents, r.expires_on "
    "FROM resolutionevent r JOIN matter m ON m.id = r.matter_id "
    "JOIN client c ON c.id = m.client_id "
    "WHERE r.expires_on >= :offer_from AND r.expires_on <= :offer_end AND r.status = 'open' "
    "ORDER BY r.expires_on, m.number LIMIT :offer_limit"
)
TIMERS_SQL = (
    "SELECT t.id, t.matter_id, m.number, u.name, t.started_at FROM timer t "
    'JOIN matter m ON m.id = t.matter_id JOIN "user" u ON u.id = t.user_id '
    "WHERE t.started_by = :actor ORDER BY t.started_at"
)
# Open out-of-date markers (casekit.services.deadlines.markers): a handful at most, no index needed.
MARKERS_SQL = "SELECT matter_id, deadline_ids FROM recomputemarker WHERE resolution = ''"
SETTINGS_SQL = "SELECT key, value FROM setting WHERE key IN ('casekit.demo', 'firm.name')"
