"""axe-core (npm, installed by `make test`) in Chromium on the key pages, in Persian (RTL) and English.

The pages must show no serious or critical violation. axe is injected through the DevTools protocol, so the
pages' Content-Security-Policy stays as strict as in production.
"""

from pathlib import Path

import pytest

from kalanshahr.portal.models import News

from .test_resolution_journey import MEETING, sign_in

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
RUN_AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                      targets: v.nodes.slice(0, 3).map(n => n.target.join(" "))}));
}"""
BLOCKING = {"serious", "critical"}


def axe_violations(page):
    """Every axe-core violation on the page as it is now (a new page must have none, of any impact)."""
    page.evaluate(AXE.read_text(encoding="utf-8"))
    return page.evaluate(RUN_AXE)


def pages():
    news = News.objects.published().order_by("code").first()
    return {
        "home": "/",
        "meeting": MEETING,
        "adoption matrix": "/adoptions/",
        "indicator": "/indicators/IJ-01/",
        "comparison": "/benchmarking/?indicator=NET-SAT-01",
        "news": news.get_absolute_url(),
        "idea form": "/ideas/new/",
        "my tasks": "/my-tasks/",
    }


def test_key_pages_have_no_serious_or_critical_violation_in_either_language(live_demo, page):
    assert AXE.exists(), "axe-core is missing from node_modules: run `make test`, which runs npm ci"
    source = AXE.read_text(encoding="utf-8")
    sign_in(page, "tehran_editor")
    blocking, counted, checked = [], {}, 0
    for name, path in pages().items():
        for prefix in ("", "/en"):
            page.goto(prefix + path)
            assert page.locator("html").get_attribute("dir") == ("rtl" if not prefix else "ltr"), path
            page.evaluate(source)
            for violation in page.evaluate(RUN_AXE):
                counted[violation["impact"]] = counted.get(violation["impact"], 0) + 1
                if violation["impact"] in BLOCKING:
                    blocking.append(f"{name} {prefix or '/fa'}: {violation['id']} ({violation['impact']}) "
                                    f"{violation['help']}: {violation['targets']}")
            checked += 1
    print(f"\naxe-core: {checked} page views, violations by impact: {counted or 'none'}")
    assert checked == 16
    assert not blocking, "\n".join(blocking)
