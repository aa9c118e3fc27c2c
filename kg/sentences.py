"""A fact of the graph as a sentence, in Chinese or English, from one template per relation.

The reader's fact panel, actor pages and dossiers say each relation the same way: :func:`sentence_parts`
cuts a relation's template into text and the two actors (so a page can link each actor), and
:func:`sentence` joins them into plain text. A relation with no template of its own reads from its
label: ``{s} is <label> {o}`` for an English label ending in a preposition ("supported by"), else
``{s}: <label> {o}``; in Chinese ``{s}的<label>：{o}``. A membership (``org:Membership``) reads as
"{member} is a {role} of {organisation}" (:func:`membership_parts`).

>>> sentence("https://w3id.org/innovation-kg/ontology#developedBy", "AB-BNCT技术", "兰州大学", "zh")
'AB-BNCT技术由兰州大学研发'
>>> sentence("https://w3id.org/innovation-kg/ontology#developedBy", "AB-BNCT", "Lanzhou University", "en")
'AB-BNCT was developed by Lanzhou University'
>>> sentence("urn:x#fundedBy", "A", "B", "en", label="funded by"), sentence("urn:x#p", "甲", "乙", "zh", label="伙伴")
('A is funded by B', '甲的伙伴：乙')
>>> "".join(p if isinstance(p, str) else p["label"] for p in membership_parts(
...     {"label": "兰州大学"}, "成员单位", {"label": "联合体"}, "zh"))
'兰州大学是联合体的成员单位'
"""

import re

__all__ = ["RELATION_TEMPLATES", "sentence_parts", "sentence", "membership_parts", "membership_sentence"]

#: relation local name -> (English, Chinese) template; ``{s}`` the subject, ``{o}`` the object
RELATION_TEMPLATES = {
    "sector": ("{s} is in the {o} sector", "{s}属于{o}领域"),
    "partOfPlace": ("{s} is part of {o}", "{s}隶属于{o}"),
    "developedBy": ("{s} was developed by {o}", "{s}由{o}研发"),
    "implementedBy": ("{s} is implemented by {o}", "{s}由{o}实施"),
    "distinction": ("{s} is distinguished as {o}", "{s}获评{o}"),
    "locatedIn": ("{s} is located in {o}", "{s}位于{o}"),
    "subOrganizationOf": ("{s} is a sub-organisation of {o}", "{s}隶属于{o}"),
    "reportedBy": ("{s} is reported by {o}", "{s}由{o}提供"),
    "issuedBy": ("{s} was issued by {o}", "{s}由{o}印发"),
    "partOfProgram": ("{s} is part of the programme {o}", "{s}属于{o}"),
    "participant": ("{o} takes part in {s}", "{o}参与{s}"),
    "affiliatedWith": ("{s} is affiliated with {o}", "{s}隶属于{o}"),
    "visited": ("{s} visited {o}", "{s}走访了{o}"),
    "party": ("{o} is a party to {s}", "{o}是{s}的协议方"),
    "promotedBy": ("{s} is promoted by {o}", "{s}由{o}推动"),
    "pilotedIn": ("{s} is piloted in {o}", "{s}在{o}试点"),
    "awarded": ("{s} was awarded {o}", "{s}获得{o}"),
    "appliesTo": ("{s} applies to {o}", "{s}适用于{o}"),
    "supportedBy": ("{s} is supported by {o}", "{s}得到{o}的支持"),
    "date": ("{s} is dated {o}", "{s}的日期为{o}"),
    "startDate": ("{s} started in {o}", "{s}始于{o}"),
    "recommendedBy": ("{s} was recommended by {o}", "{s}由{o}推荐"),
    "operates": ("{s} operates {o}", "{s}建有{o}"),
    "providesTechnicalForceTo": ("{s} provides technical strength to {o}", "{s}为{o}提供技术力量"),
    "listIsPartialFor": ("the article names only some of the {o} of {s}", "文中{s}的{o}名单未列全"),
    "basedOn": ("{s} is based on {o}", "{s}基于{o}"),
    "providesTestingPriorityTo": ("{s} gives testing priority to {o}", "{s}为{o}提供检验检测优先支持"),
    "milestone": ("{s} reached a milestone: {o}", "{s}取得进展：{o}"),
    "commissionedBy": ("{s} was commissioned by {o}", "{s}的发榜方是{o}"),
    "approvedBy": ("{s} was approved by {o}", "{s}经{o}审批"),
    "governs": ("{s} governs {o}", "{s}管辖{o}"),
    "ledBy": ("{s} is led by {o}", "{s}由{o}牵头"),
    "producedIn": ("{s} is made in {o}", "{s}产于{o}"),
    "givesAccessTo": ("{s} gives access to {o}", "{s}对接{o}"),
    "usedBy": ("{s} is used by {o}", "{s}应用于{o}"),
    "organizer": ("{o} organised {s}", "{o}主办{s}"),
    "jobTitle": ("{s}'s title is {o}", "{s}的职务为{o}"),
    "title": ("{s} is titled {o}", "{s}的标题为{o}"),
    "alternative": ("{s} is also titled {o}", "{s}又题为{o}"),
    "prefLabel": ("{s} is named {o}", "{s}名为{o}"),
    "altLabel": ("{s} is also called {o}", "{s}又称{o}"),
    "member": ("{o} is a member of {s}", "{o}是{s}的成员"),
    "hasMember": ("{o} is a member of {s}", "{o}是{s}的成员"),
    "memberOf": ("{s} is a member of {o}", "{s}是{o}的成员"),
}

