"""A synthetic innovation ecosystem in the project's ontology, for tests and benchmarks at scale.

``generate(actors, seed=..., out_dir=...)`` writes N-Triples (and, on request, Turtle) that follow
``docs/data-model.md``: provinces and cities, agencies issuing policies, institutes under academies,
universities and their laboratories, enterprises in industrial chains and clusters (memberships with
heavy-tailed sizes), consortia with lead/member/cooperating/supporting units, projects under programs,
partners abroad bound by dated agreements, researchers, technologies, dated figures and one evidence node per
stated fact, whose span and offsets point into a synthetic source text written beside the data
(``text[start:end] == span`` holds for every evidence node).

Everything is invented and marked so: every IRI is ``ikr:<kind>/synth-...``; names are built from
character lists. The output is a pure function of ``(actors, seed)`` and is written as it is generated,
so memory stays flat however many triples are asked for.

>>> import tempfile
>>> result = generate(300, seed=1, out_dir=tempfile.mkdtemp())
>>> result.actors >= 300, result.triples > 10 * result.actors
(True, True)
>>> again = generate(300, seed=1, out_dir=tempfile.mkdtemp())
>>> again.files[0].read_bytes() == result.files[0].read_bytes()
True
"""

import bisect
import itertools
import random
from dataclasses import dataclass, field
from pathlib import Path

from kg._atomic import atomic_write
from kg.synth_writer import _IKG, _IKR, _ORG, _PROV, _RDF, _SCHEMA, _SKOS, _Writer, _lit, _nothing

__all__ = ["SynthResult", "generate", "ROLES"]


#: role slug -> (zh, en) as the ontology labels them (ikr:role/<slug>; the ontology defines the roles,
#: so the synthetic data uses them without restating them)
ROLES = {
    "lead-unit": ("牵头单位", "lead unit"),
    "member-unit": ("成员单位", "member unit"),
    "cooperating-unit": ("合作成员单位", "cooperating member unit"),
    "supporting-unit": ("依托单位", "supporting unit"),
    "chain-enterprise": ("链上企业", "chain enterprise"),
    "chain-leader": ("链主企业", "chain leader"),
    "researcher": ("研究员", "researcher"),
}



@dataclass
class SynthResult:
    """What :func:`generate` wrote: data files, source texts, triple and actor counts per class."""

    files: list
    sources: list
    triples: int
    actors: int
    counts: dict = field(default_factory=dict)
    seed: int = 0


def generate(actors, *, seed=0, out_dir, turtle=False, source_size=20000):
    """Write a synthetic ecosystem of about ``actors`` actors to ``out_dir/synth.nt``.

    Parameters
    ----------
    actors : int
        Number of actor nodes to aim for (at least 100); triples grow linearly, about 33 per actor (31,000 actors give about 1M triples).
    seed : int
        Seed of the generator: the same ``(actors, seed)`` gives byte-identical files.
    out_dir : str or Path
        Folder for ``synth.nt`` (plus ``synth.ttl`` when ``turtle``) and ``sources/synth-NNNN.txt``.
    turtle : bool
        Also write the same triples as Turtle (subjects grouped, prefixed names).
    source_size : int
        Evidence sentences per synthetic source text.

    Returns
    -------
    SynthResult

    Examples
    --------
    >>> import tempfile
    >>> r = generate(200, seed=3, out_dir=tempfile.mkdtemp())
    >>> sorted(r.counts)[:3], r.files[0].name
    (['Academy', 'Agreement', 'City'], 'synth.nt')
    """
    if int(actors) < 100:
        raise ValueError(f"actors must be at least 100, got {actors}")
    out_dir = Path(out_dir)
    (out_dir / "sources").mkdir(parents=True, exist_ok=True)
    files = [out_dir / "synth.nt"] + ([out_dir / "synth.ttl"] if turtle else [])
    with atomic_write(files[0]) as nt, (atomic_write(files[1]) if turtle else _nothing()) as ttl:
        writer = _Writer(nt, ttl, out_dir / "sources", source_size)
        _Ecosystem(int(actors), random.Random(seed), writer).build()
        writer.close()
    return SynthResult(files=files, sources=writer.source_files, triples=writer.triples,
                       actors=sum(writer.counts.values()), counts=dict(sorted(writer.counts.items())),
                       seed=seed)


# helpers

