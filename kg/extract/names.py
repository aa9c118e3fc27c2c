"""New organisation names, read from their suffix: a word ending in an organisation suffix (有限公司,
研究院, 创新联合体, 高新区, 厅 …, :data:`kg.extract.lexicon.ORG_SUFFIXES`) is read leftwards to the nearest
boundary (punctuation, a verb or preposition, a counted number, a date) and judged: a name made only of
generic words is dropped, a name with a weak suffix must open with a region, a country or a known body.
Also the parents named inside a longer name, two names written side by side (short forms are in
:mod:`kg.extract.shortforms`), and :class:`Mention`, what every rule of :mod:`kg.extract` finds.

>>> [name for _, _, name in ((s, e, "甘肃某某科技有限公司与河西某某大学签约"[s:e])
...                          for s, e, *_ in suffix_names("甘肃某某科技有限公司与河西某某大学签约", None))]
['甘肃某某科技有限公司', '河西某某大学']
"""

import re
from dataclasses import dataclass, field

from kg.extract import lexicon
from kg.extract.text import fold

__all__ = ["named_as_actor", "Mention", "MAX_NAME", "CJK", "NAME_CHAR", "PLACE_NAMES", "suffix_names", "specific"]

#: a name is at most this long (characters); a longer run is not one name
MAX_NAME = 40

CJK = re.compile(r"[\u3400-\u9fff]")
NAME_CHAR = re.compile(r"[\u3400-\u9fff〇A-Za-z0-9—]")
_COUNTED = re.compile(r"(?:[0-9]+|[零一二两三四五六七八九十百千万]+)(?:余|多)?[家个项名所批类支座方条]$"
                      r"|[一二两三四五六七八九十]大$")  # 六大产业链: a set phrase, not a name
# what a legal name may hold in brackets (酒泉钢铁(集团)有限责任公司, 某某(中国)有限公司)
_BRACKETED_IN_NAMES = {"集团", "控股", "中国", "北京", "上海", "甘肃", "兰州", "有限", "股份"}
# places that open a name of their own (白银高新技术产业开发区), longest first
PLACE_NAMES = tuple(sorted(set(lexicon.CITIES) | set(lexicon.PROVINCES) | set(lexicon.WORD_CITIES),
                            key=len, reverse=True))
# first characters of cities: two of them open a name of a region spanning both (兰白 = 兰州 and 白银)
_CITY_INITIALS = {city[0] for city in lexicon.CITIES if city[0] not in "北上天长南西广"}
_PLACE_SUFFIX = ("省", "市", "州", "县", "区", "自治区", "盟")
# words that open with a region prefix (省, 市, 区, 县) but are not a region: 市场运营部 is not a city's body
_NOT_REGION_WORDS = ("市场", "区域", "区块", "县域", "市民", "市值", "省内", "省外", "市内", "市外", "区位")
# a one-character word that may stand before a name without ending it on the left (经市委组织部, 目前有兰州某某公司):
# it is dropped when what follows opens with a region
_LEADING_WORDS = set("经有同给往至自对应来跟赴")  # 应某省某某协会邀请, 一行来某市某某大学: a host after 应, a goal after 来
# words that open with 同 inside a name (某某所同位素实验室, 同济大学): there 同 does not join two bodies
_SAME_WORDS = ("同位素", "同步", "同济", "同心", "同城", "同仁", "同江", "同德", "同创", "同行")
# 大局, 格局, 布局 …: 局 after one of these is a word, not a bureau
_NOT_BUREAU = set("大格布全结变开当僵残时新赌饭")
# the regions' own committees and governments, two characters long (州委书记, 市政府秘书长)
_REGION_BODY = re.compile(r"[省市州县区](?:委|政府|政协)")
# what a company's legal name adds to its group's name (某某集团有限公司 is the group itself, not a unit of it)
_LEGAL_FORMS = ("有限公司", "股份有限公司", "有限责任公司", "公司")
_REGION_OPENERS = tuple(sorted(
    set(lexicon.PROVINCES) | set(lexicon.PROVINCES.values()) | set(lexicon.REGION_PREFIXES)
    | set(lexicon.CITIES) | set(lexicon.COUNTRIES) | set(lexicon.WORD_CITIES) | {"中国", "中华", "国家", "中央", "中共", "中亚", "西北", "西部", "东部", "全国", "丝路", "国网", "亚洲", "欧洲",
       "中石油", "中石化", "中海油", "中核", "中航", "中铁", "中建", "中交", "中冶", "中电", "中广核", "中车", "中化",
       "华能", "大唐", "华电", "国家电投", "国电投", "中国电建", "中国能建",  # central enterprises' short names
       "哈萨克斯坦", "吉尔吉斯斯坦", "乌兹别克斯坦", "塔吉克斯坦", "土库曼斯坦", "俄罗斯", "吉", "哈", "乌", "塔"}
    # bilateral names of international cooperation: 中乌…中心, 中哈…实验室, 中俄…基地
    | {"中" + country for country in "乌哈吉塔土俄蒙巴泰老越柬缅马印白德法英美日韩欧非阿沙以意"},
    key=len, reverse=True))


