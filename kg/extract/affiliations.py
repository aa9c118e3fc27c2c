"""Relations a name or a byline states without a verb: a parent named inside a longer name
(中国科学院西北生态环境资源研究院 is part of 中国科学院), a firm written after its park, and people's
organisations (titles after an organisation, lists under a title, officials of a region's government,
来自, reporters and editors in bylines and datelines, the source named in the header).

>>> from kg.extract.relations import find_relations
>>> from kg.extract.mentions import find_mentions
>>> text = "祁连某某研究院院长张明远出席。"
>>> [(r.subject, r.relation, r.object) for r in find_relations(text, find_mentions(text))]
[('张明远', 'affiliated-with', '祁连某某研究院')]
"""

import re

from kg.extract.people import TITLES, TITLES_AFTER
from kg.extract.sentence import _outer
from kg.extract.visits import person_visits

__all__ = ["name_relations", "affiliations"]

def name_relations(mentions, emit):
    """Parents named inside a longer name: 中国科学院西北生态环境资源研究院 is part of 中国科学院."""
    by_name = {}
    for m in mentions:
        by_name.setdefault(m.name, m)
    for m in mentions:
        parent = by_name.get(m.parent) if m.parent and not _cut_suffix(m.name, m.parent) else None
        if parent is None and not m.is_person and not m.is_place and m.source != "inner":
            parent = _parent_named_first(m, by_name)
        rest = m.name[len(parent.name):] if parent is not None else ""
        if parent is not None and parent.cls in ("HighTechZone", "Park"):
            if m.cls in ("HighTechZone", "Park") and re.search(r"(?:园区|产业园|工业园|科技园|分园|片区)$", rest) or \
                    m.cls == "GovernmentBody" and not re.search(r"管委会|管理委员会|党工委", rest):
                # 某某新区化工园区 is a park of the zone; 某某示范区办公室 one of its offices (its 管委会 runs it)
                emit(m, "sub-organization", parent, m.start, m.end, 0.6, f"{parent.name} is named inside {m.name}",
                     m.name, clause=False)
            elif m.cls != "GovernmentBody":  # 兰州新区综合保税区 lies in 兰州新区
                emit(m, "located-in", parent, m.start, m.end, 0.65, f"the zone {m.parent} is named inside {m.name}",
                     m.name, clause=False)
        elif parent is not None:
            emit(m, "sub-organization", parent, m.start, m.end, 0.7, f"{parent.name} is named inside {m.name}",
                 m.name, clause=False)
        if m.located_in and m.located_in in by_name:  # 在某某工业园区甘肃某某有限公司: a firm written after its park
            emit(m, "located-in", by_name[m.located_in], by_name[m.located_in].start, m.end, 0.6,
                 f"written right after the zone {m.located_in}", f"{m.located_in}{m.name}", clause=False)


def _body_of_committee(org, bodies, orgs):
    """The body whose committee ``org`` is (某某院党委 -> 某某院; 实验室学术委员会 -> the lab named before it):
    a person on a body's committee is a member of the body."""
    party = re.match(r"(.{2,}?)(?:党委|党组|党工委|纪委|分党组)$", org.name)
    if party and party.group(1) in bodies:
        return bodies[party.group(1)]
    generic = re.fullmatch(r"(实验室|研究院|研究所|公司|集团|中心)(?:学术委员会|专家委员会|董事会|党委|党组)", org.name)
    earlier = [m for m in orgs if m.end <= org.start and m.name.endswith(generic.group(1))] if generic else []
    return earlier[-1] if earlier else org


def _cut_suffix(name, parent):
    """Whether ``parent`` is ``name`` cut inside its own suffix (某某规划委 of 某某规划委员会): no parent."""
    return name.startswith(parent) and any(name.endswith(s) and len(name) - len(s) < len(parent)
                                           for s in ("委员会", "管理委员会", "研究院", "研究所", "有限公司"))