_WORD = [("华", "Hua"), ("金", "Jin"), ("泰", "Tai"), ("宏", "Hong"), ("瑞", "Rui"), ("恒", "Heng"),
         ("鑫", "Xin"), ("达", "Da"), ("兴", "Xing"), ("丰", "Feng"), ("源", "Yuan"), ("天", "Tian"),
         ("盛", "Sheng"), ("安", "An"), ("明", "Ming"), ("远", "Yuan"), ("龙", "Long"), ("成", "Cheng"),
         ("光", "Guang"), ("海", "Hai"), ("正", "Zheng"), ("和", "He"), ("博", "Bo"), ("信", "Xin"),
         ("中", "Zhong"), ("通", "Tong"), ("晨", "Chen"), ("宇", "Yu"), ("峰", "Feng"), ("祥", "Xiang"),
         ("嘉", "Jia"), ("德", "De"), ("福", "Fu"), ("永", "Yong"), ("长", "Chang"), ("星", "Xing"),
         ("云", "Yun"), ("创", "Chuang"), ("科", "Ke"), ("启", "Qi")]
_PLACE = [("陇", "Long"), ("河", "He"), ("西", "Xi"), ("川", "Chuan"), ("岭", "Ling"), ("原", "Yuan"),
          ("凉", "Liang"), ("洮", "Tao"), ("祁", "Qi"), ("阳", "Yang"), ("平", "Ping"), ("宁", "Ning"),
          ("临", "Lin"), ("定", "Ding"), ("庆", "Qing"), ("武", "Wu"), ("白", "Bai"), ("南", "Nan"),
          ("北", "Bei"), ("东", "Dong"), ("泉", "Quan"), ("山", "Shan"), ("酒", "Jiu"), ("嘉", "Jia")]
_SURNAME = [("王", "Wang"), ("李", "Li"), ("张", "Zhang"), ("刘", "Liu"), ("陈", "Chen"), ("杨", "Yang"),
            ("赵", "Zhao"), ("黄", "Huang"), ("周", "Zhou"), ("吴", "Wu"), ("徐", "Xu"), ("孙", "Sun"),
            ("马", "Ma"), ("朱", "Zhu"), ("胡", "Hu"), ("郭", "Guo")]
_INDUSTRY = [("新材料", "New Materials"), ("生物医药", "Biomedicine"), ("电子信息", "Electronic Information"),
             ("装备制造", "Equipment Manufacturing"), ("新能源", "New Energy"), ("现代农业", "Modern Agriculture"),
             ("精细化工", "Fine Chemicals"), ("有色金属", "Nonferrous Metals"), ("数据科技", "Data Technology"),
             ("节能环保", "Environmental Protection"), ("航空航天", "Aerospace"), ("中医药", "Chinese Medicine")]
_FIELD = [("化学物理", "Chemical Physics"), ("近代物理", "Modern Physics"), ("寒旱区环境", "Arid Region Environment"),
          ("地质", "Geology"), ("农业科学", "Agricultural Sciences"), ("材料", "Materials"),
          ("能源", "Energy"), ("生态", "Ecology"), ("水利", "Water Resources"), ("自动化", "Automation")]
_AGENCIES = [("人民政府", "People's Government"), ("科学技术厅", "Department of Science and Technology"),
             ("工业和信息化厅", "Department of Industry and Information Technology"),
             ("发展和改革委员会", "Development and Reform Commission"), ("财政厅", "Department of Finance")]
_YEARS = (2021, 2022, 2023, 2024)

def _word(index, chars=_WORD, digits=2):
    """A unique (zh, en) word for ``index``: its digits in base len(chars), at least ``digits`` long."""
    zh, en = [], []
    while index or digits > 0:
        index, digit = divmod(index, len(chars))
        zh.append(chars[digit][0])
        en.append(chars[digit][1])
        digits -= 1
    return "".join(zh), "".join(en).capitalize()


class _Picker:
    """Draws indices in range(n) with Zipf weights 1/(rank+1)**exponent over a seeded permutation:
    a few items are drawn very often, most rarely (the heavy tail of chain and consortium membership)."""

    def __init__(self, rng, n, exponent=1.0):
        self.rng = rng
        self.order = list(range(n))
        rng.shuffle(self.order)
        self.cumulative = list(itertools.accumulate(1.0 / (rank + 1) ** exponent for rank in range(n)))

    def __call__(self):
        position = bisect.bisect_left(self.cumulative, self.rng.random() * self.cumulative[-1])
        return self.order[min(position, len(self.order) - 1)]

    def sample(self, count):
        """Up to ``count`` distinct indices (duplicates drawn are dropped; order kept)."""
        seen = {}
        for _ in range(count * 2):
            seen.setdefault(self(), None)
            if len(seen) >= count:
                break
        return list(seen)


