"""Labelled comment sets (tests/portal/data/moderation-*.txt) and how the pipeline does on them.

The file format is described at the top of each set. `evaluate(path)` judges every comment against its article
(and the comment it replies to) exactly as the portal does, and returns a `Report`: per reason precision and recall,
what became of the clean comments, the guarantees, and every comment whose decision differs from its label.
"""

from dataclasses import dataclass, field

from . import REASONS, REJECT, PUBLISH, REVIEW, Topic, judge

DECISIONS = (PUBLISH, REVIEW, REJECT)


class LabelledSetError(ValueError):
    pass


@dataclass(frozen=True)
class Labelled:
    id: str
    article: str
    parent: str
    decision: str
    reasons: frozenset
    text: str
    line: int


def read(path):
    """({article key: text}, [Labelled]); raises LabelledSetError naming the line and the field."""
    articles, comments = {}, []
    with open(path, encoding="utf-8") as handle:
        lines = handle.read().splitlines()
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("@"):
            key, _sep, text = line[1:].partition(" | ")
            articles[key.strip()] = text.strip()
            continue
        parts = line.split(" | ", 4)
        if len(parts) != 5:
            raise LabelledSetError(f"سطر {number}: پنج ستون لازم است. / Line {number}: five columns are needed.")
        ident, where, decision, reasons, text = (part.strip() for part in parts)
        article, _sep, parent = where.partition("/")
        if article not in articles:
            raise LabelledSetError(f"سطر {number}: خبر «{article}» تعریف نشده است. / "
                                   f"Line {number}: article “{article}” is not defined above it.")
        if decision not in DECISIONS:
            raise LabelledSetError(f"سطر {number}: تصمیم «{decision}» نامعتبر است. / "
                                   f"Line {number}: decision “{decision}” is not one of {', '.join(DECISIONS)}.")
        labels = frozenset() if reasons == "-" else frozenset(reason.strip() for reason in reasons.split(","))
        if not labels <= set(REASONS):
            raise LabelledSetError(f"سطر {number}: دلیل نامعتبر «{reasons}». / Line {number}: unknown reason in “{reasons}”.")
        comments.append(Labelled(ident, article, parent, decision, labels, text, number))
    return articles, comments


@dataclass
class Report:
    total: int = 0
    counts: dict = field(default_factory=dict)           # reason → (true positives, predicted, labelled)
    clean: dict = field(default_factory=dict)            # decision → clean comments so judged
    published: dict = field(default_factory=dict)        # labelled reason → comments of it published
    off_topic_held: tuple = (0, 0)                        # (off-topic comments not published, off-topic comments)
    errors: list = field(default_factory=list)           # (Labelled, Verdict)

    def precision(self, reason):
        hit, predicted, _labelled = self.counts[reason]
        return hit / predicted if predicted else None

    def recall(self, reason):
        hit, _predicted, labelled = self.counts[reason]
        return hit / labelled if labelled else None

    def clean_share(self, decision):
        total = sum(self.clean.values())
        return self.clean.get(decision, 0) / total if total else None


def evaluate(path):
    articles, comments = read(path)
    by_id = {comment.id: comment for comment in comments}
    topics = {key: Topic(text) for key, text in articles.items()}
    report = Report(total=len(comments), counts={reason: [0, 0, 0] for reason in REASONS},
                    clean={decision: 0 for decision in DECISIONS}, published={reason: 0 for reason in REASONS})
    held = total_off = 0
    for comment in comments:
        topic = topics[comment.article]
        if comment.parent:
            topic = topic.with_reply_to(by_id[comment.parent].text)
        verdict = judge(comment.text, topic)
        for reason in REASONS:
            predicted, labelled = reason in verdict.reasons, reason in comment.reasons
            report.counts[reason][0] += predicted and labelled
            report.counts[reason][1] += predicted
            report.counts[reason][2] += labelled
            if labelled and verdict.decision == PUBLISH:
                report.published[reason] += 1
        if not comment.reasons:
            report.clean[verdict.decision] += 1
        if "off_topic" in comment.reasons:
            total_off += 1
            held += verdict.decision != PUBLISH
        if verdict.decision != comment.decision:
            report.errors.append((comment, verdict))
    report.off_topic_held = (held, total_off)
    return report