def _parent_named_first(m, by_name):
    """The body another mention names whose name opens ``m``'s and leaves a unit's name after it
    (天水某某勘查院 and 天水某某勘查院测试中心实验室): the longest such, or ``None``."""
    best = None
    for name, other in by_name.items():
        if other is m or other.is_person or other.is_place or other.source == "inner" or len(name) < 3 \
                or not m.name.startswith(name) or name == m.name:
            continue
        rest = m.name[len(name):]
        if len(rest) < 2 or re.fullmatch(_LEGAL_FORM, rest) or rest[0] in "省市县区州" or _cut_suffix(m.name, name) \
                or "集团" in rest:
            continue  # 某某集团股份有限公司 is 某某集团 itself; 某某日报报业集团 is the paper's parent, not its unit
        if best is None or len(name) > len(best.name):
            best = other
    return best


#: what a name adds to a body's name when it is the same body (its legal form)
_LEGAL_FORM = r"(?:集团)?(?:股份)?(?:有限)?(?:责任)?(?:公司)|集团|(?:管委会|管理委员会|党工委)|(?:党委|党组)"


def affiliations(folded, mentions, emit):
    """A person's organisations: ORG+title+name (科技部副部长陈家昌), chains of them joined by 、, names
    before a title right after an organisation (西北研究院夏燕青研究员), and reporters in bylines."""
    orgs = [m for m in mentions if not m.is_person and not m.is_place]
    placed = set()  # the people given an organisation by the rules below

    def affiliate(person, org, *args, **kwargs):
        placed.add(person.name)
        emit(person, "affiliated-with", org, *args, **kwargs)

    ends = {}
    for m in orgs:
        if m.end not in ends or len(m.name) > len(ends[m.end].name):
            ends[m.end] = m
    titles = TITLES
    bodies = {m.name: m for m in orgs if m.source != "inner"}
    starts_of_people = {m.end: m for m in mentions if m.is_person}
    affiliated = {}  # person mention start -> the organisations found for it
    universities = list({m.name: m for m in orgs if m.cls == "University" and m.name.endswith("大学")
                         and m.source != "inner"}.values())
    if not universities:  # a college's own news (河西某某学院): the one 学院 it names that is no unit of another
        universities = list({m.name: m for m in orgs if m.cls == "University" and m.source != "inner"
                             and not m.parent}.values())
    for person in sorted((m for m in mentions if m.is_person and m.title), key=lambda m: m.start):
        found = affiliated.setdefault(person.start, [])
        pos = person.start
        if person.title in TITLES_AFTER and folded[person.end:person.end + len(person.title)] == person.title:
            if pos in ends:
                found.append(ends[pos])
                affiliate(person, ends[pos], pos, person.end, 0.7, "an organisation's name, then the person")
            elif folded[pos - 1:pos] == "的" and pos - 1 in ends:  # (来自)兰州大学的李某教授
                found.append(ends[pos - 1])
                affiliate(person, ends[pos - 1], pos - 1, person.end, 0.65, "X的 + a person with a title",
                     "X的")
            continue
        # 记者尚杰、王冰雅: a second name under the same title belongs where the first does
        previous = starts_of_people.get(pos - 1)
        if folded[pos - 1:pos] in ("、", " ") and previous is not None and previous.start in affiliated:
            for org in affiliated[previous.start]:
                found.append(org)
                affiliate(person, org, previous.start, person.end, 0.6, f"listed after {previous.name}")
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
            for filler in ("", "全媒体", "融媒体", "首席", "特约", "党组", "驻站", "相关", "有关", "的"):
                if folded[:at].endswith(filler) and at - len(filler) in ends:
                    org = ends[at - len(filler)]
                    break
            if org is None:  # 某某科技园高纯事业部经理, 该公司综合管理部部长: a department of the body before it
                dept = r"[\u4e00-\u9fff]{1,10}?(?:事业部|部|处|科|室)"
                org = next((ends[e] for e in sorted(ends, reverse=True)
                            if lo <= e < at and re.fullmatch(dept, folded[e:at])), None)
                said = re.search(r"该(公司|企业|集团|研究院|研究所|大学|学院)(" + dept + ")$", folded[lo:at])
                if org is None and said:
                    earlier = [m for m in orgs if m.end <= lo + said.start() and (
                        m.name.endswith(said.group(1)) or said.group(1) == "企业" and m.cls == "Enterprise")]
                    org = earlier[-1] if earlier else None
            if org is None and re.search(r"(?:学校|我校|该校|本校)(?:党委|党组)?$", folded[lo:at]) and len(universities) == 1:
                org = universities[0]  # 学校党委书记某某: the one university the article names
            said = re.search(r"该(公司|企业|集团|研究院|研究所|院|所|中心|局|厅|委|站|协会|学会|联合体)(?:党委|党组)?$",
                             folded[lo:at]) if org is None else None
            if org is None and title.startswith(("党委", "党组", "分党组")):  # 某某院党委 read as one name
                org = next((m for m in orgs if m.start < at and m.end == at + 2 and m.name.endswith(title[:2])), None)
            if org is None and not said:  # 实验室学术委员会主任某某 opening a clause: the lab named before
                said = re.fullmatch(r"(实验室|研究院|研究所|公司|集团|中心|联合体)(?:学术委员会|专家委员会|董事会|党委|党组)?",
                                    folded[lo:at]) or re.search(  # 会议由实验室学术委员会主任某某主持: not 某某实验室…
                    r"(?:^|[^\u4e00-\u9fff]|[由请经和与及])(实验室|研究院|研究所|公司|集团|中心|联合体)"
                    r"(?:学术委员会|专家委员会|董事会)$", folded[lo:at])
            if said:  # 该院院长某某, 该公司总经理某某: the last body of that kind named before
                kind = said.group(1)
                earlier = [m for m in orgs if m.end <= lo + said.start() and (
                    m.name.endswith(kind) or kind == "企业" and m.cls == "Enterprise")]
                org = earlier[-1] if earlier else None
            if org is None:
                if title.endswith(("记者", "通讯员", "摄影")):
                    media = _byline_media(folded, orgs, person.start)
                    if media and title.endswith("记者"):
                        found.append(media)
                        affiliate(person, media, media.start, person.end, 0.6, "a reporter in a byline")
                    break
                joiner = re.search(r"(?:、|,|和|及|与|以及)$", folded[:at])
                before = starts_of_people.get(at - len(joiner.group())) if joiner else None
                if before is not None and joiner.group() != "、" and (
                        not before.title or re.fullmatch(r"(?:副|代)?[省市州县区]长", title)):
                    before = None  # 校长某某,副省长某某: a region's head is not the body's; 某某说,…
                if before is not None and affiliated.get(before.start):
                    # 某某局党组书记徐某、局长田某: the second official belongs where the first does
                    for org in affiliated[before.start]:
                        found.append(org)
                        affiliate(person, org, before.start, person.end, 0.6, f"listed after {before.name}")
                    break
                # 国家技术发明奖二等奖获得者、…: no organisation; try the one before (董事长兼总经理: both titles)
                skip = max(folded.rfind("、", lo, at), at - 1 if folded[at - 1:at] == "兼" else -1)
                if skip < 0:
                    break
                pos = skip
                continue
            org = _body_of_committee(org, bodies, orgs)
            found.append(org)
            affiliate(person, org, org.start, person.end, 0.75, f"{org.name}{title}{person.name}")
            pos = org.start
            while pos in ends and pos > lo:  # 中国科学院近物所甘肃省同位素实验室: names side by side
                pos = ends[pos].start
            if folded[pos - 1:pos] != "、":
                break
            pos -= 1
    # 李某来自兰州大学: a person's organisation after 来自
    starts = {m.start: m for m in orgs}
    for person in (m for m in mentions if m.is_person):
        came = re.match(r"(?:教授|研究员|博士|院士|副教授|副研究员|老师|同学)?[, ]?(?:来自|现任|担任|任职于|就职于|供职于|受聘于|受聘|系|是)",
                        folded[person.end:person.end + 10])
        if came and person.end + came.end() in starts:
            org = starts[person.end + came.end()]
            cue = came.group().lstrip("教授研究员博士院士副老师同学, ")
            if cue in ("系", "是", "担任", "现任") and not re.match(rf"(?:的)?(?:{_TITLE_LIST})", folded[org.end:org.end + 12]):
                continue  # 某某是某某公司的骨干 says nothing of a post; 某某是某某大学教授 does
            affiliate(person, org, person.start, org.end, 0.65, f"cue {cue}", cue)
        inner = re.match(r"[((]", folded[person.end:person.end + 1])
        org = starts.get(person.end + 1) if inner else None
        if org is not None and folded[org.end:org.end + 1] in ")）":  # 王某某(某某大学): the body in brackets
            affiliate(person, org, person.start, org.end + 1, 0.6, "X(Y): the body in brackets after a name", "(…)")
    # 某某大学举行…,党委书记王某某、校长李某某出席: a head's title with no body before it, in a sentence that
    # names a body of the kind the title heads (校长 a university, 所长 an institute, 董事长 a company)
    for person in (m for m in mentions if m.is_person and m.title and m.name not in placed):
        kinds = _HEADS.get(re.sub(r"^(?:常务|执行|名誉)?(?:副|代)?", "", person.title))
        if not kinds:
            continue
        lo = max(folded.rfind(c, 0, person.start) for c in "。!?\n") + 1
        fitting = [m for m in orgs if lo <= m.start and m.end <= person.start and m.source != "inner"
                   and (m.name.endswith(kinds) or m.cls in kinds)]
        if fitting and len({m.name for m in fitting}) == 1:
            org = fitting[-1]
            affiliate(person, org, org.start, person.end, 0.5, f"{person.title} of the {org.name} the sentence names",
                      person.title)
    # a team its leader brings: 某某研究所副所长A(研究员)带领农艺师B、C副研究员…赴: B and C are of the body A is
    people = sorted((m for m in mentions if m.is_person), key=lambda m: m.start)
    for leader in people:
        led = re.match(r"[\u4e00-\u9fff]{0,6}?(?:带领|率领)", folded[leader.end:leader.end + 10])
        bodies = affiliated.get(leader.start) or []
        if not led or len(bodies) != 1:
            continue
        stop = re.search(r"[,。;]|赴|到|前往|深入|一行|参加|出席", folded[leader.end + led.end():])
        hi = leader.end + led.end() + (stop.start() if stop else 0)
        for member in (m for m in people if leader.end < m.start and m.end <= hi):
            if member.name not in placed:
                affiliate(member, bodies[0], bodies[0].start, member.end, 0.55,
                          f"led by {leader.name} of {bodies[0].name}", led.group()[-2:])
    # 王某某(某某大学教授), 王某某,某某大学教授,…: the organisation written after a name with a title
    for person in (m for m in mentions if m.is_person):
        inner = re.match(r"[((,]", folded[person.end:person.end + 1])
        org = starts.get(person.end + 1) if inner else None
        rest = re.match(r"([^()(),。;]{0,12})[)),。]", folded[org.end:org.end + 14]) if org is not None else None
        if rest and re.fullmatch(_TITLE_LIST, rest.group(1)):
            affiliate(person, org, person.start, org.end, 0.65, "X(Y教授): the organisation after the name",
                      folded[person.end])
    # 某某大学王某某团队, 某某公司王某某一行, 某某研究院王某某告诉记者: a name with no title right after an
    # organisation's name is one of its people
    by_start = {m.start: m for m in mentions if m.is_person}
    for person in (m for m in mentions if m.is_person and m.start in ends and m.name not in placed and not m.title):
        org = ends[person.start]
        if org.cls != "MediaOrganization" and not re.match(r"[、和与及]", folded[person.end:person.end + 1]):
            affiliate(person, org, person.start, person.end, 0.55, "X某某: a name written right after its body",
                      org.name + person.name)
        elif org.cls != "MediaOrganization":  # 某某研究院A、B等完成: a list of its people closed by 等
            listed, pos = [person], person.end
            while folded[pos:pos + 1] == "、" and pos + 1 in by_start:
                listed.append(by_start[pos + 1])
                pos = listed[-1].end
            if len(listed) > 1 and folded[pos:pos + 1] == "等":
                for member in listed:
                    if member.name not in placed:
                        affiliate(member, org, person.start, member.end, 0.55,
                                  "X某某、某某等: names listed right after their body", org.name + person.name)
    # 某某大学聘请王某某为首席科学家: the body that appoints
    for person in (m for m in mentions if m.is_person):
        hired = re.search(r"(?:聘请|聘任|特聘|聘)(?:了)?$", folded[max(0, person.start - 4):person.start])
        if hired and re.match(r"(?:同志|先生|女士)?(?:为|担任)", folded[person.end:person.end + 4]):
            lo = max(folded.rfind(c, 0, person.start) for c in ",。;!?\n") + 1
            bodies = _outer([m for m in orgs if lo <= m.start and m.end <= person.start - len(hired.group())])
            if bodies:
                affiliate(person, bodies[-1], bodies[-1].start, person.end, 0.55, "X聘请某某为…: X appoints", "聘")
    # 王某某代表某某公司签约; 王某某、李某某分别代表甲、乙(双方)签字: who signs for whom
    for person in (m for m in mentions if m.is_person):
        cue = re.match(r"(?:[、和与及][^,。;、和与及]{2,12}?)*(分别)?代表", folded[person.end:person.end + 40])
        if not cue:
            continue
        at = person.end + cue.end()
        if not cue.group(1):
            if at in starts and not starts[at].is_person:
                affiliate(person, starts[at], person.start, starts[at].end, 0.6, "X代表Y: who acts for Y", "代表")
            continue
        signers = [m for m in mentions if m.is_person and person.start <= m.start and m.end <= person.end + cue.start(1)]
        bodies = []
        if folded.startswith("双方", at) or folded.startswith("各自", at):
            lo = max(folded.rfind(c, 0, person.start) for c in "。!?\n") + 1
            bodies = _outer([m for m in orgs if lo <= m.start and m.end <= person.start])
        else:
            listed = re.match(r"[^,。;]{2,80}?(?=签|出席|致辞|发言|讲话|,|。)", folded[at:])
            bodies = _outer([m for m in orgs if at <= m.start and m.end <= at + (listed.end() if listed else 0)])
        if len(bodies) == len(signers) >= 2:
            for who, body in zip(signers, bodies):
                affiliate(who, body, who.start, at, 0.55, "A、B分别代表X、Y: each signs for one", "分别代表")
    # 某某研究所王某某研究员、李某某副研究员; 院长王某某和副院长李某某: a name listed right after another
    # (with its title) belongs where the one before does, unless a rule gave it a body of its own
    people = sorted((m for m in mentions if m.is_person), key=lambda m: m.start)
    for before, person in zip(people, people[1:]):
        gap = folded[before.end:person.start]
        if person.name in placed or not affiliated.get(before.start) or \
                not re.fullmatch(f"(?:{_TITLE_LIST})?(?:、|和|及|与|以及)(?:{_TITLE_LIST})?", gap) or \
                re.search(r"(?:副|代)?[省市州县区]长$", gap):
            continue
        for org in affiliated[before.start]:
            affiliated.setdefault(person.start, []).append(org)
            affiliate(person, org, before.start, person.end, 0.55, f"listed after {before.name}", gap)
    person_visits(folded, mentions, orgs, universities, emit)
    # reporters named in a dateline without a title: 新华社兰州2月14日电(张文静、王北辰)
    for person in (m for m in mentions if m.is_person and not m.title and "dateline" in m.why):
        org = _byline_media(folded, orgs, person.start)
        if org:
            affiliate(person, org, org.start, person.end, 0.6, "a reporter in a dateline")
    # officials of a region written without their government's name: 州长某某, 副市长某某 belong to the
    # 州政府 / 市人民政府 the text names elsewhere
    governments = {}
    for m in orgs:
        region = re.fullmatch(r"(?:[\u4e00-\u9fff]{0,6}?)([省市州县区])(?:人民)?政府", m.name)
        if region:
            governments.setdefault(region.group(1), m)
    for person in (m for m in mentions if m.is_person and m.title):
        head = re.fullmatch(r"(?:副|代)?([省市州县区])长", person.title)
        if head and head.group(1) in governments:
            org = governments[head.group(1)]
            affiliate(person, org, person.start, person.end, 0.55, f"{person.title}: an official of {org.name}",
                      person.title)
    # bylines with no paper of their own (编辑:某某, (记者某某), a name closing the article) belong to the
    # source the article names (来源:某某日报, 某某网讯)
    source = _source_media(folded, orgs)
    if source is not None:
        for person in (m for m in mentions if m.is_person and m.name not in placed):
            byline = (person.title or "").endswith(("记者", "编辑", "主编", "摄影", "摄")) or \
                (person.title or "").endswith(":") or \
                "byline" in person.why or "dateline" in person.why
            if byline:
                affiliate(person, source, person.start, person.end, 0.5, f"a byline of the source {source.name}",
                          "byline")


