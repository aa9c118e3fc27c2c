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

from kg.extract.affiliations import affiliations, name_relations
from kg.extract.events import EVENT_RULES
from kg.extract.links import LINK_RULES
from kg.extract.roles import ROLE_RULES
from kg.extract.sentence import Sentence, _clause_around
from kg.extract.text import fold, sentence_spans
from kg.extract.visits import VISIT_RULES

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
    # a zone's or park's management committee runs it (某某高新区管委会 -> 某某高新区)
    "operates": IKG + "operates",
}

#: the classes an ``org:Membership``'s organisation may have (ontology/shapes.ttl: ``sh:class ikg:Organization``):
#: a role relation whose object is a facility, a place or a document would fail ``kg build``'s validation
ORGANIZATION_CLASSES = {"Organization", "GovernmentBody", "ResearchInstitute", "Academy", "University", "Enterprise",
                        "Hospital", "TestingInstitute", "Bank", "Laboratory", "NationalPlatform", "HighTechZone",
                        "Park", "MediaOrganization", "Team", "InnovationConsortium", "IndustrialCluster",
                        "IndustrialChain"}
#: words that stand for bodies named before (a sentence with no name of its own may still state a relation)
_REFERS = re.compile(r"双方|两家|该|这家|这所|公司|学校|我校")
#: what a zone's managing body is called after the zone's name
_COMMITTEE = re.compile(r"(?:管委会|管理委员会|党工委|党工委管委会)$")

# the rule families, in the order they run on each sentence: kg.extract.roles (lead units, role nouns
# (ROLE_NOUNS), founders, agreements, hosts, members), kg.extract.events (places, support, structure,
# documents, pilots, approvals), kg.extract.visits, then kg.extract.links (下发《…》, a project's bodies,
# 在X调研期间)
_RULES = ROLE_RULES + EVENT_RULES + VISIT_RULES + LINK_RULES


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
        if RELATIONS.get(relation, "").startswith(ROLE) and getattr(obj, "cls", None) not in ORGANIZATION_CLASSES:
            return  # a role in a facility or a place: no org:Membership the shapes accept
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
    context = {"container": None, "all": sorted(mentions, key=lambda m: m.start), "of": {}}
    # each person's organisations, for the bodies people sign for (某某大学校长A、某某集团总经理B代表双方签约);
    # the bodies a person visits are not the person's
    affiliations(folded, mentions, lambda person, relation, org, *args, **kwargs: relation == "visited" or
                 context["of"].setdefault((person.start, person.end), []).append(org))
    for s_start, s_end in sentence_spans(folded):
        in_sentence = [m for m in mentions if s_start <= m.start and m.end <= s_end]
        if in_sentence or _REFERS.search(folded, s_start, s_end):  # 双方签订…: no name, the bodies before
            sentence = Sentence(folded, s_start, s_end, in_sentence, emit, context)
            for rule in _RULES:
                rule(sentence)
        context["previous"] = [m for m in in_sentence if not m.is_person and not m.is_place]  # for 双方 next
        named = [m for m in in_sentence if m.cls in ("InnovationConsortium", "NationalPlatform", "Laboratory")]
        if named:
            context["container"] = named[-1]
    name_relations(mentions, emit)
    _operators(mentions, emit)
    affiliations(folded, mentions, emit)
    return found


def _operators(mentions, emit):
    """某某高新区管委会 and 某某高新区 both named: the committee runs the zone (``operates``), from the names
    alone (白银某某工业集中区管委会 also runs 某某工业集中区, the zone written without its city)."""
    zones = {}
    for m in mentions:
        if getattr(m, "cls", None) in ("HighTechZone", "Park") and len(m.name) >= 4:
            zones.setdefault(m.name, m)
    for m in mentions:
        base = _COMMITTEE.sub("", m.name) if getattr(m, "cls", None) == "GovernmentBody" else ""
        if not base or base == m.name:
            continue
        zone = zones.get(base) or next((z for name, z in zones.items() if base.endswith(name)), None)
        if zone is not None:
            emit(m, "operates", zone, m.start, m.end, 0.55, f"{m.name} is the committee of {zone.name}", m.name,
                 clause=False)
