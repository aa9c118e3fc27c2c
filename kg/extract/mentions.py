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

from kg.extract import lexicon
from kg.extract.bodies import company_names, known_bodies, listed_companies, listed_siblings, media_names
from kg.extract.names import CJK, PLACE_NAMES, Mention, named_as_actor, specific, suffix_names
from kg.extract.shortforms import contractions, defined_name_ending_at, mention_ending_at, suffix_name_ending_at
from kg.extract.names import _LEGAL_FORMS, _longest_inner  # split_inner (below) reads a parent as names does
from kg.extract.people import people_in
from kg.extract.text import fold

__all__ = ["Mention", "Gazetteer", "find_mentions", "short_forms"]

# 简称 / 以下简称 / 下称 + the short form (optionally quoted) up to the closing bracket or quote
_SHORT_FORM = re.compile(r"[((](?:以下)?(?:简称|下称|简写为|以下称)[::]?[“\"]?([^)”\"(),,、。]{1,15})[”\"]?[))]")


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
                    if label and label not in names and specific(label):
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
        chinese = [name for name in self.names if CJK.search(name) and len(name) >= 2
                   and self.kind(name) in ("org", "person", "place") and _says_which(name)]
        if not chinese:
            return []
        if self._pattern is None:
            self._pattern = re.compile("|".join(re.escape(n) for n in sorted(chinese, key=len, reverse=True)))
        return [(m.start(), m.end(), m.group()) for m in self._pattern.finditer(folded)
                if lexicon.suffix_class(m.group()) not in ("IndustrialChain", "IndustrialCluster")
                or named_as_actor(m.group(), folded)]


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
    defined, defined_spans = {}, []
    for short, s, e, paren in short_forms(text):
        full = mention_ending_at(mentions, paren) or suffix_name_ending_at(folded, paren)
        span = None if full else defined_name_ending_at(folded, paren, short)
        if span:  # 某某测试应用示范基地(以下简称“示范基地”): the definition itself says the run before is a name
            full = folded[span[0]:span[1]]
            defined_spans.append(span)
        if full:
            defined[short] = full
    # 2. national bodies and suffix-rule names
    candidates = known_bodies(folded) + suffix_names(folded, gazetteer) + media_names(folded)
    for start, end, cls_name, why, source in sorted(candidates, key=lambda c: (-(c[1] - c[0]), c[0])):
        if free(start, end):
            add(Mention(text[start:end], cls_name, start, end, source, 0.8 if source == "suffix" else 0.9, why))
    for start, end in defined_spans:
        if free(start, end):
            add(Mention(text[start:end], lexicon.suffix_class(folded[start:end]) or "Organization", start, end,
                        "suffix", 0.7, "a name the text gives a short form (简称)"))
    for start, end, cls_name, why, source in listed_companies(folded):
        if free(start, end):
            add(Mention(text[start:end], cls_name, start, end, source, 0.6, why))
    found = [(m.start, m.end, m.cls) for m in mentions if m.source == "suffix"]
    for start, end, cls_name, why, source in listed_siblings(folded, found):
        if free(start, end):
            add(Mention(text[start:end], cls_name, start, end, "suffix", 0.6, why))
    for start, end, cls_name, why, source in company_names(folded, found):
        if free(start, end):
            add(Mention(text[start:end], cls_name, start, end, source, 0.6, why))
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
    # short forms the text uses without defining them: 营养所 for 某某部食物与营养发展研究所, 近物所 for
    # 某某近代物理研究所 (the short form's characters, in order, in the full name, with the same last one)
    for short, full, s, e in contractions(folded, mentions):
        if free(s, e):
            add(Mention(text[s:e], full.cls, s, e, "short-form", 0.7,
                        f"a contraction of {full.name} (its characters, in order)", alias_of=full.name))
    # coordinated names sharing one suffix: 兰州、白银高新技术产业开发区 names two zones; the whole string stands
    # for the first (as the text writes it), the name after 、 for the second
    places = "|".join(map(re.escape, PLACE_NAMES))
    for mention in [m for m in mentions if m.source == "suffix" and m.name.startswith(PLACE_NAMES)]:
        shared = re.search(r"(" + places + r")、$", folded[max(0, mention.start - 9):mention.start])
        start = mention.start - len(shared.group()) if shared else None
        counted = re.match(r"(?:" + places + r")[0-9一二三四五六七八九十]+个?(?:市州|市|县区|县|区)", mention.name)
        while counted and shared and free(start, mention.start):  # 甲、乙、丙3市科技局: one body for all
            more = re.search(r"(" + places + r")、$", folded[max(0, start - 9):start])
            if not more or not free(start - len(more.group()), start):
                break
            start, shared = start - len(more.group()), more
        if shared and free(start, mention.start):
            if counted:  # the bodies of several regions counted together: the whole string is the one name
                mentions.remove(mention)
                for i in range(mention.start, mention.end):
                    taken[i] = False
                add(Mention(text[start:mention.end], mention.cls, start, mention.end, "coordinated", 0.6,
                            f"the bodies of the regions listed before {mention.name}, counted together"))
                continue
            add(Mention(text[start:mention.end], mention.cls, start, mention.end, "coordinated", 0.6,
                        f"{shared.group(1)} and {mention.name} share one suffix: the whole names {shared.group(1)}'s"))
    # 3. people
    for person in people_in(folded, text, mentions):
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
    split_inner(mentions, folded, text, known=gazetteer)
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


