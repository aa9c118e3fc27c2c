"""How the relation rules read one sentence: the clause around a cue, the coordinated list of names
(「X、Y和Z等」) before or after it, the parties 双方 refers to, 该研究院-type references, and the classes of
bodies the rules relate.

>>> from kg.extract.mentions import find_mentions
>>> from kg.extract.text import fold
>>> text = "祁连某某集团、河西某某大学和陇东某某研究院等牵头。"
>>> s = Sentence(fold(text), 0, len(text), find_mentions(text), None, {})
>>> [m.name for m in s.before(text.index("等牵头"), tail=r"")]
['祁连某某集团', '河西某某大学', '陇东某某研究院']
"""

import re

from kg.extract import lexicon

__all__ = ["Sentence", "Named", "CONTAINERS", "CHAINS", "UNITS", "DECIDING"]

#: classes of things an organisation leads, joins, builds or hosts
CONTAINERS = {"InnovationConsortium", "NationalPlatform", "Laboratory", "IndustrialChain", "IndustrialCluster",
              "Facility", "HighTechZone", "Park", "ResearchInstitute"}
CHAINS = {"IndustrialChain", "IndustrialCluster"}
#: what a unit set up inside another body is called (X的Y研究院, X下属Y)
UNITS = {"ResearchInstitute", "Laboratory", "NationalPlatform", "Facility", "TestingInstitute"}
#: classes of bodies that approve, certify, name or give plaques (认定 is also a 科协's or an academy's act)
DECIDING = {"GovernmentBody", "Organization", "Academy"}
_CLAUSE_END = re.compile(r"[,;:。!?\n]")
# what may stand between two coordinated names: 、 和 与 及 以及 , (a quote around a name stays with it)
_JOIN = re.compile(r"^[“”\"]?(?:、|与|和|及|以及|,)?[“”\"]?$")
# a short form defined in brackets right after a name: (以下简称A) (简称A) (下称A)
_DEFINED = re.compile(r"[((](?:以下)?(?:简称|下称)[^()()]{1,20}[))]")
_DEFINED_END = re.compile(r"[((](?:以下)?(?:简称|下称)[^()()]{1,20}[))](?=[^((]*$)")
# what may close a list before its verb or role noun: 等, 等3家单位, 等骨干企业, 三方, 双方
_TAIL = (r"(?:等|在内的)?(?:[0-9零一二两三四五六七八九十百]+(?:余|多)?[家个所名方]|双方|三方|多方|各方)?"
         r"(?:[\u4e00-\u9fff]{0,4}?(?:单位|企业|高校|院所|机构|部门))?")
# verbs that say a body was made (the object of a founder, a lead unit or a host)
_MADE = r"(?:组建|成立|建设|共建|建成|打造|筹建|创建|设立|承担|搭建|发起成立|申报|运行|运营)"

# what stands between a list and the role it holds: X、Y等为 / X作为 / X是
_ROLE_TAIL = r"(?:等|在内的)?(?:已)?(?:被)?(?:作为|为|是|成为|担任|入选|确定为|认定为|评为|列为|等)?"


#: what a generic word (该公司, 这所高校) may stand for
_KIND_WORDS = {"公司": {"Enterprise"}, "企业": {"Enterprise"}, "集团": {"Enterprise"},
               "学校": {"University"}, "校": {"University"}, "高校": {"University"}, "大学": {"University"},
               "院": {"ResearchInstitute", "Academy", "Hospital"}, "所": {"ResearchInstitute"},
               "研究所": {"ResearchInstitute"}, "研究院": {"ResearchInstitute"}}


def _outer_of(m, mentions):
    """Whether ``m`` is named inside another of ``mentions`` (a parent inside a longer name)."""
    return any(o is not m and o.start <= m.start and m.end <= o.end and o.end - o.start > m.end - m.start
               for o in mentions)


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


def _outer(found):
    """``found`` without the names written inside a longer one of them, in text order (a name overlapping
    another without being inside it stays, unlike :func:`_outermost`)."""
    return sorted((m for m in found if not any(n is not m and n.start <= m.start and m.end <= n.end and
                                                n.end - n.start > m.end - m.start for n in found)),
                  key=lambda m: m.start)


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


