"""Relation rules for the roles bodies hold in one another: lead units (牵头), role nouns (成员单位,
依托单位, 链主企业 …), founders (共建, 组建, 由X和Y联合组建Z), agreements (X与Y签订…协议, 由X、Y主办), hosts
(依托, 承建, 设在X的Z, Z(X)) and members (参与, 加入). Each rule reads one construction in a
:class:`kg.extract.sentence.Sentence`, whatever the names in it.

>>> from kg.extract.relations import find_relations
>>> from kg.extract.mentions import find_mentions
>>> text = "由兰州大学牵头组建的甘肃省沙漠治理创新联合体成立。"
>>> [(r.subject, r.relation, r.object) for r in find_relations(text, find_mentions(text))]
[('兰州大学', 'lead-unit', '甘肃省沙漠治理创新联合体')]
"""

import re
from itertools import combinations

from kg.extract.links import loose_after
from kg.extract.sentence import _MADE, _ROLE_TAIL, _TAIL, CHAINS, CONTAINERS, UNITS

__all__ = ["ROLE_NOUNS", "ROLE_RULES"]

#: role nouns: the units a body has, and the relation each unit holds to it
ROLE_NOUNS = {
    "牵头单位": "lead-unit", "牵头企业": "lead-unit", "成员单位": "member-unit", "成员企业": "member-unit",
    "参与单位": "member-unit", "参建单位": "member-unit", "合作单位": "cooperating-unit",
    "合作成员单位": "cooperating-unit", "依托单位": "supporting-unit", "支撑单位": "supporting-unit",
    "承建单位": "supporting-unit", "建设单位": "supporting-unit", "共建单位": "established-by",
    "链主企业": "chain-leader", "链主": "chain-leader", "龙头企业": "chain-leader",
    "会员单位": "member-unit", "理事长单位": "lead-unit", "副理事长单位": "member-unit", "理事单位": "member-unit",
    "组成单位": "member-unit", "成员机构": "member-unit", "会员企业": "member-unit",
    "成员": "member-unit",  # only with the members listed after it (联盟成员包括…), never 成员国
}


