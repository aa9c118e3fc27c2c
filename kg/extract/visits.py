"""Visits: who went to see which body (走进/调研/考察/参观/参访/察看, 赴/到/来到/前往/深入…调研, a team or a
delegation led by someone, 一行, 莅临, 在X调研, 对X进行考察, receptions of a delegation by its host).

The sentence rule :func:`_visits` runs with the other relation rules (:data:`VISIT_RULES`);
:func:`person_visits` reads a person's visits over the whole text (called with a person's organisations).

>>> from kg.extract.relations import find_relations
>>> from kg.extract.mentions import find_mentions
>>> text = "祁连某某研究院专家赴河西某某有限公司调研。"
>>> [(r.subject, r.relation, r.object) for r in find_relations(text, find_mentions(text))]
[('祁连某某研究院', 'visited', '河西某某有限公司')]
"""

import re

from kg.extract.sentence import _clause, _cues, _group_after, _orgs, _outer, _outermost

__all__ = ["VISIT_RULES", "person_visits"]


def _visits(s):
    """Visits (A走进/调研/考察/参观/参访 B, A赴B调研, A深入B、C有关企业,实地调研)."""
    folded, s_start, s_end, mentions, emit = s.folded, s.start, s.end, s.mentions, s.emit
    orgs = s.orgs
    # visits: A走进/调研/考察/参观/参访/察看 B ; A赴B(进行)调研 ; A深入B、C有关企业,实地调研
    # a reporter in the dateline visits nothing; a host who shows the visitor round (A陪同B参观, 在A的陪同下) neither
    people = [m for m in mentions if m.is_person and not _byline(m) and
              not re.match(r"(?:等)?(?:[\u4e00-\u9fff]{0,4}?)(?:的)?陪同", folded[m.end:m.end + 10])]
    going = ("赴", "到", "来到", "前往", "深入", "来")  # X到/来到/前往Y调研: the visit verb comes after the place
    _leader(s, people)
    for cue in _cues(folded, ["走进", "参访", "考察", "参观", "走访", "视察", "察看", "查看", "拜会", "调研", "到访", "拜访",
                              "访问", "莅临", *going], s_start, s_end):
        c_lo, c_hi = _clause(folded, cue.start(), s_start, s_end)
        if cue.group() == "来" and not (re.match(r"[\u4e00-\u9fff]", folded[cue.end():cue.end() + 1]) and re.search(
                r"(?:一行|等|专程|近日|日前|先后|[\u4e00-\u9fff]{2,3})$", folded[c_lo:cue.start()]) and
                not re.search(r"(?:未|以|带|原|近|后|起|出|从|将|看|本|进|回|过|下|上|迎)$", folded[c_lo:cue.start()])):
            continue  # 未来, 以来, 带来 …: 来 is no visit
        if cue.group() in ("调研", "考察", "参观", "视察", "走访", "察看", "查看") and \
                re.search(r"(?:赴|到|前往|深入)", folded[c_lo:cue.start()]):
            continue
        if cue.group() in going:
            end = re.search(r"调研|考察|参观|走访|视察|检查|指导|座谈|交流" + (r"|进行|开展" if cue.group() == "赴" else ""),
                            folded[cue.end():c_hi])
            hi = cue.end() + end.start() if end else c_hi
            listed = mentions
            if not end:  # 先后到A、B;C、D等地考察: a list across clauses (and ;), closed by the visit verb
                stop = folded.find("。", cue.end())
                listed = s.context.get("all") or mentions
                hi = _visit_list_end(folded, listed, cue.end(), len(folded) if stop < 0 else stop)
                if hi is None and cue.group() in ("深入", "来到", "前往"):  # 深入A、B等12家企业,了解…: the list is the visit
                    listed = [m for m in _outermost(_orgs(mentions)) if m.start >= cue.end() and m.end <= c_hi]
                    lead = re.match(r"(?:了)?(?:位于[^,。;的]{1,12}的)?", folded[cue.end():c_hi])  # 来到位于X的Y
                    listed = _group_after(folded, listed, cue.end() + lead.end(), c_hi)
                    if listed and listed[0].start == cue.end() + lead.end() and re.fullmatch(
                            r"(?:等[^,。;]{0,12}|的?[\u4e00-\u9fff]{0,6}?" + _SITE + ")?", folded[listed[-1].end:c_hi]):
                        hi = c_hi
                if hi is None and cue.group() != "赴":
                    continue  # 到2025年, 深入推进: going somewhere is a visit only with a visit verb after it
                listed, hi = (mentions, c_hi) if hi is None else (listed, hi)
            objects = [m for m in _outermost(_orgs(listed)) if m.start >= cue.end() and m.end <= hi]
            if cue.group() == "来" and not (end and objects and objects[0].start == cue.end()):
                continue  # 来X调研: a body right after 来, and a visit verb after it
            if not objects and end and re.fullmatch(r"[^,。;]{0,8}", folded[cue.end():hi]):
                # 赴兰州走访A、B: the place is no body; what is visited follows the verb
                objects = _group_after(folded, _unaliased(folded, mentions), hi + len(end.group()), c_hi)
                if objects and (not re.fullmatch(r"(?:了)?", folded[hi + len(end.group()):objects[0].start]) or
                                re.match(_TOPIC, folded[objects[-1].end:c_hi])):
                    objects = []  # 赴白银调研某某示范区建设工作: a topic, not a body visited
        else:
            objects = _group_after(folded, _unaliased(folded, mentions), cue.end(), c_hi)
            if objects and objects[0].start - cue.end() > 2:
                objects = []
            last = objects[-1].end if objects else None
            for m in _outermost(_orgs(mentions)) if objects else ():  # 察看了A、(a name no rule reads)、B
                if m.start >= last and m.end <= s_end and (m.end <= c_hi or _HALL_AFTER.match(folded, m.end)) and \
                        re.fullmatch(r"(?:" + _HALL + r"|的[^,。;、]{1,8})?(?:、(?:[^,。;、]{1,15}、){0,3}|[和及]|,(?=[^,。;]*"
                                     + _HALL + r"))", folded[last:m.start]):
                    longer = re.match(r"(?!的)[^,。;、和及等]{1,20}", folded[m.end:])
                    if longer and not re.fullmatch(_HALL, longer.group()):  # the start of a name no rule reads
                        last = m.end + longer.end()
                        continue
                    objects.append(m)
                    last = m.end
            objects = [_inside_hall(m, mentions) for m in objects]  # 参观了某某研究所展厅: the institute
        visitor = (people or [m for m in orgs if m.start < cue.start() and m.cls != "MediaOrganization"])[:1]
        if people and visitor:  # A,B、C一行: everyone in the list before 一行
            visitor = _party(folded, people, visitor[0])
        elif visitor:  # A、B和C(的专家)赴…: every body of the list
            visitor = visitor + [m for m in s.after(visitor[0].end, hi=cue.start(), lead=r"(?:、|和|与|及|以及)")
                                 if m.cls != "MediaOrganization"]
        pronoun = re.match(_PRONOUN, folded[c_lo:cue.start()])
        if pronoun and not [p for p in people if p.start < cue.start()]:  # 他们深入…: the people of the sentence before
            everyone = s.context.get("all") or mentions
            visitor = _previous_party(folded, everyone, s_start) if not pronoun.group(1) else \
                _last_person(folded, everyone, s_start)  # 他走访了…: the one person named last
        invited = re.search(r"邀请", folded[visitor[0].end:cue.start()]) if visitor and not people else None
        if invited:  # X邀请A、B相关专家…赴Y调研: the invited go, not the host
            visitor = [m for m in s.after(visitor[0].end + invited.end(), hi=cue.start()) if m.end <= cue.start()]
        team = re.match(_TEAM, folded[c_lo:cue.start()])
        if not visitor and team and s.context.get("team"):  # 专家团先后到…: the team the sentence before named
            leader, body = s.context["team"]  # an official's 一行 is the official; an expert team is its body's
            visitor = [leader if team.group(1) == "一行" else body]
        if cue.group() in going:  # 赴X,就A、B等…开展考察调研: A and B are visited too
            about = re.compile(r"就").search(folded, c_hi, s_end)
            then = re.match(r"[^。;]{0,60}?(?:开展|进行)(?:了)?(?:实地)?(?:考察|调研|走访)", folded[about.end():s_end]) \
                if about and about.start() == c_hi + 1 else None
            more = _group_after(folded, mentions, about.start(), about.end() + then.end()) if then else []
            objects = objects + (more if more and more[0].start - about.end() <= 0 else [])
        for who in visitor:
            for obj in objects:
                if obj.start > who.start or who.start < s_start:
                    emit(who, "visited", obj, cue.start(), cue.end(), 0.5 if pronoun and who.start < s_start else 0.65,
                         f"cue {cue.group()}", clause=who.start >= s_start)


