"""Find the names of organisations and people in a text: known names first, then rules for new ones.

Five sources of mentions, in this order:

1. **short forms the text defines**: ``X(简称Y)``, ``X(以下简称“Y”)``, ``下称`` — Y is then a name of X
   wherever it occurs;
2. **suffix rules** for new names: a word ending in an organisation suffix (有限公司, 研究院, 创新联合体,
   高新区, 厅 …, :data:`kg.extract.lexicon.ORG_SUFFIXES`), read leftwards to the nearest boundary
   (punctuation, a verb or preposition, a number with a measure word). A name made only of generic
   words (国家自主创新示范区, 细分产业链) is dropped; a name with a one-character suffix (厅, 局, 所 …)
   must open with a region or a known body (省科技厅, 中国科学院近物所). A parent named inside a
   longer name (中国科学院 in 中国科学院西北生态环境资源研究院) is a mention too;
3. **people** with their titles: ``副部长陈家昌``, ``记者 李昕``, ``夏燕青研究员``, bylines ``(苏燕平 李凯)``;
4. **places** (甘肃, 金昌市), only ever the object of located-in or piloted-in;
5. the **gazetteer** (:class:`Gazetteer`): every organisation, person and place name the graph already
   knows, longest first, only where the rules found nothing. A known name never cuts a longer name
   (甘肃 in 甘肃金车储能电池技术有限公司, 兰州 in 兰州交通大学), so a text gives the same names whatever the
   gazetteer holds; a name the rules found is joined to its actor when the gazetteer knows it exactly.

>>> names = [m.name for m in find_mentions("由兰州大学与甘肃某某科技有限公司共建的甘肃省沙漠治理创新联合体")]
>>> names
['兰州大学', '甘肃某某科技有限公司', '甘肃省沙漠治理创新联合体']
"""

import re
from dataclasses import dataclass, field

from kg.extract import lexicon
from kg.extract.text import fold

__all__ = ["Mention", "Gazetteer", "find_mentions", "short_forms"]

#: a name is at most this long (characters); a longer run is not one name
MAX_NAME = 40

