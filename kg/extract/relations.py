"""Relations between the actors of one sentence, from cue words: 牵头, 成员单位, 共建, 与…签约, 合作, 旗下,
依托, 链主, 走进/调研/考察, 印发/出台, 试点, 落户, 支持, 批复同意, 推荐, and titles (affiliation).

Each relation names its subject and object as written in the text, with the span of the sentence
that states it. The relation names are the review vocabulary; :data:`RELATIONS` gives the ontology
term each one becomes (a property of ``ontology/innovation.ttl``, an ORG property, or an ORG role
for a membership; ``affiliated-with``, a person's organisation, is an ``org:memberOf`` membership).

>>> from kg.extract.mentions import find_mentions
>>> text = "由兰州大学牵头组建的甘肃省沙漠治理创新联合体成立。"
>>> [(r.subject, r.relation, r.object) for r in find_relations(text, find_mentions(text))]
[('兰州大学', 'lead-unit', '甘肃省沙漠治理创新联合体')]
"""

import re
from dataclasses import dataclass
from itertools import combinations

from kg.extract import lexicon
from kg.extract.text import fold, sentence_spans

__all__ = ["Relation", "RELATIONS", "find_relations"]

IKG = "https://w3id.org/innovation-kg/ontology#"
ROLE = "https://w3id.org/innovation-kg/id/role/"
ORG = "http://www.w3.org/ns/org#"

#: relation name -> the ontology term it becomes (an ``org:Role`` for memberships)
RELATIONS = {
    "lead-unit": ROLE + "lead-unit", "member-unit": ROLE + "member-unit",
    "cooperating-unit": ROLE + "cooperating-unit", "supporting-unit": ROLE + "supporting-unit",
    "chain-leader": ROLE + "chain-leader", "sub-organization": ORG + "subOrganizationOf",
    "established-by": IKG + "establishedBy", "cooperates-with": IKG + "cooperatesWith",
    "visited": IKG + "visited", "issued-by": IKG + "issuedBy", "piloted-in": IKG + "pilotedIn",
    # a person's organisation is an ORG membership (the seed graph's way); its role comes from the title
    "located-in": IKG + "locatedIn", "affiliated-with": ORG + "memberOf",
    "supported-by": IKG + "supportedBy", "approved-by": IKG + "approvedBy",
    "recommended-by": IKG + "recommendedBy",
}

#: classes of things an organisation leads, joins, builds or hosts
CONTAINERS = {"InnovationConsortium", "NationalPlatform", "Laboratory", "IndustrialChain", "IndustrialCluster",
              "Facility", "HighTechZone", "Park", "ResearchInstitute"}
_CLAUSE_END = re.compile(r"[,;:。!?]")
_JOIN = re.compile(r"^(?:、|与|和|及|以及|,)$")


@dataclass
class Relation:
    """One candidate relation: ``subject`` and ``object`` as written, ``text[start:end]`` its evidence."""

    subject: str
    relation: str
    object: str
    start: int
    end: int
    confidence: float
    why: str
    cue: str = ""


def find_relations(text, mentions):
    """Every relation the cue rules find, sentence by sentence, without duplicates.

    ``mentions`` are those of :func:`kg.extract.mentions.find_mentions` for the same text.

    >>> from kg.extract.mentions import find_mentions
    >>> text = "甲乙科技有限公司与丙丁大学签订战略合作协议。"
    >>> [(r.subject, r.relation, r.object) for r in find_relations(text, find_mentions(text))]
    [('甲乙科技有限公司', 'cooperates-with', '丙丁大学')]
    """
    folded = fold(text)
    found, seen = [], set()

    def emit(subject, relation, obj, start, end, confidence, why):
        if subject is None or obj is None or subject.name == obj.name:
            return
        key = (subject.name, relation, obj.name)
        if relation == "cooperates-with":
            key = (min(subject.name, obj.name), relation, max(subject.name, obj.name))
        if key in seen:
            return
        seen.add(key)
        lo = min(start, subject.start, obj.start)
        hi = max(end, subject.end, obj.end)
        found.append(Relation(subject.name, relation, obj.name, lo, hi, confidence, why))

    context = {"container": None}  # the consortium or platform the text last named, for 成员单位包括… after it
    for s_start, s_end in sentence_spans(folded):
        in_sentence = [m for m in mentions if s_start <= m.start and m.end <= s_end]
        _sentence_rules(folded, s_start, s_end, in_sentence, emit, context)
        named = [m for m in in_sentence if m.cls in ("InnovationConsortium", "NationalPlatform", "Laboratory")]
        if named:
            context["container"] = named[-1]
    _name_rules(mentions, emit)
    _affiliations(folded, mentions, emit)
    return found