@dataclass
class Mention:
    """One stretch of text that names an actor.

    ``start``/``end`` are offsets into the text as given (``text[start:end] == name``). ``source`` is
    the rule that found it: ``gazetteer``, ``short-form``, ``suffix``, ``known-body``, ``inner``,
    ``person``, ``place``. ``known`` is the IRI when the gazetteer knows the name, ``alias_of`` the
    name a defined short form stands for, ``parent`` the name of a body named inside this one.
    """

    name: str
    cls: str
    start: int
    end: int
    source: str
    confidence: float
    why: str
    known: str | None = None
    alias_of: str | None = None
    parent: str | None = None
    located_in: str | None = None
    title: str | None = None
    affiliations: list = field(default_factory=list)

    @property
    def is_person(self):
        return self.cls == "Person"

    @property
    def is_place(self):
        return self.source == "place"


_SUFFIX_PATTERN = re.compile("|".join(re.escape(s) for s in lexicon.suffixes_longest_first()))
# a one-character suffix followed by one of these is part of a title or a common word (厅长, 部署, 所属)
_SUFFIX_NOT_BEFORE = set("长士属署分门员托级内外里面势有以得谓区务地")  # 院务会, 院地合作: a word, not a name's end
# a hall of a building (多功能厅, 展厅, 报告厅): a room where something is held, not a department
_ROOM_BEFORE_TING = set("展能议告餐播览客舞大门")
# a capacity or an output (5吉瓦, 10万吨) inside a stem: a project or a plant described, not a body's name
_CAPACITY = re.compile(r"[0-9.]+(?:万|亿)?(?:吉瓦|兆瓦|千瓦|万千瓦|GW|MW|吨|万吨|台|套|条|头|只)")




