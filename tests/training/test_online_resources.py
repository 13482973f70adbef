"""Learning resources: uploads checked by content, links inside the company, and the files
served only after the permission check, with HTTP range requests for the video player."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from core import params
from core.ranges import RangeNotSatisfiable, parse_range
from tests.training import factories_online as f
from training import rules
from training.models import LearningResource

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def video(hr):
    resource = f.make_resource("video", actor=hr)
    course = f.make_course()
    f.make_unit(course, resource, actor=hr)
    return resource


def _get(client, resource, range_header=None):
    headers = {"Range": range_header} if range_header else {}
    return client.get(resource.get_file_url(), headers=headers)


def _body(response):
    return b"".join(response.streaming_content)


def test_the_whole_file_with_accept_ranges(video, salesperson, client_for):
    response = _get(client_for(salesperson), video)
    data = f.video_bytes()
    assert response.status_code == 200
    assert response["Accept-Ranges"] == "bytes"
    assert response["Content-Type"] == "video/webm"
    assert response["Content-Length"] == str(len(data))
    assert _body(response) == data


def test_the_first_bytes(video, salesperson, client_for):
    data = f.video_bytes()
    response = _get(client_for(salesperson), video, "bytes=0-99")
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes 0-99/{len(data)}"
    assert response["Content-Length"] == "100"
    assert _body(response) == data[:100]


def test_a_range_in_the_middle_and_an_open_end(video, salesperson, client_for):
    data = f.video_bytes()
    client = client_for(salesperson)
    response = _get(client, video, "bytes=1000-1999")
    assert response.status_code == 206 and _body(response) == data[1000:2000]
    response = _get(client, video, "bytes=5000-")
    assert response["Content-Range"] == f"bytes 5000-{len(data) - 1}/{len(data)}"
    assert _body(response) == data[5000:]


def test_a_suffix_range(video, salesperson, client_for):
    data = f.video_bytes()
    response = _get(client_for(salesperson), video, "bytes=-500")
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes {len(data) - 500}-{len(data) - 1}/{len(data)}"
    assert _body(response) == data[-500:]


def test_an_end_past_the_file_is_cut_to_the_file(video, salesperson, client_for):
    data = f.video_bytes()
    response = _get(client_for(salesperson), video, f"bytes={len(data) - 10}-{len(data) + 999}")
    assert response.status_code == 206 and _body(response) == data[-10:]


@pytest.mark.parametrize("header", ["bytes=999999-", "bytes=50-10", "bytes=-0", "bytes=abc-"])
def test_a_bad_range_is_416(video, salesperson, client_for, header):
    response = _get(client_for(salesperson), video, header)
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{len(f.video_bytes())}"


def test_several_ranges_or_another_unit_get_the_whole_file():
    assert parse_range("bytes=0-1,5-6", 100) is None
    assert parse_range("items=0-1", 100) is None
    assert parse_range(None, 100) is None
    with pytest.raises(RangeNotSatisfiable):
        parse_range("bytes=-", 100)


def test_only_learners_of_a_course_using_it_and_hr_open_a_file(
    hr, manager, salesperson, client_for, video
):
    unused = f.make_resource("document", actor=hr)
    assert _get(client_for(salesperson), unused).status_code == 404
    assert _get(client_for(hr), unused).status_code == 200
    assert _get(client_for(manager), unused).status_code == 200
    # a course closed to learners closes its files too
    video.units.first().course.__class__.objects.update(active=False)
    assert _get(client_for(salesperson), video).status_code == 404
    client_for(None)
    assert _get(client_for(None), video).status_code == 302


# --- uploads -------------------------------------------------------------------------------


def test_a_video_is_checked_by_its_content(hr):
    fake = LearningResource(
        title="x", kind="video", file=SimpleUploadedFile("fake.webm", b"%PDF-1.4 not a video")
    )
    with pytest.raises(ValidationError) as refused:
        fake.full_clean()
    assert "file" in refused.value.message_dict
    mp4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64
    ok = LearningResource(title="y", kind="video", file=SimpleUploadedFile("clip.mp4", mp4))
    ok.full_clean()
    assert ok.content_type == "video/mp4" and ok.original_name == "clip.mp4"


def test_a_document_must_be_a_pdf(hr):
    resource = LearningResource(
        title="x", kind="document", file=SimpleUploadedFile("a.webm", f.video_bytes())
    )
    with pytest.raises(ValidationError):
        resource.full_clean()


def test_links_stay_inside_the_company(hr):
    def check(url):
        LearningResource(title="l", kind="link", url=url).full_clean()

    check("/sales/products/")
    for bad in ("https://example.org/", "//evil.example/", "javascript:alert(1)", ""):
        with pytest.raises(ValidationError):
            check(bad)
    params.set_value(rules.INTERNAL_LINK_HOSTS, "intranet.example.com", actor=hr)
    check("https://intranet.example.com/handbook")


def test_hr_uploads_a_video_through_the_form(hr, client_for):
    client = client_for(hr)
    response = client.post(
        "/training/online/resources/add/",
        {
            "title": "產品介紹",
            "kind": "video",
            "file": SimpleUploadedFile("intro.webm", f.video_bytes(), "video/webm"),
            "active": "on",
        },
    )
    assert response.status_code == 302
    resource = LearningResource.objects.get(title="產品介紹")
    assert resource.content_type == "video/webm" and resource.file.size == len(f.video_bytes())
    assert resource.history.first().history_user == hr
    response = client.post(
        "/training/online/resources/add/",
        {"title": "壞檔", "kind": "video", "file": SimpleUploadedFile("x.webm", b"nonsense")},
    )
    assert response.status_code == 200
    assert "file" in response.context["form"].errors
