"""Relation rules for the links between bodies that the role and event rules leave out: documents issued
with other verbs (下发, 《P》由X印发), the bodies a project names (由X下达、Y资助的…项目,由Z主持、W协作实施),
agreements to build something (X与Y签订《共建Z…协议》), and where bodies visited during a stay lie
(在X调研期间,…考察了A、B).

Each rule reads one construction in a :class:`kg.extract.sentence.Sentence`, whatever the names in it, and
every name slot takes a coordinated list.

>>> from kg.extract.relations import find_relations
>>> from kg.extract.mentions import find_mentions
>>> text = "该项目由祁连某某集团主持,河西某某大学协作实施。"
>>> [(r.subject, r.relation, r.object) for r in find_relations(text, find_mentions(text))]
[('祁连某某集团', 'cooperates-with', '河西某某大学')]
"""

import re
from itertools import combinations

from kg.extract import lexicon
from kg.extract.sentence import CONTAINERS, DECIDING, UNITS, Named

__all__ = ["LINK_RULES", "loose_after"]

#: what a body does to a project it pays for, assigns or oversees (由X下达、Y提供经费支持、Z管理的…项目)
_FUNDING = r"(?:下达|资助|支持|立项|管理|组织实施|提供[\u4e00-\u9fff]{0,4}支持|出资|拨付[\u4e00-\u9fff]{0,4})"
#: what a project's lead body does (由X主持/承担/牵头(实施))
_LEADING = r"(?:主持|承担|牵头|负责)(?:实施|完成|研发)?"
#: what a project's other bodies do (Y协作实施, Y参与完成)
_HELPING = r"(?:协作|参与|配合|合作|协同|联合)(?:实施|完成|研发|攻关|承担)"
#: who can be visited somewhere and lie there (never a government or a medium)
_SITED = {"Enterprise", "University", "ResearchInstitute", "Academy", "Hospital", "TestingInstitute", "Laboratory",
          "NationalPlatform", "Facility", "Park", "HighTechZone", "Organization", "Bank", "InnovationConsortium"}


def loose_after(s, pos, hi):
    """The organisations of the list that starts at ``pos`` (A、B,C和D), where an item no rule reads as a name
    may stand between or before them when it ends as a body's name does (某某建设集团有限责任公司、): its
    neighbours are still members of the list. Empty unless ``pos`` opens a name or such an item."""
    starts = {m.start: m for m in s.orgs}
    listed, at = [], pos
    while at < hi:
        m = starts.get(at)
        if m is not None and m.end <= hi:
            listed.append(m)
            at = m.end
            rest = re.match(r"[^,。;、:“”《》]{1,8}?(?=以及|、|,|和|及|等)", s.folded[at:hi])
            if rest and lexicon.suffix_class(rest.group()) and not any(at <= o.start < at + rest.end() for o in s.orgs):
                at += rest.end()  # 某某建设集团|有限责任公司: the name read short, its legal suffix left over
        else:
            unread = re.match(r"[^,。;、:“”《》]{2,25}?(?=以及|、|,|和|及|等)", s.folded[at:hi])
            if not unread or any(at <= o.start < at + unread.end() for o in s.orgs):
                break
            after = re.match(r"(?:以及|、|,|和|及)", s.folded[at + unread.end():hi])
            if not lexicon.suffix_class(unread.group()) and not (after and at + unread.end() + after.end() in starts):
                break  # an item no rule reads: it ends as a name does, or a name follows it in the list
            at += unread.end()
        sep = re.match(r"以及|、|,|和|及", s.folded[at:hi])
        if not sep:
            break
        at += sep.end()
    return listed


def _issued(s):
    """X(、Y)(联合)下发/制定出台《P》 ; 《P》由X(、Y)(联合)印发/发布/下发: issued-by each issuer."""
    for cue in s.cues(["下发", "制定出台", "联合发文"]):
        doc = re.match(r"(?:了)?《([^《》]{2,80})》", s.folded[cue.end():s.end])
        if not doc:
            continue
        c_lo, _ = s.clause(cue.start())
        issuers = s.before(cue.start(), lo=c_lo, tail=r"(?:等)?(?:部门|单位)?(?:联合|共同|近日|日前|正式)*")
        at = cue.end() + doc.start(1)
        for issuer in issuers:
            s.emit(Named(doc.group(1), at, at + len(doc.group(1))), "issued-by", issuer, cue.start(), cue.end(), 0.7,
                   f"cue {cue.group()}《…》", cue.group())
    for doc in re.finditer(r"《([^《》]{2,80})》", s.folded[s.start:s.end]):
        end = s.start + doc.end()
        by = re.match(r"(?:近日|日前|已|正式)*由", s.folded[end:end + 6])
        if not by:
            continue
        issuers = s.after(end + by.end(), lead=r"")
        if not issuers or not re.match(r"(?:等)?(?:部门|单位)?(?:联合|共同)?(?:印发|发布|下发|出台|颁布|制定)",
                                       s.folded[issuers[-1].end:issuers[-1].end + 8]):
            continue
        at = s.start + doc.start(1)
        for issuer in issuers:
            s.emit(Named(doc.group(1), at, at + len(doc.group(1))), "issued-by", issuer, at, issuers[-1].end, 0.65,
                   "《P》由X印发", "由…印发")


