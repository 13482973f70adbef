"""On a phone (390 × 844, touch): the pages used away from the desk fit the screen with the
menu closed, and the day's work gets done end to end — a salesperson finds a customer by the
last four digits of the mobile, records a visit and moves the opportunity on, calls the
customer (logged); a clerk records a follow-up attempt and uploads a claim paper from the
camera. Screenshots of every page at 390 px go with the other browser tests' ones."""

import struct
import zlib

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from aftersales.models import FollowUp
from aftersales.services import ensure_default_claim_checklist
from core.models import AccessLog
from sales.models import Visit
from tests.aftersales import factories as af
from tests.customers.factories import make_customer
from tests.sales.factories import make_opportunity
from underwriting.services import ensure_default_checklist

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTH = 390
PHONE = {
    "viewport": {"width": WIDTH, "height": 844},
    "screen": {"width": WIDTH, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
    "locale": "zh-TW",
    "user_agent": (
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 "
        "(KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1"
    ),
}
MOBILE = "13912345678"


@pytest.fixture
def phone(browser, live_server):
    """phone(user, width=390) -> a page signed in on a phone-sized, touch browser."""
    contexts = []

    from tests.conftest import two_factor_code, two_factor_device

    def _open(user, width=WIDTH, password="Test-Password-2026"):
        options = {**PHONE, "viewport": {"width": width, "height": 844}}
        options["screen"] = options["viewport"]
        context = browser.new_context(**options)
        contexts.append(context)
        page = context.new_page()
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("#id_username", user.username)
        page.fill("#id_password", password)
        device = two_factor_device(user)  # the second factor, as tests/conftest.py login
        page.click("button[type=submit]")
        if device is not None:
            page.wait_for_url("**/two-factor/verify/**")
            page.fill("#id_token", two_factor_code(user))
            page.click("#two-factor-form button[type=submit]")
        page.wait_for_url(f"{live_server.url}/")
        return page

    yield _open
    for context in contexts:
        context.close()


def fits(page, width=WIDTH):
    """No sideways scrolling and the menu closed on load."""
    page.wait_for_load_state("load")
    assert page.evaluate("document.documentElement.scrollWidth") == width, page.url
    expect(page.locator("#app-sidebar")).to_be_hidden()
    # the top bar keeps search, My work, notifications and the user menu
    for selector in ("#topbar-mywork", "#user-menu", "button[aria-label='通知']"):
        expect(page.locator(selector)).to_be_visible()


def small_targets(page):
    """Visible buttons and links of the frame's top bar smaller than 44 × 44 px."""
    return page.evaluate(
        """() => [...document.querySelectorAll('.app-topbar .btn')]
            .filter(el => el.offsetParent !== null)
            .map(el => el.getBoundingClientRect())
            .filter(r => r.width < 44 || r.height < 44).length"""
    )


def png_bytes():
    """A real (tiny) PNG: what a phone's camera hands over, as far as the content check goes."""

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    raw = b"".join(b"\x00" + b"\xff\xff\xff" * 8 for _ in range(8))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 8, 8, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def test_a_salesperson_works_a_day_from_a_phone(phone, salesperson, live_server, screenshot):
    customer = make_customer(salesperson, name="陳美華", mobile=MOBILE, street="南京西路1266號")
    make_customer(salesperson, name="林志明", mobile="13800001111")
    opportunity = make_opportunity(customer, stage="new", next_action="電話約見面")
    url = live_server.url

    page = phone(salesperson)
    fits(page)
    assert small_targets(page) == 0
    screenshot(page, "home-my-work")

    # the menu opens over the page and closes again
    page.click("#sidebar-toggle")
    expect(page.locator("#app-sidebar")).to_be_visible()
    box = page.locator("#app-sidebar").bounding_box()
    assert box["x"] == 0 and box["width"] < WIDTH
    assert page.evaluate("document.documentElement.scrollWidth") == WIDTH
    screenshot(page, "menu-open")
    page.click("#app-sidebar-backdrop", position={"x": WIDTH - 20, "y": 400})
    expect(page.locator("#app-sidebar")).to_be_hidden()

    page.goto(f"{url}/sales/visits/agenda/")
    fits(page)
    screenshot(page, "agenda")

    # the top bar's search finds the file by the last four digits of the mobile
    page.fill("#topbar-search", MOBILE[-4:])
    page.press("#topbar-search", "Enter")
    page.wait_for_url(f"{url}/customers/customers/?q={MOBILE[-4:]}")
    fits(page)
    cards = page.locator("#table-area tbody tr")
    expect(cards).to_have_count(1)
    title = cards.first.locator("td.card-title")
    expect(title).to_contain_text("陳美華")
    expect(cards.first.locator("td.card-fact[data-label]").first).to_be_visible()
    expect(page.locator("#table-area thead th:not(.bulk-select-cell)").first).to_be_hidden()
    screenshot(page, "customer-search")
    # bulk selection still works on the cards: the page's tick box, then the action bar
    page.locator("#table-area thead .bulk-page").tap()
    expect(page.locator("#bulk-form")).to_be_visible()
    expect(cards.first.locator(".bulk-row")).to_be_checked()
    assert page.evaluate("document.documentElement.scrollWidth") == WIDTH
    screenshot(page, "customer-search-selected")
    page.locator("#table-area thead .bulk-page").tap()
    expect(page.locator("#bulk-form")).to_be_hidden()

    title.locator("a").click()
    page.wait_for_url(f"{url}{customer.get_absolute_url()}")
    fits(page)
    expect(page.locator("#call-mobile")).to_be_visible()
    # an iPhone opens Apple Maps (other phones the geo: link)
    map_link = page.locator("#map-address").get_attribute("href")
    assert map_link.startswith("https://maps.apple.com/?q=") and "1266" in map_link
    assert MOBILE not in page.content()
    screenshot(page, "customer-file")

    # the call control: through the view that logs it, to the dialler; the page never held it
    call_url = page.locator("#call-mobile").get_attribute("href")
    before = AccessLog.objects.filter(action=AccessLog.Action.UNMASK, field="mobile").count()
    response = page.context.request.get(f"{url}{call_url}", max_redirects=0)
    assert response.status == 302 and response.headers["location"] == f"tel:{MOBILE}"
    log = AccessLog.objects.filter(action=AccessLog.Action.UNMASK, field="mobile")
    assert log.count() == before + 1
    assert log.order_by("pk").last().user == salesperson

    page.goto(f"{url}/customers/customers/{customer.pk}/timeline/")
    fits(page)
    expect(page.locator(".record-tabs .nav-link.active")).to_be_in_viewport(ratio=0.9)
    screenshot(page, "customer-timeline")

    # record a visit: the customer by type-ahead, the start time already now, notes
    page.goto(f"{url}/sales/visits/agenda/")
    page.locator("main a[href='/sales/visits/add/']").first.click()
    page.wait_for_url(f"{url}/sales/visits/add/")
    fits(page)
    starts = page.locator("#id_starts_at").input_value()
    assert starts[:10] == timezone.localdate().isoformat()
    page.locator("#id_customer_search").press_sequentially("陳美", delay=50)
    matches = page.locator("#id_customer_results [data-value]")
    expect(matches).to_have_count(1)
    matches.first.tap()
    expect(page.locator("#id_customer")).to_have_value(str(customer.pk))
    page.locator("#id_opportunity_search").tap()
    page.locator("#id_opportunity_results [data-value]").first.tap()
    page.select_option("#id_kind", "face_to_face")
    page.fill("#id_purpose", "說明重疾險方案")
    page.fill("#id_outcome", "客戶有興趣，下週帶計劃書再談")
    assert page.evaluate("document.documentElement.scrollWidth") == WIDTH
    screenshot(page, "visit-form")
    page.locator("#object-form button[type=submit]").tap()
    expect(page.locator(".page-title")).to_contain_text("陳美華")
    visit = Visit.objects.get(customer=customer)
    assert visit.outcome.startswith("客戶有興趣") and visit.opportunity == opportunity
    fits(page)
    screenshot(page, "visit-recorded")

    # move the opportunity on to its next stage
    page.goto(f"{url}{opportunity.get_absolute_url()}")
    fits(page)
    screenshot(page, "opportunity")
    page.locator("#next-steps button.stage-button[data-stage=contacted]").tap()
    expect(page.locator(".stage-bar li[aria-current=step]")).to_have_attribute(
        "data-stage", "contacted"
    )
    fits(page)
    opportunity.refresh_from_db()
    assert opportunity.stage == "contacted"

    # the opportunity list as cards, its filters in a sheet
    page.goto(f"{url}/sales/opportunities/")
    fits(page)
    expect(page.locator("#filter-sheet")).to_be_hidden()
    page.locator("#filter-sheet-button").tap()
    expect(page.locator("#filter-sheet.show:not(.showing)")).to_be_visible()
    page.wait_for_timeout(400)  # the sheet's slide
    screenshot(page, "opportunity-filters")
    page.locator("#filter-sheet .btn-close").tap()
    expect(page.locator("#filter-sheet")).to_be_hidden()
    screenshot(page, "opportunity-list")


@pytest.mark.parametrize("width", [360, 430])
def test_the_frame_fits_from_360_to_430(phone, salesperson, width, screenshot):
    make_customer(salesperson, name="歐陽長名字的客戶", mobile=MOBILE)
    page = phone(salesperson, width=width)
    fits(page, width)
    page.goto(page.url + "customers/customers/")
    fits(page, width)
    screenshot(page, f"customers-{width}")


def test_no_call_control_for_a_user_who_may_not_see_the_number(phone, salesperson, manager):
    customer = make_customer(salesperson, name="陳美華", mobile=MOBILE)
    page = phone(manager)
    page.goto(page.url.rstrip("/") + customer.get_absolute_url())
    fits(page)
    expect(page.locator("h1")).to_contain_text("陳美華")
    expect(page.locator("#call-mobile")).to_have_count(0)
    assert MOBILE not in page.content() and "tel:" not in page.content()


def test_a_clerk_records_a_follow_up_and_a_claim_paper_from_a_phone(
    phone, clerk, salesperson, live_server, screenshot
):
    ensure_default_checklist()
    ensure_default_claim_checklist()
    policy = af.make_policy(salesperson, clerk)
    follow_up = FollowUp.objects.get(policy=policy)
    claim = af.make_claim(policy, clerk)
    url = live_server.url

    page = phone(clerk)
    fits(page)
    page.goto(f"{url}/aftersales/follow-ups/?work=open")
    fits(page)
    screenshot(page, "follow-ups")
    page.locator("#table-area td.card-title a", has_text=follow_up.reference).tap()
    page.wait_for_url(f"{url}{follow_up.get_absolute_url()}")
    fits(page)
    screenshot(page, "follow-up")
    page.locator("#record-attempt").tap()
    page.wait_for_url("**/attempt/")
    fits(page)
    # the clerk dials the customer from the attempt page, through the logged call view
    call_url = page.locator("#call-mobile").get_attribute("href")
    assert call_url == f"/customers/customers/{follow_up.customer_id}/call/"
    response = page.context.request.get(f"{url}{call_url}", max_redirects=0)
    assert response.status == 302 and response.headers["location"].startswith("tel:")
    row = AccessLog.objects.filter(action=AccessLog.Action.UNMASK).order_by("pk").last()
    assert (row.user, row.field, row.object_id) == (clerk, "mobile", str(follow_up.customer_id))
    form = page.locator("#attempt-form")
    form.locator("input[name=reached][value='1']").check()
    for name in (
        "signed_in_person",
        "understands_coverage",
        "understands_exclusions",
        "understands_cooling_off",
    ):
        form.locator(f"input[name={name}][value='1']").check()
    form.locator("input[name=satisfaction][value='5']").check()
    assert page.evaluate("document.documentElement.scrollWidth") == WIDTH
    screenshot(page, "attempt-form")
    page.locator("#attempt-button").tap()
    page.wait_for_url(f"{url}{follow_up.get_absolute_url()}")
    expect(page.locator("#satisfaction")).to_contain_text("5/5")
    fits(page)
    follow_up.refresh_from_db()
    assert follow_up.status == FollowUp.Status.DONE and follow_up.attempts == 1

    # a claim paper from the camera: the input asks for it, the content is still checked
    page.goto(f"{url}/aftersales/claims/{claim.pk}/documents/")
    fits(page)
    file_input = page.locator("#upload-form input[type=file]")
    assert file_input.get_attribute("capture") == "environment"
    assert "image/*" in file_input.get_attribute("accept")
    screenshot(page, "claim-documents")
    kind = page.locator("#upload-form select[name=kind] option").nth(1).get_attribute("value")
    page.select_option("#upload-form select[name=kind]", kind)
    file_input.set_input_files(
        {"name": "photo.png", "mimeType": "image/png", "buffer": b"not an image at all"}
    )
    page.locator("#upload-button").tap()
    # refused by its content, whatever its name says
    expect(page.locator("main .alert-danger")).to_be_visible()
    assert not claim.documents.exists()
    page.select_option("#upload-form select[name=kind]", kind)
    page.locator("#upload-form input[type=file]").set_input_files(
        {"name": "photo.png", "mimeType": "image/png", "buffer": png_bytes()}
    )
    page.locator("#upload-button").tap()
    expect(page.locator("#documents .doc-row")).to_have_count(1)
    fits(page)
    screenshot(page, "claim-document-uploaded")


def test_desktop_customer_list_and_file(login, salesperson, live_server, screenshot):
    """The desk layout is the one it was: menu open, the filter row, the table with headers."""
    customer = make_customer(salesperson, name="陳美華", mobile=MOBILE, street="南京西路1266號")
    page = login(salesperson)
    page.goto(f"{live_server.url}/customers/customers/")
    expect(page.locator("#app-sidebar")).to_be_visible()
    expect(page.locator("#table-area thead")).to_be_visible()
    expect(page.locator("#filter-sheet-button")).to_be_hidden()
    expect(page.locator("#filter-form select").first).to_be_visible()
    screenshot(page, "desktop-customers")
    page.goto(f"{live_server.url}{customer.get_absolute_url()}")
    expect(page.locator("#call-mobile")).to_be_hidden()
    screenshot(page, "desktop-customer-file")