# a visiting group named by what it is (专家团, 调研组, 一行): its members were named in the sentence before
_TEAM = r"\s*([\u4e00-\u9fff]{0,4}?(?:专家团|专家组|调研组|考察组|考察团|调研团|服务团|工作组|团队|一行))(?:先后|一同|一起|还|又|随后|实地|首先|接着|然后|最后)*$"


# words that stand for the people named in the sentence before (他们深入…考察)
_PRONOUN = r"\s*(?:他们|专家们|院士们|专家学者们|嘉宾们|(他|她))(?:还|又|先后|一同|一起|随后|分别|实地|首先|接着|详细)*$"
# a hall or a show room of a body: visiting it is visiting the body (参观了某某研究所展厅)
_HALL = r"(?:展厅|展览室|展览馆|展馆|陈列馆|陈列室|展示厅|展示中心|科技馆|科技创新馆|成果展示馆|创新馆|馆)"
_HALL_AFTER = re.compile(_HALL + r"[,。;]")
# a site of a body one walks into (来到X生产车间)
_SITE = r"(?:车间|生产线|基地|展厅|展馆|实验室|现场|项目|中心|园区|厂区)"
# what a place or a body may be the topic of, not the one visited (调研某某示范区建设工作)
_TOPIC = r"[\u4e00-\u9fff]{0,6}?(?:工作|情况|建设|发展|进展|规划)"