def suffix_names(folded, gazetteer):
    """``(start, end, class, why, source)`` of every new name the suffix rules read in ``folded``."""
    found = []
    for match in _SUFFIX_PATTERN.finditer(folded):
        suffix, end = match.group(), match.end()
        after = folded[end:end + 1]
        if len(suffix) == 1 and after in _SUFFIX_NOT_BEFORE:
            continue
        if suffix == "院" and after == "所" or suffix == "所" and after == "在":
            continue  # 科研院所: a kind of body; 所在: where, not an institute
        if suffix == "部" and folded[match.start() - 1:match.start()] == "干":
            continue  # 干部: cadres, not a department
        if suffix == "委" and folded[match.start() - 1:match.start()] in ("常", "编", "纪"):
            continue  # 常委, 编委: a member, not a committee
        if suffix == "委" and folded[match.start() - 1:match.start()] == "党" and \
                re.match(r"(?:副)?书记|委员|常委", folded[end:end + 3]) and \
                _ends_with_org(folded[:match.start() - 1], joiner=True) and \
                not re.search(r"[省市县区州]$", folded[:match.start() - 1]) and \
                not folded[:match.start() - 1].endswith(PLACE_NAMES):
            continue  # 某某集团党委书记: a title held in the group, not a committee of its own
        if suffix == "理事会" and _ends_with_org(folded[max(0, match.start() - 8):match.start()]):
            continue  # 某某联盟理事会: the alliance's council is the alliance's organ, not a body of its own
        if suffix in ("网", "在线") and after in set("站络格点民友上购联荷"):  # 源网荷储: grid, not a site
            continue
        if suffix == "网" and folded[match.start() - 1:match.start()] in set("电联管路光渔铁"):
            continue  # 电网, 互联网, 管网: a network, not a site
        if suffix == "公司" and folded[match.start() - 1:match.start()] == "子":
            continue  # 全资子公司: a role (the structure rules read it), not the end of a name
        if suffix == "局" and folded[match.start() - 1:match.start()] in _NOT_BUREAU:
            continue  # 大局, 格局, 布局
        if suffix == "厅" and folded[match.start() - 1:match.start()] in _ROOM_BEFORE_TING:
            continue  # 某某院多功能厅, 某某所展厅: a room of the body, not a department
        if suffix == "中心" and folded[match.start() - 1:match.start()] == "副":
            continue  # 城市副中心: a city's secondary centre, a place, not a body
        if suffix == "部" and folded[match.start() - 1:match.start()] in set("东西南北中"):
            continue  # 陇南东西部…, 中部: a part of a country, not a department
        start = _read_left(folded, match.start(), gazetteer)
        while folded[start:start + 1] == "—" and start < match.start():
            start += 1  # —某某研究院: a dash opening a subtitle, not part of the name
        if folded[start:start + 1] in _LEADING_WORDS and folded[start + 1:match.start()].startswith(_REGION_OPENERS):
            start += 1  # 经市委组织部, 有兰州某某公司: the word before is not part of the name
        if folded[start:start + 1] in _ADVERBS_BEFORE_JOINER and folded[start + 1:start + 2] in ("与", "和", "同") \
                and start + 2 < match.start():
            start += 2  # 并与某某研究所: an adverb and a joiner open the object, they are not part of its name
        while folded[start:start + 1] in lexicon.SOFT_JOINERS and start + 1 < match.start() \
                and not (folded[start:start + 2] == "和政" and folded[start + 2:start + 3] not in "府策治务协法") \
                and not (folded[start - 1:start + 1] in ("和和", "、和")):
            start += 1  # 及某某基地: a joiner opening the run joins this name to what came before
        start = _cut_before_place(folded, start, match.start())
        start = _cut_after_body(folded, start, match.start())
        start = _cut_place_prefix(folded, start, match.start())
        if CJK.match(suffix[-1]) and lexicon.suffix_class(suffix) in ("Park", "HighTechZone") \
                and re.match(r"[A-Z]区", folded[end:end + 2]):
            end += 2  # 某某产业园C区: a lettered section of a park is named with it
        name = folded[start:end]
        if _COUNTED.search(folded[:start]) and not name.startswith(PLACE_NAMES):
            continue  # 4个区域中心实验室, 1个国家某某基地: counted things are kinds, not named bodies
        verdict = _judge(name, suffix, folded, start)
        if not verdict and suffix in lexicon.GOVERNMENT_SUFFIXES and 2 <= len(name) - len(suffix) <= 4 and \
                re.search(r"(?:^|[^\u4e00-\u9fff])(?:省|市|自治区|州|县|区)[\u4e00-\u9fff]{1,8}?(?:厅|局|委|办)"
                          r"(?:、[\u4e00-\u9fff]{2,6}?(?:厅|局|委|办))*[、和及与]$",
                          folded[max(0, start - 40):start]) and specific(name[:-len(suffix)]):
            verdict = f"ends in the organisation suffix {suffix}; shares the region of the department before it"
        if verdict and suffix == "部":
            inner = _longest_inner(name)
            if inner and not lexicon.suffix_class(inner) == "GovernmentBody" and len(name) - len(inner) <= 6:
                # 某某科技园高纯事业部: a body's internal department; the body is the name
                end, name = start + len(inner), inner
                verdict = f"a body named before its internal department ({folded[end:match.end()]})"
        if verdict and not named_as_actor(name, folded):
            continue
        if verdict:
            found.append((start, end, lexicon.suffix_class(name) or "Organization", verdict, "suffix"))
    return found


# one-character words that end a clause's subject or open an object: before a place inside a run, the name
# starts at the place (某某就酒泉某某区, 领导有甘肃某某所)
_BEFORE_PLACE = set("有就及分对向在从经和与同给往至自将把被让并又也还都即")


def _cut_before_place(folded, start, suffix_at):
    """Where a name read from ``start`` really starts: at a province or city written one to four characters
    into the run, when the character right before it is a function word (有, 就, 对 …) and the text before
    is no body's name."""
    if folded[start:start + 2] in ("我市", "我省", "本市", "本省", "我国", "全省", "全市", "我区", "我州") \
            and folded[start + 2:suffix_at].startswith(_REGION_OPENERS):
        return start + 2  # 我市兰州某某研究所: "our city" before the body's own region-opened name
    for at in range(start + 2, suffix_at):
        if folded[start:at].endswith(_TITLE_WORDS + ("企业", "单位", "机构", "高校")) \
                and folded[at:suffix_at].startswith(PLACE_NAMES):
            return at  # 特邀专家兰州某某大学, 驻园企业天水某某公司: a title or a kind before the body's name
    for at in range(start + 1, min(start + 5, suffix_at)):
        if folded[at - 1] in _BEFORE_PLACE and folded[at:suffix_at].startswith(PLACE_NAMES) \
                and not (folded[at - 1] == "和" and folded[at:at + 1] == "政") \
                and not _ends_with_org(folded[start:at - 1]):
            return at
    return start


