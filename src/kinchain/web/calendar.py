"""A client's calendar feed (iCalendar, RFC 5545): her daily reminder as a repeating event at
her local time, in her own time zone, and her next check-in as a one-day event."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from kinchain.records import ReminderPlan

__all__ = ["feed"]


def feed(client_id: str, plan: ReminderPlan | None, next_checkin: dt.date, base: str) -> bytes:
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//kinchain//reminders//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "My routine")
    if plan is not None and plan.active:
        zone = ZoneInfo(plan.zone)
        start = dt.datetime.combine(dt.date.today(), plan.local_time, tzinfo=zone)
        daily = Event()
        daily.add("uid", f"routine-{client_id}@kinchain")
        daily.add("summary", "My routine")
        daily.add("description", f"Today's routine: {base}/today")
        daily.add("dtstart", start)
        daily.add("duration", dt.timedelta(minutes=20))
        daily.add("rrule", {"freq": "daily"})
        daily.add("dtstamp", dt.datetime.now(dt.UTC))
        calendar.add_component(daily)
    checkin = Event()
    checkin.add("uid", f"checkin-{client_id}-{next_checkin.isoformat()}@kinchain")
    checkin.add("summary", "My check-in")
    checkin.add("description", f"Tell your coach how it went: {base}/today")
    checkin.add("dtstart", next_checkin)
    checkin.add("dtend", next_checkin + dt.timedelta(days=1))
    checkin.add("dtstamp", dt.datetime.now(dt.UTC))
    calendar.add_component(checkin)
    calendar.add_missing_timezones()
    return bytes(calendar.to_ical())
