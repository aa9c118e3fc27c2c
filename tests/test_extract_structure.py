"""Structure rules (kg.extract.structure and the parents named inside names): who is whose unit.

Every sentence is written for these tests, with made-up bodies; the direction is checked both ways (the
unit is the subject, its parent the object, never the reverse), and each construction has a case that must
not fire.
"""

from tests.test_extract_relations import check, relations


# -- units listed after a unit whose parent is named inside it ---------------------------------

def test_units_listed_as_departments_belong_to_the_parent_named_in_the_first():
    check("祁连大学第一医院、药学院、研究生院等单位负责人参加座谈。",
          [("祁连大学第一医院", "sub-organization", "祁连大学"), ("药学院", "sub-organization", "祁连大学")],
          [("祁连大学", "sub-organization", "药学院")])


def test_units_of_a_zone_listed_as_its_departments():
    check("会上,天水高新区商务局、农投集团、商投集团等部门负责人发言。",
          [("农投集团", "sub-organization", "天水高新区"), ("商投集团", "sub-organization", "天水高新区")],
          [("天水高新区", "sub-organization", "农投集团")])


def test_an_open_list_names_bodies_of_their_own():
    """No 等部门/等单位: the others in the list are not the first one's parent's units."""
    found = relations("祁连大学第一医院、药学院、陇东某某研究院参加。")
    assert ("药学院", "sub-organization", "祁连大学") not in found


def test_a_list_with_a_body_of_its_own_is_no_list_of_units():
    found = relations("祁连大学第一医院、甘肃省人民医院、药学院等单位参加。")
    assert not {("甘肃省人民医院", "sub-organization", "祁连大学"), ("药学院", "sub-organization", "祁连大学")} & found


# -- a school in a university's own news (我校) -------------------------------------------------

def test_schools_in_the_universitys_own_news():
    text = "祁连交通大学与某局座谈。我校副校长出席,交通运输学院、机电工程学院负责人参加。"
    check(text, [("交通运输学院", "sub-organization", "祁连交通大学"), ("机电工程学院", "sub-organization", "祁连交通大学")],
          [("祁连交通大学", "sub-organization", "交通运输学院")])


def test_schools_without_we_are_not_given_a_university():
    found = relations("祁连交通大学与某局座谈。交通运输学院、机电工程学院负责人参加。")
    assert ("交通运输学院", "sub-organization", "祁连交通大学") not in found


def test_schools_when_two_universities_are_named_are_given_to_neither():
    found = relations("祁连交通大学、河西农业大学座谈。我校交通运输学院负责人参加。")
    assert not any(r[0] == "交通运输学院" and r[1] == "sub-organization" for r in found)


# -- the parks a body counts (拥有A、B等N个园区) ---------------------------------------------------

def test_parks_a_zone_counts_are_its_units():
    check("白银高新区目前拥有银西产业园、刘川工业园区等两个园区。",
          [("银西产业园", "sub-organization", "白银高新区"), ("刘川工业园区", "sub-organization", "白银高新区")],
          [("白银高新区", "sub-organization", "银西产业园")])


def test_a_list_a_body_has_without_a_count_of_units_says_nothing():
    found = relations("白银高新区拥有银西产业园、刘川工业园区等企业。")
    assert not any(r[1] == "sub-organization" for r in found)


# -- parents named inside names ----------------------------------------------------------------

def test_a_park_named_after_its_zone_is_a_unit_of_it():
    check("天水高新区新材料产业园建成。", [("天水高新区新材料产业园", "sub-organization", "天水高新区")],
          [("天水高新区新材料产业园", "located-in", "天水高新区"), ("天水高新区", "sub-organization", "天水高新区新材料产业园")])


def test_an_office_of_a_zone_is_a_unit_and_its_committee_runs_it():
    check("天水高新区办公室发布通知。", [("天水高新区办公室", "sub-organization", "天水高新区")])
    found = relations("天水高新区管委会发布通知。")
    assert ("天水高新区管委会", "sub-organization", "天水高新区") not in found


def test_a_unit_named_after_a_body_the_text_names_alone():
    """The name found inside is cut in the unit's own suffix (…规划委 of …规划委员会): never the parent.
    The parent is the longest body that opens the unit's name and is a name of its own (老科协, an
    association of the academy, since the fifth round's names read 协 bodies; the academy the text names
    alone before that)."""
    text = "中国农业科学院召开会议。中国农业科学院老科协果业规划委员会主任出席。"
    unit = "中国农业科学院老科协果业规划委员会"
    check(text, [(unit, "sub-organization", "中国农业科学院老科协")],
          [("中国农业科学院", "sub-organization", unit), (unit, "sub-organization", "中国农业科学院老科协果业规划委")])


def test_a_company_named_after_its_group_with_its_legal_form_is_the_group_itself():
    text = "祁连某某集团召开会议。祁连某某集团有限公司总经理出席。"
    assert ("祁连某某集团有限公司", "sub-organization", "祁连某某集团") not in relations(text)


def test_a_group_named_after_its_paper_is_not_the_papers_unit():
    text = "甘肃晨报报道了此事。甘肃晨报报业集团主办。"
    assert ("甘肃晨报报业集团", "sub-organization", "甘肃晨报") not in relations(text)


# -- a unit a body keeps elsewhere (X设在Y的Z, X在Y设立的Z) -----------------------------------------

def test_an_institute_a_university_keeps_in_a_city():
    check("河西某某大学设在天水的陇原某某研究院揭牌。", [("陇原某某研究院", "sub-organization", "河西某某大学")],
          [("河西某某大学", "sub-organization", "陇原某某研究院")])


def test_a_branch_a_group_sets_up_in_a_zone():
    check("祁连某某集团在兰州新区设立甘肃分公司。", [("甘肃分公司", "sub-organization", "祁连某某集团")],
          [("祁连某某集团", "sub-organization", "甘肃分公司")])


def test_a_body_two_partners_set_up_belongs_to_neither():
    found = relations("祁连某某集团与河西某某大学在兰州设立陇原某某研究院。")
    assert not any(r[1] == "sub-organization" for r in found)


def test_a_branch_office_named_in_a_be_construction():
    check("陇原某某研究院是祁连某某集团的分支机构。", [("陇原某某研究院", "sub-organization", "祁连某某集团")],
          [("祁连某某集团", "sub-organization", "陇原某某研究院")])
