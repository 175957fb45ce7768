"""A corpus written for the tracker's tests: dated articles in both languages that raise, lower
and repeat guidance, a syndicated copy, an analysts' expectation and a multi-company total."""

ARTICLES = {
    "ms-jan": (
        "2025-01-10",
        "en",
        "Microsoft plans AI build-out",
        "Microsoft expects to spend $80 billion on AI data centers in fiscal 2025, the company said. "
        "The plan was announced in a blog post on Friday and covers sites in many countries.",
    ),
    "ms-apr": (
        "2025-04-20",
        "zh",
        "微软上调投资",
        "微软表示，2025财年资本开支将提高至880亿美元，主要用于数据中心。"
        "公司在财报电话会上说明了这一计划，并称需求仍然强劲，供给依旧紧张。",
    ),
    "ms-apr-copy": (
        "2025-04-21",
        "zh",
        "微软上调投资（转载）",
        "微软表示，2025财年资本开支将提高至880亿美元，主要用于数据中心。"
        "公司在财报电话会上说明了这一计划，并称需求仍然强劲，供给依旧紧张。（来源：另一网站）",
    ),
    "ms-jul": (
        "2025-07-30",
        "en",
        "Microsoft holds its plan",
        "Microsoft reiterated that its fiscal 2025 capital expenditure will be about $88 billion. "
        "Analysts expect Microsoft's fiscal 2025 capex to reach $90 billion.",
    ),
    "ms-oct": (
        "2025-10-15",
        "zh-Hant",
        "微軟調整支出",
        "微軟將2025財年的資本支出指引下調至850億美元。管理層稱部分項目延後到明年再建。",
    ),
    "meta-feb": (
        "2025-02-01",
        "en",
        "Meta sets its budget",
        "Meta guided 2025 capital expenditures of $60-65 billion. "
        "The four companies will spend a combined $320 billion on capex in 2025.",
    ),
    "meta-may": (
        "2025-05-01",
        "en",
        "Meta lifts guidance",
        "Meta raised its 2025 capex guidance to $64-72 billion as it builds new clusters in Ohio.",
    ),
    "meta-aug": (
        "2025-08-01",
        "zh",
        "Meta的新数字",
        "Meta预计2025年资本支出为660亿美元。扎克伯格称超级智能实验室需要更多算力。",
    ),
}


def write_corpus(folder):
    folder.mkdir(parents=True, exist_ok=True)
    for aid, (date, language, title, body) in ARTICLES.items():
        front = f"---\ntitle: {title}\ndate: {date}\nlanguage: {language}\nsource: https://example.com/{aid}\n---\n\n"
        (folder / f"{aid}.md").write_text(front + body + "\n", "utf-8")
    return folder