# a head's title -> the ends of names (or classes) of the bodies it heads
_HEADS = {"校长": ("大学", "学院", "学校", "University"), "院长": ("院", "学院", "University"), "所长": ("所",),
          "董事长": ("公司", "集团", "Enterprise"), "总经理": ("公司", "集团", "Enterprise"),
          "党委书记": ("大学", "学院", "院", "所", "公司", "集团", "University", "Enterprise"),
          "党委副书记": ("大学", "学院", "院", "所", "公司", "集团", "University", "Enterprise"),
          "厅长": ("厅",), "局长": ("局",), "理事长": ("会", "联盟"), "会长": ("会",), "站长": ("站",)}
# a title, or titles joined by 、 or 兼 (教授、博士生导师), and nothing else
_TITLE_LIST = "(?:{0})(?:[、兼](?:{0}))*".format("|".join(re.escape(t) for t in sorted(set(TITLES) | set(TITLES_AFTER),
                                                                                   key=len, reverse=True)))


def _header_end(folded):
    """Where an article's header (title, date and source lines) ends: after its third line."""
    at = 0
    for _ in range(3):
        nxt = folded.find("\n", at)
        if nxt < 0:
            return len(folded)
        at = nxt + 1
        while folded[at:at + 1] == "\n":
            at += 1
    return at