def _unaliased(folded, mentions):
    """``mentions`` without the short forms defined in brackets (X(以下简称“A”)、Y: the list goes on to Y)."""
    return [m for m in mentions if not re.search(r"[((](?:以下)?(?:简称|下称)[“\"]?$", folded[max(0, m.start - 8):m.start])]


def _byline(person):
    """Whether ``person`` is named in a byline or a dateline (a reporter, not a visitor)."""
    return "byline" in person.why or "dateline" in person.why or (person.title or "").endswith(("记者", "编辑", "通讯员"))


def _inside_hall(m, mentions):
    """The body whose hall ``m`` is (某某研究所展厅 read as one name), else ``m``."""
    if not re.search(_HALL + "$", m.name):
        return m
    inner = [n for n in mentions if n is not m and n.start == m.start and n.end < m.end and not n.is_person]
    return max(inner, key=lambda n: n.end) if inner else m


# what stands between two people of one visiting party: a separator and the next one's body and title
_PARTY_GAP = re.compile(r"[,、和及与][^,。;:!?]{0,30}")
_PARTY_STOP = re.compile(r"陪同|参加|出席|主持|会见|接待|迎接|欢迎|表示|指出|介绍|汇报|听取|调研|考察|参观|走访|来到|深入")


def _party(folded, people, first):
    """``first`` and the people listed after it up to 一行 (A,某某中心副主任B、某某协会书记C一行), else ``[first]``."""
    party = [first]
    for p in people:
        if p.start <= party[-1].start:
            continue
        gap = folded[party[-1].end:p.start]
        if not _PARTY_GAP.fullmatch(gap) or _PARTY_STOP.search(gap):
            break
        party.append(p)
    if len(party) > 1 and not re.match(r"(?:等[\u4e00-\u9fff]{0,8}?)?一行", folded[party[-1].end:party[-1].end + 12]):
        return [first]
    return party


