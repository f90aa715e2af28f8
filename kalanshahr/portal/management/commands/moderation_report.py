"""How the moderation pipeline does on a labelled comment set.

    python manage.py moderation_report tests/portal/data/moderation-holdout.txt

Prints, per reason, precision and recall; what became of the clean comments (published, sent to review,
rejected); the guarantees (insults and non-Persian comments published, clean comments rejected); the share of
off-topic comments held back; and every comment whose decision differs from its label. A file that cannot be read
ends the command with a message naming the line, in Persian and English.
"""

from django.core.management.base import BaseCommand, CommandError

from kalanshahr.portal.moderation import REASONS
from kalanshahr.portal.moderation.evaluation import LabelledSetError, evaluate


def _percent(value):
    return "   —  " if value is None else f"{value * 100:5.1f}%"


class Command(BaseCommand):
    help = "Precision and recall of comment moderation on a labelled set (tests/portal/data/moderation-*.txt)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="A labelled set in the format described at the top of each set.")

    def handle(self, *args, **options):
        try:
            report = evaluate(options["file"])
        except OSError as error:
            raise CommandError(f"پرونده «{options['file']}» خوانده نشد. / Cannot read “{options['file']}”: {error}")
        except (LabelledSetError, UnicodeDecodeError) as error:
            raise CommandError(str(error))
        out = self.stdout.write
        out(f"{options['file']}: {report.total} comments")
        out("reason        precision  recall   (found / flagged / labelled)")
        for reason in REASONS:
            hit, predicted, labelled = report.counts[reason]
            out(f"  {reason:<12} {_percent(report.precision(reason))}   {_percent(report.recall(reason))}"
                f"   ({hit} / {predicted} / {labelled})")
        clean = sum(report.clean.values())
        out(f"clean comments: {clean}: published {_percent(report.clean_share('publish'))}, "
            f"review {_percent(report.clean_share('review'))}, rejected {_percent(report.clean_share('reject'))}")
        held, off_topic = report.off_topic_held
        out(f"off-topic comments not published: {held} of {off_topic}")
        out(f"guarantees: insults published {report.published['insult']}, non-Persian published "
            f"{report.published['not_persian']}, clean comments rejected {report.clean['reject']}")
        out(f"decisions that differ from the label: {len(report.errors)}")
        for comment, verdict in report.errors:
            labels = ",".join(sorted(comment.reasons)) or "clean"
            found = ",".join(verdict.reasons) or "-"
            out(f"  {comment.id} (line {comment.line}) labelled {comment.decision}/{labels}, "
                f"judged {verdict.decision}/{found}: {comment.text}")