def _lead_unit(s):
    """由X牵头(组建)的Z / X牵头组建Z / Z由X牵头 / 由X牵头,联合Y、W共同组建Z."""
    for cue in s.cues(["牵头"]):
        if s.folded[cue.end():cue.end() + 2] in ("单位", "企业"):
            continue  # 牵头单位: a role noun
        c_lo, _ = s.clause(cue.start())
        leads = s.before(cue.start(), lo=max(c_lo - 1, s.start), tail=r"(?:等)?(?:作为|共同|联合|负责)?")
        if not leads:
            continue
        if len(leads) >= 2 and re.search(r"分别(?:由)?$", s.folded[c_lo:leads[0].start]):
            # N家联盟分别由A、B…牵头组建: the i-th lead unit leads the i-th body of the list named before
            listed = s.respective(leads[0].start, len(leads), CONTAINERS)
            for lead, target in zip(leads, listed):
                s.emit(lead, "lead-unit", target, cue.start(), cue.end(), 0.65, "cue 分别由…牵头: the lead units in order",
                       "分别由…牵头")
            if listed:
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
        if not targets and partners:  # 由X牵头,联合Y、W共同组建 a body no rule names: the founders work together
            for a, b in combinations(leads + partners, 2):
                s.emit(a, "cooperates-with", b, cue.start(), cue.end(), 0.55, "co-founders (牵头…联合)", "牵头…联合")
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
             "联合建立", "建立", "协商成立", "协商组建", "合作成立"]
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
        direct = bool(founders)  # named in the clause itself (not the parties of an agreement before it)
        if not founders and by < 0 and c_lo == s.start and re.match(r"(?:[\u4e00-\u9fff]{0,2}双方)(?:将|还将|拟|计划|共同|合作|联合)*$",
                                                                  s.folded[c_lo:cue.start()]):
            founders = s.previous_parties()  # 双方共建Z opening a sentence: the two named before
        if not founders and by < 0 and c_lo > s.start and (
                re.search(r"(?:双方|三方|各方|多方)(?:将|还将|拟|计划|共同|合作|联合)*$", s.folded[c_lo:cue.start()])
                or word not in single and re.fullmatch(r"(?:并|将|还将|拟|计划|共同|合作|联合)*",
                                                       s.folded[c_lo:cue.start()])):
            founders = s.parties(c_lo)  # X与Y签署协议,(双方将)共同建设Z: the parties of the clause before
            if not founders and re.match(r"(?:[\u4e00-\u9fff]{0,2}双方)", s.folded[c_lo:cue.start()]) and \
                    not [m for m in s.orgs if m.end <= cue.start()]:
                founders = s.previous_parties()  # 双方共建Z opening a sentence: the two named before
        if word in single and (not founders or at < 0 and by < 0 and cue.start() - founders[-1].end > 4):
            continue
        built = s.first(CONTAINERS | UNITS | {"University"}, cue.end(), lead=r"(?:了|的|成|起)?“?") \
            if not re.match(r"(?:了)?(?:一批|一个|多个|[0-9]+个)", s.folded[cue.end():cue.end() + 4]) else []
        if by >= 0 and not built:
            built = [m for m in s.last(CONTAINERS | UNITS, by, lo=s.start)]
            ref = re.search(r"(?:该|这一|此)[\u4e00-\u9fff]{1,5}$", s.folded[c_lo:by])
            if not built and ref:  # 该联合体由X联合…共同发起成立: the body named in an earlier sentence
                built = s.anaphor(c_lo + ref.start())
                joined = re.match(r"(?:联合|携手|会同)", s.folded[founders[0].end:]) if founders else None
                for target in built if joined and founders[0].start == by + 1 else ():
                    if target.cls == "InnovationConsortium":  # 由X联合Y…组建的联合体: X leads it
                        s.emit(founders[0], "lead-unit", target, by, cue.end(), 0.6, "cue 由X联合…成立", "由…联合")
        if not built and s.folded[cue.start() - 1:cue.start()] == "”":  # 举行“X联合实验室”共建签约仪式
            built = [m for m in s.orgs if m.end == cue.start() - 1 and m.cls in CONTAINERS]
        if not built and word in ("共建", "联合共建", "合作共建"):  # X和Y共建的Z
            built = s.first(CONTAINERS | UNITS, cue.end(), lead=r"的“?")
        joint = word not in single or re.search(r"(?:共同|联合|合作|携手|双方|三方|多方|各方)$", s.folded[c_lo:cue.start()])
        if not built and joint and direct and len(founders) >= 2 and by < 0 and not re.match(r"了?(?:一批|一个|多个|[0-9]+个)",
                                                                                  s.folded[cue.end():cue.end() + 4]):
            # X和Y共建/联合组建 a body no rule names: the founders still work together
            for a, b in combinations([f for f in founders if f.cls not in CONTAINERS - {"ResearchInstitute"}], 2):
                s.emit(a, "cooperates-with", b, cue.start(), cue.end(), 0.55, f"co-founders ({word})", word)
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
    for cue in s.cues(["签订", "签约", "签署", "合作协议", "战略合作", "开展合作", "合作共建", "携手", "牵手", "合作"]):
        c_lo, _ = s.clause(cue.start())
        pairs = _pair_list(s, c_lo, cue.start())  # A与B,C与D签订…: each pair signs its own
        for a, b in pairs:
            s.emit(a, "cooperates-with", b, cue.start(), cue.end(), 0.7, "cue A与B,C与D…签订: pairs", cue.group())
        if pairs:
            continue
        for join in re.finditer(r"与|和|同", s.folded[c_lo:cue.start()]):
            at = c_lo + join.start()
            right = s.after(at + 1, hi=cue.start())
            loose = loose_after(s, at + 1, cue.start())  # X与A、(a name no rule reads)、B签约: B signs too
            right = loose if len(loose) > len(right) else right
            if not right:
                continue
            # X分别与A、B签订 / A、B分别与X签订: adverbs may stand between the left side and the join
            left = s.before(at, lo=c_lo, tail=r"(?:已|将|还|也|先后|分别|正式|同时|均|又|率先)*")
            speaking = re.search(r"代表(学校|公司|集团|企业|我校|本校|该校|学院|医院)$", s.folded[c_lo:at])
            if not left and speaking:  # 某某大学副校长A代表学校与Y签署: the body A speaks for
                person = [m for m in s.mentions if m.is_person and c_lo <= m.start and m.end <= c_lo + speaking.start()]
                left = s.bodies_of(person[-1].start, person[-1].end)[:1] if person else []
                left = left or s.topic(c_lo + speaking.end())
            if left:
                pairs += [(a, b) for a in left for b in right]
                if cue.group() in ("签订", "签约", "签署", "合作协议", "战略合作") and \
                        "分别" not in s.folded[c_lo:cue.start()] and not re.search(
                            r"等[0-9一二两三四五六七八九十百千]+(?:余|多)?[户家个所]", s.folded[right[-1].end:cue.start()]):
                    # X与Y、Z签订协议: one agreement, every party with every other (X与Y、Z分别签约, X与Y、Z等
                    # 167家企业签订: X with each)
                    # (X与A“甲实验室”、B“乙实验室”签订: each host with its lab is one party, not partners)
                    hosted = any(s.folded[a.end:b.start] == "“" for a, b in zip(right, right[1:]))
                    pairs += list(combinations(left, 2)) + ([] if hosted else list(combinations(right, 2)))
            elif at == c_lo or re.fullmatch(r"(?:同时|并|还|此外|随后|先后|分别|也|已|将|近日|日前)+", s.folded[c_lo:at]):
                subject = s.after(s.start, hi=at)
                if not subject and not [m for m in s.orgs if m.end <= at] and s.context.get("previous") and \
                        re.fullmatch(r"(?:同时|此外|随后|另外|近年来|目前|今年|去年)?", s.folded[s.start:c_lo].rstrip(",")):
                    # …。同时,与Y签署…: the subject of the sentence before (the first body it names)
                    subject = sorted(s.context["previous"], key=lambda m: m.start)[:1]
                pairs += [(a, b) for a in subject for b in right]
        if not pairs and cue.group() in ("签订", "签约", "签署"):
            group = s.before(cue.start(), lo=c_lo, tail=r"(?:等|双方|三方|共同|分别|正式|现场)*")
            pairs = list(combinations(group, 2))
        if not pairs and cue.group() in ("签订", "签约", "签署"):
            said = re.search(r"(?:分别)?代表(?:双方|三方|各方|校企双方|校地双方|两家单位)", s.folded[c_lo:cue.start()])
            if said:  # 某某大学校长A、某某集团总经理B代表双方签约: the bodies they speak for
                pairs = list(combinations(s.bodies_of(s.start, c_lo + said.start()), 2))
        if not pairs and cue.group() in ("签订", "签约", "签署"):
            # X、Y、Z(在W)举行…签约仪式: the list opening the clause holds the ceremony
            group = s.after(c_lo, hi=cue.start(), lead=r"(?:[0-9]+月[0-9]+日)?(?:上午|下午)?")
            if len(group) >= 2 and re.search(r"(?:举行|举办|召开)[^,。;]*$", s.folded[group[-1].end:cue.start()]) \
                    and not re.search(r"与|和|同", s.folded[group[-1].end:cue.start()]):
                pairs = list(combinations(group, 2))
        if not pairs and cue.group() in ("签订", "签约", "签署", "合作协议", "战略合作", "开展合作") and \
                re.search(r"(?:^|,)(?:[\u4e00-\u9fff]{0,2}双方|两家|两校|双方代表)(?:还|将|正式|共同|现场|当场|代表)*"
                          r"(?:[^,。;]{0,8})$", s.folded[c_lo:cue.start()]) and \
                not [m for m in s.orgs if m.end <= cue.start()]:
            # 双方签订… opening a sentence: the two bodies the sentence before named
            pairs = list(combinations(s.previous_parties(), 2))
        for a, b in pairs:
            s.emit(a, "cooperates-with", b, cue.start(), cue.end(), 0.7, f"cue 与…{cue.group()}", cue.group())
    _organisers(s)
    _joint_action(s)
    _paired(s)
    _co_producers(s)


