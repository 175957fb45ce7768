"""Saved web pages and feeds written by the tests: navigation, ads and footers around the text."""

ZH_PARAGRAPHS = [
    "微软表示，2025财年资本开支将达到800亿美元，主要用于建设人工智能数据中心，这一数字创下历史新高。",
    "分析人士认为，这笔投资将推动云计算业务继续增长，但也有投资者担心人工智能领域正在形成泡沫。",
    "公司管理层在电话会议上说，算力需求仍然远远超过供给，新建的数据中心将在未来两年陆续投入使用。",
]
EN_PARAGRAPHS = [
    "Meta raised its 2025 capital expenditure guidance to between $64 billion and $72 billion on Wednesday.",
    "The company said most of the spending would go to data centers and servers for its AI models, "
    "and that the build-out would continue into next year.",
    "Investors pushed the shares down in late trading, worried that the returns on the spending "
    "remain unclear.",
]


def page(title, paragraphs, charset="utf-8", date="2025-07-31", site="Example News"):
    body = "".join(f"<p>{p}</p>\n" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html><head><meta charset="{charset}"><title>{title} | {site}</title>
<meta property="og:title" content="{title}"><meta property="og:site_name" content="{site}">
<meta name="date" content="{date}"></head>
<body>
<nav><a href="/">Home</a> | <a href="/tech">Tech</a> | <a href="/markets">Markets</a>
 | <a href="/login">Log in</a></nav>
<div class="ad">Advertisement: subscribe now and save 50%</div>
<main><article><h1>{title}</h1>
{body}</article></main>
<aside class="related"><h3>Related</h3><ul><li><a href="/x">Another story</a></li>
<li><a href="/y">More news</a></li></ul></aside>
<footer>Copyright 2025 {site}. All rights reserved. Contact us | Privacy | Terms</footer>
</body></html>
"""


def zh_page(charset="utf-8", title="微软宣布投入800亿美元建设数据中心"):
    return page(title, ZH_PARAGRAPHS, charset=charset, site="科技日报")


def en_page(title="Meta lifts its capex guidance again"):
    return page(title, EN_PARAGRAPHS)


def feed(items, base=""):
    entries = "".join(
        f"<item><title>{t}</title><link>{base}{link}</link><pubDate>Thu, 31 Jul 2025 08:00:00 GMT</pubDate>"
        f"<description><![CDATA[{desc}]]></description></item>"
        for t, link, desc in items
    )
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Capex feed</title><link>{base}/</link><description>test</description>
{entries}</channel></rss>
"""
