"""Relation rules for where bodies are and what happens between them: places (落户, 位于, 在X挂牌,
Z在X成立), support (支持, 对口支持, 在X的支持下, X为Y提供), structure (旗下, 下属, 隶属于, X的Y研究院,
X(简称Y)Z), documents (印发《…》), pilots, approvals and recommendations (visits: kg.extract.visits).

>>> from kg.extract.relations import find_relations
>>> from kg.extract.mentions import find_mentions
>>> text = "甘肃某某科技有限公司落户兰州新区。"
>>> [(r.subject, r.relation, r.object) for r in find_relations(text, find_mentions(text))]
[('甘肃某某科技有限公司', 'located-in', '兰州新区')]
"""

import re

from kg.extract.structure import STRUCTURE_RULES
from kg.extract.sentence import CONTAINERS, DECIDING, UNITS, Named, _clause, _cues, _group_after, _group_before, _orgs, _outermost

__all__ = ["EVENT_RULES"]


def s_orgs_classes():
    """What may lie somewhere (位于X的Y): any organisation but a government (位于X的某某局 is its seat, not a claim)."""
    return {"Enterprise", "University", "ResearchInstitute", "Academy", "Hospital", "TestingInstitute", "Laboratory",
            "NationalPlatform", "Facility", "Park", "HighTechZone", "InnovationConsortium", "Organization", "Bank"}

#: bodies that host a lab or platform unveiled at them (在X揭牌)
_HOSTS = {"University", "ResearchInstitute", "Academy", "Hospital", "Enterprise", "TestingInstitute"}


def _places(s):
    """Z落户/入驻/进驻/位于/坐落于X ; Z在X挂牌(成立) ; 在X挂牌成立的Z."""
    moving = ("入驻", "进驻", "落地", "布局", "扎根", "选址", "迁入", "搬迁至", "迁至", "入园", "总部设在", "总部位于",
              "注册于")  # these need a named place or zone right after them (布局新能源产业 is no place)
    for cue in s.cues(["落户", "位于", "坐落于", "地处", *moving]):
        c_lo, c_hi = s.clause(cue.start())
        after = [m for m in s.mentions if m.start >= cue.end() and m.end <= c_hi and not m.is_person]
        if after and after[0].start - cue.end() <= 1:
            where = after[0]
            placed = s.first(s_orgs_classes(), where.end, hi=s.end, lead=r"的“?")
            settled = cue.group() in ("落户", "入驻", "进驻", "扎根", "落地") and \
                (where.is_place or where.cls in ("HighTechZone", "Park"))  # 落户兰州新区的Y (never 入驻X公司的Y)
            if (cue.group() in ("位于", "坐落于", "地处") or settled) and placed and where.end < placed[0].start:
                # 位于X的Y, 落户X的Y: Y is in X (the subject, if any, is not what lies there)
                s.emit(placed[0], "located-in", where, cue.start(), placed[0].end, 0.65, f"cue {cue.group()}…的",
                       f"{cue.group()}…的")
                continue
        else:
            word = re.match(r"(?:在)?([\u4e00-\u9fff]{2,6}?)(?:[,。;]|$|的|后|以来)", s.folded[cue.end():c_hi])
            if not word or cue.group() in moving:
                continue
            where = Named(word.group(1), cue.end() + word.start(1), cue.end() + word.end(1))
            placed = s.first(s_orgs_classes(), where.end, hi=c_hi, lead=r"的“?")
            if cue.group() in ("位于", "坐落于", "地处") and placed and re.fullmatch(r"[\u4e00-\u9fff]{2,6}?[省市县区镇乡村州]",
                                                                          word.group(1)):
                # 位于某某区某某镇的Y: a place no rule names (a county, a town), Y lies there
                s.emit(placed[0], "located-in", where, cue.start(), placed[0].end, 0.6, f"cue {cue.group()}…的",
                       f"{cue.group()}…的")
                continue
        if cue.group() in moving[3:] and where.is_person:
            continue
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
    for cue in s.cues(["挂牌", "揭牌", "成立", "启动建设"]):
        c_lo, _ = s.clause(cue.start())
        at = s.folded.rfind("在", c_lo, cue.start())
        if at < 0:
            continue
        where = [m for m in s.mentions if m.start == at + 1 and m.end <= cue.start() and not m.is_person]
        bare = re.fullmatch(r"([\u4e00-\u9fff]{2,6}?)(?:正式|成功|注册|挂牌)?", s.folded[at + 1:cue.start()])
        if where and re.fullmatch(r"(?:正式|成功|注册)", s.folded[where[0].end:cue.start()]):
            bare = bare or re.fullmatch(r"(.+)", where[0].name)  # 在X注册成立: X is named, 注册 is no part of it
        if not where and bare:  # 在撒马尔罕挂牌: a place no rule names
            where = [Named(bare.group(1), at + 1, at + 1 + len(bare.group(1)))]
        if cue.group() == "成立" and not (bare and all(w.is_place or w.cls in ("HighTechZone", "Park") for w in where)):
            continue  # Z在X成立: X must be a place or a zone (Z在X的支持下成立 says nothing of where)
        units = s.before(at, lo=c_lo, tail=r"(?:于[0-9年月日]+)?(?:正式|已)?") or \
            s.first(CONTAINERS | UNITS | {"University"}, cue.end(), lead=r"(?:成立|运行)?的“?")
        for unit in units:
            for w in where[:1]:
                if w.is_place or w.cls in ("HighTechZone", "Park"):
                    s.emit(unit, "located-in", w, cue.start(), cue.end(), 0.6, f"cue 在…{cue.group()}", f"在…{cue.group()}")
                elif unit.cls in ("Laboratory", "NationalPlatform", "Facility") and w.cls in _HOSTS:
                    # Z在X揭牌/启动建设, X a university, a hospital or a firm: X hosts Z (a place is no body)
                    s.emit(w, "supporting-unit", unit, cue.start(), cue.end(), 0.5, f"在X{cue.group()}: the host",
                           f"在…{cue.group()}")


