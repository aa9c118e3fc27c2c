"""Names read from where news writes them rather than from a suffix: national bodies news names without a
suffix rule (and their numbered departments, and foreign ministries whose name lists their fields), companies'
short names in a list of enterprises, and media named in source lines, datelines and bylines.

>>> text = "来源:陇原青年报-河西网"
>>> sorted({text[s:e] for s, e, *_ in media_names(text)})
['河西网', '陇原青年报']
"""

import re

from kg.extract import lexicon
from kg.extract.names import CJK, PLACE_NAMES, specific

__all__ = ["known_bodies", "listed_companies", "media_names"]

_FOREIGN = sorted({*lexicon.COUNTRIES, "哈萨克斯坦", "吉尔吉斯斯坦", "乌兹别克斯坦", "塔吉克斯坦", "土库曼斯坦", "俄罗斯",
                   "白俄罗斯", "格鲁吉亚", "阿塞拜疆", "亚美尼亚", "乌克兰", "波兰", "匈牙利", "塞尔维亚", "印度尼西亚"},
                  key=len, reverse=True)
# a foreign ministry whose name holds a list of its fields (某国科学、高等教育和创新部)
_FOREIGN_MINISTRY = re.compile("(?:" + "|".join(_FOREIGN) + r")(?:[\u4e00-\u9fff]{1,6}、){1,4}[\u4e00-\u9fff]{1,8}?[和与及]"
                               r"[\u4e00-\u9fff]{1,6}?(?:部|委员会|署)(?![长署门分])")
# a numbered department of a national body (某某部七司, 某某部二局)
_NUMBERED_UNIT = re.compile("(?:" + "|".join(sorted((n for n, c in lexicon.KNOWN_BODIES.items() if c == "GovernmentBody"),
                                                    key=len, reverse=True))
                            + r")[一二三四五六七八九十]{1,3}(?:司|局|处|室)(?![长])")

# a named department of a ministry (科技部某某技术司, 教育部某某司): the ministry, then two to eight characters
# of its field, then 司 (not 司长, 公司)
_MINISTRY_DEPARTMENT = re.compile("(?:" + "|".join(sorted((n for n, c in lexicon.KNOWN_BODIES.items()
                                                           if c == "GovernmentBody" and n.endswith(("部", "委"))),
                                                          key=len, reverse=True))
                                  + r")[^\W\d_与和及的在了、]{2,8}?(?<![公上])司(?![长机法])")


def known_bodies(folded):
    """``(start, end, class, why, source)`` of every national body news names without a suffix rule, of the
    numbered departments of one (某某部七司), and of foreign ministries whose name holds a list."""
    found = []
    for name, cls_name in lexicon.KNOWN_BODIES.items():
        for match in re.finditer(re.escape(name) + "(?!门)", folded):  # 工信部门: departments of a kind
            found.append((match.start(), match.end(), cls_name, f"a national body news names as {name}",
                          "known-body"))
    for match in _NUMBERED_UNIT.finditer(folded):
        found.append((match.start(), match.end(), "GovernmentBody", "a numbered department of a national body",
                      "suffix"))
    for match in _MINISTRY_DEPARTMENT.finditer(folded):
        found.append((match.start(), match.end(), "GovernmentBody", "a department (司) of a national body",
                      "suffix"))
    for match in _FOREIGN_MINISTRY.finditer(folded):
        found.append((match.start(), match.end(), "GovernmentBody",
                      "a foreign ministry whose name lists its fields (X、Y和Z部)", "suffix"))
    return found


# sectors a list of leading enterprises may name instead of companies
_SECTORS = {"金融", "工业", "制造", "医药", "文旅", "旅游", "商贸", "建筑", "交通", "通信", "装备", "冶金", "有色",
            "纺织", "餐饮", "零售", "种植", "养殖", "加工", "外贸", "民营", "国有", "中小", "大型"}