# a person's title (two characters or more): before a region-opened name it ends the person's part
_TITLE_WORDS = tuple(t for t in lexicon.TITLES_BEFORE if len(t) >= 2 and all(CJK.match(c) for c in t))
# a province and a city written as the place of a body whose name opens with the city again
_PLACE_PREFIX = re.compile("(?:" + "|".join(sorted(lexicon.PROVINCES, key=len, reverse=True)) + ")省?(?:"
                           + "|".join(sorted(lexicon.CITIES, key=len, reverse=True)) + ")市")


def _cut_place_prefix(folded, start, suffix_at):
    """Where a name read from ``start`` starts when a province and a city come first and the name itself opens
    with a place again (某省某市某市某某集团有限公司): the address is not part of the name."""
    prefix = _PLACE_PREFIX.match(folded, start)
    if prefix and prefix.end() < suffix_at and folded[prefix.end():suffix_at].startswith(PLACE_NAMES):
        return prefix.end()
    return start


def _joint_body(folded, suffix_at):
    """Whether the suffix at ``suffix_at`` names a body two founders run together (某某联合实验室, 某某共建中心):
    its name may hold both founders joined by 与 or 和."""
    return folded[suffix_at:suffix_at + 2] == "联合" or folded[:suffix_at].endswith(("联合", "共建"))


def _cut_after_body(folded, start, suffix_at):
    """Where a name read from ``start`` really starts when the run holds a whole body's name, then one to
    three characters, then a province or city (某某公司落脚兰州某某园, 某某厅支持白银某某中心): at the place.
    The characters between are a verb or joiner linking two bodies, whatever the word; a sub-unit is written
    right after its parent (中国科学院兰州某某研究所) or by a word of belonging that stops the run anyway."""
    if _joint_body(folded, suffix_at):
        return start
    for at in range(start + 3, suffix_at):
        if not folded[at:suffix_at].startswith(PLACE_NAMES) or folded[at - 1:at] in "省市县区州":
            continue
        for gap in (1, 2, 3):
            head, between = folded[start:at - gap], folded[at - gap:at]
            if len(head) < 3 or not all(CJK.match(c) for c in between):
                continue
            suffix = next((s for s in lexicon.suffixes_longest_first() if head.endswith(s)), None)
            if suffix and (len(suffix) >= 2 or suffix in ("厅", "局")) and _judge(head, suffix, folded, start):
                return at
    return start


def named_as_actor(name, folded):
    """Whether a chain or a cluster is an actor here: when a region or a quoted label names it as its own
    (甘肃省某某产业链, 某某市某某产业集群, “某某苹果”产业链), and a chain also in an article on chain leadership (链长, 链主: the chain has a leader
    and leading firms). Elsewhere 某某产业链/产业集群 is a sector the text describes, not a body."""
    cls_name = lexicon.suffix_class(name)
    if cls_name not in ("IndustrialChain", "IndustrialCluster"):
        return True
    regional = name.startswith(_REGION_OPENERS) and not name.startswith(_NOT_REGION_WORDS) \
        and not name.startswith(("国家", "中国", "全国"))
    labelled = bool(re.match(r"“[^“”]{2,12}”", name))  # “2+4”现代化产业集群, “某某苹果”产业链: a label names one
    return regional or labelled or cls_name == "IndustrialChain" and bool(re.search(r"链长|链主", folded))