def _zone_members(s):
    """X(园区)内的Y ; X引进(了)Y(、Z): a body in a zone or park (located-in, 0.55)."""
    zones = [m for m in s.orgs if m.cls in ("HighTechZone", "Park")]
    for zone in zones:
        gap = re.match(r"(?:内的|内|里的|中的)|(?:引进(?:了)?|招引(?:了)?|吸引(?:了)?)", s.folded[zone.end:zone.end + 4])
        if not gap:
            continue
        bodies = s.after(zone.end + gap.end(), lead=r"“?")
        for body in bodies if gap.group().startswith(("引进", "招引", "吸引")) else bodies[:1]:
            if body.cls in ("Enterprise", "ResearchInstitute", "Laboratory", "NationalPlatform", "University",
                            "TestingInstitute", "Organization", "Bank", "Hospital"):
                s.emit(body, "located-in", zone, zone.end, zone.end + gap.end(), 0.55,
                       f"X{gap.group()}Y: a body in the zone", gap.group())


def _support(s):
    """X(筛选并)支持Y、Z / X对口支持(建设)Z / Z由X对口支持 / X为Y提供…: supported-by."""
    for cue in s.cues(["支持", "支援", "帮扶", "资助", "扶持", "助力"]):  # 对口支援/对口帮扶: paired assistance
        c_lo, c_hi = s.clause(cue.start())
        if cue.group() in ("支援", "帮扶") and s.folded[cue.start() - 2:cue.start()] != "对口":
            continue  # round 3: without 对口 these say too little
        if s.folded[cue.start() - 2:cue.start()] == "对口":
            helpers = s.before(cue.start() - 2, lo=c_lo, tail=r"(?:由|将|继续|负责)?")
            by = helpers and s.folded[helpers[0].start - 1:helpers[0].start] == "由"  # Z由X对口帮扶
            helped = s.after(cue.end(), hi=c_hi, lead=r"(?:建设)?") or \
                (s.before(helpers[0].start - 1, lo=c_lo, tail=r"(?:将|已|长期)?") if by else []) or \
                [m for m in s.orgs if m.cls in CONTAINERS and (not helpers or m.end <= helpers[0].start)][:1]
            for a in helped:
                for b in helpers:
                    if a is not b:
                        s.emit(a, "supported-by", b, cue.start() - 2, cue.end(), 0.6, f"cue 对口{cue.group()}", f"对口{cue.group()}")
            continue
        supporters = s.before(cue.start(), lo=c_lo, tail=r"(?:[\u4e00-\u9fff]{0,2}并|大力|积极|重点|将|继续|也)?")
        if not supporters:
            continue
        for b in s.after(cue.end(), hi=c_hi, lead=r"(?:了)?"):
            for a in supporters:
                if a is not b:
                    s.emit(b, "supported-by", a, cue.start(), cue.end(), 0.65 if cue.group() == "支持" else 0.55,
                           f"cue {cue.group()}", cue.group())
    for cue in s.cues(["支持下", "帮助下", "指导下"]):  # 在X(的大力)支持下,Y…: Y supported by X
        opened = s.folded.rfind("在", s.start, cue.start())
        if opened < 0:
            continue
        helpers = s.after(opened + 1, hi=cue.start())
        if not helpers or not re.fullmatch(r"(?:的)?(?:大力|积极|精心|关心|联合|共同|技术|资金|政策|全力|鼎力)?"
                                           r"(?:指导|关心|帮助)?(?:和|与)?", s.folded[helpers[-1].end:cue.start()]):
            continue
        helped = s.after(cue.end(), lead=r"[,]?(?:[\u4e00-\u9fff]{0,4}[,])?")
        if not helped and re.match(r"(?:成立|组建|建立|建设|创建|设立|运行)", s.folded[cue.end():cue.end() + 2]):
            # Y(是)在X指导下成立的…: what was set up is the clause's subject
            helped = s.before(opened, lo=s.clause(opened)[0], tail=r"(?:是|系|均|已|于[0-9年月]+)?")
        if not helped and opened > s.start and s.folded[opened - 1] == ",":  # 该联合体由…成立,在X的支持下,…
            helped = s.anaphor(s.start) or s.after(s.start, hi=opened, lead=r"\s*")[:1]
        for a in helped:
            for b in helpers:
                s.emit(a, "supported-by", b, cue.start(), cue.end(), 0.6, f"cue 在…{cue.group()}", f"在…{cue.group()}")
        if len(helpers) >= 2 and re.search(r"联合|共同", s.folded[helpers[-1].end:cue.start()]):
            for a, b in zip(helpers, helpers[1:]):  # 在X和Y的联合指导下: the two guide together (borderline)
                s.emit(a, "cooperates-with", b, cue.start(), cue.end(), 0.5, f"joint {cue.group()} (联合…)", "联合…")
    for cue in s.cues(["得到", "获得", "争取到", "受到"]):  # Y得到X(的大力)支持/资助/帮助: Y supported by X
        c_lo, c_hi = s.clause(cue.start())
        helpers = s.after(cue.end(), hi=c_hi, lead=r"(?:了)?")
        if not helpers or not re.match(r"(?:等)?(?:单位|部门)?(?:的)?(?:大力|积极|鼎力|全力|精心|倾力)?(?:技术|资金|政策)?"
                                       r"(?:支持|资助|帮扶|扶持|支援)", s.folded[helpers[-1].end:c_hi]):
            continue
        helped = s.before(cue.start(), lo=c_lo, tail=r"(?:[\u4e00-\u9fff]{0,3}?(?:已|也|还|均|先后|多次|持续))?") or \
            s.anaphor(c_lo) or (s.subject(cue.start()) if re.fullmatch(
                r"(?:近年来|多年来|目前|同时|先后|还|也|已|曾|多次|持续|今年|去年)*", s.folded[c_lo:cue.start()]) else [])
        for a in helped:
            for b in helpers:
                if a is not b:
                    s.emit(a, "supported-by", b, cue.start(), cue.end(), 0.6, f"cue {cue.group()}X支持", f"{cue.group()}…支持")
    for cue in s.cues(["表示感谢", "表示衷心感谢", "表示诚挚感谢", "表示真诚感谢", "致以感谢", "致以诚挚的感谢"]):
        # (A代表)X对Y(、Z)(长期以来)…的关心支持表示感谢: thanks for support (a borderline supported-by)
        c_lo, _ = s.clause(cue.start())
        to = s.folded.rfind("对", c_lo, cue.start())
        if to < 0 or not re.search(r"(?:支持|帮助|帮扶|支援)(?:和|与)?(?:帮助|指导)?$", s.folded[to:cue.start()]):
            continue
        helpers = s.after(to + 1, hi=cue.start(), lead=r"")
        speaker = s.folded.rfind("代表", c_lo, to)
        helped = s.after(speaker + 2, hi=to, lead=r"") if speaker >= 0 else \
            s.before(to, lo=c_lo, tail=r"(?:向|也|还|特别|再次|衷心)*")
        for a in helped:
            for b in helpers:
                if a is not b:
                    s.emit(a, "supported-by", b, to, cue.end(), 0.5, "thanks for support (对…的支持表示感谢)",
                           "对…支持表示感谢")
    for cue in s.cues(["给予"]):  # X给予Y(大力)支持
        c_lo, c_hi = s.clause(cue.start())
        helpers = s.before(cue.start(), lo=c_lo, tail=r"(?:将|还|也|积极|持续|重点)*")
        helped = s.after(cue.end(), hi=c_hi, lead=r"")
        if not helpers or not helped or not re.match(r"(?:等)?(?:[\u4e00-\u9fff]{0,6})?(?:支持|资助|扶持|帮扶)",
                                                     s.folded[helped[-1].end:c_hi]):
            continue
        for a in helped:
            for b in helpers:
                if a is not b:
                    s.emit(a, "supported-by", b, cue.start(), cue.end(), 0.6, "cue X给予Y支持", "给予…支持")
    for cue in s.cues(["提供"]):  # X为Y提供 / X向Y提供 (services, support, funds)
        c_lo, _ = s.clause(cue.start())
        to = max(s.folded.rfind("为", c_lo, cue.start()), s.folded.rfind("向", c_lo, cue.start()))
        if to < 0:
            continue
        givers = s.before(to, lo=c_lo, tail=r"(?:将|可|还|也|主要|在共建过程中|共同|积极|持续|免费|无偿)*")
        takers = s.after(to + 1, hi=cue.start())
        if not takers or not re.fullmatch(r"(?:等)?(?:[\u4e00-\u9fff]{0,6}|在[^,。;]{0,30})?", s.folded[takers[-1].end:cue.start()]):
            continue
        for a in takers:
            for b in givers:
                s.emit(a, "supported-by", b, to, cue.end(), 0.6, "cue X为Y提供", "为…提供")