def _project_bodies(s):
    """由X下达、Y提供经费支持、Z管理的…项目,由W主持、V协作实施: W supported-by X, Y, Z (0.5); W and V
    cooperate (0.55). 由W主持、V参与完成 alone still makes W and V partners."""
    for cue in re.finditer(_LEADING, s.folded[s.start:s.end]):
        lo = s.start + cue.start()
        c_lo, c_hi = s.clause(lo)
        leads = s.before(lo, lo=max(s.start, c_lo - 1), tail=r"(?:等)?(?:单位)?(?:共同|联合)?")
        if not leads or s.folded[leads[0].start - 1:leads[0].start] != "由":
            continue  # 由X主持: a project's lead body (X主持会议 is a meeting)
        rest = s.folded[s.start + cue.end():s.end]
        partners = []
        helped = re.match(r"[、,]", rest)
        if helped:
            p_hi = s.clause(s.start + cue.end() + 1)[1]  # 由X主持,Y协作实施: the partners' own clause
            partners = loose_after(s, s.start + cue.end() + 1, p_hi)
            if not partners or not re.search(r"^(?:[^,。;、]{0,25}、|[^,。;、]{0,25}[和及])?(?:等)?(?:单位)?" + _HELPING,
                                             s.folded[partners[-1].end:p_hi]):
                partners = []
        for a in leads:
            for b in partners:
                s.emit(a, "cooperates-with", b, lo, partners[-1].end, 0.55, "由X主持、Y协作实施: one project's bodies",
                       "主持…协作")
        # the bodies that assign, fund or manage the project, in the clause(s) before: 由X下达、Y资助…的
        funders = []
        head = s.folded[s.start:leads[0].start - 1]
        opened = head.rfind("由")
        if opened >= 0 and re.search(r"(?:项目|专项|课题|计划)", head[opened:]):
            at = s.start + opened + 1
            for m in s.orgs:
                if at <= m.start and m.end <= leads[0].start - 1 and \
                        re.match(_FUNDING, s.folded[m.end:m.end + 10]) and m not in leads:
                    funders.append(m)
        for a in leads:  # the funds go to the lead body (the gold gives its partners none)
            for b in funders:
                s.emit(a, "supported-by", b, b.start, cue.end() + s.start, 0.5,
                       "由X下达/资助…的项目,由Y主持: the project's funders", "由…资助…主持")


def _built_by_agreement(s):
    """X与Y签订/签署《共建Z…协议》 / X与Y签署共建Z的协议: Z established-by X and Y (0.55)."""
    for cue in s.cues(["签订", "签署", "签约"]):
        c_lo, c_hi = s.clause(cue.start())
        said = re.match(r"(?:了)?《?(?:合作)?(?:共建|共同建设|联合共建|合作共建|联合建设|共同组建)", s.folded[cue.end():c_hi])
        if not said:
            continue
        pos = cue.end() + said.end() + (s.folded[cue.end() + said.end()] == "“")
        built = s.first(CONTAINERS | UNITS | {"Hospital"}, pos, hi=c_hi, lead=r"")
        if not built:  # a name inside 《》 is no mention of its own: the body the text names elsewhere
            known = sorted({m.name for m in s.context.get("all", ()) if getattr(m, "cls", None) in
                            CONTAINERS | UNITS | {"Hospital"} and s.folded.startswith(m.name, pos)}, key=len)
            built = [Named(known[-1], pos, pos + len(known[-1]))] if known else []
        if not built:
            continue
        parties = []
        for join in re.finditer(r"与|和|同", s.folded[c_lo:cue.start()]):
            at = c_lo + join.start()
            left = s.before(at, lo=c_lo, tail=r"(?:已|将|还|也|分别|正式|共同)*")
            right = s.after(at + 1, hi=cue.start())
            if left and right:
                parties = left + right
                break
        if not parties:
            parties = s.before(cue.start(), lo=c_lo, tail=r"(?:等)?(?:双方|三方|共同|正式|现场)*")
        for founder in parties:
            if founder is not built[0]:
                s.emit(built[0], "established-by", founder, cue.start(), built[0].end, 0.55,
                       "X与Y签订共建Z协议: an agreement to build Z", f"{cue.group()}…共建")


