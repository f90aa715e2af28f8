"""What writing the calendar feeds with `icalendar` costs (issue 22), side by side with the least a hand-written
writer must do: escape the text and fold every line at 75 octets without cutting a Persian letter in two.

    taskset -c 0 .venv/bin/python bench/ics_feed.py [--events 500] [--rounds 7]

Both writers build the same feed of all-day events with Persian titles and descriptions (as kalanshahr.meetings.
calendar does); each round times them interleaved and reports icalendar's time as a multiple of the hand-written
one's, and the hand-written output is checked to parse back to the same events with icalendar. Nothing touches
the database.
"""

import argparse
import datetime
import statistics
import time

import icalendar

TITLE = "نشست {n} از نشست‌های تخصصی معاونان مالی و اداری شهرداری‌های کلانشهرها"
DESCRIPTION = ("میزبان: مشهد\nاز ۲۱ بهمن ۱۴۰۵ تا ۲۲ بهمن ۱۴۰۵؛ دستور کار: درآمد پایدار، عوارض نوسازی، حسابرسی.\n"
               "https://example.org/m/{n}/")
STAMP = datetime.datetime(2026, 12, 7, 12, 0, tzinfo=datetime.timezone.utc)


def events(count):
    start = datetime.date(2027, 1, 1)
    return [(f"meeting-{n}@kalanshahr", start + datetime.timedelta(days=n), TITLE.format(n=n),
             DESCRIPTION.format(n=n)) for n in range(count)]


def with_icalendar(items):
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Kalanshahr//bench//FA")
    calendar.add("version", "2.0")
    for uid, day, summary, description in items:
        event = icalendar.Event()
        event.add("uid", uid)
        event.add("dtstamp", STAMP)
        event.add("dtstart", day)
        event.add("dtend", day + datetime.timedelta(days=1))
        event.add("summary", summary)
        event.add("description", description)
        calendar.add_component(event)
    return calendar.to_ical()


def _escape(text):
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line):
    """RFC 5545 3.1: lines of at most 75 octets, continued after CRLF and a space, never inside a character."""
    out, current = [], b""
    for char in line:
        encoded = char.encode()
        limit = 75 if not out else 74  # a continuation line starts with the space
        if len(current) + len(encoded) > limit:
            out.append(current)
            current = b""
        current += encoded
    out.append(current)
    return b"\r\n ".join(out)


def by_hand(items):
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Kalanshahr//bench//FA"]
    stamp = STAMP.strftime("%Y%m%dT%H%M%SZ")
    for uid, day, summary, description in items:
        lines += ["BEGIN:VEVENT", f"SUMMARY:{_escape(summary)}", f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
                  f"DTEND;VALUE=DATE:{day + datetime.timedelta(days=1):%Y%m%d}", f"DTSTAMP:{stamp}", f"UID:{uid}",
                  f"DESCRIPTION:{_escape(description)}", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return b"\r\n".join(_fold(line) for line in lines) + b"\r\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    items = events(args.events)
    parsed = icalendar.Calendar.from_ical(by_hand(items))
    assert [(str(e["uid"]), str(e["summary"]), str(e["description"])) for e in parsed.walk("VEVENT")] == [
        (uid, summary, description) for uid, _day, summary, description in items], "the hand-written feed differs"
    with_icalendar(items), by_hand(items)  # warm up
    library, hand = [], []
    for _round in range(args.rounds):
        started = time.perf_counter()
        with_icalendar(items)
        library.append(time.perf_counter() - started)
        started = time.perf_counter()
        by_hand(items)
        hand.append(time.perf_counter() - started)
    ratios = sorted(a / b for a, b in zip(library, hand))
    print(f"{args.events} events, {args.rounds} rounds: icalendar median {statistics.median(library) * 1000:.1f} ms, "
          f"hand-written {statistics.median(hand) * 1000:.1f} ms, icalendar / hand-written: median "
          f"{statistics.median(ratios):.2f}x (from {ratios[0]:.2f} to {ratios[-1]:.2f})")


if __name__ == "__main__":
    main()
