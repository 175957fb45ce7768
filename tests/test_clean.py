"""Each cleaning rule, on sentences of our own and on the raw seeds."""

from capexreader.clean import clean_text, remove_pinyin, strip_controls

from .conftest import needs_seeds, seed_text


def test_pinyin_annotations_are_removed_inside_words():
    assert remove_pinyin("有關(guān)企業的發(fā)展") == "有關企業的發展"
    assert remove_pinyin("他們(men)說") == "他們說"


def test_parentheses_that_are_not_pinyin_stay():
    text = "微软(Microsoft)和谷歌(google)以及2008年(金融危机时期)"
    assert remove_pinyin(text) == text


def test_control_characters_and_escapes_are_stripped():
    raw = "a\x1b[31mred\x1b[0m\x07 b\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\ c\r\nd\x00"
    assert strip_controls(raw) == "ared blink c\nd"


def test_image_placeholders_share_counters_and_app_prompts_are_dropped():
    raw = "正文一\n![]()\n0\n分享至\n打開百度APP暢享高清圖片\n正文二"
    assert clean_text(raw).text == "正文一\n正文二"


def test_qr_code_course_advertisement_is_dropped():
    raw = "第一段。\n扫码参与顶尖学府AI人才培养计划，掌握未来竞争力！\n第二段。"
    assert clean_text(raw).text == "第一段。\n第二段。"


def test_follow_prompt_and_reading_time_are_dropped():
    raw = "**（关注公众号并设为🌟标，获取最新人工智能资讯）**\n全文6,000 字，阅读约需16分钟\n正文"
    assert clean_text(raw).text == "正文"


def test_trailing_sections_are_cut_only_near_the_end():
    body = "\n".join(f"段落{i}。" for i in range(20))
    raw = body + "\n相关推荐\n无关新闻一\n无关新闻二"
    assert clean_text(raw).text == body
    early = "相关推荐\n" + body  # a marker at the top is not a tail
    assert clean_text(early).text.startswith("相关推荐")


def test_the_post_appeared_first_trailer_is_cut():
    body = "\n\n".join(["Tech giants spend."] * 10)
    raw = body + "\n\nThe post Big tech spends appeared first on AI News.\n\nFish AI Reader"
    assert clean_text(raw).text == body


def test_header_metadata_is_picked_out():
    raw = "文章作者: 某某\n发布时间: 2025-01-04 07:16\n原文链接: http://example.com/a\n\n正文"
    cleaned = clean_text(raw)
    assert cleaned.text == "正文"
    assert cleaned.metadata == {
        "author": "某某",
        "date": "2025-01-04 07:16",
        "source": "http://example.com/a",
    }


@needs_seeds
def test_seed_002_pinyin_share_and_app_prompts():
    raw = seed_text("002")
    assert "關(guān)" in raw
    text = clean_text(raw).text
    assert "(guān)" not in text and "(yè)" not in text
    assert "關注" not in text.split("\n")[0]  # the follow prompt at the top is gone
    assert "打開百度APP" not in text and "![]()" not in text
    assert "特別聲明" not in text and "Notice: The content above" not in text
    assert "龐氏騙局" in text  # Traditional script is kept


@needs_seeds
def test_seed_001_reader_app_promotion_and_trailer():
    text = clean_text(seed_text("001")).text
    assert "Fish AI Reader" not in text and "appeared first on" not in text
    assert "441953276@qq.com" not in text and "zaker_core" not in text
    assert "科技巨头们" in text and "Jevons paradox" in text  # both languages kept


@needs_seeds
def test_seed_003_related_news_tail_and_share_counter():
    text = clean_text(seed_text("003")).text
    assert "相关推荐" not in text and "燕梳楼" not in text and "分享至" not in text
    assert text.rstrip().endswith("(文|AGI-Signal)")


@needs_seeds
def test_seed_004_qr_ads_images_and_archive_links():
    cleaned = clean_text(seed_text("004"))
    assert "扫码" not in cleaned.text and "mmbiz.qpic.cn" not in cleaned.text
    assert "往期回顾" not in cleaned.text and "END" not in cleaned.text
    assert "阅读约需" not in cleaned.text
    assert cleaned.metadata["author"] == "AI深度研究员"