def _read_left(folded, pos, gazetteer, limit=MAX_NAME):
    """Where a name ending at a suffix starting at ``pos`` begins: read left to the nearest boundary."""
    start, floor = pos, max(0, pos - limit)
    while start > floor:
        ch = folded[start - 1]
        if ch in "”’":  # a quoted part of a name: “一带一路”联合实验室, 甘肃省侨联‘一带一路’国际技术转移中心
            open_at = folded.rfind("“" if ch == "”" else "‘", floor, start - 1)
            if open_at >= 0 and not re.search(r"[,。、;:()《》]", folded[open_at:start]):
                start = open_at
                continue
            break
        if ch == ")":  # a legal name's bracketed part: 酒泉钢铁(集团)有限责任公司
            inner = re.search(r"\(([\u4e00-\u9fff]{2,4})\)$", folded[max(floor, start - 6):start])
            if inner and (inner.group(1) in _BRACKETED_IN_NAMES or inner.group(1) in lexicon.CITIES
                          or inner.group(1) in lexicon.PROVINCES) and start - len(inner.group()) > floor:
                start -= len(inner.group())
                continue
            break
        if not NAME_CHAR.match(ch):
            break
        if ch == "经" and _ends_with_org(folded[:start - 1]):
            break  # 某某实验室经省某某厅批准: 经 after a name is "through", not 经济
        if ch == "来" and folded[start - 2:start - 1] not in _BEFORE_LAI and folded[start:start + 1] != "宾" and start < pos:
            break  # 一行来某某大学, 他来某某研究院: 来 is "come to"; a name holds it only in 未来, 外来 … (来宾 is a city)
        if ch == "同" and (_ends_with_org(folded[:start - 1]) or _joiner_follows_actor(folded[:start - 1])) and start < pos \
                and not folded[start - 1:pos].startswith(_SAME_WORDS):
            break  # 某某大学同某某公司签约: 同 between two bodies joins them (as 与 does), it opens neither name
        head = folded[:start]
        if _COUNTED.search(head) or re.search(r"[0-9]{2,4}年$|首[批家个]$|第[0-9一二三四五六七八九十]+[批届次]$|[0-9]+强$", head):
            break  # 10家…, 2022年…, 首批…, 世界500强…: a count, a date or a rank, not part of the name
        word = next((w for w in lexicon.STOP_WORDS if head.endswith(w)), None)
        if word and any((head + folded[start:start + 1]).endswith(c) for c in lexicon.WORD_CITIES):
            start -= len(word)  # 合作市某某合作社: the city 合作, not the verb
            continue
        if word == "和" and folded[start:start + 1] == "政" and folded[start + 1:start + 2] not in "府策治务协法":
            start -= 1  # 和政(县): a county of Linxia whose name opens with the joiner 和 (not 和政府)
            continue
        rest = head[:-len(word)] if word else ""
        if word and len(word) >= 2 and rest.endswith(lexicon.SOFT_JOINERS) and \
                not any(rest.endswith(w) for w in lexicon.STOP_WORDS if len(w) >= 2) and \
                not _ends_with_org(rest[:-1], joiner=True):
            start -= len(word)  # 开发与利用创新基地: a verb joined to another as a noun is part of the name
            continue
        if word:
            stem = folded[start:pos]
            if word in lexicon.SOFT_JOINERS:
                before = folded[start - 2:start - 1]
                if word == "和" and before in ("和", "、"):
                    start -= 1  # 某某园区和和平某某园, 、和某某公司: after a joiner, 和 opens the name (和平)
                    break
                if word in "与和" and _joint_body(folded, pos) and _ends_with_org(folded[:start - 1]) \
                        and _ends_with_org(stem[:-2] if stem.endswith(("联合", "共建")) else stem):
                    start -= len(word)  # 某某大学与某某集团联合实验室: a joint body's own name holds both founders
                    continue
                if not before or not NAME_CHAR.match(before) or _ends_with_org(folded[:start - 1], joiner=True) \
                        or _joiner_follows_actor(folded[:start - 1]) or folded[start:pos].startswith(_REGION_OPENERS) \
                        or folded[start:pos].startswith(_KNOWN_NAMES):
                    break  # 兰州大学与…大学, 现场及中吉乌…公司: two names or a word and a name; ",与…": a word
            elif len(word) == 1 and not specific(stem) and folded[pos:].startswith((*_LEGAL_FORMS, "集团")) \
                    and start - 2 >= floor and CJK.match(folded[start - 2]) \
                    and not any(head[:-1].endswith(w) for w in lexicon.STOP_WORDS):
                # 某为技术有限公司: a brand holding a one-character word (为, 而, 到) before generic words; the
                # brand is read up to the next boundary, at most four characters
                start -= 1
                brand_floor = max(floor, start - 4)
                while start > brand_floor and CJK.match(folded[start - 1]) and not _COUNTED.search(folded[:start]) \
                        and not any(folded[:start].endswith(w) for w in lexicon.STOP_WORDS):
                    start -= 1
                break
            elif word not in lexicon.VERBS_IN_NAMES or specific(stem):
                break
            elif _ends_with_org(head[:-len(word)]) or start - len(word) < floor:
                break
            start -= len(word)
            continue
        start -= 1
    return start