_CJK = re.compile(r"[\u3400-\u9fff]")
_NAME_CHAR = re.compile(r"[\u3400-\u9fff〇A-Za-z0-9—]")
_COUNTED = re.compile(r"(?:[0-9]+|[零一二两三四五六七八九十百千万]+)(?:余|多)?[家个项名所批类支座方]$")
# 简称 / 以下简称 / 下称 + the short form (optionally quoted) up to the closing bracket or quote
_SHORT_FORM = re.compile(r"[((](?:以下)?(?:简称|下称|简写为|以下称)[::]?[“\"]?([^)”\"(),,、。]{1,15})[”\"]?[))]")
# a dateline byline: 电(苏燕平 李凯) / 电(记者尚杰、王冰雅 通讯员邸金)
_DATELINE = re.compile(r"(?:电|讯)[((]([^()()]{2,40})[))]")
# what a legal name may hold in brackets (酒泉钢铁(集团)有限责任公司, 某某(中国)有限公司)
_BRACKETED_IN_NAMES = {"集团", "控股", "中国", "北京", "上海", "甘肃", "兰州", "有限", "股份"}
# places that open a name of their own (白银高新技术产业开发区), longest first
_PLACE_NAMES = tuple(sorted(set(lexicon.CITIES) | set(lexicon.PROVINCES), key=len, reverse=True))
# first characters of cities: two of them open a name of a region spanning both (兰白 = 兰州 and 白银)
_CITY_INITIALS = {city[0] for city in lexicon.CITIES if city[0] not in "北上天长南西广"}
_PLACE_SUFFIX = ("省", "市", "州", "县", "区", "自治区", "盟")
# words after a title that open with a surname but are not a name (理事长单位, 主任委员, 院长助理)
_NOT_NAMES = {"单位", "助理", "委员", "成员", "人员", "代表", "兼任", "同志", "单位为", "单位是"}
# characters that are rarely the third character of a Chinese given name but often follow a name
_NOT_NAME_TAIL = set("随在于与和及等表出主率将是为对从向的了说指称介认提代致参分也都就还又并而到赴来去会作同兑宣颁、一二三四")
_REGION_OPENERS = tuple(sorted(
    set(lexicon.PROVINCES) | set(lexicon.PROVINCES.values()) | set(lexicon.REGION_PREFIXES)
    | set(lexicon.CITIES) | {"中国", "中华", "国家", "中央", "中共", "中亚", "西北", "西部", "东部", "全国", "丝路", "国网", "亚洲", "欧洲",
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
    title: str | None = None
    affiliations: list = field(default_factory=list)

    @property
    def is_person(self):
        return self.cls == "Person"

    @property
    def is_place(self):
        return self.source == "place"


class Gazetteer:
    """Every name the graph knows: ``name -> (iri, class, how)`` where ``how`` is ``name`` or ``alias``.

    >>> gaz = Gazetteer({"兰州大学": ("urn:x:lzu", "University", "name"), "兰大": ("urn:x:lzu", "University", "alias")})
    >>> gaz.lookup("兰大")
    ('urn:x:lzu', 'University', 'alias')
    >>> len(gaz), "兰州大学" in gaz
    (2, True)
    """

    def __init__(self, names=None, kinds=None):
        self.names = {fold(name): value for name, value in (names or {}).items() if name and name.strip()}
        # what each name is: an organisation, a person, a place, or something else the graph knows (a policy,
        # a mechanism, a technology): only the first three are ever mentions
        self.kinds = {fold(name): kind for name, kind in (kinds or {}).items()}
        self.graph = None  # the projection it was read from, when there is one (for maybe-same-as)
        self._pattern = None

    @classmethod
    def from_graph(cls, graph):
        """The gazetteer of a :class:`kg.KnowledgeGraph` (or a projection): every actor's zh/en names and
        aliases with its class, read from its projection (:mod:`kg.analysis.network`).

        >>> import kg
        >>> with kg.open() as g:
        ...     gaz = Gazetteer.from_graph(g)
        >>> gaz.lookup("兰州大学")[0]
        'https://w3id.org/innovation-kg/id/org/lanzhou-university'
        """
        G = graph.network if hasattr(graph, "network") else graph
        names, kinds = {}, {}
        for node, data in sorted(G.nodes(data=True), key=lambda item: item[0]):
            cls_name = data.get("cls") or "Actor"
            kind = _kind(cls_name, data.get("classes"))
            for how, labels in (("name", [data.get("label_zh"), data.get("label_en")]),
                                ("alias", list(data.get("aliases") or ()))):
                for label in labels:
                    # a known actor's generic name (its agreement is called 战略合作协议) would claim every
                    # 战略合作协议 of every article: only names that say which one are matched
                    if label and label not in names and _specific(label):
                        names[label] = (node, cls_name, how)
                        kinds[label] = kind
        gazetteer = cls(names, kinds)
        gazetteer.graph = G
        return gazetteer

    def __len__(self):
        return len(self.names)

    def __contains__(self, name):
        return fold(name) in self.names

    def lookup(self, name):
        """``(iri, class, how)`` for a name the gazetteer holds, else ``None``."""
        return self.names.get(fold(name))

    def kind(self, name):
        """``org``, ``person``, ``place`` or ``other`` (a policy, a technology …) for a name it holds."""
        folded = fold(name)
        if folded in self.kinds:
            return self.kinds[folded]
        found = self.names.get(folded)
        return _kind(found[1], None) if found else None

    def matches(self, folded):
        """``(start, end, name)`` of every known organisation, person or place name in ``folded`` text,
        longest first, not overlapping. Other things the graph knows (链长制, a technology) are not actors
        and are never matched."""
        chinese = [name for name in self.names if _CJK.search(name) and len(name) >= 2
                   and self.kind(name) in ("org", "person", "place")]
        if not chinese:
            return []
        if self._pattern is None:
            self._pattern = re.compile("|".join(re.escape(n) for n in sorted(chinese, key=len, reverse=True)))
        return [(m.start(), m.end(), m.group()) for m in self._pattern.finditer(folded)]


def short_forms(text):
    """The short forms a text defines: ``[(short, start, end, paren_start)]`` for each ``(简称…)``.

    >>> short_forms("中国科学院西北生态环境资源研究院(简称西北研究院)油气中心")
    [('西北研究院', 19, 24, 16)]
    """
    folded = fold(text)
    found = []
    for match in _SHORT_FORM.finditer(folded):
        found.append((match.group(1), match.start(1), match.end(1), match.start()))
    return found


def find_mentions(text, gazetteer=None, *, region=None):
    """Every mention of an actor in ``text``, in text order, none overlapping another.

    Parameters
    ----------
    text : str
        The article (offsets refer to it as given).
    gazetteer : Gazetteer, optional
        Names already known; none by default.
    region : str, optional
        The source's province (甘肃 or 甘肃省): region-prefixed short forms (省科技厅) are kept as written
        and the resolver (:mod:`kg.analysis.resolve`) proposes the full form.

    >>> [(m.name, m.cls) for m in find_mentions("省科技厅厅长闵苹出席")]
    [('省科技厅', 'GovernmentBody'), ('闵苹', 'Person')]
    """
    folded = fold(text)
    gazetteer = gazetteer or Gazetteer()
    blocked = _document_spans(folded)  # inside 《…》: the name of a document, not of a body
    blocked += [(paren, e + 1) for _, s, e, paren in short_forms(text)]  # (简称…): the short form itself
    taken = [False] * len(folded)
    mentions = []

    def free(start, end):
        return not any(taken[start:end]) and not any(s <= start < e or s < end <= e for s, e in blocked)

    def add(mention):
        mentions.append(mention)
        for i in range(mention.start, mention.end):
            taken[i] = True

    # 1. short forms the text defines, and every later use of them
    defined = {}
    for short, s, e, paren in short_forms(text):
        full = _mention_ending_at(mentions, paren) or _suffix_name_ending_at(folded, paren)
        if full:
            defined[short] = full
    # 2. national bodies and suffix-rule names
    candidates = _known_bodies(folded) + _suffix_names(folded, gazetteer)
    for start, end, cls_name, why, source in sorted(candidates, key=lambda c: (-(c[1] - c[0]), c[0])):
        if free(start, end):
            add(Mention(text[start:end], cls_name, start, end, source, 0.8 if source == "suffix" else 0.9, why))
    for short, s, e, paren in short_forms(text):
        if short in defined and not any(taken[s:e]):  # the defining occurrence, inside its brackets
            add(Mention(text[s:e], lexicon.suffix_class(defined[short]) or "Organization", s, e, "short-form", 0.9,
                        f"short form the text defines for {defined[short]} (简称)", alias_of=defined[short]))
    for short, full in defined.items():
        for match in re.finditer(re.escape(short), folded):
            if free(match.start(), match.end()):
                add(Mention(text[match.start():match.end()], lexicon.suffix_class(full) or "Organization",
                            match.start(), match.end(), "short-form", 0.9,
                            f"short form the text defines for {full} (简称)", alias_of=full))
    for mention in list(mentions):
        if mention.name in defined:
            mention.alias_of = defined[mention.name]
    # coordinated names sharing one suffix: 兰州、白银高新技术产业开发区 names two zones; the whole string stands
    # for the first (as the text writes it), the name after 、 for the second
    for mention in [m for m in mentions if m.source == "suffix" and m.name.startswith(_PLACE_NAMES)]:
        shared = re.search(r"(" + "|".join(map(re.escape, _PLACE_NAMES)) + r")、$",
                           folded[max(0, mention.start - 9):mention.start])
        start = mention.start - len(shared.group()) if shared else None
        if shared and free(start, mention.start):
            add(Mention(text[start:mention.end], mention.cls, start, mention.end, "coordinated", 0.6,
                        f"{shared.group(1)} and {mention.name} share one suffix: the whole names {shared.group(1)}'s"))
    # 3. people
    for person in _people(folded, text, mentions):
        if free(person.start, person.end):
            add(person)
    # names of people found once are names wherever they occur (夏燕青、尹建军、张世雄分别代表…)
    for name in {m.name for m in mentions if m.is_person}:
        for match in re.finditer(re.escape(name), folded):
            if free(match.start(), match.end()):
                add(Mention(name, "Person", match.start(), match.end(), "person", 0.85,
                            "a name the text gives a person elsewhere"))
    # media brands written before a paper's name: 奔流新闻·兰州晨报, 新甘肃·甘肃日报
    media_starts = {m.start for m in mentions if m.cls == "MediaOrganization"}
    for match in re.finditer(r"(?<![\u4e00-\u9fff])([\u4e00-\u9fff]{2,4})·", folded):
        if match.end() in media_starts and free(match.start(1), match.end(1)):
            add(Mention(text[match.start(1):match.end(1)], "MediaOrganization", match.start(1), match.end(1),
                        "suffix", 0.7, "a media brand written before a paper's name (X·…报)"))
    # 4. places (only ever the object of located-in / piloted-in, never an actor of their own)
    for start, end, why in _places(folded):
        if free(start, end):
            add(Mention(text[start:end], "Place", start, end, "place", 0.6, why))
    # 5. known names, longest first, only where the rules found nothing: a known name never cuts a longer
    # name (甘肃 in 甘肃省能源装备创新联合体, 兰州 in 兰州交通大学), so the text gives the same names whatever
    # the gazetteer holds, and a known place is a place (the object of located-in), never an actor
    for start, end, name in gazetteer.matches(folded):
        if free(start, end):
            iri, cls_name, how = gazetteer.lookup(name)
            place = gazetteer.kind(name) == "place"
            add(Mention(text[start:end], "Place" if place else cls_name, start, end, "place" if place else "gazetteer",
                        0.95, f"known {how} of {iri}", known=iri))
    mentions.sort(key=lambda m: m.start)
    _split_inner(mentions, folded, text)
    for mention in mentions:  # a name the rules found (or a parent inside it) may be a known name of its own
        if mention.known is None and not mention.is_place:
            hit = gazetteer.lookup(mention.name)
            if hit and gazetteer.kind(mention.name) != "other":
                mention.known = hit[0]
                mention.why += f"; known {hit[2]} of {hit[0]}"
    return sorted(mentions, key=lambda m: (m.start, -m.end))


# -- the rules ---------------------------------------------------------------------------------

#: classes of places the extractor may meet in a gazetteer built without the ontology's class tree
_PLACE_CLASSES = {"Place", "Province", "City", "District", "County", "Country", "Township", "Region", "Village"}


def _kind(cls_name, classes):
    """``org``, ``person``, ``place`` or ``other`` for a known actor's class (and its class IRIs, when the
    projection gives them: anything below ikg:Organization is an organisation)."""
    tails = {str(c).rsplit("#", 1)[-1].rsplit("/", 1)[-1] for c in classes or ()}
    if cls_name == "Person" or "Person" in tails:
        return "person"
    if cls_name in _PLACE_CLASSES or "Place" in tails:
        return "place"
    if "Organization" in tails or cls_name in lexicon.CLASS_CODES or cls_name in ("Organization", "Facility"):
        return "org"
    return "other"


def _document_spans(folded):
    spans = []
    for match in re.finditer(r"《[^《》]{1,80}》", folded):
        inner = match.group()[1:-1]
        if not inner.endswith(lexicon.MEDIA_SUFFIXES):  # 《光明日报》 names a newspaper
            spans.append((match.start(), match.end()))
    return spans


def _known_bodies(folded):
    found = []
    for name, cls_name in lexicon.KNOWN_BODIES.items():
        for match in re.finditer(re.escape(name), folded):
            found.append((match.start(), match.end(), cls_name, f"a national body news names as {name}",
                          "known-body"))
    return found


_SUFFIX_PATTERN = re.compile("|".join(re.escape(s) for s in lexicon.suffixes_longest_first()))
# a one-character suffix followed by one of these is part of a title or a common word (厅长, 部署, 所属)
_SUFFIX_NOT_BEFORE = set("长士属署分门员托级内外里面势有在以得谓区")


def _suffix_names(folded, gazetteer):
    found = []
    for match in _SUFFIX_PATTERN.finditer(folded):
        suffix, end = match.group(), match.end()
        after = folded[end:end + 1]
        if len(suffix) == 1 and after in _SUFFIX_NOT_BEFORE:
            continue
        if suffix == "院" and after == "所":
            continue  # 科研院所: a kind of body
        if suffix == "委" and folded[match.start() - 1:match.start()] in ("常", "编", "纪"):
            continue  # 常委, 编委: a member, not a committee
        if suffix == "委" and folded[match.start() - 1:match.start()] == "党" and \
                re.match(r"(?:副)?书记|委员|常委", folded[end:end + 3]) and \
                _ends_with_org(folded[:match.start() - 1]) and not re.search(r"[省市县区州]$", folded[:match.start() - 1]):
            continue  # 某某集团党委书记: a title held in the group, not a committee of its own
        if suffix in ("网", "在线") and after in set("站络格点民友上购联"):
            continue
        start = _read_left(folded, match.start(), gazetteer)
        name = folded[start:end]
        verdict = _judge(name, suffix, folded, start)
        if not verdict and suffix in lexicon.GOVERNMENT_SUFFIXES and 2 <= len(name) - len(suffix) <= 4 and \
                re.search(r"(?:^|[^\u4e00-\u9fff])(?:省|市|自治区|州|县|区)[\u4e00-\u9fff]{1,8}?(?:厅|局|委|办)"
                          r"(?:、[\u4e00-\u9fff]{2,6}?(?:厅|局|委|办))*[、和及与]$",
                          folded[max(0, start - 40):start]) and _specific(name[:-len(suffix)]):
            verdict = f"ends in the organisation suffix {suffix}; shares the region of the department before it"
        if verdict:
            found.append((start, end, lexicon.suffix_class(name) or "Organization", verdict, "suffix"))
    return found


def _read_left(folded, pos, gazetteer, limit=MAX_NAME):
    """Where a name ending at a suffix starting at ``pos`` begins: read left to the nearest boundary."""
    start, floor = pos, max(0, pos - limit)
    while start > floor:
        ch = folded[start - 1]
        if ch == "”":  # a quoted part of a name: “一带一路”联合实验室
            open_at = folded.rfind("“", floor, start - 1)
            if open_at >= 0 and not re.search(r"[,。、;:()《》]", folded[open_at:start]):
                start = open_at
                continue
            break
        if ch == ")":  # a legal name's bracketed part: 酒泉钢铁(集团)有限责任公司
            inner = re.search(r"\(([\u4e00-\u9fff]{2,4})\)$", folded[max(floor, start - 6):start])
            if inner and inner.group(1) in _BRACKETED_IN_NAMES and start - len(inner.group()) > floor:
                start -= len(inner.group())
                continue
            break
        if not _NAME_CHAR.match(ch):
            break
        if ch == "经" and _ends_with_org(folded[:start - 1]):
            break  # 某某实验室经省某某厅批准: 经 after a name is "through", not 经济
        head = folded[:start]
        if _COUNTED.search(head) or re.search(r"[0-9]{2,4}年$|首批$|第[0-9一二三四五六七八九十]+[批届次]$", head):
            break  # 10家…, 2022年…, 首批…: a count or a date, not part of the name
        word = next((w for w in lexicon.STOP_WORDS if head.endswith(w)), None)
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
                if not before or not _NAME_CHAR.match(before) or _ends_with_org(folded[:start - 1], joiner=True):
                    break  # 兰州大学与…大学: two names joined, not one; ",与…": a word of its own
            elif word not in lexicon.VERBS_IN_NAMES or _specific(stem):
                break
            elif _ends_with_org(head[:-len(word)]) or start - len(word) < floor:
                break
            start -= len(word)
            continue
        start -= 1
    return start


def _ends_with_org(head, joiner=False):
    """Whether ``head`` ends with an organisation's name; before a joiner (和, 与), a one-character
    suffix (省科技厅和…) or a place (定西和陇西…) counts too: the joiner then joins two names."""
    tail = head[-8:]
    if any(tail.endswith(s) for s in lexicon.ORG_SUFFIXES if len(s) >= 2 or joiner and s not in ("网",)) or \
            any(tail.endswith(n) for n in lexicon.KNOWN_BODIES):
        return True
    return joiner and any(tail.endswith(p) for p in (*lexicon.CITIES, *lexicon.PROVINCES, *lexicon.PROVINCES.values()))


def _specific(stem):
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
    if not stem or len(name) < 3 or len(name) > MAX_NAME:
        return None
    regional = stem.startswith(_REGION_OPENERS) or bool(re.match(r"^[\u4e00-\u9fff]{2,3}[市州县区]", stem)) \
        or (stem[:1] in _CITY_INITIALS and stem[1:2] in _CITY_INITIALS and len(stem) >= 4)  # 兰白…试验区, 酒嘉…
    if not _specific(stem) and not (suffix in lexicon.GOVERNMENT_SUFFIXES and regional
                                    and (len(stem) >= 2 or len(suffix) >= 2)):
        return None
    if stem[0] in "该本各其这我贵此全每" and not stem.startswith("每日"):  # 每日甘肃网 is a paper's name
        return None
    if name.endswith(("院所", "院校")):  # 科研院所, 高等院校: a kind of body, never one
        return None
    if re.fullmatch(r"[0-9A-Za-z\-]+", stem) or (re.match(r"^[0-9—\-]*[0-9]", stem) and "级" in stem):
        return None
    if suffix in lexicon.KIND_SUFFIXES and len(stem) < 3:
        return None
    if any(_verb_in(stem, w) for w in lexicon.STOP_WORDS if len(w) >= 2 and w not in lexicon.VERBS_IN_NAMES):
        return None  # 建成千亿级产业集群: a verb inside is a clause, not a name
    weak = suffix in lexicon.WEAK_SUFFIXES
    if weak:
        opens_with_region = regional
        holds_org = _ends_with_org_anywhere(stem)
        media_with_place = suffix in ("网", "在线") and any(p in stem for p in lexicon.PROVINCES)
        if not (opens_with_region or holds_org or media_with_place):
            return None
    return f"ends in the organisation suffix {suffix}"


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
    return any(s in stem for s in lexicon.ORG_SUFFIXES if len(s) >= 2 and s not in ("中心", "基地", "平台"))


def _mention_ending_at(mentions, pos):
    for mention in mentions:
        if mention.end == pos:
            return mention.name
    return None


def _suffix_name_ending_at(folded, pos):
    for start, end, _, _, _ in _suffix_names(folded[:pos], None):
        if end == pos:
            return folded[start:end]
    return None


def _split_inner(mentions, folded, text):
    """Parents named inside a longer name become mentions of their own (one level); two names written
    side by side (中国科学院近物所甘肃省同位素实验室) become two mentions."""
    extra = []
    for mention in list(mentions):
        if mention.source not in ("suffix", "gazetteer", "known-body") or mention.is_person:
            continue
        name = fold(mention.name)
        inner = _longest_inner(name)
        if inner and name.endswith(("有限公司", "集团", "公司", "有限责任公司")) and not (
                inner.endswith("集团") or lexicon.KNOWN_BODIES.get(inner) == "Academy"):
            continue  # a company's legal name may hold 研究院 without naming a parent; a group or academy is one
        if not inner:
            continue
        rest = name[len(inner):]
        start = mention.start
        if rest.startswith(tuple(lexicon.PROVINCES.values())) \
                and lexicon.suffix_class(rest):
            # two names side by side: shorten this one to the parent, add the second
            mention.end = start + len(inner)
            mention.name = text[start:mention.end]
            mention.cls = lexicon.suffix_class(inner) or mention.cls
            second = Mention(text[mention.end:mention.end + len(rest)], lexicon.suffix_class(rest),
                             mention.end, mention.end + len(rest), "suffix", 0.75,
                             f"ends in an organisation suffix; written right after {inner}", parent=inner)
            extra.append(second)
            deeper = _longest_inner(inner)
            if deeper:
                mention.parent = deeper
                extra.append(_inner_mention(text, start, deeper, inner))
        else:
            mention.parent = inner
            extra.append(_inner_mention(text, start, inner, name))
    for mention in extra:
        mentions.append(mention)
    mentions.sort(key=lambda m: (m.start, -m.end))


def _inner_mention(text, start, inner, outer):
    return Mention(text[start:start + len(inner)], lexicon.suffix_class(inner) or "Organization", start,
                   start + len(inner), "inner", 0.7, f"named inside {outer}")


def _longest_inner(name):
    for cut in range(len(name) - 2, 2, -1):
        head = name[:cut]
        cls_name = lexicon.suffix_class(head)
        if not cls_name or head.count("(") != head.count(")"):
            continue  # 酒泉钢铁(集团: not a name of its own
        suffix = head if head in lexicon.KNOWN_BODIES else \
            next(s for s in lexicon.suffixes_longest_first() if head.endswith(s))
        opens_known = head.startswith(tuple(lexicon.KNOWN_BODIES)) and head not in lexicon.KNOWN_BODIES
        if head in lexicon.KNOWN_BODIES or (_judge(head, suffix, name, 0) and (len(suffix) >= 2 or opens_known)):
            if suffix in ("中心", "基地", "平台", "网") and head not in lexicon.KNOWN_BODIES:
                continue
            return head
    return None


def _people(folded, text, mentions):
    people = []
    titles = "|".join(re.escape(t) for t in lexicon.TITLES_BEFORE)
    # TITLE + name: 副部长陈家昌, 记者 李昕, 编辑:王松柱, 厅长阿布力米提·伊力
    for match in re.finditer(rf"({titles})[ ::]?", folded):
        pos = match.end()
        title = match.group(1)
        while True:
            found = _name_at(folded, pos)
            if not found:
                break
            end = pos + len(found)
            people.append(Mention(text[pos:end], "Person", pos, end, "person", 0.85,
                                  f"a name after the title {title}", title=title))
            # 记者尚杰、王冰雅: more names after 、 or a space, under the same title
            nxt = re.match(r"[、 ]", folded[end:end + 1])
            if not nxt or title not in ("记者", "通讯员", "编辑", "摄影"):
                break
            pos = end + 1
    # name + TITLE after it: 夏燕青研究员 (right after an organisation's name or punctuation)
    after = "|".join(re.escape(t) for t in lexicon.TITLES_AFTER)
    ends = {m.end for m in mentions}
    for match in re.finditer(rf"({after})", folded):
        for size in (3, 2):
            start = match.start() - size
            if start < 0:
                continue
            name = folded[start:match.start()]
            if (name[0] in lexicon.SURNAMES or name[:2] in lexicon.SURNAMES) and _CJK.fullmatch(name[-1]) \
                    and (start in ends or start == 0 or not _NAME_CHAR.match(folded[start - 1])
                         or folded[start - 1] == "的" and start - 1 in ends) \
                    and all(_CJK.match(c) for c in name):
                people.append(Mention(text[start:match.start()], "Person", start, match.start(), "person", 0.8,
                                      f"a name before the title {match.group(1)}", title=match.group(1)))
                break
    # a byline on a line of its own: a bare name (庄俊康)
    for match in re.finditer(r"(?m)^[ \t]*([\u4e00-\u9fff]{2,3})[ \t]*$", folded):
        word = match.group(1)
        if (word[0] in lexicon.SURNAMES or word[:2] in lexicon.SURNAMES) and not lexicon.suffix_class(word) \
                and match.start(1) > 0:
            people.append(Mention(text[match.start(1):match.end(1)], "Person", match.start(1), match.end(1),
                                  "person", 0.6, "a name on a line of its own (a byline)"))
    # datelines: 新华社兰州2月14日电(张文静、王北辰)
    for match in _DATELINE.finditer(folded):
        inner_start = match.start(1)
        for token in re.finditer(r"[^、 ,]+", match.group(1)):
            word = token.group()
            if any(word.startswith(t) for t in lexicon.TITLES_BEFORE):
                continue  # 记者尚杰: the title rule above has it
            if 2 <= len(word) <= 3 and (word[0] in lexicon.SURNAMES or word[:2] in lexicon.SURNAMES) \
                    and all(_CJK.match(c) for c in word):
                s = inner_start + token.start()
                people.append(Mention(text[s:s + len(word)], "Person", s, s + len(word), "person", 0.8,
                                      "a reporter's name in the dateline"))
    return people


def _name_at(folded, pos):
    """The person's name that starts at ``pos`` (after a title), or ``None``."""
    chunk = folded[pos:pos + 12]
    foreign = re.match(r"[\u4e00-\u9fff]{1,6}·[\u4e00-\u9fff]{1,6}", chunk)
    if foreign and all(c in lexicon.TRANSLITERATION or c == "·" for c in foreign.group()):
        return foreign.group()
    if not chunk or not _CJK.match(chunk[0]):
        return None
    if chunk[:2] in lexicon.SURNAMES or chunk[0] in lexicon.SURNAMES:
        run = re.match(r"[\u4e00-\u9fff]{2,3}", chunk)
        if not run:
            return None
        name = run.group()
        if len(name) == 3 and name[2] in _NOT_NAME_TAIL:
            name = name[:2]
        if name[1] in "的了在是、" or name in lexicon.KNOWN_BODIES or name in _NOT_NAMES:
            return None
        if any(name.startswith(w) for w in lexicon.STOP_WORDS if len(w) >= 2) or \
                any(name.startswith(p) for p in lexicon.PROVINCES):
            return None
        return name
    run = re.match(r"[\u4e00-\u9fff]{2,6}", chunk)
    if run:
        letters = ""
        for c in run.group():
            if c not in lexicon.TRANSLITERATION:
                break
            letters += c
        if len(letters) >= 3:
            return letters
    return None


def _places(folded):
    """Provinces (甘肃, 甘肃省) and cities written with 市 (金昌市), for located-in and piloted-in."""
    found = []
    names = sorted(set(lexicon.PROVINCES) | set(lexicon.PROVINCES.values()), key=len, reverse=True)
    for match in re.finditer("|".join(re.escape(n) for n in names), folded):
        found.append((match.start(), match.end(), "a province"))
    for match in re.finditer(r"(?<![\u4e00-\u9fff])[\u4e00-\u9fff]{2}市(?![委长民场值])", folded):
        found.append((match.start(), match.end(), "a city (…市)"))
    for match in re.finditer(r"(?:全省|全市|我省|我市)", folded):
        found.append((match.start(), match.end(), "the region the article is about"))
    return found