def _previous_party(folded, mentions, s_start):
    """The people listed in the sentence before ``s_start`` (whom 他们 stands for): its first list of two or more."""
    lo = max(folded.rfind(c, 0, max(0, s_start - 1)) for c in "。!?\n") + 1
    people = sorted((m for m in mentions if m.is_person and lo <= m.start and m.end <= s_start and not _byline(m)),
                    key=lambda m: m.start)
    party = []
    for p in people:
        gap = folded[party[-1].end:p.start] if party else ""
        if party and _PARTY_GAP.fullmatch(gap) and not _PARTY_STOP.search(gap):
            party.append(p)
            continue
        if len(party) >= 2:
            break
        party = [p]
    return party if len(party) >= 2 else []


def _last_person(folded, mentions, s_start):
    """The person named last before ``s_start``, in the same paragraph (whom 他 stands for), else []."""
    lo = folded.rfind("\n", 0, max(0, s_start - 1)) + 1
    before = [m for m in mentions if m.is_person and lo <= m.start and m.end <= s_start and not _byline(m)]
    return sorted(before, key=lambda m: m.start)[-1:]


def _leader(s, people):
    """Remember who leads a visiting group (A带领/率领/率…): the person, or the body written right before
    the person's title (某某研究所副所长A带领…专家: the institute's team)."""
    for p in people:
        if not re.match(r"(?:[\u4e00-\u9fff]{0,6}?)(?:带领|率领|率队|带队|率团|一行)", s.folded[p.end:p.end + 10]):
            continue
        body = [m for m in s.orgs if m.end <= p.start and re.fullmatch(r"[\u4e00-\u9fff、]{1,16}", s.folded[m.end:p.start] or "x")
                and getattr(p, "title", None) and s.folded[m.end:p.start].endswith(p.title)]
        s.context["team"] = (p, body[-1] if body else p)
        return


def _visit_list_end(folded, mentions, lo, s_end):
    """Where a list of visited places that runs across clauses ends (at its visit verb), or ``None`` when
    anything but names, separators and words like 等地/有关企业 stands before the verb."""
    verb = re.search(r"调研|考察|参观|走访|视察|察看|检查|指导", folded[lo:s_end])
    if not verb:
        return None
    hi = lo + verb.start()
    residue, at = [], lo
    for m in _outermost(_orgs(mentions)):
        if lo <= m.start and m.end <= hi and m.start >= at:
            residue.append(folded[at:m.start])
            at = m.end
    residue.append(folded[at:hi])
    if at == lo:
        return None
    for i, piece in enumerate(residue):
        if re.fullmatch(r"(?:[、,;和及与]|等地|等处|等|有关|相关|企业|单位|园区|实地|进行|开展|建设|项目)*", piece):
            continue
        # one item no rule reads as a name, between two separators of the list: 、刘家峡某某园、
        if not (0 < i < len(residue) - 1 and re.fullmatch(r"[、;][^,。;、:]{2,15}[、;]", piece)):
            return None
    return hi