_MEMBERSHIP = ("{m} is a {r} of {o}", "{m}是{o}的{r}")
_PREPOSITIONS = ("by", "of", "in", "to", "with", "for", "on", "at", "from", "into", "as")
_LOCAL = re.compile(r"[^#/]*$")


def sentence_parts(predicate, subject, obj, lang, label=None):
    """The sentence of ``subject predicate obj`` as a list: strings and the two actors (``subject``, ``obj``
    as given: a label, or a dict a page links), in the order the sentence has them.

    >>> sentence_parts("urn:o#locatedIn", {"label": "兰州大学"}, {"label": "兰州"}, "zh")
    [{'label': '兰州大学'}, '位于', {'label': '兰州'}]
    """
    template = _template(predicate, lang, label)
    parts = []
    for piece in re.split(r"(\{[so]\})", template):
        if piece == "{s}":
            parts.append(subject)
        elif piece == "{o}":
            parts.append(obj)
        elif piece:
            parts.append(piece)
    return parts


def sentence(predicate, subject, obj, lang, label=None):
    """:func:`sentence_parts` as one string (actors given as their names)."""
    return "".join(_text(part) for part in sentence_parts(predicate, subject, obj, lang, label))


def membership_parts(member, role, organisation, lang):
    """"{member} is a {role} of {organisation}" (``role``: the role's label) as :func:`sentence_parts` does."""
    template = _MEMBERSHIP[1 if lang == "zh" else 0]
    if lang != "zh" and str(role)[:1].lower() in "aeiou":
        template = template.replace(" a {r}", " an {r}")
    parts = []
    for piece in re.split(r"(\{[mro]\})", template):
        parts.append({"{m}": member, "{o}": organisation, "{r}": str(role)}.get(piece, piece))
    return [part for part in parts if part != ""]


def membership_sentence(member, role, organisation, lang):
    """:func:`membership_parts` as one string.

    >>> membership_sentence("Lanzhou University", "member unit", "the consortium", "en")
    'Lanzhou University is a member unit of the consortium'
    """
    return "".join(_text(part) for part in membership_parts(member, role, organisation, lang))


# helpers

def _template(predicate, lang, label):
    local = _LOCAL.search(str(predicate)).group(0) or str(predicate)
    known = RELATION_TEMPLATES.get(local)
    if known:
        return known[1 if lang == "zh" else 0]
    label = str(label or local)
    if lang == "zh":
        return "{s}的" + label + "：{o}"
    if label.split()[-1:] and label.split()[-1].lower() in _PREPOSITIONS:
        return "{s} is " + label + " {o}"
    return "{s}: " + label + " {o}"


def _text(part):
    if isinstance(part, dict):
        return str(part.get("label") or part.get("iri") or "")
    return str(part)
