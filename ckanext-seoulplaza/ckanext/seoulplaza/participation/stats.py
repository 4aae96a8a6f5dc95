"""정보공개청구현황: how many requests came in, how they were decided and
whether within the legal period, overall and by agency. Aggregates only:
no requester, no request text."""
from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from typing import Any, Optional

from ckan import model

from . import disclosure
from .model import DisclosureRequest


def request_statistics(today: dt.date, year: Optional[int] = None) -> dict[str, Any]:
    query = model.Session.query(DisclosureRequest)
    if year:
        query = query.filter(DisclosureRequest.received_on >= dt.date(year, 1, 1),
                             DisclosureRequest.received_on <= dt.date(year, 12, 31))
    requests = query.all()
    titles = dict(model.Session.query(model.Group.id, model.Group.title)
                  .filter(model.Group.id.in_({r.owner_org for r in requests if r.owner_org})).all())
    by_agency: dict[str, Counter] = defaultdict(Counter)
    decisions: Counter = Counter()
    days_to_decide = []
    totals: Counter = Counter()
    for r in requests:
        agency = by_agency[titles.get(r.owner_org, r.department or "-")]
        agency["received"] += 1
        totals["received"] += 1
        if r.decision:
            decisions[r.decision] += 1
            agency[r.decision] += 1
            days_to_decide.append((r.decided_on - r.received_on).days)
            within = r.decided_on <= disclosure.current_due(r)
            totals["decided_in_time" if within else "decided_late"] += 1
        if r.extended_due_on:
            totals["extended"] += 1
        if disclosure.overdue(r, today):
            totals["overdue"] += 1
            agency["overdue"] += 1
        if r.objected_on:
            totals["objections"] += 1
        totals[r.status] += 1
    decided = sum(decisions.values())
    return {
        "year": year, "as_of": today.isoformat(), "received": totals["received"],
        "pending": sum(totals[s] for s in disclosure.UNDECIDED), "withdrawn": totals[disclosure.WITHDRAWN],
        "decided": decided, "decisions": {d: decisions[d] for d in disclosure.DECISIONS},
        "disclosure_rate": round(100 * (decisions["공개"] + decisions["부분공개"]) / decided, 1) if decided else None,
        "decided_in_time": totals["decided_in_time"], "decided_late": totals["decided_late"],
        "extended": totals["extended"], "overdue": totals["overdue"],
        "average_days_to_decision": round(sum(days_to_decide) / len(days_to_decide), 1) if days_to_decide else None,
        "objections": totals["objections"], "objections_upheld": totals[disclosure.UPHELD],
        "objections_dismissed": totals[disclosure.DISMISSED],
        "by_agency": [{"agency": name, "received": c["received"], "공개": c["공개"], "부분공개": c["부분공개"],
                       "비공개": c["비공개"], "overdue": c["overdue"]}
                      for name, c in sorted(by_agency.items(), key=lambda kv: (-kv[1]["received"], kv[0]))],
    }