class Sentence:
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
        defined = _DEFINED_END.search(self.folded, lo, pos)
        if defined and defined.end() == pos:  # X(以下简称A)与…: the short form's bracket stands aside
            pos = defined.start()
        aside = [d.span() for d in _DEFINED.finditer(self.folded, lo, pos)]
        pool = [m for m in self.orgs if lo <= m.start and m.end <= pos and (not classes or m.cls in classes)
                and not any(a <= m.start and m.end <= b for a, b in aside)]
        if not pool or not re.fullmatch(tail, self.folded[pool[-1].end:pos]):
            # 该公司与…: the body the text named last with that suffix; 公司与… opening a clause: the same
            said = re.search(r"(?:该|这家|这所|此)[\u4e00-\u9fff]{1,4}$", self.folded[lo:pos])
            if said:
                return [m for m in self.anaphor(lo + said.start()) if not classes or m.cls in classes]
            generic = re.search(r"(公司|企业|集团|学校|该校|我校|本校)(?:" + tail + r")$", self.folded[lo:pos])
            if generic:  # 公司与… / 公司位于… opening a clause: the body of that kind named last
                return [m for m in self.topic(lo + generic.end(1)) if not classes or m.cls in classes]
            if re.search(r"(?:^|[,;])其$", self.folded[lo:pos]):  # 其下属…: what the sentence (or the one before) is about
                return [m for m in self.subject(pos - 1) if not classes or m.cls in classes]
            return []
        group = [pool[-1]]
        for m in reversed(pool[:-1]):
            gap = self.folded[m.end:group[0].start]
            if _JOIN.match(gap) or _DEFINED.search(gap) and _JOIN.match(_DEFINED.sub("", gap)):
                group.insert(0, m)  # X(简称A)、Y(简称B)与…: the brackets stand aside
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

    def respective(self, pos, size, classes):
        """The last list of ``size`` bodies of ``classes`` named before ``pos`` (in this sentence or an
        earlier one): what 分别 pairs a second list of the same length with, in order."""
        earlier = _outermost([m for m in self.context.get("all", ()) if m.end <= pos and not m.is_person
                              and not m.is_place])
        group = []
        for m in reversed(earlier):
            if group and _JOIN.match(self.folded[m.end:group[0].start]) and m.cls in classes:
                group.insert(0, m)
                continue
            if len(group) == size:
                return group
            group = [m] if m.cls in classes else []
        return group if len(group) == size else []

    def anaphor(self, pos):
        """The body 该研究院 / 该联合体 / 该实验室 … at ``pos`` stands for: the last one named before it with
        that suffix, in this sentence or an earlier one; 该公司 / 该企业 / 该校 / 这家企业 stand for the last body
        of that kind (a 集团 is a 公司 too)."""
        match = re.match(r"(?:该|这一|这个|这家|这所|此)([\u4e00-\u9fff]{1,5})", self.folded[pos:pos + 7])
        if not match:
            return []
        earlier = [m for m in self.context.get("all", ()) if m.end <= pos and not m.is_person and not m.is_place]
        for word in sorted((match.group(1)[:n] for n in range(len(match.group(1)), 0, -1)), key=len, reverse=True):
            if lexicon.suffix_class(word) and word in lexicon.ORG_SUFFIXES:
                named = [m for m in earlier if m.name.endswith(word)]
                if named or word not in _KIND_WORDS:
                    return named[-1:]
            if word in _KIND_WORDS:
                return [m for m in earlier if m.cls in _KIND_WORDS[word] and
                        not _outer_of(m, earlier)][-1:]
        return []

    def topic(self, pos):
        """公司 / 学校 / 企业 opening a clause with no 该 (公司与某某大学签订…): the body of that kind the text
        named last, in this sentence or an earlier one; else nothing."""
        match = re.search(r"(?:^|[,;。])(?:近年来|目前|同时|此外|随后|今年|去年|此前|下一步)?(?:,)?(?:这是|是|由)?"
                          r"(公司|企业|集团|学校|我校|该校|本校)$", self.folded[max(self.start, pos - 12):pos])
        if not match and self.folded[max(self.start, pos - 5):pos] not in ("公司", "企业", "集团", "学校"):
            return []
        if not match and pos - 2 != self.start:
            return []
        word = match.group(1) if match else self.folded[pos - 2:pos]
        word = {"我校": "学校", "该校": "学校", "本校": "学校"}.get(word, word)
        earlier = [m for m in self.context.get("all", ()) if m.end <= pos - len(word) and not m.is_person
                   and not m.is_place]
        return [m for m in earlier if m.cls in _KIND_WORDS[word] and not _outer_of(m, earlier)][-1:]

    def subject(self, pos):
        """The body a clause with no name of its own before ``pos`` is about: 其 → the topic; else the body
        that opens the sentence (after a date: 3月1日,X…), when the clause before ``pos`` names no body; else,
        in a sentence that names none before ``pos``, the one that opened the sentence before."""
        c_lo, _ = self.clause(pos)
        if [m for m in self.orgs if c_lo <= m.start and m.end <= pos]:
            return []
        opening = self.after(self.start, hi=pos, lead=r"(?:[0-9]+年)?(?:[0-9]+月)?(?:[0-9]+日)?(?:上午|下午)?,?")
        if opening and opening[0].start < c_lo:
            return opening[:1]
        if not [m for m in self.orgs if m.end <= pos]:
            previous = sorted(self.context.get("previous", []), key=lambda m: m.start)
            return previous[:1]
        return []

    def bodies_of(self, lo, hi):
        """The organisations of the people named between ``lo`` and ``hi`` (their affiliations), in order."""
        bodies = []
        for person in [m for m in self.mentions if m.is_person and lo <= m.start and m.end <= hi]:
            for org in self.context.get("of", {}).get((person.start, person.end), []):
                if org.name not in [b.name for b in bodies] and getattr(org, "cls", None) != "MediaOrganization":
                    bodies.append(org)
        return bodies

    def previous_parties(self):
        """The bodies the sentence before named (双方 opening a sentence): its two, when it named exactly two."""
        named = []
        for m in _outermost(self.context.get("previous", [])):
            if m.name not in [n.name for n in named]:
                named.append(m)
        return named if len(named) == 2 else []

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


class Named:
    """A named thing that is not a mention (a document in 《》, a bare place word) but can be a relation end."""

    is_person = False
    is_place = True

    def __init__(self, name, start, end):
        self.name, self.start, self.end = name, start, end