# -- helpers -----------------------------------------------------------------------------------

def _clause(folded, pos, s_start, s_end):
    """(start, end) of the clause around ``pos``: between commas, semicolons, colons or sentence ends."""
    left = max((m.end() for m in _CLAUSE_END.finditer(folded, s_start, pos)), default=s_start)
    right = _CLAUSE_END.search(folded, pos, s_end)
    return left, right.start() if right else s_end


def _orgs(mentions):
    return [m for m in mentions if not m.is_person and not m.is_place]


def _group_before(folded, mentions, pos, lo):
    """The coordinated run of organisation mentions (A、B与C) that ends nearest before ``pos``."""
    before = [m for m in _orgs(mentions) if lo <= m.start and m.end <= pos]
    before = _outermost(before)
    if not before:
        return []
    group = [before[-1]]
    for m in reversed(before[:-1]):
        gap = folded[m.end:group[0].start]
        if _JOIN.match(gap) or gap == "":
            group.insert(0, m)
        else:
            break
    return group


def _group_after(folded, mentions, pos, hi, classes=None):
    """The coordinated run of organisation mentions that starts nearest after ``pos``."""
    after = [m for m in _orgs(mentions) if m.start >= pos and m.end <= hi]
    after = _outermost(after)
    if classes:
        after = [m for m in after if m.cls in classes]
    if not after:
        return []
    group = [after[0]]
    for m in after[1:]:
        gap = folded[group[-1].end:m.start]
        if _JOIN.match(gap) or re.fullmatch(r"[((][^()()]*[))]、?", gap):
            group.append(m)
        else:
            break
    return group


def _outermost(mentions):
    """Drop mentions inside another one (a parent named inside a longer name)."""
    keep = []
    for m in sorted(mentions, key=lambda m: (m.start, -m.end)):
        if keep and m.start < keep[-1].end:
            continue
        keep.append(m)
    return keep


def _cues(folded, words, lo, hi):
    """Each occurrence of one of ``words`` (longest first) between ``lo`` and ``hi``."""
    pattern = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))
    return list(pattern.finditer(folded, lo, hi))


# -- sentence rules ----------------------------------------------------------------------------