class _Ecosystem:
    """Decides who exists and who is tied to whom; hands every fact to the writer."""

    def __init__(self, actors, rng, writer):
        self.n, self.rng, self.w = actors, rng, writer
        self.next_id = 0
        self.zh, self.en = {}, {}

    def build(self):
        n, rng, w = self.n, self.rng, self.w
        self._roles_and_concepts()
        w.publisher = self._org("MediaOrganization", 0, lambda z, e: (f"{z}合成日报", f"{e} Synthetic Daily"))
        provinces = self._places(max(3, min(34, n // 3000)), "Province", _PLACE, "省", "Province")
        cities = []
        for province in provinces:
            for _ in range(rng.randint(3, max(3, min(15, n // 2000)))):
                cities.append(self._place_in("City", province, len(cities)))
        city_pick = _Picker(rng, len(cities), 0.8)
        agencies = [self._agency(p, a) for p in provinces for a in range(len(_AGENCIES))]
        academies = [self._org("Academy", i, lambda z, e: (f"{z}科学院", f"{e} Academy of Sciences"),
                               cities[city_pick()]) for i in range(max(2, n // 5000))]
        institutes = []
        for i in range(max(4, n * 6 // 100)):
            field_zh, field_en = _FIELD[i % len(_FIELD)]
            iri = self._org("ResearchInstitute", i // len(_FIELD),
                            lambda z, e: (f"{z}{field_zh}研究所", f"{e} Institute of {field_en}"), cities[city_pick()])
            academy = academies[rng.randrange(len(academies))]
            w.relation(iri, _ORG + "subOrganizationOf", academy, self.zh[iri], self.zh[academy])
            institutes.append(iri)
        universities = [self._org("University", i, lambda z, e: (f"{z}大学", f"{e} University"), cities[city_pick()])
                        for i in range(max(3, n * 3 // 100))]
        for university in universities:
            agency = agencies[rng.randrange(len(agencies))]
            w.relation(university, "affiliatedWith", agency, self.zh[university], self.zh[agency])
        labs = []
        for i in range(max(2, n * 2 // 100)):
            field_zh, field_en = _FIELD[i % len(_FIELD)]
            host = rng.choice(universities if i % 2 else institutes)
            iri = self._org("Laboratory", i // len(_FIELD), lambda z, e: (f"{z}{field_zh}重点实验室",
                                                                            f"{e} Key Laboratory of {field_en}"))
            w.relation(host, "operates", iri, self.zh[host], self.zh[iri])
            labs.append(iri)
        enterprises = []
        for i in range(max(20, n * 60 // 100)):
            ind_zh, ind_en = _INDUSTRY[i % len(_INDUSTRY)]
            enterprises.append(self._org("Enterprise", i // len(_INDUSTRY),
                                         lambda z, e: (f"{z}{ind_zh}有限公司", f"{e} {ind_en} Co., Ltd."),
                                         cities[city_pick()]))
        enterprise_pick = _Picker(rng, len(enterprises), 0.9)
        zones = [self._org("HighTechZone", i, lambda z, e: (f"{z}高新技术产业开发区", f"{e} High-Tech Zone"),
                           cities[i]) for i in range(0, len(cities), 3)]
        self._figures_by_year(provinces, "high-tech-enterprise-count", "家", "enterprise")
        self._groups("IndustrialChain", "产业链", "Industrial Chain", max(3, n // 150), enterprises,
                     enterprise_pick, lead_role="chain-leader", role="chain-enterprise", sizes=(3, 400))
        self._groups("IndustrialCluster", "产业集群", "Industrial Cluster", max(2, n // 300), enterprises,
                     enterprise_pick, lead_role=None, role="member-unit", sizes=(3, 300))
        research = universities + institutes
        research_pick = _Picker(rng, len(research), 1.0)
        consortia = self._consortia(max(3, n * 15 // 1000), enterprises, enterprise_pick, research,
                                    research_pick, labs)
        programs = [self._org("Program", i, lambda z, e: (f"{z}科技行动", f"{e} Science and Technology Action"))
                    for i in range(max(2, n // 5000))]
        for program in programs:
            agency = rng.choice(agencies)
            w.relation(program, "implementedBy", agency, self.zh[program], self.zh[agency])
        self._policies(max(3, n * 2 // 100), agencies, enterprises, enterprise_pick, zones)
        self._projects(max(5, n * 7 // 100), enterprises, enterprise_pick, research, research_pick, agencies,
                       programs)
        self._abroad(max(3, n * 2 // 100), enterprises + research, consortia)
        self._technologies(max(3, n * 3 // 100), enterprises, enterprise_pick)
        self._people(max(3, n * 8 // 100), enterprises + research, enterprise_pick)
        self._enterprise_figures(enterprises)

    # -- actors --

    def _mint(self, kind):
        self.next_id += 1
        return f"{_IKR}{kind}/synth-{self.next_id:07d}"

    def _named(self, kind, cls, zh, en, extra=()):
        iri = self._mint(kind)
        self.zh[iri], self.en[iri] = zh, en
        self.w.actor(iri, cls, zh, en, extra)
        return iri

    def _places(self, count, cls, chars, suffix_zh, suffix_en):
        names = (_word(i, chars) for i in range(count))
        return [self._named("place", cls, f"{zh}{suffix_zh}", f"{en} {suffix_en}") for zh, en in names]

    def _place_in(self, cls, parent, index):
        zh, en = _word(index + 50, _PLACE)
        iri = self._named("place", cls, f"{zh}市", f"{en} City")
        self.w.relation(iri, "partOfPlace", parent, self.zh[iri], self.zh[parent])
        return iri

    def _org(self, cls, index, namer, city=None):
        zh, en = namer(*_word(index))
        iri = self._named("program" if cls == "Program" else "org", cls, zh, en)
        if city is not None:
            self.w.relation(iri, "locatedIn", city, zh, self.zh[city])
        return iri

    def _agency(self, province, kind):
        zh, en = _AGENCIES[kind]
        iri = self._named("org", "GovernmentBody", f"{self.zh[province]}{zh}", f"{self.en[province]} {en}")
        self.w.relation(iri, "locatedIn", province, self.zh[iri], self.zh[province])
        return iri

    # -- structures --

    def _membership(self, organization, member, role):
        w = self.w
        iri = f"{_IKR}membership/{organization.rsplit('/', 1)[1]}--{member.rsplit('/', 1)[1]}--{role}"
        role_iri = f"<{_IKR}role/{role}>"
        w.block(iri, [(_RDF + "type", f"<{_ORG}Membership>"), (_ORG + "organization", f"<{organization}>"),
                      (_ORG + "member", f"<{member}>"), (_ORG + "role", role_iri)])
        w.evidence(iri, _ORG + "member", f"<{member}>",
                   f"{self.zh[organization]}{ROLES[role][0]}：{self.zh[member]}。", self.zh[member])

    def _groups(self, cls, suffix_zh, suffix_en, count, members, pick, lead_role, role, sizes):
        rng = self.rng
        for i in range(count):
            ind_zh, ind_en = _INDUSTRY[i % len(_INDUSTRY)]
            group = self._org(cls, i // len(_INDUSTRY), lambda z, e: (f"{z}{ind_zh}{suffix_zh}",
                                                                      f"{e} {ind_en} {suffix_en}"))
            size = min(sizes[1], int(sizes[0] * rng.paretovariate(1.2)))
            chosen = pick.sample(size)
            for position, index in enumerate(chosen):
                self._membership(group, members[index], lead_role if lead_role and position == 0 else role)
            unnamed = rng.randint(0, 3 * size)
            self._figure(group, f"synth-{cls.lower()}-size", "家", "enterprise", len(chosen) + unnamed, 2024)

    def _consortia(self, count, enterprises, enterprise_pick, research, research_pick, labs):
        rng, out = self.rng, []
        for i in range(count):
            ind_zh, ind_en = _INDUSTRY[i % len(_INDUSTRY)]
            consortium = self._org("InnovationConsortium", i // len(_INDUSTRY),
                                   lambda z, e: (f"{z}{ind_zh}创新联合体", f"{e} {ind_en} Innovation Consortium"))
            lead = enterprises[enterprise_pick()] if rng.random() < 0.7 else research[research_pick()]
            self._membership(consortium, lead, "lead-unit")
            size = min(60, int(3 * rng.paretovariate(1.3)))
            members = {enterprises[j] for j in enterprise_pick.sample(size)}
            members |= {research[j] for j in research_pick.sample(max(1, size // 3))}
            members.discard(lead)
            for member in sorted(members):
                self._membership(consortium, member, "member-unit")
            for j in research_pick.sample(rng.randint(0, 4)):
                if research[j] not in members and research[j] != lead:
                    self._membership(consortium, research[j], "cooperating-unit")
            if rng.random() < 0.5:
                self._membership(consortium, rng.choice(labs), "supporting-unit")
            if rng.random() < 0.3:
                helper = research[research_pick()]
                self.w.relation(helper, "supportsConsortium", consortium, self.zh[helper], self.zh[consortium])
            out.append(consortium)
        return out

    def _policies(self, count, agencies, enterprises, enterprise_pick, zones):
        rng, w = self.rng, self.w
        for i in range(count):
            ind_zh, ind_en = _INDUSTRY[i % len(_INDUSTRY)]
            cls = "PolicyDocument" if i % 3 else "Mechanism"
            zh, en = _word(i // len(_INDUSTRY))
            iri = self._named("policy", cls, f"{zh}{ind_zh}创新支持办法", f"{en} {ind_en} Innovation Support Measures")
            agency = rng.choice(agencies)
            w.relation(iri, "issuedBy", agency, self.zh[iri], self.zh[agency])
            w.relation(iri, "implementedBy", rng.choice(agencies), self.zh[iri], self.zh[agency])
            for j in enterprise_pick.sample(rng.randint(0, 5)):
                w.relation(iri, "appliesTo", enterprises[j], self.zh[iri], self.zh[enterprises[j]])
            if cls == "Mechanism" and zones:
                zone = rng.choice(zones)
                w.relation(iri, "pilotedIn", zone, self.zh[iri], self.zh[zone])

    def _projects(self, count, enterprises, enterprise_pick, research, research_pick, agencies, programs):
        rng, w = self.rng, self.w
        for i in range(count):
            ind_zh, ind_en = _INDUSTRY[i % len(_INDUSTRY)]
            zh, en = _word(i // len(_INDUSTRY))
            iri = self._named("project", "Project", f"{zh}{ind_zh}关键技术研发项目",
                              f"{en} {ind_en} Key Technology R&D Project")
            lead = enterprises[enterprise_pick()] if rng.random() < 0.6 else research[research_pick()]
            w.relation(iri, "ledBy", lead, self.zh[iri], self.zh[lead])
            partners = {enterprises[j] for j in enterprise_pick.sample(min(12, int(rng.paretovariate(1.5))))}
            partners |= {research[j] for j in research_pick.sample(rng.randint(0, 2))}
            for partner in sorted(partners - {lead}):
                w.relation(iri, "participant", partner, self.zh[iri], self.zh[partner])
            agency = rng.choice(agencies)
            w.relation(iri, "supportedBy", agency, self.zh[iri], self.zh[agency])
            if rng.random() < 0.5:
                program = rng.choice(programs)
                w.relation(iri, "partOfProgram", program, self.zh[iri], self.zh[program])

    def _abroad(self, count, home, consortia):
        rng, w = self.rng, self.w
        countries = [self._named("place", "Country", f"{z}国", f"Republic of {e}") for z, e in
                     (_word(i + 7, _PLACE) for i in range(10))]
        for i in range(count):
            country = countries[min(int(rng.paretovariate(1.0)) - 1, len(countries) - 1)]
            if i % 3:
                ind_zh, ind_en = _INDUSTRY[i % len(_INDUSTRY)]
                partner = self._org("Enterprise", 100000 + i, lambda z, e: (f"{z}{ind_zh}国际公司",
                                                                            f"{e} {ind_en} International"), country)
            else:
                partner = self._org("University", 100000 + i, lambda z, e: (f"{z}理工大学",
                                                                            f"{e} Institute of Technology"), country)
            local = rng.choice(home)
            zh, en = _word(i)
            agreement = self._named("agreement", "Agreement", f"{zh}国际合作协议", f"{en} International Cooperation Agreement")
            for party in (local, partner):
                w.relation(agreement, "party", party, self.zh[agreement], self.zh[party])
            self._signed(agreement, i)
            if consortia and rng.random() < 0.2:
                self._membership(rng.choice(consortia), partner, "cooperating-unit")

    def _signed(self, agreement, i):
        """The month an agreement was signed, 2016-01 to 2025-12, with its evidence: ``--as-of`` has
        something to leave out. Worked out from ``i``, not drawn: the rest of the graph is the same
        with or without dates."""
        year, month = 2016 + (i * 7) % 10, 1 + (i * 5) % 12
        date = _lit(f"{year}-{month:02d}", datatype="gYearMonth")
        self.w.block(agreement, [(_IKG + "date", date)])
        span = f"{year}年{month}月"
        self.w.evidence(agreement, _IKG + "date", date, f"{span}，{self.zh[agreement]}签署。", span)

    def _technologies(self, count, enterprises, enterprise_pick):
        for i in range(count):
            ind_zh, ind_en = _INDUSTRY[i % len(_INDUSTRY)]
            zh, en = _word(i // len(_INDUSTRY))
            iri = self._named("technology", "Technology" if i % 2 else "Product", f"{zh}{ind_zh}技术",
                              f"{en} {ind_en} Technology")
            developer = enterprises[enterprise_pick()]
            self.w.relation(iri, "developedBy", developer, self.zh[iri], self.zh[developer])

    def _people(self, count, employers, enterprise_pick):
        for i in range(count):
            surname_zh, surname_en = _SURNAME[i % len(_SURNAME)]
            given_zh, given_en = _word(i // len(_SURNAME))
            iri = self._named("person", "Person", f"{surname_zh}{given_zh}", f"{surname_en} {given_en}")
            self._membership(self.rng.choice(employers), iri, "researcher")

    # -- figures --

    def _roles_and_concepts(self):
        w = self.w
        self.measures = {}
        for slug, zh, en, cls in [("high-tech-enterprise-count", "高新技术企业数量", "high-tech enterprise count", "Concept"),
                                  ("rd-spending", "研发投入", "R&D spending", "Concept"),
                                  ("industrialchain-size", "产业链企业数量", "chain enterprise count", "CollectiveMeasure"),
                                  ("industrialcluster-size", "产业集群企业数量", "cluster enterprise count", "CollectiveMeasure")]:
            iri = f"{_IKR}measure/synth-{slug}"
            self.measures[f"synth-{slug}"] = (iri, zh)
            pairs = [(_RDF + "type", f"<{_SKOS}Concept>"), (_SKOS + "prefLabel", _lit(zh, "zh")),
                     (_SKOS + "prefLabel", _lit(en, "en"))]
            if cls == "CollectiveMeasure":  # the unnamed rest of a chain or cluster: counted, never minted
                role = "chain-enterprise" if "chain" in slug else "member-unit"
                pairs += [(_RDF + "type", f"<{_IKG}CollectiveMeasure>"), (_IKG + "countsRole", f"<{_IKR}role/{role}>"),
                          (_IKG + "countsClass", f"<{_IKG}Enterprise>")]
            w.block(iri, pairs)
        for slug, zh, en in [("enterprise", "家", "enterprises"), ("ten-thousand-yuan", "万元", "10,000 yuan")]:
            w.block(f"{_IKR}unit/synth-{slug}", [(_RDF + "type", f"<{_SKOS}Concept>"),
                                                 (_SKOS + "prefLabel", _lit(zh, "zh")),
                                                 (_SKOS + "prefLabel", _lit(en, "en"))])

    def _figures_by_year(self, subjects, measure, unit_zh, unit):
        for subject in subjects:
            for year in _YEARS:
                self._figure(subject, f"synth-{measure}", unit_zh, unit, self.rng.randint(200, 3000), year)

    def _enterprise_figures(self, enterprises):
        rng = self.rng
        for iri in enterprises[::3]:
            self._figure(iri, "synth-rd-spending", "万元", "ten-thousand-yuan", rng.randint(50, 50000),
                         rng.choice(_YEARS))

    def _figure(self, subject, measure, unit_zh, unit, value, year):
        w = self.w
        measure_iri, measure_zh = self.measures[measure]
        iri = f"{_IKR}figure/{subject.rsplit('/', 1)[1]}-{measure}-{year}"
        w.block(iri, [(_RDF + "type", f"<{_IKG}Figure>"), (_IKG + "subject", f"<{subject}>"),
                      (_IKG + "measure", f"<{measure_iri}>"), (_SCHEMA + "value", _lit(value, datatype="integer")),
                      (_SCHEMA + "unitText", _lit(unit_zh, "zh")), (_IKG + "unit", f"<{_IKR}unit/synth-{unit}>"),
                      (_IKG + "time", _lit(year, datatype="gYear")),
                      (_PROV + "wasDerivedFrom", f"<{w.current_source()}>")])
        span = f"{value}{unit_zh}"
        w.evidence(iri, _SCHEMA + "value", _lit(value, datatype="integer"),
                   f"{year}年，{self.zh[subject]}{measure_zh}为{span}。", span)