def _structure(s):
    """X旗下/下属/所属/直属Y ; Y隶属于X ; Y为X下属企业 ; X的Y研究院: sub-organization."""
    unit_noun = r"(?:的)?(?:[\u4e00-\u9fff]{0,4}?(?:企业|单位|公司|机构|院所|研究院|子公司))?(?:有|包括|:|:)?"
    for cue in s.cues(["旗下", "下属", "所属", "直属", "下设"]):
        parent = s.before(cue.start(), tail=r"(?:的)?")[-1:]
        if not parent and s.clause(cue.start())[0] == cue.start():  # X成立于…,旗下有Y: the sentence's subject
            parent = s.subject(cue.start())
        if not parent:
            continue
        children = s.after(cue.end(), lead=unit_noun)
        if not children:  # Y为X下属企业
            children = s.before(parent[0].start, tail=r"(?:是|为|系|作为)")
        for p in parent:
            for c in children:
                if c is not p:
                    s.emit(c, "sub-organization", p, cue.start(), cue.end(), 0.7, f"cue {cue.group()}", cue.group())
    for cue in s.cues(["全资子公司", "控股子公司", "子公司"]):  # X(的)全资子公司Y ; Y是X的全资子公司
        parent = s.before(cue.start(), tail=r"(?:的)?")[-1:]
        if not parent:
            continue
        children = s.after(cue.end(), lead=r"[::]?") or \
            s.before(parent[0].start, tail=r"(?:是|为|系|作为)(?:世界|中国|全国|国内)?(?:[0-9]+强)?(?:企业)?")
        for p in parent:
            for c in children:
                if c is not p and c.cls == "Enterprise":
                    s.emit(c, "sub-organization", p, cue.start(), cue.end(), 0.7, f"cue {cue.group()}", cue.group())
    inside = [(m.start, m.end) for m in s.orgs]
    for cue in s.cues(["控股"]):  # X控股(的)Y ; Y由X控股 (never 控股 inside a name: 某某控股集团)
        if any(a <= cue.start() < b for a, b in inside) or s.folded[cue.end():cue.end() + 2] in ("集团", "公司", "子公"):
            continue
        parent = s.before(cue.start(), tail=r"(?:所|全资|绝对|相对|直接)?")[-1:]
        by = parent and s.folded[parent[0].start - 1:parent[0].start] == "由"
        children = s.before(parent[0].start - 1, tail=r"(?:是|为|系)?") if by else \
            s.after(cue.end(), lead=r"(?:的)?(?:[\u4e00-\u9fff]{0,4}?(?:企业|公司|子公司))?(?:有|包括|:)?") if parent else []
        for p in parent:
            for c in children:
                if c is not p and c.cls == "Enterprise":
                    s.emit(c, "sub-organization", p, cue.start(), cue.end(), 0.6, "cue 控股", "控股")
    for cue in s.cues(["二级单位", "二级学院", "直属单位", "直属企业", "分公司", "分院", "子企业", "权属企业", "出资企业",
                       "分支机构", "派出机构", "内设机构"]):
        # Y是X的二级单位 / X二级单位Y / Y(X直属单位)
        parent = s.before(cue.start(), tail=r"(?:的|旗下|下属|所属)?")[-1:]
        if not parent:
            continue
        children = s.after(cue.end(), lead=r"(?:有|包括|:)?") or \
            s.before(parent[0].start, tail=r"(?:是|为|系|作为)|[((]")
        for c in children:
            if c is not parent[0]:
                s.emit(c, "sub-organization", parent[0], cue.start(), cue.end(), 0.6, f"cue {cue.group()}", cue.group())
    for a, b in zip(s.orgs, s.orgs[1:]):  # Y(X全资子公司 / X下属企业): the parent in brackets after the unit
        if s.folded[a.end:b.start] in ("(", "(") and re.match(
                r"(?:的)?(?:全资|控股)?(?:子公司|下属企业|下属单位|所属企业|旗下企业|二级单位)[))]", s.folded[b.end:b.end + 10]):
            s.emit(a, "sub-organization", b, a.start, b.end + 1, 0.6, "Y(X子公司): the parent in brackets", "(…子公司)")
        elif s.folded[a.end:b.start] == "的" and a.cls == "Enterprise" and b.cls == "Enterprise" and \
                re.search(r"(?:集团|控股|集团有限公司|集团股份有限公司)$", a.name) and not b.name.startswith(a.name):
            s.emit(b, "sub-organization", a, a.end, b.start, 0.55, "X集团的Y公司: a company of the group", "X的Y")
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
        if s.folded[a.end:b.start] in ("“", "的“") and b.cls in ("Laboratory", "NationalPlatform") and \
                a.cls in ("University", "ResearchInstitute", "Academy", "Enterprise"):  # X“Y重点实验室”: its host
            s.emit(a, "supporting-unit", b, a.end, b.start, 0.55, "X“Y实验室”: the host", "X“Y”")
            continue
        if s.folded[a.end:b.start] != "的" or a.cls in CONTAINERS - {"ResearchInstitute"} or b.name.startswith(a.name):
            continue
        if b.cls in ("ResearchInstitute", "TestingInstitute") or b.cls == "University" and b.name.endswith("学院"):
            s.emit(b, "sub-organization", a, a.end, b.start, 0.6, "X的Y研究院: a unit of X", "X的Y")
        elif b.cls in ("Laboratory", "NationalPlatform", "Facility"):  # X的Y重点实验室: a lab X hosts
            s.emit(a, "supporting-unit", b, a.end, b.start, 0.55, "X的Y实验室: the host", "X的Y")
    for rule in STRUCTURE_RULES:  # units listed, 我校 schools, counted parks (kg.extract.structure)
        rule(s)