def _sentence_rules(folded, s_start, s_end, mentions, emit, context):
    orgs = _outermost(_orgs(mentions))
    if not mentions:
        return

    # lead unit: 由A牵头(组建)的B / A牵头组建B / B由A牵头
    for cue in _cues(folded, ["牵头"], s_start, s_end):
        c_lo, c_hi = _clause(folded, cue.start(), s_start, s_end)
        leads = _group_before(folded, mentions, cue.start(), c_lo)
        if not leads or cue.start() - leads[-1].end > 2:
            continue
        targets = _group_after(folded, mentions, cue.end(), s_end, CONTAINERS)[:1]
        if not targets:
            targets = [m for m in orgs if m.end <= leads[0].start and m.cls in CONTAINERS][-1:]
        for lead in leads:
            for target in targets:
                emit(lead, "lead-unit", target, cue.start(), cue.end(), 0.8, "cue 牵头: the lead unit")

    # member units: 成员单位包括A、B / A、B等成员单位 ; 合作成员单位/合作单位: cooperating units
    for cue in _cues(folded, ["合作成员单位", "合作单位", "成员单位", "成员企业"], s_start, s_end):
        role = "cooperating-unit" if cue.group().startswith("合作") else "member-unit"
        if role == "cooperating-unit" and re.search(r"各$|与$", folded[s_start:cue.start()]):
            continue  # 与…各合作单位开展协作: no list follows
        container = [m for m in orgs if m.cls in CONTAINERS and m.end <= cue.start()][:1] or \
            ([context["container"]] if context.get("container") else [])
        members = _group_after(folded, mentions, cue.end(), s_end)
        if members and members[0].start - cue.end() > 3:
            members = []
        if not members:
            members = _group_before(folded, mentions, cue.start(), s_start)
        for member in members:
            for target in container:
                emit(member, role, target, cue.start(), cue.end(), 0.7, f"cue {cue.group()}")

    # founders: B由A与C(联合)共建 / A、B、C三方共建 / A联合B共同组建C / A在X建成B
    for cue in _cues(folded, ["共同组建", "联合共建", "合作共建", "共建", "共同建设", "联合组建", "组建", "建成",
                              "共同发起", "发起成立"], s_start, s_end):
        c_lo, _ = _clause(folded, cue.start(), s_start, s_end)
        by = folded.rfind("由", c_lo, cue.start())
        at_place = folded.rfind("在", max(c_lo, by), cue.start())  # A、B在X举行…: X is where, not who
        founders = [m for m in _outermost(_orgs(mentions)) if max(c_lo, by) <= m.start and m.end <= cue.start()
                    and (at_place < 0 or m.end <= at_place)]
        if cue.group() in ("组建", "建成") and not founders:
            continue
        if by >= 0:
            built = [m for m in orgs if m.end <= by and m.cls in CONTAINERS][-1:]
        else:
            built = [m for m in _group_after(folded, mentions, cue.end(), s_end, CONTAINERS)[:1]
                     if re.fullmatch(r"(?:了|的|成|起)?", folded[cue.end():m.start])]
            if not built and folded[cue.start() - 1:cue.start()] == "”":  # 举行“X联合实验室”共建签约仪式
                built = [m for m in orgs if m.end == cue.start() - 1 and m.cls in CONTAINERS]
            founders = [f for f in founders if f not in built]
        if cue.group() in ("组建", "建成") and folded[max(s_start, cue.start() - 2):cue.start()].endswith("牵头"):
            continue  # 牵头组建: the lead-unit rule has it
        for target in built:
            real = [f for f in founders if f.name != target.name and f.cls != "HighTechZone"]  # a zone is where
            for founder in real:
                emit(target, "established-by", founder, cue.start(), cue.end(), 0.75, f"cue {cue.group()}: a founder")
            for a, b in combinations(real, 2):
                emit(a, "cooperates-with", b, cue.start(), cue.end(), 0.6, f"co-founders ({cue.group()})")
        # 在X建成B: B lies in X
        if cue.group() == "建成":
            place = re.search(r"在([^,。在]{2,10}?)$", folded[c_lo:cue.start()])
            if place:
                at = [m for m in mentions if m.start >= c_lo + place.start(1) and m.end <= cue.start()]
                for target in built:
                    for where in at[:1]:
                        emit(target, "located-in", where, cue.start(), cue.end(), 0.7, "cue 在…建成")

    # cooperation: A与B签订/签约/合作 ; ,与B开展合作 (the sentence's subject cooperates with B)
    for cue in _cues(folded, ["签订", "签约", "签署", "合作协议", "战略合作", "开展合作", "合作共建", "携手"],
                     s_start, s_end):
        c_lo, _ = _clause(folded, cue.start(), s_start, s_end)
        pairs = []
        for join in re.finditer(r"与|和|同", folded[c_lo:cue.start()]):
            at = c_lo + join.start()
            left = _group_before(folded, mentions, at, c_lo)
            right = _group_after(folded, mentions, at + 1, cue.start())
            if right and right[0].start == at + 1:
                if left and left[-1].end == at:
                    pairs += [(a, b) for a in left for b in right]
                elif at == c_lo:
                    subject = _group_after(folded, mentions, s_start, s_end)
                    pairs += [(a, b) for a in subject for b in right if a.end <= at]
        for a, b in pairs:
            emit(a, "cooperates-with", b, cue.start(), cue.end(), 0.7, f"cue 与…{cue.group()}")

    # hosting: 依托A建设的B / B依托A ; B(A): a base followed by its host in brackets
    for cue in _cues(folded, ["依托"], s_start, s_end):
        _, c_hi = _clause(folded, cue.start(), s_start, s_end)
        hosts = _group_after(folded, mentions, cue.end(), c_hi)[:1]
        if not hosts or hosts[0].start - cue.end() > 1:
            continue
        hosted = _group_after(folded, mentions, hosts[0].end, c_hi, CONTAINERS)[:1] or \
            [m for m in orgs if m.end <= cue.start() and m.cls in CONTAINERS][-1:]
        for target in hosted:
            emit(hosts[0], "supporting-unit", target, cue.start(), cue.end(), 0.7, "cue 依托: the host")
    for i, m in enumerate(orgs[:-1]):
        nxt = orgs[i + 1]
        if m.cls in CONTAINERS and re.fullmatch(r"[((]", folded[m.end:nxt.start]) and \
                re.match(r"[))]", folded[nxt.end:nxt.end + 1]) and nxt.cls not in CONTAINERS - {"ResearchInstitute"}:
            emit(nxt, "supporting-unit", m, m.end, nxt.end + 1, 0.6, "a base followed by its host in brackets")

    # chain leaders: 链主企业A / A(是|为|作为)…链主
    for cue in _cues(folded, ["链主"], s_start, s_end):
        chains = [m for m in orgs if m.cls == "IndustrialChain"]
        leaders = _group_after(folded, mentions, cue.end() + (2 if folded[cue.end():cue.end() + 2] == "企业" else 0),
                               s_end, {"Enterprise"})
        if not leaders or leaders[0].start - cue.end() > 3:
            leaders = [m for m in _group_before(folded, mentions, cue.start(), s_start) if m.cls == "Enterprise"]
        for leader in leaders:
            for chain in chains[:1]:
                emit(leader, "chain-leader", chain, cue.start(), cue.end(), 0.7, "cue 链主")

    # visits: A走进/调研/考察/参观/参访 B ; A赴B(进行)调研
    people = [m for m in mentions if m.is_person]
    for cue in _cues(folded, ["走进", "参访", "考察", "参观", "走访", "视察", "拜会", "调研", "赴"], s_start, s_end):
        c_lo, c_hi = _clause(folded, cue.start(), s_start, s_end)
        if cue.group() == "调研" and re.search(r"(赴|到)", folded[c_lo:cue.start()]):
            continue
        if cue.group() == "赴":
            end = re.search(r"调研|考察|进行|开展", folded[cue.end():c_hi])
            hi = cue.end() + end.start() if end else c_hi
            objects = [m for m in _outermost(_orgs(mentions)) if m.start >= cue.end() and m.end <= hi]
        else:
            objects = _group_after(folded, mentions, cue.end(), c_hi)
            if objects and objects[0].start - cue.end() > 2:
                objects = []
        visitor = (people or [m for m in orgs if m.start < cue.start()])[:1]
        for who in visitor:
            for obj in objects:
                if obj.start > who.start:
                    emit(who, "visited", obj, cue.start(), cue.end(), 0.65, f"cue {cue.group()}")

    # documents: A、B联合制定印发《P》 / 甘肃…印发《P》
    for cue in _cues(folded, ["印发", "出台", "发布", "颁布"], s_start, s_end):
        doc = re.match(r"(?:了)?《([^《》]{2,80})》", folded[cue.end():s_end])
        if not doc:
            continue
        c_lo, _ = _clause(folded, cue.start(), s_start, s_end)
        issuers = [m for m in _outermost(_orgs(mentions)) if c_lo <= m.start and m.end <= cue.start()]
        if not issuers:
            issuers = [m for m in mentions if m.is_place and c_lo <= m.start and m.end <= cue.start()][:1]
        d_start = cue.end() + doc.start(1)
        document = _Named(doc.group(1), d_start, d_start + len(doc.group(1)))
        for issuer in issuers:
            emit(document, "issued-by", issuer, cue.start(), cue.end(), 0.75, f"cue {cue.group()}《…》")

    # pilots: (同意)A开展B(建设)试点
    for cue in _cues(folded, ["试点"], s_start, s_end):
        c_lo, _ = _clause(folded, cue.start(), s_start, s_end)
        start = folded.rfind("开展", c_lo, cue.start())
        if start < 0:
            continue
        where = [m for m in mentions if c_lo <= m.start and m.end <= start and (m.is_place or not m.is_person)][-1:]
        piloted = _group_after(folded, mentions, start + 2, cue.start())[:1]
        for w in where:
            for p in piloted:
                emit(p, "piloted-in", w, cue.start(), cue.end(), 0.65, "cue 开展…试点")

    # location: A…落户B / A位于B
    for cue in _cues(folded, ["落户", "位于", "坐落于"], s_start, s_end):
        c_lo, c_hi = _clause(folded, cue.start(), s_start, s_end)
        after = [m for m in mentions if m.start >= cue.end() and m.end <= c_hi and not m.is_person]
        if after and after[0].start - cue.end() <= 1:
            where = after[0]
        else:
            word = re.match(r"[\u4e00-\u9fff]{2,6}", folded[cue.end():c_hi])
            if not word:
                continue
            where = _Named(word.group(), cue.end(), cue.end() + len(word.group()))
        lo = c_lo
        if not [m for m in _orgs(mentions) if lo <= m.start and m.end <= cue.start()]:
            lo = s_start  # 会上成立了X,并落户Y: the subject is in the clause before
        movers = [m for m in _outermost(_orgs(mentions)) if lo <= m.start and m.end <= cue.start()
                  and m.cls not in ("GovernmentBody", "MediaOrganization")]
        if lo == s_start:
            movers = movers[-1:]
        for mover in movers:
            emit(mover, "located-in", where, cue.start(), cue.end(), 0.65, f"cue {cue.group()}")

    # support: A(筛选并)支持B、C / X对口支持(建设)
    for cue in _cues(folded, ["支持"], s_start, s_end):
        c_lo, c_hi = _clause(folded, cue.start(), s_start, s_end)
        if folded[cue.start() - 2:cue.start()] == "对口":
            helpers = _group_before(folded, mentions, cue.start() - 2, c_lo)[-1:]
            helped = [m for m in orgs if m.cls in CONTAINERS and (not helpers or m.end <= helpers[0].start)
                      and m.name not in {h.name for h in helpers}][:1]
            for a in helped:
                for b in helpers:
                    emit(a, "supported-by", b, cue.start() - 2, cue.end(), 0.6, "cue 对口支持")
            continue
        supporters = _group_before(folded, mentions, cue.start(), c_lo)[-1:]
        if not supporters or cue.start() - supporters[-1].end > 4:
            continue
        for b in _group_after(folded, mentions, cue.end(), c_hi):
            if b.start - cue.end() <= 1 or b.start > cue.end():
                emit(b, "supported-by", supporters[0], cue.start(), cue.end(), 0.65, "cue 支持")

    # approval and recommendation: A批复同意B ; 由A推荐的B
    for cue in _cues(folded, ["批复同意", "批准", "批复"], s_start, s_end):
        if cue.group() == "批复" and folded[cue.end():cue.end() + 2] == "同意":
            continue
        c_lo, c_hi = _clause(folded, cue.start(), s_start, s_end)
        approver = [m for m in _orgs(mentions) if c_lo <= m.start and m.end <= cue.start()
                    and m.cls == "GovernmentBody"][-1:] or \
            [m for m in _orgs(mentions) if m.end <= cue.start() and m.cls == "GovernmentBody"][:1]
        approved = [m for m in _outermost(_orgs(mentions)) if m.start >= cue.end() and m.end <= c_hi
                    and m.cls in CONTAINERS]
        for a in approved:
            for b in approver:
                emit(a, "approved-by", b, cue.start(), cue.end(), 0.6, f"cue {cue.group()}")
    for cue in _cues(folded, ["推荐"], s_start, s_end):
        c_lo, c_hi = _clause(folded, cue.start(), s_start, s_end)
        recommender = _group_before(folded, mentions, cue.start(), c_lo)[-1:]
        if not recommender:
            continue
        for b in _group_after(folded, mentions, cue.end(), c_hi, CONTAINERS):
            emit(b, "recommended-by", recommender[0], cue.start(), cue.end(), 0.6, "cue 推荐")

    # 旗下 / 下属: B belongs to A
    for cue in _cues(folded, ["旗下", "下属"], s_start, s_end):
        parent = _group_before(folded, mentions, cue.start(), s_start)[-1:]
        child = _group_after(folded, mentions, cue.end(), s_end)
        for p in parent:
            for c in child:
                emit(c, "sub-organization", p, cue.start(), cue.end(), 0.7, f"cue {cue.group()}")