# characters before 来 where it is part of a noun a name may hold (未来产业研究院, 外来物种, 将来, 原来, 近来)
_BEFORE_LAI = set("未将外原后本近以从由")
# adverbs written between a subject and its joiner (某某研究院已与, 曾与, 也和): the subject is still a body
_ADVERBS_BEFORE_JOINER = set("已曾也还均正又再亦都并能要将愿可")  # 学校能与某某集团: a modal verb too
_KNOWN_NAMES = tuple(sorted(lexicon.KNOWN_BODIES, key=len, reverse=True))
_TITLE_BEFORE_NAME = re.compile("(?:" + "|".join(re.escape(t) for t in sorted(
    {t for t in lexicon.TITLES_BEFORE if len(t) >= 2 and CJK.match(t[-1])} | {"书记", "校长", "主任", "局长", "厅长", "董事长"},
    key=len, reverse=True)) + r")([\u4e00-\u9fff]{2,4})$")


def _joiner_follows_actor(head):
    """Whether a joiner (与, 和, 同) right after ``head`` joins a body or a person to what follows: ``head``
    ends with a body and an adverb (某某研究院已与) or with a title and a person's name (某某大学副校长王某与)."""
    if head[-1:] in _ADVERBS_BEFORE_JOINER and _ends_with_org(head[:-1], joiner=True):
        return True
    person = _TITLE_BEFORE_NAME.search(head[-12:])
    return bool(person) and (person.group(1)[0] in lexicon.SURNAMES or person.group(1)[:2] in lexicon.SURNAMES)


def _ends_with_org(head, joiner=False):
    """Whether ``head`` ends with an organisation's name; before a joiner (和, 与), a one-character
    suffix (省科技厅和…) or a place (定西和陇西…) counts too: the joiner then joins two names."""
    tail = head[-8:]
    if any(tail.endswith(s) for s in lexicon.ORG_SUFFIXES if len(s) >= 2 or joiner and s not in ("网",)) or \
            any(tail.endswith(n) for n in lexicon.KNOWN_BODIES):
        return True
    return joiner and any(tail.endswith(p) for p in (*lexicon.CITIES, *lexicon.PROVINCES, *lexicon.PROVINCES.values()))


def specific(stem):
    """Whether a name's stem says which body it is (兰州, 酒钢, 景泰盐碱地) rather than only what kind."""
    rest = re.sub(r"[“”\"'·—\-\s]", "", stem)
    changed = True
    while rest and changed:
        changed = False
        for word in (*lexicon.GENERIC_WORDS, *lexicon.SOFT_JOINERS):  # 高校和相关科研: kinds joined, still a kind
            if rest.startswith(word):
                rest = rest[len(word):]
                changed = True
                break
    return bool(rest)