def person_visits(folded, mentions, orgs, universities, emit):
    """A person's visits the general visit rules leave: 王某某率团访问X, 某某一行到访/拜访/莅临X, and
    某某一行来校调研 (the one university the article names)."""
    people = sorted((m for m in mentions if m.is_person), key=lambda m: m.start)
    for person in people:
        last = _party(folded, people, person)[-1]  # A,B、C一行来校: the cue follows the list
        group = re.match(r"(?:[\u4e00-\u9fff]{0,8}?(?:一行|率团|率队|带队|率领|带领|率代表团|等[\u4e00-\u9fff]{0,6}?|率[^,。;]{1,12}?"
                         r"(?:代表团|考察团|访问团|调研组))[^,。;]{0,20}?)?(?:先后|近日|日前|专程|一同|还)?(" + _COME +
                         r"|访问|到访|拜访|莅临|来访|回访)(?:了)?", folded[last.end:last.end + 40])
        if not group:
            continue
        cue_start, at = last.end + group.start(1), last.end + group.end()
        visited = _home_of(group.group(1), orgs, universities)
        if visited is None:
            end = re.search(r"[,。;!?\n]", folded[at:])
            hi = at + (end.start() if end else len(folded) - at)
            visited = []
            for m in _outer([m for m in orgs if at <= m.start and m.end <= hi]):
                gap = folded[visited[-1].end if visited else at:m.start]
                if not re.fullmatch(r"(?:[、和及与]|并|等)?", gap):
                    break
                visited.append(m)
        for org in visited:
            emit(person, "visited", org, cue_start, at, 0.6, f"a person's visit (cue {group.group(1)})", group.group(1))
    # 某某厅一行来我校 ; 某某厅科技处、某某中心负责人来我校: the bodies named before the group visit the home body
    for match in re.finditer(r"(?:(?:有关|相关)?(?:负责人|领导|专家|代表)|代表团|考察团|调研组|一行)(?:一行)?"
                             r"(?:近日|日前|专程|一同|先后)?(" + _COME + ")", folded):
        lo = max(folded.rfind(c, 0, match.start()) for c in ",。!?\n;") + 1
        if [p for p in people if lo <= p.start < match.start()]:
            continue  # a person's group: the person visits (above), not the body
        bodies = []
        for m in reversed(_outer([m for m in orgs if lo <= m.start and m.end <= match.start()])):
            gap = folded[m.end:bodies[0].start if bodies else match.start()]
            if not re.fullmatch(r"(?:[\u4e00-\u9fff]{1,8}?[处科室部](?:、[\u4e00-\u9fff]{1,8}?[处科室部])*)?"
                                r"(?:[、和及与]|以及)?" if bodies else r"(?:[\u4e00-\u9fff]{1,8}?[处科室部]"
                                r"(?:、[\u4e00-\u9fff]{1,8}?[处科室部])*)?", gap) or m.cls == "MediaOrganization":
                break
            bodies.insert(0, m)
        for body in bodies:
            for org in _home_of(match.group(1), orgs, universities) or ():
                emit(body, "visited", org, match.start(1), match.end(1), 0.55, f"a body's visit (cue {match.group(1)})",
                     match.group(1))
    # 王某某(一行)在X、Y调研: a visit written with 在 and the visit verb after the place
    for person in (m for m in mentions if m.is_person):
        lead = re.match(r"(?:[\u4e00-\u9fff]{0,8}?(?:一行|率团|率队|带队|率领|带领)[^,。;在]{0,20}?)?(?:先后|近日|日前|专程|一同|还)?在",
                        folded[person.end:person.end + 40])
        if not lead:
            continue
        at = person.end + lead.end()
        visited = []
        for m in _outer([m for m in orgs if at <= m.start and m.start < at + 80]):
            gap = folded[visited[-1].end if visited else at:m.start]
            if not re.fullmatch(r"(?:[、和及与])?", gap):
                break
            visited.append(m)
        verb = re.match(r"(?:等地|等)?(?:进行|开展|实地)?(调研|考察|视察|走访|检查|参观|察看)", folded[visited[-1].end:]) \
            if visited else None
        for org in visited if verb else ():
            emit(person, "visited", org, at - 1, visited[-1].end + verb.end(), 0.6,
                 f"a person's visit (在…{verb.group(1)})", f"在…{verb.group(1)}")
    # 在X,王某某察看了…; 王某某一行对X进行了实地考察: the place named before the person, or after 对
    people = sorted((m for m in mentions if m.is_person), key=lambda m: m.start)
    for match in re.finditer(r"(?:^|(?<=[。!?\n;]))(?:随后|接着|之后|此后|其间|期间|当天|同日)?,?在", folded):
        at = match.end()
        visited = _listed(folded, orgs, at, r"(?:等地|等)?(?:期间|时)?,")
        if not visited:
            continue
        comma = folded.find(",", visited[-1].end)
        clause_end = re.search(r"[,。;!?\n]", folded[comma + 1:])
        hi = comma + 1 + (clause_end.start() if clause_end else len(folded) - comma - 1)
        who = [p for p in people if comma < p.start < hi][:1]
        if not who and re.match(r"(?:他|她)(?!们)", folded[comma + 1:comma + 3]):  # 在X,他详细询问了…: the person named last
            who = [p for p in _last_person(folded, mentions, match.start()) if re.search(
                r"一行|率团|率队|带队|带领|率领|调研|考察|走访|参观|视察|来到|走进|赴", folded[p.end:p.end + 20])]
        verb = re.search(r"察看|查看|了解|参观|听取|考察|调研|观看|走访|询问|检查", folded[comma:hi])
        for person in who if who and verb and (who[0].start < comma or verb.start() >= who[0].end - comma) else ():
            for org in visited:
                emit(person, "visited", org, match.start(), comma + verb.end(), 0.55,
                     f"在X,某某{verb.group()}: a visit", f"在…{verb.group()}")
    for match in re.finditer(r"对", folded):
        visited = _listed(folded, orgs, match.end(), r"(?:等地|等|的[^,。;]{0,10}?)?(?:进行|开展)(?:了)?(?:实地|深入)?(调研|考察|走访|检查|视察)")
        lo = max(folded.rfind(c, 0, match.start()) for c in "。!?\n;") + 1
        who = [p for p in people if lo <= p.start and p.end <= match.start()][:1]
        for person in who:
            for org in visited:
                verb = re.search(r"调研|考察|走访|检查|视察", folded[visited[-1].end:])
                emit(person, "visited", org, match.start(), visited[-1].end + verb.end(), 0.55,
                     f"对X进行{verb.group()}: a visit", f"对…{verb.group()}")
    # 郑某某一行到某某公司调研。…随后,(一行)来到某某大学…: a visit with no subject goes on the last visit
    # of a named person (up to four sentences back, no other person named in between)
    visit = r"(?:来到|走进|参观(?:了)?|考察(?:了)?|调研(?:了)?|走访(?:了)?|察看(?:了)?|深入|前往|到|赴)"
    for match in re.finditer(r"(?:^|(?<=[。!?\n]))(?:随后|之后|接着|其后|此后|当天|同日|期间|在[^,。]{0,10}期间)?,?"
                             r"(?:调研组|考察组|调研团|考察团|代表团|一行|大家)?(?:还|又|先后|一同|一起|实地)*" + visit, folded):
        before = [p for p in people if p.end <= match.start()]
        if not before or len(re.findall(r"[。!?]", folded[before[-1].end:match.start()])) > 4 or \
                "\n" in folded[before[-1].end:match.start()]:
            continue
        leader = before[-1]
        clause = re.search(r"[,。;]", folded[leader.end:])
        said = folded[leader.end:leader.end + (clause.start() if clause else 0)]
        if not re.search(r"一行|率团|率队|带队|带领|率领|调研|考察|走访|参观|视察|来到|走进|赴", said):
            continue
        for org in _listed(folded, orgs, match.end(), r"(?:等地|等)?[^\u4e00-\u9fff]|(?:等地|等)?(?:调研|考察|参观|走访|检查|视察|进行|开展|,|。|、)"):
            emit(leader, "visited", org, match.start(), match.end(), 0.5,
                 f"a visit with no subject after {leader.name}'s", match.group().strip(",。"))
    # X(校长某某)会见/接待了Y董事长某某一行: the delegation visits the host, the body the sentence opens with
    # X接待了/迎来Y代表团(一行): the body the delegation is named by visits the host
    guests = [m for m in mentions if m.is_person and folded.startswith("一行", m.end)] + \
        [m for m in _outer(orgs) if re.match(r"(?:代表团|考察团|访问团|调研组|专家组|专家团|专家一行|一行)", folded[m.end:m.end + 4])]
    for person in guests:
        lo = max(folded.rfind(c, 0, person.start) for c in "。!?\n;") + 1
        cue = None
        for cue in re.finditer(r"会见|接待|迎来|欢迎|会谈", folded[lo:person.start]):
            pass
        if cue is None or not person.is_person and not re.fullmatch(r"(?:了)?", folded[lo + cue.end():person.start]):
            continue
        hosts = _outer([m for m in orgs if lo <= m.start and m.end <= lo + cue.start()])
        if hosts and not re.search(r"[,;]", folded[hosts[0].end:lo + cue.start()]):
            emit(person, "visited", hosts[0], lo + cue.start(), person.end + 2, 0.5,
                 f"{cue.group()}…一行: the delegation visits the host", cue.group())