def _stay_places(s):
    """在X调研/考察/视察期间,(…)考察了A、B… : the bodies visited during a stay in X lie in X (located-in, 0.5)."""
    stay = re.match(r"\s*(?:[0-9]+月[0-9]+日)?(?:上午|下午)?,?在([\u4e00-\u9fff]{2,8}?)(?:调研|考察|视察|访问|期间|调研期间|"
                    r"考察期间|视察期间|访问期间)+(?:时)?,", s.folded[s.start:s.end])
    if not stay or "期间" not in stay.group():
        return
    place = [m for m in s.mentions if m.start == s.start + stay.start(1) and m.end == s.start + stay.end(1)]
    where = place[0] if place and (place[0].is_place or place[0].cls in ("HighTechZone", "Park")) else \
        Named(stay.group(1), s.start + stay.start(1), s.start + stay.end(1)) if not place else None
    if where is None:
        return
    for verb in re.finditer(r"(?:实地)?(?:考察|参观|走访|察看|调研|来到|深入)(?:了)?", s.folded[s.start + stay.end():s.end]):
        lo = s.start + stay.end() + verb.end()
        for m in _visited_list(s, lo):
            inner = sorted((o for o in s.mentions if o.start == m.start and o.end < m.end and not o.is_person
                            and not o.is_place and o.cls in _SITED), key=lambda o: o.end)
            if m.cls not in _SITED and inner:  # 某某研究所展厅 read as a 厅: the institute whose hall it is
                m = inner[-1]
            if m.cls in _SITED and not (m.cls in ("HighTechZone", "Park") and m.name.startswith(where.name)):
                s.emit(m, "located-in", where, s.start + stay.start(), lo, 0.5, "在X调研期间…考察了Y: Y lies in X",
                       "在…期间考察")


def _talks(s):
    """A某某书记甲与B某某董事长乙(进行)座谈/会谈/洽谈,…合作/对接…: the bodies the two people speak for cooperate
    (0.5), when the sentence says the talks were about working together; 甲与B(负责人)座谈 too."""
    for cue in s.cues(["座谈", "会谈", "洽谈", "会晤", "会见"]):
        if not re.search(r"合作|对接|协作|共建|签约|携手", s.folded[s.start:s.end]):
            continue  # talks about nothing joint (a courtesy call) say nothing of cooperation
        c_lo, _ = s.clause(cue.start())
        join = [j for j in re.finditer(r"与|同|和", s.folded[c_lo:cue.start()])]
        people = [m for m in s.mentions if m.is_person and c_lo <= m.start and m.end <= cue.start()]
        for j in join:
            at = c_lo + j.start()
            left = [p for p in people if p.end <= at]
            if not left or not re.fullmatch(r"(?:在[\u4e00-\u9fff]{2,8}?)?(?:一行)?", s.folded[left[-1].end:at]):
                continue  # 甲(在某地)与…: the person right before the join
            ours = _nearest_body(s, left[-1])
            right = [p for p in people if p.start > at]
            theirs = _nearest_body(s, right[0]) if right else []
            if not theirs:  # 甲与B(公司)(负责人|一行)座谈
                theirs = s.after(at + 1, hi=cue.start(), lead=r"")[:1]
            for a in ours:
                for b in theirs:
                    if a.name != b.name:
                        s.emit(a, "cooperates-with", b, at, cue.end(), 0.5, "甲与乙座谈…合作: the bodies they speak for",
                               f"与…{cue.group()}")
            break