def _judge(name, suffix, folded, start):
    """Why ``name`` is taken as a new organisation's name, or ``None`` when it is not one."""
    stem = name[: len(name) - len(suffix)]
    if _REGION_BODY.fullmatch(name):
        return f"the region's own body ({name})"
    if not stem or len(name) < 3 or len(name) > MAX_NAME:
        return None
    if stem.endswith(lexicon.SOFT_JOINERS):
        return None  # 人才链与产业链, 投资机构与高新区: two words joined, the second a kind
    if re.fullmatch(r"[省市州县区]{2,}党?", stem):
        return None  # 省市党委, 省市县: levels of government together, not one body
    if re.match(r"(?:[0-9]+|[千百万]|[0-9]+[—\-][0-9]+)亿级", stem):
        return None  # 千亿级某某产业集群: a target described by its scale, not a named body
    if re.match(r"(?:国家|省|市|县)级", stem):
        return None  # 省级农业科技园区: a level and a kind; a named one puts its place first (某市省级…园区)
    if suffix in lexicon.KIND_SUFFIXES | {"产业园区", "创新基地"} and re.fullmatch(r"“[^“”]+”", stem):
        return None  # “科创中国”创新基地: a programme's label and a kind, not one body
    if suffix == "产业链" and re.search(r"(?:全|完整)$", stem):
        return None  # 全产业链, 完整产业链: the whole chain, not a named one
    regional = (stem.startswith(_REGION_OPENERS) and not stem.startswith(_NOT_REGION_WORDS)) \
        or bool(re.match(r"^[\u4e00-\u9fff]{2,3}[市州县区]", stem)) \
        or suffix in ("政府", "人民政府") and bool(re.fullmatch(r"[\u4e00-\u9fff]县", stem)) \
        or (stem[:1] in _CITY_INITIALS and stem[1:2] in _CITY_INITIALS and len(stem) >= 4)  # 兰白…试验区, 酒嘉…
    if suffix in lexicon.KIND_SUFFIXES and not specific(re.sub(r"^(?:" + "|".join(PLACE_NAMES) + r")[省市]?", "", stem)):
        return None  # 甘肃省产业技术创新联盟: a region and a kind, not one body's name
    if not specific(stem) and not (suffix in lexicon.GOVERNMENT_SUFFIXES and regional
                                    and (len(stem) >= 2 or len(suffix) >= 2)):
        return None
    if stem[0] in "该本各其这我贵此全每" and not stem.startswith(("每日", *_KNOWN_NAMES)):  # 每日甘肃网: a paper's
        # name; 全国人大某某委员会: a national body's committee
        return None
    if stem.startswith(("学校", "公司", "集团")):
        return None  # 学校某某培训学院, 公司某某中心: a unit of the body the article is about, named by it
    if re.search(r"(?:内|的)?各$", stem):  # 甘肃省内各联盟高校: every alliance of a region, not one
        return None
    if name.endswith(("院所", "院校")):  # 科研院所, 高等院校: a kind of body, never one
        return None
    if suffix in ("大学", "学院", "高校", "研究院", "研究所") and \
            re.search(r"(?:地区|流域|沿线|周边|区域|世界|一流|知名|著名|重点|高水平|国内外|国外|海外|境外|其他|相关|部属|省属|地方)$", stem):
        return None  # 黄河流域大学, 世界一流大学: a group of bodies described, not one named
    if re.match(r"[0-9]{4}[\u4e00-\u9fff]", stem) or _CAPACITY.search(stem):
        return None  # 2020国家某某区 (a ranking's year), 某某公司5吉瓦光伏组件工厂 (a plant described by its output)
    if len(stem) == 1 and folded[start - 1:start] in ("在", "驻"):
        return None  # 在甘研究所: the institutes in a province (甘, 陇), not one named
    if re.fullmatch(r"[0-9A-Za-z\-]+", stem) or (re.match(r"^[0-9—\-]*[0-9]", stem) and "级" in stem):
        return None
    if suffix in lexicon.KIND_SUFFIXES and len(stem) < 3:
        return None
    if any(_verb_in(stem, w) for w in lexicon.STOP_WORDS if len(w) >= 2 and w not in lexicon.VERBS_IN_NAMES):
        return None  # 建成千亿级产业集群: a verb inside is a clause, not a name
    weak = suffix in lexicon.WEAK_SUFFIXES
    if weak:
        # 科技部某某中心 (a national body opens it; not a one-character suffix: 科技部乡村振兴部省联动)
        opens_with_region = regional or len(suffix) >= 2 and stem.startswith(tuple(lexicon.KNOWN_BODIES)) \
            or suffix in ("所", "院") and len(stem) >= 5 and stem.startswith(_ACADEMIES)  # 中科院某某所
        holds_org = _ends_with_org_anywhere(stem)
        media_with_place = suffix in ("网", "在线") and any(p in stem for p in lexicon.PROVINCES)
        # 某某药业公司, 某某机床公司: a brand and its trade name a company as well as a region does
        trade_company = suffix in ("公司", "厂") and _brand_and_trade(stem)
        # 揭牌某某测试应用示范基地: a long descriptive platform named where it is founded or designated
        founded_platform = suffix in ("中心", "基地", "平台") and _founded_here(folded, start) \
            and len(_specific_part(stem)) >= 4 and len(stem) >= 6
        if not (opens_with_region or holds_org or media_with_place or trade_company or founded_platform):
            return None
    return f"ends in the organisation suffix {suffix}"


# what a company's trade is called before 公司 (某某药业公司, 某某机床公司, 某某电子公司): with a brand before it,
# the company is named even without a region
# academies whose institutes news names by a contraction (中科院某某所, 中国农科院某某所)
_ACADEMIES = tuple(n for n, c in lexicon.KNOWN_BODIES.items() if c == "Academy")
_TRADES = ("机床", "机械", "电器", "电机", "仪表", "纺织", "水泥", "玻璃", "陶瓷", "塑料", "橡胶", "石化", "石油", "化肥",
           "种业", "果业", "牧业", "畜牧", "茶业", "酒业", "粮油", "面粉", "建工", "建设", "路桥", "铁路", "航空", "汽车",
           "重工", "轻工", "光电", "半导体", "新能源", "环保", "环境", "水务", "燃气", "热力", "通信", "软件", "信息",
           "网络", "传媒", "文化", "旅游", "置业", "地产", "投资", "资本", "金融", "保险", "证券", "贸易", "商贸", "物产")