def listed_companies(folded):
    """``(start, end, class, why, source)`` of companies' short names in a list of enterprises: 「X、Y、Z等
    N家(某市)企业」 where one of the names ends in an industry word (秦淮数据, 博伦矿业): each name of the
    list is then a company (中国能建, 亚康万玮), unless it is a place or only generic words.

    >>> text = "与祁连能建、陇东数据、某某万玮等167户企业签约"
    >>> [text[s:e] for s, e, *_ in listed_companies(text)]
    ['祁连能建', '陇东数据', '某某万玮']
    """
    found = []
    tail = (r"等(?:[0-9一二两三四五六七八九十百千]+(?:余|多)?[户家个])?(?:" + "|".join(PLACE_NAMES)
            + r")?(?:市|省)?(?:重点|骨干|龙头|民营|资本|投资|金融)?(?:企业|公司|机构)")
    # 「A、B、C3家国家级…龙头企业」, 「A、B等(28家省级)龙头企业」: a list counted or named as leading (or chain-leading)
    # enterprises names companies, whatever their names end in
    leading = r"(?:等(?:[0-9一二两三四五六七八九十百千]+(?:余|多)?家)?|[0-9一二两三四五六七八九十百千]+(?:余|多)?家)" \
        r"[\u4e00-\u9fff]{0,10}?(?:龙头|链主|骨干|领军)企业"
    runs = [(m, False) for m in re.finditer(r"((?:[\u4e00-\u9fff]{2,6}、){0,8}[\u4e00-\u9fff]{2,6})" + tail, folded)]
    runs += [(m, True) for m in re.finditer(r"((?:[\u4e00-\u9fff]{2,6}、){1,8}[\u4e00-\u9fff]{2,6}?)" + leading, folded)]
    for match, counted in runs:
        names, at = [], match.start(1)
        for token in match.group(1).split("、"):
            names.append((at, at + len(token), token))
            at += len(token) + 1
        start, end, first = names[0]
        cuts = [first.rfind(w) + len(w) for w in lexicon.STOP_WORDS if w in first[:-2]]
        if cuts:  # 与祁连能建: the first name starts after the last boundary word of the run
            names[0] = (start + max(cuts), end, first[max(cuts):])
        if not counted and not any(token.endswith(lexicon.INDUSTRY_ENDINGS) and len(token) >= 4 for _, _, token in names):
            continue
        for start, end, token in names:
            if counted and (token in lexicon.INDUSTRY_ENDINGS or token in _SECTORS):
                continue  # 科技、金融等龙头企业: sectors, not companies
            if len(token) >= 2 and specific(token) and not token.startswith(PLACE_NAMES) \
                    and not lexicon.suffix_class(token) and not any(w in token for w in lexicon.STOP_WORDS if len(w) >= 2):
                found.append((start, end, "Enterprise", "a company's short name in a list of enterprises (X、Y等企业)",
                              "listed"))
    return found


# what a paper's, a site's or a channel's name ends in (中国青年报, 某某网, 某某频道, 某某融媒); only read in a
# source line, a dateline or a byline, where every word names a medium (报 alone is too common elsewhere)
_MEDIA_ENDINGS = ("网", "报", "社", "台", "新闻", "频道", "融媒", "在线", "客户端", "杂志", "周刊", "电视", "广播")
# the paper's word for itself and titles of its reporters: never a name (本报讯, 见习记者)
_MEDIA_NOT_NAMES = {"本报", "本网", "本台", "本刊", "本社", "全媒体", "融媒体", "见习", "特约", "首席", "实习", "新闻",
                    "网", "电视", "广播", "记者", "客户端", "本报记者"}
# a source line (来源:X-Y, 来源/ X, 来源:转载X): the publisher, read up to a space, a bar or a date
_MEDIA_SOURCE = re.compile(r"(?:来源|稿源|转自|转载自|出处)[ \t]*[::/][ \t]*(?:转载)?([^\s|【】\[\],,。;;()0-9:]{2,30})")
# a dateline or a byline opening a line or a bracket: X讯, X兰州5月2日电, X·Y记者, 据X报道, X报道
_MEDIA_LINE = re.compile(r"(?:^|(?<=[\s(◎□■●【]))(?:据|转载)?([\u4e00-\u9fffA-Za-z·\-—]{2,30}?)"
                         r"(?:[0-9]{1,2}月[0-9]{1,2}日)?(?:全媒体|融媒体)?(?:见习|特约|首席|实习)?(?:客户端)?"
                         r"(?:讯|电[ \t]*\(|电[ \t]|记者|报道)", re.M)
# a page header's time followed by its publisher (2024-01-01 10:12:30某某网)
_MEDIA_AFTER_TIME = re.compile(r"[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?[ \t]*([\u4e00-\u9fff]{2,12})[ \t]*$", re.M)


def _media_head(token):
    """The longest head of ``token`` that ends like a medium's name (光明日报 in 光明日报兰州), or ``None``."""
    if token in _MEDIA_NOT_NAMES or token.startswith(("本报", "本网", "本台")):
        return None
    if lexicon.suffix_class(token):
        return token  # 某某区融媒体中心: a name of its own, whatever it ends in
    for cut in range(len(token), 1, -1):
        head = token[:cut]
        if head.endswith("客户端") and len(head) > 5:
            head = head[:-3]  # 某某报客户端讯: the paper's app, named by the paper
        if head.endswith(_MEDIA_ENDINGS) and head not in _MEDIA_NOT_NAMES and not head.startswith(("本报", "本网", "本台")) \
                and CJK.match(head[0]) and not any(w in head for w in ("记者", "通讯员", "编辑")):
            return head
    return None