def _pair_list(s, lo, hi):
    """The pairs of a list of pairs (A与B,C与D、E和F) between ``lo`` and ``hi``; empty unless two or more."""
    orgs = [m for m in s.orgs if lo <= m.start and m.end <= hi]
    pairs, i = [], 0
    while i + 1 < len(orgs) and re.fullmatch(r"与|和|同", s.folded[orgs[i].end:orgs[i + 1].start]):
        pairs.append((orgs[i], orgs[i + 1]))
        if i + 2 < len(orgs) and not re.fullmatch(r"[,、;]", s.folded[orgs[i + 1].end:orgs[i + 2].start]):
            break
        i += 2
    return pairs if len(pairs) >= 2 else []


#: what, after X与Y in one clause, says the two work together (达成共识, 结对, 协作, 对接, 共建的…, 共同努力)
_TOGETHER = re.compile(r"(?:达成(?:了)?[\u4e00-\u9fff]{0,4}?(?:共识|一致|意向)|结对|协作|共建|共同|联合|携手|对接|"
                       r"合作|签约|签订|签署|战略伙伴|伙伴关系)")
#: …unless it is people of theirs who attend something (X和Y负责人参加合作交流会)
_ATTENDING = re.compile(r"参加|出席|参观|调研|考察|负责人|领导|专家|代表|人员|师生|职工|记者")