def _source_media(folded, orgs):
    """The paper or site an article comes from: the one after 来源: on a header line, else the one before
    讯 or 电 in a dateline (某某网讯, 某某报讯)."""
    media = [m for m in orgs if m.cls == "MediaOrganization"]
    header = _header_end(folded)
    for m in media:  # only in the header: a 来源 line closing the article names the paper it was copied from
        if m.start < header and re.search(r"来源[::/]\s*(?:转载)?$", folded[max(0, m.start - 10):m.start]):
            return m
        if m.start < header and folded[m.start - 1:m.start] in ("", "\n") and \
                re.match(r"\s+[0-9]{4}-[0-9]{2}-[0-9]{2}", folded[m.end:m.end + 12]):
            return m  # a header line 甘肃日报 2018-08-10: the paper, then the date
    for m in media:
        if any(n.start <= m.start and m.end <= n.end and n is not m for n in media):
            continue  # 新华社客户端甘肃频道…电: the channel is the source, not the agency inside its name
        if re.match(r"[\u4e00-\u9fff0-9月日]{0,12}?[讯电]", folded[m.end:m.end + 13]):
            return m
    return None


def _byline_media(folded, orgs, pos):
    """The paper or agency a byline in brackets belongs to: the media name just before ``(`` on its line."""
    open_at = max(folded.rfind("(", 0, pos), folded.rfind("(", 0, pos))
    if open_at < 0 or "\n" in folded[open_at:pos]:
        return None
    line_start = folded.rfind("\n", 0, open_at) + 1
    media = [m for m in orgs if line_start <= m.start and m.end <= open_at and m.cls == "MediaOrganization"]
    # the last name before the bracket, whole (新华社客户端甘肃频道, not the 新华社 inside it)
    return max(media, key=lambda m: (m.end, m.end - m.start)) if media else None