class _Named:
    """A named thing that is not a mention (a document in 《》, a bare place word) but can be a relation end."""

    is_person = False
    is_place = True

    def __init__(self, name, start, end):
        self.name, self.start, self.end = name, start, end


def _name_rules(mentions, emit):
    """Parents named inside a longer name: 中国科学院西北生态环境资源研究院 is part of 中国科学院."""
    by_name = {}
    for m in mentions:
        by_name.setdefault(m.name, m)
    for m in mentions:
        if m.parent and m.parent in by_name:
            emit(m, "sub-organization", by_name[m.parent], m.start, m.end, 0.7, f"{m.parent} is named inside {m.name}")


def _affiliations(folded, mentions, emit):
    """A person's organisations: ORG+title+name (科技部副部长陈家昌), chains of them joined by 、, names
    before a title right after an organisation (西北研究院夏燕青研究员), and reporters in bylines."""
    orgs = [m for m in mentions if not m.is_person and not m.is_place]
    ends = {}
    for m in orgs:
        if m.end not in ends or len(m.name) > len(ends[m.end].name):
            ends[m.end] = m
    titles = sorted(lexicon.TITLES_BEFORE, key=len, reverse=True)
    starts_of_people = {m.end: m for m in mentions if m.is_person}
    affiliated = {}  # person mention start -> the organisations found for it
    for person in sorted((m for m in mentions if m.is_person and m.title), key=lambda m: m.start):
        found = affiliated.setdefault(person.start, [])
        pos = person.start
        if person.title in lexicon.TITLES_AFTER and folded[person.end:person.end + len(person.title)] == person.title:
            if pos in ends:
                found.append(ends[pos])
                emit(person, "affiliated-with", ends[pos], pos, person.end, 0.7, "an organisation's name, then the person")
            continue
        # 记者尚杰、王冰雅: a second name under the same title belongs where the first does
        previous = starts_of_people.get(pos - 1)
        if folded[pos - 1:pos] == "、" and previous is not None and previous.start in affiliated:
            for org in affiliated[previous.start]:
                found.append(org)
                emit(person, "affiliated-with", org, previous.start, person.end, 0.6, f"listed after {previous.name}")
            continue
        # walk back over "ORG TITLE、ORG TITLE" before the name
        lo = max(folded.rfind(c, 0, pos) for c in ",。;:()()\n") + 1
        while pos > lo:
            pos = pos - 1 if folded[pos - 1:pos] in (" ", ":", ":") else pos
            title = next((t for t in titles if folded[:pos].endswith(t)), None)
            if not title:
                break
            at = pos - len(title)
            org = None
            for filler in ("", "全媒体", "融媒体", "首席", "特约", "党组", "驻站", "相关", "有关"):
                if folded[:at].endswith(filler) and at - len(filler) in ends:
                    org = ends[at - len(filler)]
                    break
            if org is None:
                if title in ("记者", "通讯员", "摄影"):
                    media = _byline_media(folded, orgs, person.start)
                    if media and title == "记者":
                        found.append(media)
                        emit(person, "affiliated-with", media, media.start, person.end, 0.6, "a reporter in a byline")
                    break
                skip = folded.rfind("、", lo, at)  # 国家技术发明奖二等奖获得者: no organisation; try the one before
                if skip < 0:
                    break
                pos = skip
                continue
            found.append(org)
            emit(person, "affiliated-with", org, org.start, person.end, 0.75, f"{org.name}{title}{person.name}")
            pos = org.start
            while pos in ends and pos > lo:  # 中国科学院近物所甘肃省同位素实验室: names side by side
                pos = ends[pos].start
            if folded[pos - 1:pos] != "、":
                break
            pos -= 1
    # reporters named in a dateline without a title: 新华社兰州2月14日电(张文静、王北辰)
    for person in (m for m in mentions if m.is_person and not m.title and "dateline" in m.why):
        org = _byline_media(folded, orgs, person.start)
        if org:
            emit(person, "affiliated-with", org, org.start, person.end, 0.6, "a reporter in a dateline")


def _byline_media(folded, orgs, pos):
    """The paper or agency a byline in brackets belongs to: the media name just before ``(`` on its line."""
    open_at = max(folded.rfind("(", 0, pos), folded.rfind("(", 0, pos))
    if open_at < 0 or "\n" in folded[open_at:pos]:
        return None
    line_start = folded.rfind("\n", 0, open_at) + 1
    media = [m for m in orgs if line_start <= m.start and m.end <= open_at and m.cls == "MediaOrganization"]
    return media[-1] if media else None