def _brand_of_place(part):
    """Whether ``part`` (in a source line or a dateline) names a medium by a region and a one- or two-character
    word before it (每日某省, 新某市), not a place alone or a region and a body."""
    place = next((p for p in PLACE_NAMES if part.endswith(p)), None)
    if not place:
        return False
    brand = part[:-len(place)]
    return 1 <= len(brand) <= 2 and all(CJK.match(c) for c in brand) and not brand.startswith(("本", "据", "驻", "在", "从", "全", "省", "市")) \
        and not part.startswith(PLACE_NAMES) and brand not in ("记者", "来自")


def media_names(folded):
    """``(start, end, class, why, source)`` of media named where news names its media: the source line
    (来源:某某网-某某日报), a dateline (某某网讯, 某某报兰州5月2日电), a byline (某某报·某某网记者) or a page
    header's time followed by the publisher; each part of a joined name (X-Y, X·Y) is one medium, and a
    brand written before a medium with · is one too (新某某·某某日报).

    >>> text = "来源:陇原青年报-河西网\\n(陇原青年报·陇青网记者 郑远)5月2日"
    >>> sorted({text[s:e] for s, e, *_ in media_names(text)})
    ['河西网', '陇原青年报', '陇青网']
    """
    found = []
    groups = [(m.start(1), m.group(1), "the source line") for m in _MEDIA_SOURCE.finditer(folded)]
    groups += [(m.start(1), m.group(1), "a dateline or byline") for m in _MEDIA_LINE.finditer(folded)]
    groups += [(m.start(1), m.group(1), "the page header after its time") for m in _MEDIA_AFTER_TIME.finditer(folded)]
    for at, group, where in groups:
        parts, pos = [], at
        for part in re.split(r"([·\-—]+)", group):
            if part and not re.fullmatch(r"[·\-—]+", part):
                bare = part.strip("《》“”")
                parts.append((pos + part.find(bare), bare))
            pos += len(part)
        # 每日某省, 新某市: a paper or an app named by its region and a word before it
        heads = [(start, _media_head(part) or (part if _brand_of_place(part) else None)) for start, part in parts]
        if not any(head for _, head in heads):
            continue
        for i, (start, head) in enumerate(heads):
            part = parts[i][1]
            if head is None and 2 <= len(part) <= 4 and i + 1 < len(heads) and heads[i + 1][1] \
                    and CJK.match(part[0]) and part not in _MEDIA_NOT_NAMES and not part.startswith("本"):
                head = part  # 新某某·某某日报: a brand written before the paper
            if not head:
                continue
            if head.startswith(PLACE_NAMES) and len(head) == len(next(p for p in PLACE_NAMES if head.startswith(p))):
                continue
            cls_name = lexicon.suffix_class(head) or "MediaOrganization"
            if cls_name not in ("MediaOrganization", "Organization") and not head.endswith(_MEDIA_ENDINGS):
                continue
            found.append((start, start + len(head), "MediaOrganization" if head.endswith(_MEDIA_ENDINGS) else cls_name,
                          f"a medium named in {where}", "media"))
    return found


# classes whose names stand side by side in one list of the same kind (a zone's parks, a ministry's bureaus)
_SIBLING_GROUP = {"Park": "zone", "HighTechZone": "zone"}
# what may follow the last name of such a list: a verb or a word that ends a name (联合举办, 共同, 签约)
_LIST_ENDS = tuple(w for w in lexicon.STOP_WORDS if len(w) >= 2)


