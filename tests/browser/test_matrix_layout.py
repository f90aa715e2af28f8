"""The adoption matrix fits a phone: it scrolls in its own box, with its header row and first column in view."""

import pytest

pytestmark = pytest.mark.browser


def test_the_matrix_keeps_its_header_and_first_column_in_view(live_demo, page, screenshot):
    page.set_viewport_size({"width": 375, "height": 560})
    page.goto("/adoptions/")
    box = page.locator(".matrix-scroll")
    assert box.evaluate("b => b.scrollHeight > b.clientHeight && b.scrollWidth > b.clientWidth")
    # RTL: the first column is on the right and the box scrolls to negative scrollLeft.
    box.evaluate("b => { b.scrollTop = b.scrollHeight; b.scrollLeft = -b.scrollWidth; }")
    frame = box.bounding_box()
    corner = page.locator(".matrix thead th.sticky").bounding_box()
    first_row_head = page.locator(".matrix tbody tr").last.locator("th.sticky").bounding_box()
    header = page.locator(".matrix thead th").nth(3).bounding_box()
    assert abs(corner["y"] - frame["y"]) < 2 and abs(header["y"] - frame["y"]) < 2  # the header row stays on top
    right = frame["x"] + frame["width"]
    assert abs(corner["x"] + corner["width"] - right) < 20  # the first column stays at the start (right in RTL)
    assert abs(first_row_head["x"] + first_row_head["width"] - right) < 20
    screenshot(page, "adoption-matrix-fa-phone-scrolled")