# coming to the body whose news it is: 来校, 来我校, 莅临我院, 来园区
_COME = r"(?:来|到|莅临|莅)(?:我|本)?(?:校|院|所)|(?:来|到|莅临)(?:我|本)?园区"


def _home_of(cue, orgs, universities):
    """The body 来校/来院/来所/来园区 comes to (``[]`` when the article names none or several), or ``None``
    when ``cue`` names the body itself (访问X)."""
    kind = re.fullmatch(r"(?:来|到|莅临|莅)(?:我|本)?(校|院|所|园区)", cue)
    if not kind:
        return None
    if kind.group(1) == "校":  # the one university the article names, else the one it names most
        return universities if len(universities) == 1 else []
    if kind.group(1) == "园区":  # the one park or zone the article names
        return _only_named(orgs, lambda m: m.cls in ("Park", "HighTechZone"))
    found = list({m.name: m for m in orgs if m.name.endswith(kind.group(1)) and m.source != "inner"
                  and not m.parent}.values())
    return found if len(found) == 1 else []  # the one institute the article names


def _only_named(orgs, fits):
    """The one body of ``fits`` the article names (a unit named inside another aside), else []."""
    found = list({m.name: m for m in orgs if fits(m) and m.source != "inner" and not m.parent}.values())
    return found if len(found) == 1 else []