def _events(s):
    """Documents (A、B联合印发《P》), pilots (A开展B试点), approvals (A批复同意B) and recommendations
    (由A推荐的B); visits are :mod:`kg.extract.visits`."""
    folded, s_start, s_end, mentions, emit = s.folded, s.start, s.end, s.mentions, s.emit
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
        document = Named(doc.group(1), d_start, d_start + len(doc.group(1)))
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
    naming = ("认定", "授予", "评为", "命名", "列为", "确定为", "评定为", "遴选为")  # a title a body gives another
    for cue in _cues(folded, ["批复同意", "批准", "批复", *naming], s_start, s_end):
        if cue.group() == "批复" and folded[cue.end():cue.end() + 2] == "同意":
            continue
        c_lo, c_hi = _clause(folded, cue.start(), s_start, s_end)
        if folded[c_lo - 1:c_lo] == "," and re.fullmatch(r"经[^,。;]{2,30}?(?:批准|同意|批复|认定)(?:同意)?",
                                                        folded[c_lo:cue.end()]) and c_hi == cue.end():
            c_hi = _clause(folded, c_hi + 1, s_start, s_end)[1]  # 经X批准,Y挂牌: what it approves is the next clause
        elif c_hi == cue.end() and c_hi < s_end and folded[c_hi] == "," and \
                re.fullmatch(r"经[^,。;]{2,30}?(?:批准|同意|批复|认定)(?:同意)?", folded[c_lo:cue.end()]):
            c_hi = _clause(folded, c_hi + 1, s_start, s_end)[1]
        passive = re.search(r"(?:被|经|获|由)([^,。;被经获由]{2,30}?)(?:正式|首批)?$", folded[c_lo:cue.start()])
        if passive:  # Y被X认定为 / Y经X批准 / Y获X批复
            at = c_lo + passive.start(1)
            at_cue = sorted((m for m in _orgs(mentions) if m.start == at and m.end <= cue.start()), key=lambda m: -m.end)
            # the longest body written there, a deciding body or a unit named after one (科技部火炬中心 acts,
            # not the 科技部 inside its name)
            approver = [m for m in at_cue if m.cls in DECIDING or any(
                d.cls in DECIDING and m.name.startswith(d.name) for d in at_cue)][:1]
            approved = s.before(c_lo + passive.start(), lo=s_start, tail=r"(?:已|先后|均|正式)?")
            if not approved and folded[c_lo + passive.start()] == "经":
                approved = s.after(cue.end(), hi=c_hi, lead=r"(?:同意)?(?:,)?(?:[\u4e00-\u9fff]{0,4},)?")
            for a in approved:
                for b in approver:
                    emit(a, "approved-by", b, cue.start(), cue.end(), 0.6, f"cue 被/经/获…{cue.group()}",
                         f"{folded[c_lo + passive.start()]}…{cue.group()}")
            if approver:
                continue
        if cue.group() in naming:  # X认定Y、Z为… / X认定首批…Y / X授予Y…称号 / X命名Y为
            deciders = [m for m in s.before(cue.start(), lo=c_lo, tail=r"(?:正式|近日|日前|首次)?") if m.cls in DECIDING]
            for a in s.after(cue.end(), hi=c_hi, lead=r"(?:了)?(?:[^,。;]{0,12}?(?:名单|结果)?(?:中)?)?“?")[:12]:
                for b in deciders[-1:]:
                    emit(a, "approved-by", b, cue.start(), cue.end(), 0.55, f"cue {cue.group()}", cue.group())
            continue
        # the body that approves: the nearest government body before the cue that is not a recipient or a
        # source of news (国务院已向科技部发函,批复同意… ; 记者从省科技厅了解到)
        deciders = [m for m in _orgs(mentions) if s_start <= m.start and m.end <= cue.start()
                    and m.cls == "GovernmentBody" and not re.search(
                        r"(?:向|从|据|对|给|与)[^,。;]*$", folded[_clause(folded, m.start, s_start, s_end)[0]:m.start])]
        approver = [m for m in deciders if m.start >= c_lo][-1:] or deciders[-1:]
        if re.match(r",(?:同意|批准)", folded[c_hi:c_hi + 3]):  # 下发批复,同意成立A、B: what it approves follows
            c_hi = _clause(folded, c_hi + 1, s_start, s_end)[1]
        approved = [m for m in s.orgs if m.start >= cue.end() and m.end <= c_hi and m.cls in CONTAINERS]
        for a in approved:
            for b in approver:
                emit(a, "approved-by", b, cue.start(), cue.end(), 0.6, f"cue {cue.group()}")
    for cue in _cues(folded, ["入选", "上榜", "榜上有名", "名列其中"], s_start, s_end):
        c_lo, c_hi = _clause(folded, cue.start(), s_start, s_end)
        chosen = s.before(cue.start(), lo=c_lo, tail=r"(?:等[0-9一二两三四五六七八九十]*(?:家|个|所)?[\u4e00-\u9fff]{0,4}?)?"
                                                   r"(?:成功|均|全部|首批|正式|顺利|再次)*")
        publisher = [m for m in s.after(cue.end(), hi=c_hi, lead=r"(?:了)?") if m.cls in DECIDING][:1]
        if publisher and not re.match(r"(?:近日|日前|正式|最新)?(?:公布|发布|认定|评选|遴选|印发)",
                                      folded[publisher[0].end:publisher[0].end + 6]):
            publisher = []
        if not publisher and c_lo > s_start:  # X公布…名单,Y入选
            before = _clause(folded, c_lo - 1, s_start, s_end)
            said = re.search(r"(?:公布|发布|印发|公示)(?:了)?[^,。;]*(?:名单|结果|名录)", folded[before[0]:before[1]])
            if said:
                publisher = [m for m in _outermost(_orgs(mentions)) if before[0] <= m.start and
                             m.end <= before[0] + said.start() and m.cls in DECIDING][-1:]
        for a in chosen:
            for b in publisher:
                if a is not b:
                    emit(a, "approved-by", b, cue.start(), cue.end(), 0.55, f"cue {cue.group()} (a list the body published)",
                         cue.group())
    for cue in _cues(folded, ["推荐"], s_start, s_end):
        c_lo, c_hi = _clause(folded, cue.start(), s_start, s_end)
        recommender = _group_before(folded, mentions, cue.start(), c_lo)[-1:]
        if not recommender:
            continue
        # 由X推荐的Y、Z ; 由X推荐,Y入选 ; X推荐Y ; Y由X推荐(参评)
        recommended = s.after(cue.end(), lead=r"(?:的|,)?“?")
        if not recommended and folded[recommender[0].start - 1:recommender[0].start] == "由":
            recommended = s.before(recommender[0].start - 1, lo=c_lo, tail=r"(?:已|均|先后|经)?")
        for b in recommended:
            emit(b, "recommended-by", recommender[0], cue.start(), cue.end(), 0.6, "cue 推荐")


#: the rules of this module, in the order they run
EVENT_RULES = (_places, _zone_members, _support, _structure, _events)
