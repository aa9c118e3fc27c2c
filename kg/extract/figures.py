"""Figures: a number with a unit (25.28亿元, 220余家, 两家, 20.1%), the subject it is stated about, what
it measures, and the time it refers to.

Skipped, as the evaluation's conventions say: dates and ordinals (第43位, 2025年), numbers inside names,
set phrases N大X (六大行动), scale labels (千亿级, 500—800亿级), and numbers that are part of a term
(镍钴锰三元, “两个清单”, 三个一工程). A figure stated twice (the lead repeated in the body) is proposed once.

>>> [(f.value, f.unit, f.time) for f in find_figures("2022年,全市新增高新技术企业35家,增长20.1%。", [])]
[(35.0, '家', '2022'), (20.1, '%', '2022')]
"""

import re
from dataclasses import dataclass

from kg.extract import lexicon
from kg.extract.text import fold, sentence_spans

__all__ = ["Figure", "find_figures", "chinese_number"]

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_NUMBER = r"(?P<num>[0-9]+(?:\.[0-9]+)?|[零〇一二两三四五六七八九十百千万]+)"
_UNIT = "|".join(re.escape(u) for u in lexicon.FIGURE_UNITS if u not in ("余家", "多家"))
_FIGURE = re.compile(_NUMBER + r"(?P<qual>余|多|以上)?(?P<unit>" + _UNIT + r")")
_YEAR = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})年(?:([0-9]{1,2})月(?:([0-9]{1,2})日)?)?")
_NOW_WORDS = ("今年", "本年", "前三季度", "上半年", "一季度", "前两个月", "近日", "日前", "当天", "目前")
_VERB_BEFORE = re.compile(r"(?:达到|达|为|实现|完成|增长|增加|超过|突破|累计|共|有|新增|组建|签约|集聚|聘任|安排)$")


@dataclass
class Figure:
    """One figure: ``text[start:end]`` is the number with its unit."""

    subject: str | None
    measure: str
    value: float
    unit: str
    time: str | None
    start: int
    end: int
    confidence: float
    why: str


def chinese_number(text):
    """The value of a number written in digits or Chinese numerals.

    >>> chinese_number("25.28"), chinese_number("两"), chinese_number("三十五"), chinese_number("一百二十")
    (25.28, 2.0, 35.0, 120.0)
    """
    if re.fullmatch(r"[0-9]+(?:\.[0-9]+)?", text):
        return float(text)
    total, current = 0, 0
    for ch in text:
        if ch in _DIGITS:
            current = _DIGITS[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
        elif ch == "千":
            total += (current or 1) * 1000
            current = 0
        elif ch == "万":
            total = (total + current) * 10000
            current = 0
    return float(total + current)


def find_figures(text, mentions, *, date=None):
    """Every figure in ``text``; ``mentions`` (from :func:`kg.extract.mentions.find_mentions`) give the
    subjects, ``date`` (``YYYY`` or ``YYYY-MM-DD``, the article's) the year of 今年 and the like."""
    folded = fold(text)
    year_of_article = str(date)[:4] if date else None
    names = [m for m in mentions if not m.is_person]
    inside = [(m.start, m.end) for m in mentions]
    figures, stated = [], set()
    for s_start, s_end in sentence_spans(folded):
        sentence = folded[s_start:s_end]
        time = _time(sentence, year_of_article)
        for match in _FIGURE.finditer(sentence):
            start, end = s_start + match.start(), s_start + match.end()
            unit, number = match.group("unit"), match.group("num")
            before = sentence[:match.start()]
            after = sentence[match.end():match.end() + 3]
            if any(s <= start < e for s, e in inside):
                continue  # a number inside a name (中核404有限公司)
            if before.endswith("第") or after.startswith(("级", "大", "届", "次")) or \
                    re.match(r"[年月日]", sentence[match.end():match.end() + 1]) and unit != "%":
                continue
            if unit == "年" and not re.search(r"(连续|近|经过|历时|用)$", before):
                continue
            if unit in ("个", "家", "项", "名") and re.fullmatch(r"[一]", number) and not after:
                continue
            if re.fullmatch(r"[零〇一二两三四五六七八九十百千万]+", number) and \
                    (after.startswith(("大", "新")) or number == "一" and unit in ("个", "批", "类", "方")):
                continue
            if unit == "方" and number not in ("两", "三", "四", "五", "2", "3", "4", "5"):
                continue
            if re.search(r"[0-9.]$", before):
                continue
            if _part_of_term(sentence, match, number, unit):
                continue
            subject_mention = _subject(names, s_start, start)
            subject = subject_mention.name if subject_mention else None
            measure = _measure(sentence, match, subject_mention.end - s_start if subject_mention else 0)
            qualifier = match.group("qual")
            said = (chinese_number(number), unit, measure)
            if said in stated:
                continue  # the same figure said again (a lead repeated in the body): proposed once
            stated.add(said)
            figures.append(Figure(
                subject, measure, chinese_number(number), unit, time, start, end,
                0.7 if subject else 0.5,
                f"a number with the unit {unit}" + (f" ({qualifier})" if qualifier else "")))
    return figures


def _part_of_term(sentence, match, number, unit):
    """Whether a number with a unit is part of a term, not a count: a short quoted term that opens with
    it (“两个清单”, “三个一”, “六个一批”), a numeral glued to another one (三个一工程), or a Chinese numeral
    with a bare 元 (镍钴锰三元, 多元): news writes sums of money in digits or with 万/亿."""
    start, end = match.span()
    quote = sentence.rfind("“", 0, start)
    if quote >= 0 and quote >= start - 1 and "”" in sentence[end:end + 10] and \
            "“" not in sentence[end:sentence.find("”", end)] and sentence.find("”", end) - quote <= 10:
        return True
    if re.fullmatch(r"[零〇一二两三四五六七八九十百千万]+", number):
        if unit == "元":
            return True
        if re.match(r"[零〇一二两三四五六七八九十]", sentence[end:end + 1]):
            return True
    return False


def _time(sentence, year_of_article):
    match = _YEAR.search(sentence)
    if match:
        year, month, day = match.groups()
        if month and day:
            return f"{year}-{int(month):02d}-{int(day):02d}"
        return year
    if year_of_article and any(word in sentence for word in _NOW_WORDS):
        return year_of_article
    return None


def _subject(names, s_start, pos):
    """The mention a figure is about: the nearest name (or place word: 全省, 金昌市) before it in its
    sentence, else nothing."""
    before = [m for m in names if s_start <= m.start and m.end <= pos]
    return before[-1] if before else None


def _measure(sentence, match, lo=0):
    """What the figure counts: the noun after a counter (10家企业), else the words before the verb
    (销售额达25.28亿元 -> 销售额)."""
    after = re.match(r"[\u4e00-\u9fff“”]{1,10}", sentence[match.end():])
    if match.group("unit") in ("家", "个", "项", "名", "所", "座", "支", "批", "类", "方", "位", "件", "套") and after:
        noun = re.split(r"[的,、。和与及在]", after.group())[0]
        if noun:
            return noun
    before = sentence[max(0, min(lo, match.start())):match.start()]  # after the subject's name
    before = _VERB_BEFORE.sub("", before)
    phrase = re.split(r"[,;:、。()“”]", before)[-1]
    return phrase[-8:] if phrase else ""