def _paired(s):
    """X与/和/同Y (一个 clause) …达成共识/结对/协作/对接/共建的/合作…: the two sides cooperate (0.55); 在X与Y
    的共同努力下 too. The join must open the clause's pair (X与Y, with X or Y a list), and the words that say
    they work together follow Y within the clause."""
    for join in re.finditer(r"与|和|同|跟", s.folded[s.start:s.end]):
        at = s.start + join.start()
        c_lo, c_hi = s.clause(at)
        left = s.before(at, lo=c_lo, tail=r"(?:已|将|还|也|先后|正式|率先|积极|主动|共同|多次|正在|均)*")
        right = s.after(at + 1, hi=c_hi, lead=r"")
        if not left or not right or _pair_list(s, c_lo, c_hi):
            continue  # A与B,C与D…: the agreements rule pairs them
        rest = s.folded[right[-1].end:c_hi]
        said = re.match(r"(?:等[^,。;]{0,8}?)?([^,。;]{0,25}?)" + _TOGETHER.pattern, rest)
        if not said or _ATTENDING.search(said.group(1)) or re.search(r"与|和|同", said.group(1)):
            continue
        for a in left:
            for b in right:
                if a.name != b.name and not (a.start <= b.start and b.end <= a.end):
                    s.emit(a, "cooperates-with", b, at, right[-1].end + said.end(), 0.55,
                           "X与Y…work together (共识, 结对, 协作, 对接, 共建, 合作)", s.folded[at:at + 1] + "…" +
                           rest[said.start(0) + len(said.group(1)):said.end()])


def _organisers(s):
    """由X、Y(联合)主办 / 由X联合Y、Z(共同)主办 / X、Y联合主办 (,Z、W承办): the organisers of one event, every
    pair of them (co-hosts at 0.6, a host with a co-organiser (承办) at 0.5). A supporting organiser (协办) gets
    none (the gold's convention: 协办 bodies only lend a hand)."""
    for cue in s.cues(["主办"]):
        c_lo, _ = s.clause(cue.start())
        hosts = s.before(cue.start(), lo=c_lo, tail=r"(?:等)?(?:单位)?(?:联合|共同)*")
        if not hosts:
            continue
        joined = re.search(r"(?:联合|会同|携手)$", s.folded[c_lo:hosts[0].start])
        if joined:  # 由X联合Y、Z共同主办: X and the list after 联合 host together
            hosts = s.before(hosts[0].start - len(joined.group()), lo=c_lo, tail=r"") + hosts
        opening = re.fullmatch(r"(?:[^,。;]{0,30}?(?:是|系|均)?由|[0-9年月日上下午]*)", s.folded[c_lo:hosts[0].start])
        jointly = re.search(r"联合|共同", s.folded[hosts[-1].end:cue.start()]) or joined
        if not (re.search(r"由$", s.folded[c_lo:hosts[0].start]) or opening and (jointly or len(hosts) >= 2)):
            continue  # X主办的…, 参加X主办的… : one host, or hosts of something the clause does not open with
        s.context["hosts"] = hosts  # what 主办方 stands for later in the text
        for a, b in combinations(hosts, 2):
            s.emit(a, "cooperates-with", b, cue.start(), cue.end(), 0.6, "co-hosts (由…主办)", "由…主办")
        # ,Z、W承办 right after the hosts' clause (or 主办,Z承办 in one clause)
        for more in s.cues(["承办"]):
            if more.start() <= cue.end() or s.folded.find("。", cue.end(), more.start()) >= 0:
                continue
            m_lo, _ = s.clause(more.start())
            if m_lo > s.clause(cue.end())[1] + 1:
                break  # only the clause right after the hosts'
            helpers = s.before(more.start(), lo=m_lo, tail=r"(?:等)?(?:单位)?(?:联合|共同)?")
            for a, b in [(h, x) for h in hosts for x in helpers] + list(combinations(helpers, 2)):
                if a is not b:
                    s.emit(a, "cooperates-with", b, more.start(), more.end(), 0.5,
                           f"co-organisers (由…主办,…{more.group()})", f"主办…{more.group()}")


#: what two bodies do together (X与Y联合研发, X、Y共同承担, X联合Y开展): the verb after 联合/共同/合作
_JOINT_VERB = (r"(?:研发|研制|开发|攻关|揭榜|申报|承担|开展|实施|打造|推进|推动|举办|培养|培育|制作|编制|完成|攻克|"
               r"突破|推出|发布|建设|共建|组建|成立|研究|探索|建立|设立|出资|投资|挂牌|签署|签订|申请|获得|摘得|"
               r"主办|承办)")  # never 印发/下发: joint issuers are issued-by lines, not partners (g03, b31)


