"""Units of a body that a sentence lists without a verb: the units written after one whose parent is named
inside it (某某大学第一医院、第二医院、药学院等: all of the university), a unit written right after its
parent's name (中科院兰州分院 read as two names), a school of the university whose own news says 我校, and
the parks or branches a body counts (某某高新区拥有A、B等五个园区).

>>> from kg.extract.relations import find_relations
>>> from kg.extract.mentions import find_mentions
>>> text = "祁连大学第一医院、药学院等单位参加。"
>>> sorted((r.subject, r.relation, r.object) for r in find_relations(text, find_mentions(text)))
[('祁连大学第一医院', 'sub-organization', '祁连大学'), ('药学院', 'sub-organization', '祁连大学')]
"""

import re

from kg.extract import lexicon

__all__ = ["STRUCTURE_RULES"]

#: what a unit's name ends with (学院, 医院, 处, 分院, 办公室…); an institute (研究所, 研究院) is as often a
#: body of its own
_UNIT = re.compile(r"(?:学院|医院|研究生院|分院|分公司|分中心|办公室|[处局科室系])$")
#: the longest a bare unit's name is (第二医院, 生命科学学院, 商文旅局): a longer one names a body of its own
_UNIT_LENGTH = 8
#: bodies that have units (a university's schools, an academy's institutes, a group's companies)
_PARENTS = ("Academy", "University", "ResearchInstitute", "Enterprise", "GovernmentBody", "Hospital",
            "HighTechZone", "Park", "Association", "Organization")
#: a list closed as one body's departments: 等部门, 等单位负责人, 等院系
_DEPARTMENTS = re.compile(r"等(?:[0-9一二三四五六七八九十]+[个家])?(?:部门|单位|院系|学院|科室|处室|二级单位|下属单位)")
#: what joins the members of a list
_JOINER = re.compile(r"、|和|及|以及|与")
#: what a body counts as its units after 拥有/包括/下辖 (等五个园区, 等3家子公司)
_COUNTED = re.compile(r"等?(?:[0-9一二两三四五六七八九十]+(?:个|家|所))(?:园区|片区|分园|产业园|分院|研究所|二级学院|学院|子公司|分公司)")
#: a place a body keeps a unit in (天水, 甘肃省, 兰州新区, 新疆): a known province or city, or a name of a region
_PLACE = (r"(?:" + "|".join(sorted({*lexicon.PROVINCES, *lexicon.CITIES}, key=len, reverse=True)) +
          r")(?:省|市|州|县|区|新区)?|[\u4e00-\u9fff]{2,4}?(?:省|市|州|县|新区)")
#: what a unit kept elsewhere is called
_BRANCH = re.compile(r"(?:分公司|分院|分中心|分所|分行|研究院|研究所|办事处|中心|基地|工作站)$")
_PLACES = tuple(sorted({*lexicon.PROVINCES, *lexicon.CITIES, "中国", "全国", "国家"}, key=len, reverse=True))


def units_listed(s):
    """某某大学第一医院、第二医院、药学院等单位 / 某某新区商文旅局、农投集团等部门: the bare units of a list
    closed as departments, after a unit whose parent is named inside it, belong to that parent (an open
    list names bodies of their own as often); 中科院兰州分院 (two names side by side): the second is a unit
    of the first."""
    inner = {(m.start, m.name): m for m in s.mentions if m.source == "inner"}
    for a in s.orgs:
        parent = inner.get((a.start, a.parent)) if a.parent else None
        before = next((p for p in s.orgs if p.end == a.start and p is not a), None)
        if parent is None and before is not None and before.cls in _PARENTS and _is_unit(a, adjacent=True):
            parent = before
            s.emit(a, "sub-organization", parent, parent.start, a.end, 0.55,
                   f"{a.name} written right after {parent.name}: its unit", parent.name + a.name)
        if parent is None or parent.cls not in _PARENTS:
            continue
        listed, closed = _list_after(s, a)
        if not closed or not all(_is_unit(b, suffix=False) for b in listed):
            continue  # 某某大学第一医院、甘肃省某某医院: a list of bodies of their own, not one body's units
        for b in listed:
            s.emit(b, "sub-organization", parent, a.start, b.end, 0.55,
                       f"listed after {a.name}, a unit of {parent.name}", "、")