def _says_which(name):
    """Whether a known name names one body in any text: not a bare suffix (联盟, 自创区), which names whatever
    alliance or zone the text is about, nor a region-prefixed short form (市科技局), whose city is the
    article's. (A known chain or cluster is matched where the suffix rules would take it: :func:`named_as_actor`.)"""
    suffix = next((s for s in lexicon.suffixes_longest_first() if name.endswith(s)), None)
    if suffix and not specific(name[:-len(suffix)]):
        return False
    return not (name[:1] in lexicon.REGION_PREFIXES and not name.startswith(("省内", "市场")) and suffix)


def _document_spans(folded):
    spans = []
    for match in re.finditer(r"《[^《》]{1,80}》", folded):
        inner = match.group()[1:-1]
        if not inner.endswith(lexicon.MEDIA_SUFFIXES):  # 《光明日报》 names a newspaper
            spans.append((match.start(), match.end()))
    return spans


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


_PAPERS = tuple(x for x in lexicon.MEDIA_SUFFIXES if len(x) >= 2)


def split_inner(mentions, folded, text, known=()):
    """Parents named inside a longer name become mentions of their own (one level); two names written
    side by side (中国科学院近物所甘肃省同位素实验室) become two mentions. A group's legal name
    (某某集团有限公司) names the group itself: its 某某集团 is a mention only when ``known`` (a
    :class:`kg.extract.mentions.Gazetteer`) holds it, so the reviewer can join the two."""
    extra = []
    for mention in list(mentions):
        if mention.source not in ("suffix", "gazetteer", "known-body") or mention.is_person:
            continue
        name = fold(mention.name)
        media_cut = next((c for c in range(3, len(name) - 3) if name[:c].endswith(_PAPERS)
                          and name[c:].startswith(tuple(lexicon.PROVINCES)) and lexicon.suffix_class(name[c:])), None)
        inner = name[:media_cut] if media_cut else _longest_inner(name)
        if not inner or re.fullmatch(r"[省市州县区](?:人民)?政府", inner):
            continue  # 省政府国资委, 市政府办公室: an unnamed region's government inside its office's short name
        rest = name[len(inner):]
        in_zone = lexicon.suffix_class(inner) in ("HighTechZone", "Park") and rest.startswith(PLACE_NAMES)
        if name.endswith(("有限公司", "集团", "公司", "有限责任公司")) and not (
                inner.endswith("集团") or lexicon.KNOWN_BODIES.get(inner) == "Academy" or in_zone or media_cut):
            continue  # a company's legal name may hold 研究院 without naming a parent; a group or academy is one
        if rest in _LEGAL_FORMS and inner not in known:
            continue  # 某某集团有限公司 is the group's own legal name (a known 某某集团 is still proposed, to join)
        start = mention.start
        media_pair = lexicon.suffix_class(inner) == "MediaOrganization" and rest.startswith(tuple(lexicon.PROVINCES))
        if (rest.startswith(tuple(lexicon.PROVINCES.values())) or in_zone or media_pair) \
                and lexicon.suffix_class(rest):  # (甘肃日报社甘肃日报报业集团: a paper and its group)
            # two names side by side: shorten this one to the parent, add the second
            mention.end = start + len(inner)
            mention.name = text[start:mention.end]
            mention.cls = lexicon.suffix_class(inner) or mention.cls
            second = Mention(text[mention.end:mention.end + len(rest)], lexicon.suffix_class(rest),
                             mention.end, mention.end + len(rest), "suffix", 0.75,
                             f"ends in an organisation suffix; written right after {inner}",
                             parent=None if in_zone or media_cut else inner, located_in=inner if in_zone else None)
            extra.append(second)
            deeper = _longest_inner(inner)
            if deeper:
                mention.parent = deeper
                extra.append(_inner_mention(text, start, deeper, inner))
        else:
            mention.parent = inner
            extra.append(_inner_mention(text, start, inner, name))
            if name[len(inner):len(inner) + 1] in ("与", "和"):  # 某某大学与某某集团联合实验室: the second founder
                second = _longest_inner(name[len(inner) + 1:])
                if second:
                    extra.append(_inner_mention(text, start + len(inner) + 1, second, name))
    for mention in extra:
        mentions.append(mention)
    mentions.sort(key=lambda m: (m.start, -m.end))


def _inner_mention(text, start, inner, outer):
    return Mention(text[start:start + len(inner)], lexicon.suffix_class(inner) or "Organization", start,
                   start + len(inner), "inner", 0.7, f"named inside {outer}")
