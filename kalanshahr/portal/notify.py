"""The portal's one email: telling a comment's author why it was not published, when they gave an address."""

from django.conf import settings
from django.core.mail import send_mail


def comment_rejected(comment):
    lines = [f"نظر شما درباره‌ی خبر «{comment.news.title}» منتشر نشد."]
    if comment.reject_reason:
        lines.append(f"دلیل: {comment.reject_reason}")
    lines.append("سیاست نظرها: بی‌توهین و بی‌اتهام به اشخاص، به فارسی و درباره‌ی همان خبر.")
    send_mail("کلانشهر: نظر شما منتشر نشد", "\n\n".join(lines), settings.DEFAULT_FROM_EMAIL, [comment.email])