def _listed(folded, orgs, at, closing):
    """The organisations listed from ``at`` (joined by 、和及与) when ``closing`` follows the list, else []."""
    listed = []
    for m in _outer([m for m in orgs if at <= m.start < at + 120]):
        gap = folded[listed[-1].end if listed else at:m.start]
        if not re.fullmatch(r"(?:[、和及与])?", gap):
            break
        listed.append(m)
    return listed if listed and re.match(closing, folded[listed[-1].end:]) else []


def _delegation_heads(s):
    """Who leads a delegation named by its body belongs to that body, when no title says otherwise: A率X代表团,
    A带领X专家团队, X代表团团长A, 以A为团长的X代表团."""
    groups = r"(?:代表团|考察团|访问团|调研组|调研团|考察组|专家组|专家团|专家团队|科研团队|团队)"
    heads = []
    for p in (m for m in s.mentions if m.is_person):
        led = re.match(r"(?:[\u4e00-\u9fff]{0,4}?)(?:率领|带领|率)", s.folded[p.end:p.end + 8])
        body = s.after(p.end + led.end(), lead=r"") if led else []
        if body and re.match(groups, s.folded[body[0].end:body[0].end + 4]):
            heads.append((p, body[0]))
        named = re.match(r"为(?:团长|组长)的", s.folded[p.end:p.end + 4])
        body = s.after(p.end + named.end(), lead=r"") if named and s.folded[p.start - 1:p.start] == "以" else []
        if body and re.match(groups, s.folded[body[0].end:body[0].end + 4]):
            heads.append((p, body[0]))
    for m in s.orgs:
        said = re.match(groups + r"(?:团长|组长|负责人)", s.folded[m.end:m.end + 8])
        after = [p for p in s.mentions if p.is_person and said and p.start == m.end + said.end()]
        heads.extend((p, m) for p in after)
    for person, body in heads:
        if not [o for o in s.context.get("of", {}).get((person.start, person.end), []) if o.name != body.name]:
            s.emit(person, "affiliated-with", body, person.start, body.end, 0.5, f"the head of {body.name}'s delegation",
                   "率…代表团")


#: the rules of this module, in the order they run
VISIT_RULES = (_visits, _delegation_heads)
