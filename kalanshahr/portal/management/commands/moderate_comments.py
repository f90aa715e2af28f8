"""Judges comments against an article through exactly the pipeline the web uses (portal/moderation.py).

    python manage.py moderate_comments --article ARTICLE.txt --comments COMMENTS.jsonl

COMMENTS.jsonl has one JSON object per line with `id` and `text`. One JSON line per comment is printed:
{"id": ..., "decision": "publish|review|reject", "reasons": [...]}. Unreadable input ends the command with a
clear message (Persian and English) and a non-zero exit code; nothing is printed for a file that fails.
"""

import json

from django.core.management.base import BaseCommand, CommandError

from kalanshahr.portal.moderation import Topic, judge


def _read(path, what):
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    except (OSError, UnicodeDecodeError) as error:
        raise CommandError(f"پرونده‌ی {what} «{path}» خوانده نشد. / Cannot read the {what} file “{path}”: {error}")


class Command(BaseCommand):
    help = "Judge comments (JSON lines with id and text) against an article, as the portal does."

    def add_arguments(self, parser):
        parser.add_argument("--article", required=True, help="The article's text (UTF-8).")
        parser.add_argument("--comments", required=True, help="JSON lines: {\"id\": ..., \"text\": \"...\"}.")

    def handle(self, *args, **options):
        topic = Topic(_read(options["article"], "article"))
        comments = []
        for number, line in enumerate(_read(options["comments"], "comments").splitlines(), start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except json.JSONDecodeError as error:
                raise CommandError(f"سطر {number}: JSON نادرست است. / Line {number}: not valid JSON ({error.msg}).")
            if not isinstance(item, dict) or "id" not in item or not isinstance(item.get("text"), str):
                raise CommandError(f"سطر {number}: «id» و «text» (متن) لازم است. / "
                                   f"Line {number}: each line needs an “id” and a “text” string.")
            comments.append(item)
        for item in comments:
            verdict = judge(item["text"], topic)
            self.stdout.write(json.dumps({"id": item["id"], "decision": verdict.decision,
                                          "reasons": list(verdict.reasons)}, ensure_ascii=False))