def our_schools(s):
    """我校交通运输学院、土木工程学院负责人参加: in a university's own news, the bare schools of a sentence
    that says 我校/本校/学校 are the university's."""
    if not re.search(r"我校|本校|该校|学校", s.folded[s.start:s.end]):
        return
    tops = {m.name: m for m in s.context["all"] if m.cls == "University" and not m.is_place
            and m.source != "inner" and m.name.endswith("大学") and not m.parent}
    if len(tops) != 1:
        return
    top = next(iter(tops.values()))
    for m in s.orgs:
        if m.cls == "University" and m.name != top.name and m.name.endswith("学院") and _is_unit(m):
            s.emit(m, "sub-organization", top, m.start, m.end, 0.5,
                   f"a school in the news of {top.name} (我校)", "我校")


def counted_units(s):
    """X拥有/包括/下辖A、B等五个园区: the parks, branches or schools a body counts are its units."""
    for cue in s.cues(["拥有", "包括", "下辖", "辖"]):
        parent = s.before(cue.start(), tail=r"(?:已|现|目前|共|还|先后)*(?:已|现|共)?")[-1:]
        children, end = _items(s, cue.end() + (s.folded[cue.end()] == "了"))
        if not parent or not children or not _COUNTED.match(s.folded, end):
            continue
        for c in children:
            if c is not parent[0]:
                s.emit(c, "sub-organization", parent[0], cue.start(), cue.end(), 0.55,
                       f"counted among the units of {parent[0].name} ({cue.group()})", cue.group())


def set_up_elsewhere(s):
    """X设在/设于Y的Z, X在Y设立(的)Z (Y a place): the branch or institute a body keeps elsewhere is its unit
    (某某大学设在天水的某某研究院, 某某集团在兰州设立的分公司)."""
    for cue in re.finditer(rf"(?:设在|设于)({_PLACE})的“?|在({_PLACE})设立(?:了)?(?:的)?“?", s.folded[:s.end]):
        if cue.start() < s.start:
            continue
        owner = s.before(cue.start(), tail=r"")
        if len(owner) != 1:
            continue  # X与Y在兰州设立Z: a joint body, founded by both (kg.extract.roles)
        for unit in s.after(cue.end())[:1]:
            if unit is not owner[-1] and _BRANCH.search(unit.name):
                s.emit(unit, "sub-organization", owner[-1], cue.start(), cue.end(), 0.55,
                       f"{owner[-1].name}{cue.group()}: a unit it keeps there", cue.group())


#: the rules of this module, in the order they run on each sentence
STRUCTURE_RULES = (units_listed, our_schools, counted_units, set_up_elsewhere)


# helpers

def _is_unit(m, adjacent=False, suffix=True):
    """Whether ``m`` reads as a bare unit of a body: a unit's suffix (unless ``suffix`` is false: the list
    says 等部门), no parent of its own, and (unless it is written right after its parent) no place opening it (兰州城市学院 is a
    college of its own)."""
    if m.is_person or m.is_place or m.parent or m.name.endswith("大学") or not 3 <= len(m.name) <= _UNIT_LENGTH:
        return False
    if suffix and not _UNIT.search(m.name):
        return False
    return adjacent or not m.name.startswith(_PLACES)


def _list_after(s, first):
    """The organisations listed after ``first`` (、/和/及; an item that is no name is stepped over) and
    whether the list is closed as one body's departments (等部门)."""
    if not _JOINER.match(s.folded, first.end):
        return [], False
    listed, pos = _items(s, _JOINER.match(s.folded, first.end).end())
    return listed, bool(_DEPARTMENTS.match(s.folded, pos))


def _items(s, pos):
    """The organisations of the list that starts at ``pos`` (an item that is no name is stepped over), and
    where the list ends."""
    listed = []
    starts = {m.start: m for m in s.orgs}
    while True:
        if pos in starts:
            listed.append(starts[pos])
            pos = starts[pos].end
        else:
            skip = re.match(r"[\u4e00-\u9fff]{2,10}?(?=、|和|及|以及|与|等)", s.folded[pos:pos + 14])
            if not skip:
                break
            pos += skip.end()
        join = _JOINER.match(s.folded, pos)
        if not join:
            break
        pos = join.end()
    return listed, pos