def listed_siblings(folded, spans):
    """``(start, end, class, why, source)`` of names written in one list (X、Y和Z) with a name the rules
    found, of the same kind and ending in a suffix too weak to be taken alone (某某园区 needs a region):
    in 「某区已拥有甲乙园区、丙丁经济开发区和戊己工业园」 the parks beside the development zone are parks too.
    ``spans`` are ``(start, end, class)`` of the names found so far.

    >>> text = "某高新区拥有甲乙园区、丙丁经济开发区和戊己园区"
    >>> [text[s:e] for s, e, *_ in listed_siblings(text, [(11, 18, "HighTechZone")])]
    ['甲乙园区', '戊己园区']
    """
    from kg.extract.names import _SUFFIX_PATTERN, _read_left  # one reading of a name's left edge

    def group(cls_name):
        return _SIBLING_GROUP.get(cls_name, cls_name)

    def judged(start, end, cls_name):
        name = folded[start:end]
        suffix = next((s for s in lexicon.suffixes_longest_first() if name.endswith(s)), "")
        stem = name[:len(name) - len(suffix)]
        if not suffix or group(lexicon.suffix_class(name)) != group(cls_name) or not 2 <= len(stem) <= 10 \
                or not all(CJK.match(c) for c in stem) or not specific(stem) or re.match(r"(?:国家|省|市|县)级", stem) \
                or any(w in stem for w in lexicon.STOP_WORDS if len(w) >= 2):
            return None
        return (start, end, lexicon.suffix_class(name), "written in one list with a name of the same kind", "listed")

    found, seen, todo = [], {(s, e) for s, e, _ in spans}, list(spans)
    while todo:
        start, end, cls_name = todo.pop()
        if folded[start - 1:start] == "、":  # the name before, ending at the 、
            match = next((m for m in _SUFFIX_PATTERN.finditer(folded, max(0, start - 14), start - 1)
                          if m.end() == start - 1), None)
            if match:
                left = _read_left(folded, match.start(), None, limit=12)
                item = judged(left, start - 1, cls_name)
                if item and (left, start - 1) not in seen and folded[left - 1:left] in ("、", "", *"有,:括"):
                    seen.add(item[:2])
                    found.append(item)
                    todo.append((left, start - 1, cls_name))
        if folded[end:end + 1] in ("、", "和", "及"):  # the name after, up to its suffix
            match = next((m for m in _SUFFIX_PATTERN.finditer(folded, end + 3, min(len(folded), end + 14))
                          if folded[m.end():m.end() + 1] in ("", "、", "和", "及", "等", ",", "。")
                          or folded.startswith(_LIST_ENDS, m.end())), None)
            if match and not re.search(r"[、,。和及]", folded[end + 1:match.start()]):
                item = judged(end + 1, match.end(), cls_name)
                if item and item[:2] not in seen:
                    seen.add(item[:2])
                    found.append(item)
                    todo.append((end + 1, match.end(), cls_name))
    return found


# a company's head written after its name (某某董事长郑某): the name before the title is the company's
_COMPANY_HEAD = re.compile(r"(?:^|(?<=[、,。;:\s(“]))([\u4e00-\u9fff]{4,12}?)(?:副)?(?:董事长|总经理|总裁)"
                           "(?=[" + "".join(sorted(c for c in lexicon.SURNAMES if len(c) == 1)) + "])", re.M)


def _brand_company(token):
    """Whether ``token`` (no suffix of its own) reads as a company's short name: a region and a brand with
    a trade (某省某某医疗, 某某药业), or a brand and a trade (某某药业, 某某资本)."""
    from kg.extract.names import _brand_and_trade
    if lexicon.suffix_class(token) or not specific(token) or any(w in token for w in lexicon.STOP_WORDS if len(w) >= 2):
        return False
    place = next((p for p in PLACE_NAMES if token.startswith(p)), "")
    return _brand_and_trade(token) or bool(place) and len(token) - len(place) >= 4 and _brand_and_trade(token[len(place):]) \
        or bool(place) and len(token) - len(place) >= 4 and specific(token[len(place):])


def company_names(folded, spans):
    """``(start, end, class, why, source)`` of companies named without a legal suffix where news names
    companies: before their head's title (某省某某医疗董事长郑某), and beside a company in a list
    (某某有限公司、某省某某药业、某某医院等5家单位). ``spans`` are ``(start, end, class)`` of names found so far.

    >>> text = "会上,甘肃祁连精准医疗董事长郑某发言"
    >>> [text[s:e] for s, e, *_ in company_names(text, [])]
    ['甘肃祁连精准医疗']
    """
    found = []
    for match in _COMPANY_HEAD.finditer(folded):
        token = match.group(1)
        if token.startswith(PLACE_NAMES) and _brand_company(token):
            found.append((match.start(1), match.end(1), "Enterprise", "a company named before its head's title",
                          "listed"))
    seen = {(s, e) for s, e, _ in spans}
    todo = [(s, e) for s, e, c in spans if c == "Enterprise"]
    while todo:
        start, end = todo.pop()
        sides = []
        if folded[start - 1:start] == "、":
            left = re.search(r"[\u4e00-\u9fff]{4,10}$", folded[max(0, start - 11):start - 1])
            if left and not re.search(r"[\u4e00-\u9fff]", folded[start - 1 - len(left.group()) - 1:start - 1 - len(left.group())] or "a"):
                sides.append((start - 1 - len(left.group()), start - 1))
        if folded[end:end + 1] == "、":
            right = re.match(r"[\u4e00-\u9fff]{4,10}?(?=[、,。;]|等|和|及)", folded[end + 1:end + 12])
            if right:
                sides.append((end + 1, end + 1 + len(right.group())))
        for s, e in sides:
            if (s, e) not in seen and _brand_company(folded[s:e]):
                seen.add((s, e))
                found.append((s, e, "Enterprise", "a company's short name beside a company in a list", "listed"))
                todo.append((s, e))
    return found