def _own_platforms(s):
    """X(现|已|目前)拥有/建有/设有Y重点实验室、Z技术创新中心…: X hosts each lab or platform (supporting-unit,
    0.55); only a firm, a university, an institute or a hospital hosts (a zone's 建有 lists its parks)."""
    owners_classes = {"Enterprise", "University", "ResearchInstitute", "Academy", "Hospital"}
    for cue in s.cues(["拥有", "建有", "设有", "建成了", "搭建了"]):
        c_lo, c_hi = s.clause(cue.start())
        owners = [m for m in s.before(cue.start(), lo=c_lo, tail=r"(?:现|已|目前|共|先后|还|也|累计|现已)*")
                  if m.cls in owners_classes][-1:]
        if not owners:
            owners = [m for m in s.subject(cue.start()) if m.cls in owners_classes] \
                if re.fullmatch(r"(?:现|已|目前|共|先后|还|同时|此外|累计|现已)*", s.folded[c_lo:cue.start()]) else []
        for m in loose_after(s, cue.end() + len(re.match(r"(?:了)?“?", s.folded[cue.end():]).group()), c_hi):
            if m.cls in ("Laboratory", "NationalPlatform"):
                for owner in owners:
                    s.emit(owner, "supporting-unit", m, cue.start(), m.end, 0.55, f"X{cue.group()}Y实验室: its host",
                           cue.group())


def _donations(s):
    """X向Y捐赠/捐助/捐献…: Y supported-by X (0.5)."""
    for cue in s.cues(["捐赠", "捐助", "捐献", "捐建", "赠送"]):
        c_lo, _ = s.clause(cue.start())
        to = s.folded.rfind("向", c_lo, cue.start())
        if to < 0:
            continue
        takers = s.after(to + 1, hi=cue.start())
        givers = s.before(to, lo=c_lo, tail=r"(?:还|也|将|分别|共|先后|现场)*")
        if not givers and re.search(r"(?:主办方|主办单位|活动主办方)(?:还|也|将|分别|共|先后|现场)*$", s.folded[c_lo:to]):
            givers = s.context.get("hosts", [])  # 主办方向Y捐赠: the organisers the text named
        if not takers or not re.fullmatch(r"(?:等)?[\u4e00-\u9fff]{0,4}?", s.folded[takers[-1].end:cue.start()]):
            continue
        for a in takers:
            for b in givers:
                s.emit(a, "supported-by", b, to, cue.end(), 0.5, "X向Y捐赠: a donation", "向…捐赠")


def _plaques(s):
    """X为/向Y(、Z)授牌/颁牌: a plaque a body gives another, a certification like 认定 (approved-by, 0.5: the gold's
    ``other``)."""
    for cue in s.cues(["授牌", "颁牌", "授予牌匾"]):
        c_lo, _ = s.clause(cue.start())
        to = max(s.folded.rfind("为", c_lo, cue.start()), s.folded.rfind("向", c_lo, cue.start()))
        if to < 0:
            continue
        givers = [m for m in s.before(to, lo=c_lo, tail=r"(?:领导|负责人)?(?:分别|还|也|现场|共同)*") if m.cls in DECIDING]
        takers = s.after(to + 1, hi=cue.start())
        if not takers or not re.fullmatch(r"(?:等)?(?:[0-9一二两三四五六七八九十]+(?:家|个))?(?:单位|企业)?(?:分别)?",
                                          s.folded[takers[-1].end:cue.start()]):
            continue
        for a in takers:
            for b in givers:
                if a is not b:
                    s.emit(a, "approved-by", b, to, cue.end(), 0.5, "X为Y授牌: a plaque, a certification", "为…授牌")


def _nearest_body(s, person):
    """The person's organisation written nearest before the name (市委常委、区委书记甲: 区委), as a list."""
    bodies = sorted(s.bodies_of(person.start, person.end), key=lambda m: (m.start <= person.start, m.start))
    return bodies[-1:]


def _visited_list(s, lo):
    """The bodies listed right after ``lo`` (A、B展厅、C和D等): a name may carry a short tail (展厅, 项目)
    before its separator, and an item no rule reads (no name in it, no 了) may stand between two others."""
    starts = {m.start: m for m in s.orgs}
    listed, at = [], lo
    while at < s.end:
        m = starts.get(at)
        sep = re.compile(r"以及|、|,|和|及|与|等|[。;:!?]").search(s.folded, m.end if m else at, s.end)
        end = sep.start() if sep else s.end
        if m is not None and end - m.end <= 6:
            listed.append(m)
        elif m is not None and end - m.end <= 20 and not any(m.end <= o.start < end for o in s.orgs):
            pass  # a unit no rule reads whose name starts with its parent's (某某研究所武威试验站): not the parent
        elif m is not None or end == at or end - at > 15 or "了" in s.folded[at:end] or \
                any(at <= o.start < end for o in s.orgs):
            break
        if not sep or sep.group() in ("等", "。", ";", ":", "!", "?"):
            break
        at = sep.end()
    return listed


#: the rules of this module, in the order they run
LINK_RULES = (_issued, _project_bodies, _built_by_agreement, _stay_places, _talks, _own_platforms, _donations,
              _plaques)