def _brand_and_trade(stem):
    """Whether ``stem`` is a brand (2-6 characters that say which) and a trade (某某药业, 某某机床)."""
    for trade in sorted((*lexicon.INDUSTRY_ENDINGS, *_TRADES), key=len, reverse=True):
        if stem.endswith(trade):
            brand = stem[:-len(trade)]
            return 2 <= len(brand) <= 6 and specific(brand) and bool(CJK.match(brand[0])) \
                and not re.search(r"[0-9一二两三四五六七八九十几多某该本各其这那此每全]", brand[:1]) \
                and not any(w in brand for w in lexicon.STOP_WORDS if len(w) >= 2)
    return False


_FOUNDING_CUES = ("揭牌", "授牌", "挂牌", "获批", "成立", "组建", "共建", "建立", "设立", "认定为", "命名为", "入选", "获评",
                  "批准建设", "正式运行")


def _founded_here(folded, start):
    """Whether the words right before ``start`` found or designate what follows (揭牌, 获批, 认定为 …)."""
    head = folded[max(0, start - 4):start].rstrip("“\"了")
    return head.endswith(_FOUNDING_CUES)


def _specific_part(stem):
    """What is left of ``stem`` once the generic words are taken out, wherever they stand."""
    rest = re.sub(r"[“”\"'·—\-\s]", "", stem)
    for word in (*lexicon.GENERIC_WORDS, *lexicon.SOFT_JOINERS):
        rest = rest.replace(word, "")
    return rest


def _verb_in(stem, verb):
    """Whether ``verb`` stands in ``stem`` as a verb: not where it is joined to another word as a noun
    (资源开发与利用创新基地, 研发及应用中心)."""
    at = stem.find(verb)
    while at >= 0:
        before, after = stem[at - 1:at], stem[at + len(verb):at + len(verb) + 1]
        if not (before in lexicon.SOFT_JOINERS or after in lexicon.SOFT_JOINERS):
            return True
        at = stem.find(verb, at + 1)
    return False


def _ends_with_org_anywhere(stem):
    """Whether ``stem`` holds a body's name: a suffix with words before it that say which (某某大学某某中心;
    not 试验站培训中心, where the suffix stands alone as a short form)."""
    return any(s in stem and (specific(stem[:stem.find(s)]) or lexicon.ORG_SUFFIXES[s] in ("Park", "HighTechZone"))
               for s in lexicon.ORG_SUFFIXES if len(s) >= 2 and s not in ("中心", "基地", "平台"))  # 园区党工委: the
    # park the article is about


def _longest_inner(name):
    for cut in range(len(name) - 2, 2, -1):
        head = name[:cut]
        cls_name = lexicon.suffix_class(head)
        if not cls_name or head.count("(") != head.count(")") or head.endswith("融媒") and name[cut:cut + 1] == "体":
            continue  # 酒泉钢铁(集团, 某某融媒(体中心): not a name of its own
        if any(j in head and _ends_with_org(head[:head.index(j)]) for j in "与和"):
            continue  # 某某大学与某某集团(联合实验室): two founders joined, not one parent
        suffix = head if head in lexicon.KNOWN_BODIES else \
            next(s for s in lexicon.suffixes_longest_first() if head.endswith(s))
        if len(suffix) == 1 and (name[cut:cut + 1] in _SUFFIX_NOT_BEFORE or any(
                s.startswith(suffix) and len(s) > 1 and name[cut - 1:].startswith(s) for s in lexicon.ORG_SUFFIXES)):
            continue  # 某某规划委(员会): the suffix goes on into a longer one, or into a word (所属, 院长)
        opens_known = head.startswith(tuple(lexicon.KNOWN_BODIES)) and head not in lexicon.KNOWN_BODIES
        # a one-character suffix ends a parent only where it opens with a known body (中国科学院近物所) or a
        # place follows it (某某检疫局兰州新区…: the place opens what comes next)
        boundary = opens_known or (name[cut:].startswith(PLACE_NAMES) and head.startswith(PLACE_NAMES))
        if head in lexicon.KNOWN_BODIES or (_judge(head, suffix, name, 0) and (len(suffix) >= 2 or boundary)):
            if suffix in ("中心", "基地", "平台", "网") and head not in lexicon.KNOWN_BODIES:
                continue
            if cls_name in ("HighTechZone", "Park") and _longest_inner(head):
                continue  # 某某局兰州新区公共检测平台: the parent is the bureau; the zone is where it is
            return head
    return None
