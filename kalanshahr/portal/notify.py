"""The portal's one email: telling a comment's author why it was not published, when they gave an address."""


from kalanshahr.lib import mail
from kalanshahr.lib.bidi import isolate_codes_in_text


def comment_rejected(comment):
    lines = [f"نظر شما درباره‌ی خبر «{comment.news.title}» منتشر نشد."]
    if comment.reject_reason:
        lines.append(f"دلیل: {comment.reject_reason}")
    lines.append("سیاست نظرها: بی‌توهین و بی‌اتهام به اشخاص، به فارسی و درباره‌ی همان خبر.")
    body = isolate_codes_in_text("\n\n".join(lines))  # a code or link in the title keeps its order
    mail.send_later("کلانشهر: نظر شما منتشر نشد", body, [comment.email])