def _co_producers(s):
    """X、Y(和Z)(联合|共同)?制作/出品/拍摄/编写/编制/起草的… ; X、Y(等单位)(的)(相关)专家组成调研组/专家组: the
    co-producers of one work, the bodies of one team; every pair cooperates (0.55)."""
    for cue in s.cues(["制作", "出品", "拍摄", "编写", "编制", "起草", "专家组成", "专家共同组成", "人员组成", "组成"]):
        c_lo, _ = s.clause(cue.start())
        if cue.group() == "组成":
            if not re.match(r"[\u4e00-\u9fff]{0,8}?(?:调研组|专家组|专家团|服务团|工作组|考察组|团队|攻关团队)",
                            s.folded[cue.end():cue.end() + 12]):
                continue
            tail = _TAIL + r"(?:的)?(?:相关|有关|骨干|知名)?(?:专家|人员|技术人员|科研人员)"
        else:
            tail = _TAIL + r"(?:的)?(?:相关|有关|骨干|知名)?" if "组成" in cue.group() else \
                _TAIL + r"(?:联合|共同|合作)?"
        group = s.before(cue.start(), lo=c_lo, tail=tail)
        if len(group) < 2:
            continue
        for a, b in combinations(group, 2):
            if a.name != b.name:
                s.emit(a, "cooperates-with", b, cue.start(), cue.end(), 0.55, f"cue {cue.group()}: one work or team",
                       cue.group())


def _joint_action(s):
    """X、Y(等)联合/共同/合作+verb ; X与/和/同Y联合/共同+verb ; X联合/携手Y(共同)+verb: the bodies act
    together, every pair of them cooperates (never a place, a chain or what they build)."""
    kinds = {"Enterprise", "University", "ResearchInstitute", "Academy", "GovernmentBody", "Hospital",
             "TestingInstitute", "Organization", "Bank", "MediaOrganization"}
    for cue in s.cues(["联合", "共同", "合作", "携手", "联手", "牵手"]):
        c_lo, c_hi = s.clause(cue.start())
        rest = s.folded[cue.end():c_hi]
        if cue.group() in ("联合", "携手", "联手", "牵手") and s.after(cue.end(), hi=c_hi, lead=r""):
            # X联合Y(、Z)(等)(共同)+verb
            partners = s.after(cue.end(), hi=c_hi, lead=r"")
            tail = s.folded[partners[-1].end:c_hi]
            if not re.match(r"(?:等)?(?:[0-9一二两三四五六七八九十]+(?:余|多)?家(?:单位|企业)?)?(?:共同|一起|联合)?"
                            + _JOINT_VERB, tail) and cue.group() not in ("携手", "牵手"):  # X牵手Y: itself a tie
                continue
            actors = s.before(cue.start(), lo=c_lo, tail=r"(?:将|还|也|积极|主动|正式)*")
            group = actors + partners
        else:
            if not re.match(r"(?:开展|进行)?" + _JOINT_VERB if cue.group() != "合作" else
                            r"(?:研发|研制|开发|攻关|揭榜|申报|承担|实施|培养|完成|攻克|建设|共建|编制|举办)", rest):
                continue
            if s.folded[cue.start() - 1:cue.start()] in ("的", "与", "和", "及"):
                continue  # 的联合研发, 与合作: a noun, not the bodies' act
            group = s.before(cue.start(), lo=c_lo, tail=_TAIL + r"(?:将|还|也|已|积极|正式)*")
            if group and len(group) == 1:  # X与/和/同Y联合: the other side before the join
                join = re.search(r"(?:与|和|同|跟)$", s.folded[c_lo:group[0].start])
                if join:
                    group = s.before(group[0].start - 1, lo=c_lo, tail=r"") + group
        group = [m for m in group if m.cls in kinds]
        if len(group) < 2:
            continue
        for a, b in combinations(group, 2):
            if a.name != b.name:
                s.emit(a, "cooperates-with", b, cue.start(), cue.end(), 0.6, f"cue {cue.group()}: joint action",
                       cue.group())


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
                re.match(r"[))]", s.folded[nxt.end:nxt.end + 1]) and nxt.cls not in CONTAINERS - {"ResearchInstitute"} \
                and nxt.cls != m.cls:  # 某某研究院(某某分院): the same body's other name, not its host
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


#: the rules of this module, in the order they run
ROLE_RULES = (_lead_unit, _role_nouns, _founders, _agreements, _hosts, _members)
