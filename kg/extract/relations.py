"""Relations between the actors of one sentence, from the constructions Chinese news on innovation uses.

Each rule reads one construction, whatever the names in it, and every name slot takes a coordinated list
(「X、Y和Z等」) as well as one name:

- roles: 牵头 (由X牵头组建的Z, X牵头组建Z, Z由X牵头, 由X牵头、联合Y共同组建Z), role nouns (Z的成员单位包括X、Y;
  X、Y等为Z的合作单位; 链主企业X; X作为牵头单位), 参与, 依托 (依托X建设的Z, Z依托X, 以X为依托), 承建,
  链主/龙头企业 of a chain;
- founding: 共建/组建/联合组建/建成/设立 (Z由X与Y共建, X与Y共建Z, 由X和Y联合组建Z, X在Y设立Z): one
  established-by per founder and cooperates-with between co-founders;
- agreements: X与Y签订/签约/签署…协议/战略合作/合作, X、Y签署协议 (cooperates-with);
- support: X支持Y, X对口支持Z, X为Y提供 (supported-by);
- structure: X旗下/下属/所属Y, Y隶属于X, Y为X下属企业, X的Y研究院, 设在X的Y, a parent named inside a name;
- place: Z落户/入驻/位于X, Z在X挂牌, 在X建成Z (located-in);
- visits, documents, pilots, approvals, recommendations and people's organisations.

Each relation names its subject and object as written, its cue, and the span of the clause(s) that
state it (``text[start:end]``). The relation names are the review vocabulary; :data:`RELATIONS` gives the
ontology term each one becomes (a property of ``ontology/innovation.ttl``, an ORG property, or an ORG role
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
CHAINS = {"IndustrialChain", "IndustrialCluster"}
#: what a unit set up inside another body is called (X的Y研究院, X下属Y)
UNITS = {"ResearchInstitute", "Laboratory", "NationalPlatform", "Facility", "TestingInstitute"}
_CLAUSE_END = re.compile(r"[,;:。!?\n]")
# what may stand between two coordinated names: 、 和 与 及 以及 , (a quote around a name stays with it)
_JOIN = re.compile(r"^[“”\"]?(?:、|与|和|及|以及|,)?[“”\"]?$")
# what may close a list before its verb or role noun: 等, 等3家单位, 等骨干企业, 三方, 双方
_TAIL = (r"(?:等|在内的)?(?:[0-9零一二两三四五六七八九十百]+(?:余|多)?[家个所名方]|双方|三方|多方|各方)?"
         r"(?:[\u4e00-\u9fff]{0,4}?(?:单位|企业|高校|院所|机构|部门))?")
# verbs that say a body was made (the object of a founder, a lead unit or a host)
_MADE = r"(?:组建|成立|建设|共建|建成|打造|筹建|创建|设立|承担|搭建|发起成立|申报|运行|运营)"

# what stands between a list and the role it holds: X、Y等为 / X作为 / X是
_ROLE_TAIL = r"(?:等|在内的)?(?:已)?(?:被)?(?:作为|为|是|成为|担任|入选|确定为|认定为|评为|列为|等)?"

#: role nouns: the units a body has, and the relation each unit holds to it
ROLE_NOUNS = {
    "牵头单位": "lead-unit", "牵头企业": "lead-unit", "成员单位": "member-unit", "成员企业": "member-unit",
    "参与单位": "member-unit", "参建单位": "member-unit", "合作单位": "cooperating-unit",
    "合作成员单位": "cooperating-unit", "依托单位": "supporting-unit", "支撑单位": "supporting-unit",
    "承建单位": "supporting-unit", "建设单位": "supporting-unit", "共建单位": "established-by",
    "链主企业": "chain-leader", "链主": "chain-leader", "龙头企业": "chain-leader",
    "会员单位": "member-unit", "理事长单位": "lead-unit", "副理事长单位": "member-unit", "理事单位": "member-unit",
    "成员": "member-unit",  # only with the members listed after it (联盟成员包括…), never 成员国
}


@dataclass
class Relation:
    """One candidate relation: ``subject`` and ``object`` as written, ``text[start:end]`` its evidence (the
    clause or clauses that state it), ``cue`` the words that state it."""

    subject: str
    relation: str
    object: str
    start: int
    end: int
    confidence: float
    why: str
    cue: str = ""


def find_relations(text, mentions):
    """Every relation the rules find, sentence by sentence, without duplicates.

    ``mentions`` are those of :func:`kg.extract.mentions.find_mentions` for the same text.

    >>> from kg.extract.mentions import find_mentions
    >>> text = "甲乙科技有限公司与丙丁大学签订战略合作协议。"
    >>> [(r.subject, r.relation, r.object, r.cue) for r in find_relations(text, find_mentions(text))]
    [('甲乙科技有限公司', 'cooperates-with', '丙丁大学', '签订')]
    """
    folded = fold(text)
    found, seen = [], set()

    def emit(subject, relation, obj, start, end, confidence, why, cue=None, clause=True):
        if subject is None or obj is None or subject.name == obj.name:
            return
        key = (subject.name, relation, obj.name)
        if relation == "cooperates-with":
            key = (min(subject.name, obj.name), relation, max(subject.name, obj.name))
        if key in seen:
            return
        seen.add(key)
        lo, hi = min(start, subject.start, obj.start), max(end, subject.end, obj.end)
        if clause:
            lo, hi = _clause_around(folded, lo, hi)
        found.append(Relation(subject.name, relation, obj.name, lo, hi, confidence, why,
                              cue if cue is not None else folded[start:end]))

    # the consortium or platform the text last named (for 成员单位包括… after it), and every mention (for 该研究院)
    context = {"container": None, "all": sorted(mentions, key=lambda m: m.start)}
    for s_start, s_end in sentence_spans(folded):
        in_sentence = [m for m in mentions if s_start <= m.start and m.end <= s_end]
        if in_sentence:
            sentence = _Sentence(folded, s_start, s_end, in_sentence, emit, context)
            for rule in _RULES:
                rule(sentence)
        named = [m for m in in_sentence if m.cls in ("InnovationConsortium", "NationalPlatform", "Laboratory")]
        if named:
            context["container"] = named[-1]
    _name_rules(mentions, emit)
    _affiliations(folded, mentions, emit)
    return found


# -- helpers -----------------------------------------------------------------------------------

def _clause_around(folded, lo, hi):
    """The clause(s) holding ``folded[lo:hi]``: from the punctuation before ``lo`` to the one after ``hi``."""
    left = max(folded.rfind(c, 0, lo) for c in ",;:。!?\n") + 1
    right = _CLAUSE_END.search(folded, hi)
    return left, right.start() if right else len(folded)


def _clause(folded, pos, s_start, s_end):
    """(start, end) of the clause around ``pos``: between commas, semicolons, colons or sentence ends."""
    left = max((m.end() for m in _CLAUSE_END.finditer(folded, s_start, pos)), default=s_start)
    right = _CLAUSE_END.search(folded, pos, s_end)
    return left, right.start() if right else s_end


def _orgs(mentions):
    return [m for m in mentions if not m.is_person and not m.is_place]


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


class _Sentence:
    """One sentence and its mentions, with the ways a rule reads names around a cue."""

    def __init__(self, folded, start, end, mentions, emit, context):
        self.folded, self.start, self.end = folded, start, end
        self.mentions = mentions
        outer = _outermost(_orgs(mentions))
        shared = [c for c in outer if c.source == "coordinated"]  # 兰州、白银高新区: both zones are list members
        second = [m for m in _orgs(mentions) if m not in outer and any(c.start < m.start and m.end == c.end
                                                                       for c in shared)]
        self.orgs = sorted(outer + second, key=lambda m: (m.start, -m.end))
        self.emit, self.context = emit, context

    def cues(self, words):
        return _cues(self.folded, words, self.start, self.end)

    def clause(self, pos):
        """The clause around ``pos``; a comma between two names is a list's, not a clause's (由A、B,C三方共建)."""
        lo, hi = _clause(self.folded, pos, self.start, self.end)
        ends, starts = {m.end for m in self.orgs}, {m.start for m in self.orgs}
        while lo > self.start and self.folded[lo - 1] == "," and lo - 1 in ends and lo in starts:
            lo = _clause(self.folded, lo - 2, self.start, self.end)[0]
        while hi < self.end and self.folded[hi] == "," and hi in ends and hi + 1 in starts:
            hi = _clause(self.folded, hi + 1, self.start, self.end)[1]
        return lo, hi

    def gap(self, a, b):
        return self.folded[a:b]

    def before(self, pos, lo=None, tail=_TAIL, classes=None):
        """The coordinated list of organisations (X、Y和Z等) that ends just before ``pos`` (what stands
        between them and ``pos`` must match ``tail``), from ``lo`` on."""
        lo = self.start if lo is None else lo
        pool = [m for m in self.orgs if lo <= m.start and m.end <= pos and (not classes or m.cls in classes)]
        if not pool or not re.fullmatch(tail, self.folded[pool[-1].end:pos]):
            # 该公司与…: the body the text named last with that suffix
            said = re.search(r"(?:该|这家|这所|此)[\u4e00-\u9fff]{1,4}$", self.folded[lo:pos])
            return [m for m in self.anaphor(lo + said.start()) if not classes or m.cls in classes] if said else []
        group = [pool[-1]]
        for m in reversed(pool[:-1]):
            if _JOIN.match(self.folded[m.end:group[0].start]):
                group.insert(0, m)
            else:
                break
        said = re.search(r"(?:该|这家|这所|此)[\u4e00-\u9fff]{1,4}(?:、|与|和|及)$", self.folded[lo:group[0].start])
        if said:
            group = [m for m in self.anaphor(lo + said.start()) if m not in group] + group
        return group

    def after(self, pos, hi=None, lead=r"", classes=None):
        """The coordinated list of organisations that starts just after ``pos`` (what stands between must
        match ``lead``), up to ``hi``."""
        hi = self.end if hi is None else hi
        pool = [m for m in self.orgs if m.start >= pos and m.end <= hi and (not classes or m.cls in classes)]
        if not pool or not re.fullmatch(lead, self.folded[pos:pool[0].start]):
            return []
        group = [pool[0]]
        for m in pool[1:]:
            gap = self.folded[group[-1].end:m.start]
            if re.fullmatch(r"[((]", gap) and re.fullmatch(r"[^()()]*[))]", self.folded[m.end:m.end + 30].split("、")[0]
                                                           .split(",")[0]):
                continue  # A(its host)、B: the host in brackets is not one of the list
            if _JOIN.match(gap) or re.fullmatch(r"[((][^()()]*[))](?:、|和|及|与)?", gap):
                group.append(m)
            else:
                break
        return group

    def parties(self, hi):
        """The parties named before ``hi`` in this sentence: X与Y (both sides), else the last list of two or
        more (X、Y) — what 双方 or 三方 then refers to."""
        for join in reversed(list(re.finditer(r"与|和|同", self.folded[self.start:hi]))):
            at = self.start + join.start()
            left, right = self.before(at, tail=r""), self.after(at + 1, hi=hi)
            if left and right:
                return left + right
        for m in reversed([m for m in self.orgs if m.end <= hi]):
            group = self.before(m.end, tail=r"")
            if len(group) >= 2:
                return group
        return []

    def anaphor(self, pos):
        """The body 该研究院 / 该联合体 / 该实验室 … at ``pos`` stands for: the last one named before it with
        that suffix, in this sentence or an earlier one."""
        match = re.match(r"(?:该|这一|这个|此)([\u4e00-\u9fff]{1,5})", self.folded[pos:pos + 7])
        if not match:
            return []
        for word in sorted((match.group(1)[:n] for n in range(len(match.group(1)), 0, -1)), key=len, reverse=True):
            if lexicon.suffix_class(word) and word in lexicon.ORG_SUFFIXES:
                earlier = [m for m in self.context.get("all", ()) if m.end <= pos and not m.is_person
                           and not m.is_place and m.name.endswith(word)]
                return earlier[-1:]
        return []

    def last(self, classes, hi, lo=None):
        """The last organisation of ``classes`` ending before ``hi``."""
        lo = self.start if lo is None else lo
        pool = [m for m in self.orgs if m.cls in classes and lo <= m.start and m.end <= hi]
        return pool[-1:]

    def first(self, classes, lo, hi=None, lead=None):
        """The first organisation of ``classes`` starting after ``lo``; with ``lead``, the first one whose
        distance from ``lo`` is what ``lead`` matches (了, 的, 建设的 …)."""
        hi = self.end if hi is None else hi
        for m in self.orgs:
            if m.cls in classes and m.start >= lo and m.end <= hi:
                if lead is None or re.fullmatch(lead, self.folded[lo:m.start]):
                    return [m]
        return []


# -- the rules ---------------------------------------------------------------------------------

def _lead_unit(s):
    """由X牵头(组建)的Z / X牵头组建Z / Z由X牵头 / 由X牵头,联合Y、W共同组建Z."""
    for cue in s.cues(["牵头"]):
        if s.folded[cue.end():cue.end() + 2] in ("单位", "企业"):
            continue  # 牵头单位: a role noun
        c_lo, _ = s.clause(cue.start())
        leads = s.before(cue.start(), lo=max(c_lo - 1, s.start), tail=r"(?:等)?(?:作为|共同|联合|负责)?")
        if not leads:
            continue
        made = r"(?:[^。;]*?" + _MADE + r"(?:了)?(?:的)?|的)“?"
        targets = s.first(CONTAINERS, cue.end(), lead=made)
        if not targets:  # Z由X牵头 (never a body merely named before: Z成立以来,X牵头承担项目)
            targets = [m for m in s.last(CONTAINERS, leads[0].start) if m not in leads and
                       re.fullmatch(r",?(?:是|系|均)?由", s.folded[m.end:leads[0].start])]
        partners = []
        limit = targets[0].start if targets and targets[0].start > cue.end() else s.end
        joined = re.match(r"[^。;]*?联合", s.folded[cue.end():limit])
        if joined and re.search(_MADE, s.folded[cue.end() + joined.end():limit]):  # 由X牵头,联合Y、W共同组建(Z)
            partners = s.after(cue.end() + joined.end(), hi=limit, lead=r"")
        for target in targets:
            for lead in leads:
                s.emit(lead, "lead-unit", target, cue.start(), cue.end(), 0.8, "cue 牵头: the lead unit", "牵头")
            founders = leads + partners if partners else []
            for founder in founders:
                s.emit(target, "established-by", founder, cue.start(), cue.end(), 0.7, "由…牵头,联合…组建: a founder",
                       "牵头…联合")
            for a, b in combinations(founders, 2):
                s.emit(a, "cooperates-with", b, cue.start(), cue.end(), 0.6, "co-founders (牵头…联合)", "牵头…联合")


def _role_nouns(s):
    """Z的成员单位包括X、Y / X、Y等为Z的合作单位 / 链主企业X / X作为牵头单位 / X为链主."""
    for cue in s.cues(list(ROLE_NOUNS)):
        word = cue.group()
        role = ROLE_NOUNS[word]
        if role == "cooperating-unit" and re.search(r"(?:各|与)$", s.folded[s.start:cue.start()]):
            continue  # 与…各合作单位开展协作: no list follows
        if word == "龙头企业" and not any(m.cls in CHAINS for m in s.orgs):
            continue  # a leading enterprise of no named chain says nothing about a relation
        c_lo, c_hi = s.clause(cue.start())
        after = s.after(cue.end(), lead=r"(?:包括|有|为|是|:|:|分别为|分别是)?")
        if word == "成员" and not re.match(r"(?:包括|有|为|是|:|:)", s.folded[cue.end():cue.end() + 2]):
            continue
        listed = s.before(cue.start(), lo=c_lo, tail=_ROLE_TAIL + _TAIL)  # X、Y等成员单位: the members
        if role == "chain-leader":
            containers = [m for m in s.orgs if m.cls in CHAINS]
            containers = [m for m in containers if m.end <= cue.start()][-1:] or containers[:1]
        else:
            # Z的成员单位 / Z依托单位; else the body named before in the sentence; else (成员单位包括… opening
            # a sentence) the one the text named last
            of = s.before(cue.start(), lo=c_lo, tail=r"(?:的|下设的|所属)?", classes=CONTAINERS)[-1:]
            if of and of[0] in listed and re.search(r"等|、", s.folded[c_lo:cue.start()]):
                of = []
            opening = not [m for m in s.orgs if m.end <= cue.start()]
            containers = of or [m for m in s.last(CONTAINERS - CHAINS, cue.start()) if m not in listed] or \
                (s.first(CONTAINERS - CHAINS, cue.end()) if not after else []) or \
                ([s.context["container"]] if opening and s.context.get("container") else [])
        members = after
        if not members or (role != "chain-leader" and members[0] in containers):
            members = []
        if not members and containers and containers[0].end <= cue.start() and \
                re.fullmatch(r"的?", s.folded[containers[0].end:cue.start()]):
            # X、Y等为Z的成员单位 ; X,…,也是Z依托单位之一 (the sentence's subject)
            members = s.before(containers[0].start, lo=c_lo, tail=_ROLE_TAIL)
            if not members and re.fullmatch(r"(?:也|还|同时|并)?(?:是|为|作为)", s.folded[c_lo:containers[0].start]):
                members = [m for m in s.after(s.start, hi=c_lo, lead=r"[^,。;]{0,12}")[:1] if m.start < c_lo]
        if not members:  # X作为牵头单位 / X等成员单位
            members = s.before(cue.start(), lo=c_lo, tail=_ROLE_TAIL + _TAIL)
        for member in members:
            for target in containers:
                if member is target or (role == "chain-leader" and member.cls in CHAINS):
                    continue
                if role == "established-by":
                    s.emit(target, role, member, cue.start(), cue.end(), 0.7, f"cue {word}", word)
                else:
                    s.emit(member, role, target, cue.start(), cue.end(), 0.7, f"cue {word}", word)


def _founders(s):
    """Z由X与Y(联合)共建 / X与Y共建Z / X、Y、W三方共建Z / 由X和Y联合组建Z / X联合Y共同组建Z / X在Y设立Z /
    X和Y共建的Z: one established-by per founder, cooperates-with between co-founders."""
    words = ["共同组建", "联合共建", "合作共建", "共建", "共同建设", "联合组建", "联合建设", "组建", "建成", "设立",
             "共同发起", "发起成立", "联合成立", "共同成立", "成立", "创建", "筹建", "合作建设", "合作建立", "共同建立",
             "联合建立", "建立"]
    single = ("组建", "建成", "设立", "成立", "创建", "筹建", "建立")
    for cue in s.cues(words):
        word = cue.group()
        if s.folded[max(s.start, cue.start() - 2):cue.start()] == "牵头":
            continue  # 牵头组建: the lead-unit rule has it
        c_lo, _ = s.clause(cue.start())
        by = s.folded.rfind("由", c_lo, cue.start())
        at = s.folded.rfind("在", max(c_lo, by), cue.start())  # X在Y设立Z: Y is where, not who
        if by >= 0:
            founders = [m for m in s.orgs if by < m.start and m.end <= (at if at > by else cue.start())]
        else:
            founders = s.before(at if at >= 0 else cue.start(), lo=c_lo,
                                tail=_TAIL + r"(?:双方|三方|多方|各方|共同|联合|分别|正式|合作|签约|签署协议|现场签约|将)*")
            joined = founders and re.search(r"(?:联合|携手|联手|会同)$", s.folded[c_lo:founders[0].start])
            if joined:  # X联合Y共同组建Z, X携手Y共建Z
                founders = s.before(founders[0].start - len(joined.group()), lo=c_lo, tail=r"") + founders
        if not founders and by < 0 and c_lo > s.start and (
                re.search(r"(?:双方|三方|各方|多方)(?:将|还将|拟|计划|共同|合作|联合)*$", s.folded[c_lo:cue.start()])
                or word not in single and re.fullmatch(r"(?:并|将|还将|拟|计划|共同|合作|联合)*",
                                                       s.folded[c_lo:cue.start()])):
            founders = s.parties(c_lo)  # X与Y签署协议,(双方将)共同建设Z: the parties of the clause before
        if word in single and (not founders or at < 0 and by < 0 and cue.start() - founders[-1].end > 4):
            continue
        built = s.first(CONTAINERS | UNITS | {"University"}, cue.end(), lead=r"(?:了|的|成|起)?“?") \
            if not re.match(r"(?:了)?(?:一批|一个|多个|[0-9]+个)", s.folded[cue.end():cue.end() + 4]) else []
        if by >= 0 and not built:
            built = [m for m in s.last(CONTAINERS | UNITS, by, lo=s.start)]
        if not built and s.folded[cue.start() - 1:cue.start()] == "”":  # 举行“X联合实验室”共建签约仪式
            built = [m for m in s.orgs if m.end == cue.start() - 1 and m.cls in CONTAINERS]
        if not built and word in ("共建", "联合共建", "合作共建"):  # X和Y共建的Z
            built = s.first(CONTAINERS | UNITS, cue.end(), lead=r"的“?")
        for target in built:
            real = [f for f in founders if f is not target and f.name != target.name and
                    (f.cls != "HighTechZone" or word not in ("建成",))]
            for founder in real:
                s.emit(target, "established-by", founder, cue.start(), cue.end(), 0.75, f"cue {word}: a founder", word)
            for a, b in combinations(real, 2):
                s.emit(a, "cooperates-with", b, cue.start(), cue.end(), 0.6, f"co-founders ({word})", word)
            # 在X建成/设立Z, X在Y设立Z: Z lies in Y
            if at >= 0:
                where = [m for m in s.mentions if m.start >= at + 1 and m.end <= cue.start() and not m.is_person]
                if where and where[0].start == at + 1 and \
                        re.fullmatch(r"(?:正式|成功|联合|共同|合作|新)?", s.folded[where[0].end:cue.start()]):
                    s.emit(target, "located-in", where[0], cue.start(), cue.end(), 0.65, f"cue 在…{word}", f"在…{word}")


def _agreements(s):
    """X与Y签订/签约/签署…协议/战略合作/合作; X、Y签署协议; ,与Y开展合作 (the sentence's subject)."""
    for cue in s.cues(["签订", "签约", "签署", "合作协议", "战略合作", "开展合作", "合作共建", "携手", "合作"]):
        c_lo, _ = s.clause(cue.start())
        pairs = []
        for join in re.finditer(r"与|和|同", s.folded[c_lo:cue.start()]):
            at = c_lo + join.start()
            right = s.after(at + 1, hi=cue.start())
            if not right:
                continue
            left = s.before(at, lo=c_lo, tail=r"")
            if left:
                pairs += [(a, b) for a in left for b in right]
            elif at == c_lo:
                subject = s.after(s.start, hi=at)
                pairs += [(a, b) for a in subject for b in right]
        if not pairs and cue.group() in ("签订", "签约", "签署"):
            group = s.before(cue.start(), lo=c_lo, tail=r"(?:等|双方|三方|共同|分别|正式|现场)*")
            pairs = list(combinations(group, 2))
        for a, b in pairs:
            s.emit(a, "cooperates-with", b, cue.start(), cue.end(), 0.7, f"cue 与…{cue.group()}", cue.group())


def _hosts(s):
    """依托X建设的Z / Z依托X / 以X为依托 / X承建Z / Z由X承建 / 设在X的Z / Z(X): a base, then its host."""
    for cue in s.cues(["依托"]):
        c_lo, c_hi = s.clause(cue.start())
        if s.folded[cue.start() - 1:cue.start()] == "为":  # 以X为依托
            opened = s.folded.rfind("以", c_lo, cue.start())
            hosts = s.after(opened + 1, hi=cue.start() - 1) if opened >= 0 else []
            hosted = s.first(CONTAINERS | UNITS, cue.end(), hi=s.end) or s.last(CONTAINERS | UNITS, c_lo)
        else:
            hosts = s.after(cue.end(), hi=c_hi, lead=r"")[:1]
            if not hosts:
                continue
            hosted = s.first(CONTAINERS | UNITS, hosts[-1].end, hi=s.end, lead=r"(?:" + _MADE + r")?(?:的)?“?") or \
                s.last(CONTAINERS | UNITS, cue.start()) or s.anaphor(c_lo)
        for host in hosts:
            for target in hosted[:1]:
                s.emit(host, "supporting-unit", target, cue.start(), cue.end(), 0.7, "cue 依托: the host", "依托")
    for cue in s.cues(["承建", "获批建设", "获批组建", "获批筹建"]):  # a lab's host: X承建Z, X获批建设Z
        c_lo, _ = s.clause(cue.start())
        by = s.folded.rfind("由", c_lo, cue.start())
        hosts = [m for m in s.orgs if by < m.start and m.end <= cue.start()] if by >= 0 else \
            s.before(cue.start(), lo=c_lo, tail=r"(?:等|负责|共同)?")
        hosted = s.last(CONTAINERS | UNITS, by) if by >= 0 else s.first(CONTAINERS | UNITS, cue.end(), lead=r"(?:了|的)?“?")
        for host in hosts:
            for target in hosted[:1]:
                s.emit(host, "supporting-unit", target, cue.start(), cue.end(), 0.65, "cue 承建: the host", "承建")
    for cue in s.cues(["设在", "设于"]):
        where = [m for m in s.mentions if m.start == cue.end() and not m.is_person]
        if not where:
            continue
        target = s.first(CONTAINERS | UNITS, where[0].end, lead=r"的“?")
        for unit in target:
            if where[0].is_place or where[0].cls in ("HighTechZone", "Park"):
                s.emit(unit, "located-in", where[0], cue.start(), cue.end(), 0.65, f"cue {cue.group()}…的", cue.group())
            else:
                s.emit(where[0], "supporting-unit", unit, cue.start(), cue.end(), 0.6, f"cue {cue.group()}…的: the host",
                       cue.group())
    for i, m in enumerate(s.orgs[:-1]):
        nxt = s.orgs[i + 1]
        if m.cls in CONTAINERS and re.fullmatch(r"[((]", s.folded[m.end:nxt.start]) and \
                re.match(r"[))]", s.folded[nxt.end:nxt.end + 1]) and nxt.cls not in CONTAINERS - {"ResearchInstitute"}:
            s.emit(nxt, "supporting-unit", m, m.end, nxt.end + 1, 0.6, "a base followed by its host in brackets", "(…)")


def _members(s):
    """X、Y参与(建设)Z / Z…,X、Y等参与: member units."""
    for cue in s.cues(["参与", "参加共建", "加入"]):
        c_lo, c_hi = s.clause(cue.start())
        members = s.before(cue.start(), lo=c_lo, tail=r"(?:等|共同|积极|也|还|均|先后)*")
        if not members:
            continue
        target = s.first(CONTAINERS - {"ResearchInstitute"}, cue.end(), hi=c_hi, lead=r"(?:了|到)?(?:" + _MADE + r")?(?:了|的)?“?") \
            or s.last(CONTAINERS - {"ResearchInstitute"}, members[0].start)
        for member in members:
            for container in target[:1]:
                if member is not container:
                    s.emit(member, "member-unit", container, cue.start(), cue.end(), 0.6, f"cue {cue.group()}", cue.group())


def _places(s):
    """Z落户/入驻/进驻/位于/坐落于X ; Z在X挂牌(成立) ; 在X挂牌成立的Z."""
    for cue in s.cues(["落户", "位于", "坐落于", "入驻", "进驻", "落地"]):
        c_lo, c_hi = s.clause(cue.start())
        after = [m for m in s.mentions if m.start >= cue.end() and m.end <= c_hi and not m.is_person]
        if after and after[0].start - cue.end() <= 1:
            where = after[0]
        else:
            word = re.match(r"(?:在)?([\u4e00-\u9fff]{2,6}?)(?:[,。;]|$|的|后|以来)", s.folded[cue.end():c_hi])
            if not word or cue.group() in ("入驻", "进驻", "落地"):
                continue
            where = _Named(word.group(1), cue.end() + word.start(1), cue.end() + word.end(1))
        lo = c_lo
        if not [m for m in s.orgs if lo <= m.start and m.end <= cue.start()]:
            lo = s.start  # 会上成立了X,并落户Y: the subject is in the clause before
        movers = s.before(cue.start(), lo=lo, tail=r"(?:等)?(?:[\u4e00-\u9fff]{0,12}?(?:项目|企业|单位))?(?:等)?(?:已)?(?:正式|成功|先后|相继|均)?")
        while movers:  # X的某某项目、Y的某某生产线等项目落户Z: a list of projects, each with its body
            item = [m for m in s.orgs if lo <= m.start and m.end <= movers[0].start and
                    re.fullmatch(r"[^,。;、]{0,20}、", s.folded[m.end:movers[0].start])][-1:]
            if not item:
                break
            movers = item + movers
        if not movers:
            movers = s.anaphor(lo)
        if not movers:  # every body of the clause before the cue
            movers = [m for m in s.orgs if lo <= m.start and m.end <= cue.start()
                      and m.cls not in ("GovernmentBody", "MediaOrganization")]
            movers = movers[-1:] if lo == s.start else movers
        for mover in movers:
            if mover.cls not in ("GovernmentBody", "MediaOrganization"):
                s.emit(mover, "located-in", where, cue.start(), cue.end(), 0.65, f"cue {cue.group()}", cue.group())
    for cue in s.cues(["挂牌", "揭牌"]):
        c_lo, _ = s.clause(cue.start())
        at = s.folded.rfind("在", c_lo, cue.start())
        if at < 0:
            continue
        where = [m for m in s.mentions if m.start == at + 1 and m.end <= cue.start() and not m.is_person]
        bare = re.fullmatch(r"([\u4e00-\u9fff]{2,6})(?:正式|成功)?", s.folded[at + 1:cue.start()])
        if not where and bare:  # 在撒马尔罕挂牌: a place no rule names
            where = [_Named(bare.group(1), at + 1, at + 1 + len(bare.group(1)))]
        units = s.before(at, lo=c_lo, tail=r"(?:正式|已)?") or \
            s.first(CONTAINERS | UNITS | {"University"}, cue.end(), lead=r"(?:成立|运行)?的“?")
        for unit in units:
            for w in where[:1]:
                s.emit(unit, "located-in", w, cue.start(), cue.end(), 0.6, f"cue 在…{cue.group()}", f"在…{cue.group()}")


def _support(s):
    """X(筛选并)支持Y、Z / X对口支持(建设)Z / Z由X对口支持 / X为Y提供…: supported-by."""
    for cue in s.cues(["支持"]):
        c_lo, c_hi = s.clause(cue.start())
        if s.folded[cue.start() - 2:cue.start()] == "对口":
            helpers = s.before(cue.start() - 2, lo=c_lo, tail=r"(?:由|将|继续|负责)?")
            helped = s.after(cue.end(), hi=c_hi, lead=r"(?:建设)?") or \
                [m for m in s.orgs if m.cls in CONTAINERS and (not helpers or m.end <= helpers[0].start)][:1]
            for a in helped:
                for b in helpers:
                    if a is not b:
                        s.emit(a, "supported-by", b, cue.start() - 2, cue.end(), 0.6, "cue 对口支持", "对口支持")
            continue
        supporters = s.before(cue.start(), lo=c_lo, tail=r"(?:[\u4e00-\u9fff]{0,2}并|大力|积极|重点|将|继续|也)?")
        if not supporters:
            continue
        for b in s.after(cue.end(), hi=c_hi, lead=r"(?:了)?"):
            for a in supporters:
                s.emit(b, "supported-by", a, cue.start(), cue.end(), 0.65, "cue 支持", "支持")
    for cue in s.cues(["支持下", "帮助下", "指导下"]):  # 在X(的大力)支持下,Y…: Y supported by X
        opened = s.folded.rfind("在", s.start, cue.start())
        if opened < 0:
            continue
        helpers = s.after(opened + 1, hi=cue.start())
        if not helpers or not re.fullmatch(r"(?:的)?(?:大力|积极|精心|关心)?", s.folded[helpers[-1].end:cue.start()]):
            continue
        helped = s.after(cue.end(), lead=r"[,]?(?:[\u4e00-\u9fff]{0,4}[,])?")
        for a in helped:
            for b in helpers:
                s.emit(a, "supported-by", b, cue.start(), cue.end(), 0.6, f"cue 在…{cue.group()}", f"在…{cue.group()}")
    for cue in s.cues(["提供"]):
        c_lo, _ = s.clause(cue.start())
        to = s.folded.rfind("为", c_lo, cue.start())
        if to < 0:
            continue
        givers = s.before(to, lo=c_lo, tail=r"(?:将|可|还|也|主要|在共建过程中|共同)*")
        takers = s.after(to + 1, hi=cue.start())
        if not takers or not re.fullmatch(r"(?:等)?(?:[\u4e00-\u9fff]{0,6})?", s.folded[takers[-1].end:cue.start()]):
            continue
        for a in takers:
            for b in givers:
                s.emit(a, "supported-by", b, to, cue.end(), 0.6, "cue X为Y提供", "为…提供")


def _structure(s):
    """X旗下/下属/所属/直属Y ; Y隶属于X ; Y为X下属企业 ; X的Y研究院: sub-organization."""
    unit_noun = r"(?:的)?(?:[\u4e00-\u9fff]{0,4}?(?:企业|单位|公司|机构|院所|研究院|子公司))?(?:有|包括|:|:)?"
    for cue in s.cues(["旗下", "下属", "所属", "直属", "下设"]):
        parent = s.before(cue.start(), tail=r"(?:的)?")[-1:]
        if not parent:
            continue
        children = s.after(cue.end(), lead=unit_noun)
        if not children:  # Y为X下属企业
            children = s.before(parent[0].start, tail=r"(?:是|为|系|作为)")
        for p in parent:
            for c in children:
                if c is not p:
                    s.emit(c, "sub-organization", p, cue.start(), cue.end(), 0.7, f"cue {cue.group()}", cue.group())
    for cue in s.cues(["隶属于", "隶属"]):
        children = s.before(cue.start(), tail=r"(?:是|为|系)?")
        parent = s.after(cue.end(), lead=r"")[:1]
        for p in parent:
            for c in children:
                s.emit(c, "sub-organization", p, cue.start(), cue.end(), 0.7, f"cue {cue.group()}", cue.group())
    ends = {m.end: m for m in s.orgs}
    for b in s.orgs:  # X(简称Y)Z: Z is a unit of X (a lab of X is hosted by it)
        short = re.search(r"[((](?:以下)?(?:简称|下称)[^()()]{1,20}[))]$", s.folded[max(s.start, b.start - 24):b.start])
        a = ends.get(b.start - len(short.group())) if short else None
        if a is not None and a is not b:
            if b.cls in ("Laboratory", "NationalPlatform", "Facility"):
                s.emit(a, "supporting-unit", b, a.start, b.end, 0.55, "X(简称Y)Z: a lab of X", "X(简称Y)Z")
            else:
                s.emit(b, "sub-organization", a, a.start, b.end, 0.55, "X(简称Y)Z: a unit of X", "X(简称Y)Z")
    for a, b in zip(s.orgs, s.orgs[1:]):
        if s.folded[a.end:b.start] != "的" or a.cls in CONTAINERS - {"ResearchInstitute"} or b.name.startswith(a.name):
            continue
        if b.cls in ("ResearchInstitute", "TestingInstitute") or b.cls == "University" and b.name.endswith("学院"):
            s.emit(b, "sub-organization", a, a.end, b.start, 0.6, "X的Y研究院: a unit of X", "X的Y")
        elif b.cls in ("Laboratory", "NationalPlatform", "Facility"):  # X的Y重点实验室: a lab X hosts
            s.emit(a, "supporting-unit", b, a.end, b.start, 0.55, "X的Y实验室: the host", "X的Y")


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


def _events(s):
    """Visits (A走进/调研/考察/参观/参访 B, A赴B调研), documents (A、B联合印发《P》), pilots (A开展B试点),
    approvals (A批复同意B) and recommendations (由A推荐的B)."""
    folded, s_start, s_end, mentions, emit = s.folded, s.start, s.end, s.mentions, s.emit
    orgs = s.orgs
    # visits: A走进/调研/考察/参观/参访 B ; A赴B(进行)调研
    people = [m for m in mentions if m.is_person]
    going = ("赴", "到", "来到", "前往", "深入")  # X到/来到/前往Y调研: the visit verb comes after the place
    for cue in _cues(folded, ["走进", "参访", "考察", "参观", "走访", "视察", "拜会", "调研", *going], s_start, s_end):
        c_lo, c_hi = _clause(folded, cue.start(), s_start, s_end)
        if cue.group() in ("调研", "考察", "参观", "视察", "走访") and re.search(r"(?:赴|到|前往|深入)", folded[c_lo:cue.start()]):
            continue
        if cue.group() in going:
            end = re.search(r"调研|考察|参观|走访|视察|检查|指导|座谈|交流" + (r"|进行|开展" if cue.group() == "赴" else ""),
                            folded[cue.end():c_hi])
            if not end and cue.group() != "赴":
                continue  # 到2025年, 深入推进: going somewhere is a visit only with a visit verb after it
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

    # approval and recommendation: A批复同意B ; 由A推荐的B
    deciding = {"GovernmentBody", "Organization", "Academy"}  # 认定 is also a 科协's or an academy's act
    for cue in _cues(folded, ["批复同意", "批准", "批复", "认定"], s_start, s_end):
        if cue.group() == "批复" and folded[cue.end():cue.end() + 2] == "同意":
            continue
        c_lo, c_hi = _clause(folded, cue.start(), s_start, s_end)
        passive = re.search(r"(?:被|经|获|由)([^,。;被经获由]{2,30}?)(?:正式|首批)?$", folded[c_lo:cue.start()])
        if passive:  # Y被X认定为 / Y经X批准 / Y获X批复
            at = c_lo + passive.start(1)
            approver = [m for m in _orgs(mentions) if m.start == at and m.cls in deciding][:1]
            approved = s.before(c_lo + passive.start(), lo=s_start, tail=r"(?:已|先后|均|正式)?")
            if not approved and folded[c_lo + passive.start()] == "经":
                approved = s.after(cue.end(), hi=c_hi, lead=r"(?:同意)?(?:,)?")
            for a in approved:
                for b in approver:
                    emit(a, "approved-by", b, cue.start(), cue.end(), 0.6, f"cue 被/经/获…{cue.group()}",
                         f"{folded[c_lo + passive.start()]}…{cue.group()}")
            if approver:
                continue
        if cue.group() == "认定":  # X认定Y、Z为… / X认定首批…Y
            deciders = [m for m in s.before(cue.start(), lo=c_lo, tail=r"(?:正式|近日|日前|首次)?") if m.cls in deciding]
            for a in s.after(cue.end(), hi=c_hi, lead=r"(?:了)?(?:[^,。;]{0,12}?(?:名单|结果)?(?:中)?)?“?")[:12]:
                for b in deciders[-1:]:
                    emit(a, "approved-by", b, cue.start(), cue.end(), 0.55, "cue 认定", "认定")
            continue
        # the body that approves: the nearest government body before the cue that is not a recipient or a
        # source of news (国务院已向科技部发函,批复同意… ; 记者从省科技厅了解到)
        deciders = [m for m in _orgs(mentions) if s_start <= m.start and m.end <= cue.start()
                    and m.cls == "GovernmentBody" and not re.search(
                        r"(?:向|从|据|对|给|与)[^,。;]*$", folded[_clause(folded, m.start, s_start, s_end)[0]:m.start])]
        approver = [m for m in deciders if m.start >= c_lo][-1:] or deciders[-1:]
        approved = [m for m in s.orgs if m.start >= cue.end() and m.end <= c_hi and m.cls in CONTAINERS]
        for a in approved:
            for b in approver:
                emit(a, "approved-by", b, cue.start(), cue.end(), 0.6, f"cue {cue.group()}")
    for cue in _cues(folded, ["推荐"], s_start, s_end):
        c_lo, c_hi = _clause(folded, cue.start(), s_start, s_end)
        recommender = _group_before(folded, mentions, cue.start(), c_lo)[-1:]
        if not recommender:
            continue
        # 由X推荐的Y、Z ; 由X推荐,Y入选 ; X推荐Y
        for b in s.after(cue.end(), lead=r"(?:的|,)?“?"):
            emit(b, "recommended-by", recommender[0], cue.start(), cue.end(), 0.6, "cue 推荐")



_RULES = (_lead_unit, _role_nouns, _founders, _agreements, _hosts, _members, _places, _support, _structure, _events)


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
            emit(m, "sub-organization", by_name[m.parent], m.start, m.end, 0.7, f"{m.parent} is named inside {m.name}",
                 m.name, clause=False)


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
            elif folded[pos - 1:pos] == "的" and pos - 1 in ends:  # (来自)兰州大学的李某教授
                found.append(ends[pos - 1])
                emit(person, "affiliated-with", ends[pos - 1], pos - 1, person.end, 0.65, "X的 + a person with a title",
                     "X的")
            continue
        # 记者尚杰、王冰雅: a second name under the same title belongs where the first does
        previous = starts_of_people.get(pos - 1)
        if folded[pos - 1:pos] in ("、", " ") and previous is not None and previous.start in affiliated:
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
    # 李某来自兰州大学: a person's organisation after 来自
    starts = {m.start: m for m in orgs}
    for person in (m for m in mentions if m.is_person):
        came = re.match(r"(?:教授|研究员|博士|院士)?来自", folded[person.end:person.end + 6])
        if came and person.end + came.end() in starts:
            org = starts[person.end + came.end()]
            emit(person, "affiliated-with", org, person.start, org.end, 0.65, "cue 来自", "来自")
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
