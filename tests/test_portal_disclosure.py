"""An article never gives away what its meeting keeps confidential: the draft from the meeting leaves it out, and
a save or a publication whose words carry it is refused with the reason."""

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from hoinghi.core.text import fold
from hoinghi.portal import services
from hoinghi.portal.disclosure import Leak, Secret, leaks
from hoinghi.portal.models import Article, ArticleRevision
from tests import confidential_world
from tests.confidential_world import DIRECTIVE, NORMAL_TITLE, SECRET

CONCLUSION = "Thống nhất giới thiệu đồng chí Nguyễn Văn Bí để bổ nhiệm giữ chức Giám đốc Sở Nội vụ từ tháng sau."
TITLE = "Phương án nhân sự Giám đốc Sở"


def test_a_title_is_given_away_whole_whatever_its_case_or_marks():
    secrets = [Secret("item", TITLE, TITLE)]
    assert leaks("Hội nghị bàn về PHUONG AN NHAN SU giam doc so.", secrets) == [Leak("item", TITLE)]
    assert leaks("Hội nghị bàn phương án phát triển nhân sự ngành y.", secrets) == []


def test_a_long_text_is_given_away_by_any_one_of_its_sentences():
    secrets = [Secret("conclusion", TITLE, f"Ý kiến thứ nhất rất dài dòng về nhiều việc. {CONCLUSION}")]
    article = f"Tại hội nghị, {CONCLUSION.lower()} Các nội dung khác đã được thông qua."
    assert leaks(article, secrets) == [Leak("conclusion", TITLE)]
    assert leaks("Hội nghị thống nhất giới thiệu nhân sự.", secrets) == []


def test_a_secret_ballot_is_given_away_by_a_voter_named_beside_a_choice():
    voters = ["Lê Thị Ủy"]
    assert leaks("Đồng chí Lê Thị Ủy đã bỏ phiếu tán thành.", [], voters) == [Leak("ballot", "Lê Thị Ủy")]
    assert leaks("Đồng chí Lê Thị Ủy phát biểu. Hội nghị đã bỏ phiếu kín.", [], voters) == []


def test_words_of_fewer_than_three_are_no_secret():
    assert leaks("Hội nghị tán thành.", [Secret("poll", "Tán thành", "Tán thành")]) == []


SENTENCE = st.lists(
    st.sampled_from(["phương", "án", "nhân", "sự", "đồng", "chí", "sở", "kế", "hoạch", "năm"]), min_size=3, max_size=8
)


@given(SENTENCE, st.text(alphabet="abc xyz.,", max_size=30), st.text(alphabet="abc xyz.,", max_size=30))
def test_a_secret_is_found_wherever_it_stands_and_however_it_is_spelled(words, before, after):
    secret = " ".join(words)
    found = leaks(f"{before} {secret.upper()} {after}", [Secret("item", secret, secret)])
    assert found == [Leak("item", secret)]
    assert leaks(f"{before} {fold(secret)} {after}", [Secret("item", secret, secret)]) == found


@pytest.fixture
def room(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return confidential_world.build(world)


@pytest.mark.django_db
def test_the_draft_from_the_meeting_leaves_the_confidential_item_out_and_keeps_the_link(room):
    office = room.world.users["office"]
    article = services.check_start_from_meeting(office, room.meeting)
    assert article.meeting == room.meeting and article.status == Article.Status.DRAFT
    assert NORMAL_TITLE.split(" - ")[0].lower() in article.body.lower()
    assert "Zq" not in article.title + article.summary + article.body
    assert article.revisions.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    "leaked, reason",
    [
        (SECRET["title"], f"nội dung mật “{SECRET['title']}”"),
        (SECRET["paper"], "tài liệu mật"),
        (SECRET["conclusion"], "kết luận"),
        (SECRET["opinion"], "ý kiến"),
        (DIRECTIVE, "chỉ đạo"),
        (SECRET["secret poll"], "biểu quyết"),
        ("Đồng chí Lê Thị Ủy đã bỏ phiếu tán thành.", "bỏ phiếu kín"),
    ],
)
def test_saving_an_article_that_gives_a_secret_away_is_refused_with_the_reason(room, leaked, reason):
    office = room.world.users["office"]
    article = services.check_start_from_meeting(office, room.meeting)
    body = article.body + f"<p>Ngoài ra, {leaked}</p>"
    with pytest.raises(ValidationError) as refused:
        services.check_save_article(office, article, title=article.title, summary=article.summary, body=body)
    message = " ".join(refused.value.messages)
    assert "không thể đăng" in message and reason in message, message
    article.refresh_from_db()
    assert "Zq" not in article.body and ArticleRevision.objects.filter(article=article).count() == 1


@pytest.mark.django_db
def test_publishing_checks_again_what_the_meeting_now_keeps_confidential(room):
    office = room.world.users["office"]
    article = services.check_start_from_meeting(office, room.meeting)
    services.check_move_article(office, article, "review")
    room.normal.confidentiality = "secret"  # the office marks the other item confidential meanwhile
    room.normal.save(update_fields=["confidentiality"])
    with pytest.raises(ValidationError) as refused:
        services.check_move_article(office, article, "published")
    assert NORMAL_TITLE in " ".join(refused.value.messages)
    article.refresh_from_db()
    assert article.status == Article.Status.REVIEW
