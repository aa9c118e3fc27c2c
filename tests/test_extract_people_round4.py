"""The fourth round of people rules (issue 20): the constructions news uses to name a person and say what
body the person belongs to or visits, each on an invented sentence with made-up bodies (祁连某某, 陇原某某 …)
and made-up people, with a negative case that must not fire. Relations are checked in both orders where the
language allows both.
"""

from kg.extract import extract

UNI, FIRM, INST = "祁连某某大学", "陇原某某新材料有限公司", "河西某某研究院"
FOREIGN_ACADEMY = "吉尔吉斯斯坦国家科学院"


def people(text):
    return {a["name"] for a in extract(text).to_json()["actors"] if a["class"] == "Person"}


def relations(text):
    return {(r["subject"], r["relation"], r["object"]) for r in extract(text).to_json()["relations"]}


# -- titles ----------------------------------------------------------------------------------------

def test_ranks_and_professions_news_adds_to_the_titles():
    for title in ("常务副校长", "高级工程师", "博士生导师", "副县长", "首席专家", "科研人员"):
        assert "郑远航" in people(f"{UNI}{title}郑远航出席。"), title
    assert ("郑远航", "affiliated-with", UNI) in relations(f"{UNI}常务副校长郑远航出席。")


def test_a_title_opener_is_not_a_name():
    # 常务 opens with the surname 常 and stands right after the university's name
    assert people(f"{UNI}常务副校长郑远航出席。") == {"郑远航"}


def test_two_titles_joined_by_jian():
    assert ("郑远航", "affiliated-with", FIRM) in relations(f"{FIRM}董事长兼总经理郑远航介绍了情况。")


def test_a_head_named_before_the_title():
    assert "郑远航" in people("会上,郑远航院长介绍了情况。")
    assert ("郑远航", "affiliated-with", UNI) in relations(f"{UNI}郑远航副校长出席。")


def test_a_name_before_a_title_after_a_preposition():
    found = people("会议由郑远航教授主持,邀请柳青禾研究员作报告。")
    assert {"郑远航", "柳青禾"} <= found


def test_a_kind_of_body_before_a_title_is_not_a_name():
    assert people("由高校教授组成的专家团来到现场。") == set()


# -- lists under one body ---------------------------------------------------------------------------

def test_officials_listed_with_commas_share_the_body():
    text = f"{UNI}校长郑远航,副校长柳青禾,党委书记石怀瑾出席会议。"
    found = relations(text)
    for name in ("郑远航", "柳青禾", "石怀瑾"):
        assert (name, "affiliated-with", UNI) in found


def test_officials_joined_by_he_share_the_body():
    assert ("柳青禾", "affiliated-with", UNI) in relations(f"{UNI}副校长郑远航和校长助理柳青禾出席会议。")


def test_a_regions_head_after_a_comma_is_not_the_bodys():
    found = relations(f"{UNI}校长郑远航,副省长柳青禾出席会议。")
    assert ("郑远航", "affiliated-with", UNI) in found
    assert ("柳青禾", "affiliated-with", UNI) not in found


def test_names_closed_by_deng_and_what_they_are():
    assert {"郑远航", "柳青禾", "石怀瑾"} <= people("郑远航、柳青禾、石怀瑾等专家参加了活动。")


def test_a_single_name_before_deng_is_not_read():
    assert people("高校、院所等专家参加了活动。") == set()


# -- the body named elsewhere -------------------------------------------------------------------------

def test_gai_yuan_is_the_institute_named_before():
    text = f"记者从{INST}获悉,该院院长郑远航介绍了情况。"
    assert ("郑远航", "affiliated-with", INST) in relations(text)


def test_gai_gongsi_without_a_company_before_reads_nothing():
    text = f"记者从{INST}获悉,该公司总经理郑远航介绍了情况。"
    assert not any(r[1] == "affiliated-with" for r in relations(text))


def test_xuexiao_is_the_one_college_the_article_names():
    text = "河西某某学院党委书记郑远航出席。学校校长柳青禾致辞。"
    assert ("柳青禾", "affiliated-with", "河西某某学院") in relations(text)


def test_a_body_and_title_in_brackets_after_a_name():
    text = f"郑远航({UNI}教授)作了主题报告。"
    assert "郑远航" in people(text)
    assert ("郑远航", "affiliated-with", UNI) in relations(text)


def test_brackets_without_a_title_give_no_person():
    assert people(f"陈列馆({UNI}所属)开放。") == set()


# -- who acts for a body -----------------------------------------------------------------------------

def test_a_signer_for_a_body():
    text = f"郑远航代表{UNI}与{FIRM}签约。"
    assert ("郑远航", "affiliated-with", UNI) in relations(text)
    assert ("郑远航", "affiliated-with", FIRM) not in relations(text)


def test_signers_for_both_parties_in_order():
    text = f"{UNI}与{FIRM}签署合作协议,郑远航和柳青禾分别代表双方签字。"
    found = relations(text)
    assert ("郑远航", "affiliated-with", UNI) in found and ("柳青禾", "affiliated-with", FIRM) in found
    swapped = f"{FIRM}与{UNI}签署合作协议,郑远航和柳青禾分别代表双方签字。"
    found = relations(swapped)
    assert ("郑远航", "affiliated-with", FIRM) in found and ("柳青禾", "affiliated-with", UNI) in found


def test_signers_listed_against_bodies_listed():
    text = f"郑远航、柳青禾分别代表{UNI}、{FIRM}签署协议。"
    found = relations(text)
    assert ("郑远航", "affiliated-with", UNI) in found and ("柳青禾", "affiliated-with", FIRM) in found


def test_daibiao_before_a_word_that_is_no_body_reads_no_person():
    assert people("郑远航代表团队发言。") == set()


# -- leaders and their visits ---------------------------------------------------------------------------

def test_a_leader_named_before_yixing_visits():
    text = f"郑远航一行先后走访了{FIRM}、陇南某某物流有限公司。"
    assert "郑远航" in people(text)
    found = relations(text)
    assert ("郑远航", "visited", FIRM) in found and ("郑远航", "visited", "陇南某某物流有限公司") in found


def test_a_delegation_leader_visits_the_body_after_fangwen():
    text = f"{FOREIGN_ACADEMY}院长阿卜杜拉·穆罕默德率代表团访问{UNI}。"
    found = relations(text)
    assert ("阿卜杜拉·穆罕默德", "affiliated-with", FOREIGN_ACADEMY) in found
    assert ("阿卜杜拉·穆罕默德", "visited", UNI) in found
    assert (UNI, "visited", FOREIGN_ACADEMY) not in found


def test_a_visit_to_the_school_is_to_the_one_college_named():
    text = "河西某某学院党委书记郑远航出席。柳青禾一行来校调研。"
    assert ("柳青禾", "visited", "河西某某学院") in relations(text)


def test_yixing_after_a_word_that_is_no_name():
    assert people("甘肃省一行人前往现场。") == set()


# -- foreign names -------------------------------------------------------------------------------------

def test_a_dotted_foreign_name_without_a_title():
    assert "阿卜杜拉·穆罕默德" in people("会上,阿卜杜拉·穆罕默德介绍了合作情况。")


def test_a_media_brand_with_a_dot_is_not_a_person():
    found = people("奔流新闻·兰州晨报记者郑远航")
    assert found == {"郑远航"}


# -- visits written with 在, and delegations received ------------------------------------------------------

def test_a_visit_written_with_zai_and_the_verb_after():
    text = f"郑远航一行在{UNI}、{FIRM}考察。"
    found = relations(text)
    assert ("郑远航", "visited", UNI) in found and ("郑远航", "visited", FIRM) in found


def test_zai_with_no_visit_verb_is_no_visit():
    text = f"副省长郑远航在{UNI}举行的会议上讲话。"
    assert not any(r[1] == "visited" for r in relations(text))


def test_a_received_delegation_visits_the_host():
    text = f"{UNI}校长郑远航会见了{FIRM}董事长柳青禾一行。"
    found = relations(text)
    assert ("柳青禾", "visited", UNI) in found
    assert ("郑远航", "visited", FIRM) not in found


# -- a team's leader, an appositive, the quoted -------------------------------------------------------------

def test_a_team_named_after_its_leader_right_after_the_body():
    text = f"{UNI}郑远航团队研发了新材料。"
    assert ("郑远航", "affiliated-with", UNI) in relations(text)


def test_an_appositive_body_and_title_after_a_name_opening_the_sentence():
    text = f"郑远航,{UNI}教授、博士生导师,长期从事材料研究。"
    assert ("郑远航", "affiliated-with", UNI) in relations(text)


def test_a_list_of_officials_is_no_appositive():
    text = f"{UNI}校长郑远航,{FIRM}董事长柳青禾出席。"
    found = relations(text)
    assert ("郑远航", "affiliated-with", FIRM) not in found
    assert ("柳青禾", "affiliated-with", FIRM) in found


def test_people_the_reporter_quotes_or_pictures():
    assert "郑远航" in people("郑远航告诉记者,今年产量翻番。")
    assert "郑远航" in people("据郑远航介绍,今年产量翻番。")
    assert "郑远航" in people("“今年产量翻番。”郑远航说。")
    assert "郑远航" in people("图为郑远航(左二)在车间查看设备。")


def test_speech_words_after_no_name_give_no_person():
    assert people("会议说,今年要加强创新。据介绍,产量翻番。甘肃表示欢迎。") == set()


def test_two_named_academicians_and_leaders():
    assert {"郑远航", "柳青禾"} <= people("郑远航、柳青禾两位院士出席。")
    assert {"郑远航", "柳青禾"} <= people("省领导郑远航、柳青禾出席。")


# -- more ways of writing a person's body ------------------------------------------------------------------

def test_names_with_titles_after_listed_under_one_body():
    text = f"{INST}郑远航研究员、柳青禾副研究员参加。"
    found = relations(text)
    assert ("郑远航", "affiliated-with", INST) in found and ("柳青禾", "affiliated-with", INST) in found


def test_he_before_another_title_joins_two_people():
    text = f"{INST}郑远航研究员和副省长柳青禾参加。"
    assert people(text) == {"郑远航", "柳青禾"}
    assert ("柳青禾", "affiliated-with", INST) not in relations(text)


def test_heads_of_the_body_the_sentence_names():
    text = f"{UNI}举行签约仪式,党委书记郑远航、校长柳青禾出席。"
    found = relations(text)
    assert ("郑远航", "affiliated-with", UNI) in found and ("柳青禾", "affiliated-with", UNI) in found


def test_a_head_goes_to_the_body_its_title_fits():
    text = f"{UNI}与{FIRM}举行签约仪式,党委书记郑远航、董事长柳青禾出席。"
    found = relations(text)
    assert people(text) == {"郑远航", "柳青禾"}
    assert ("柳青禾", "affiliated-with", FIRM) in found and ("柳青禾", "affiliated-with", UNI) not in found
    # two bodies a 党委书记 may head: no guess
    assert not any(r[0] == "郑远航" and r[1] == "affiliated-with" for r in found)


def test_a_body_the_sentence_names_in_another_sentence_is_not_used():
    text = f"{UNI}举行签约仪式。校长柳青禾出席。"
    assert ("柳青禾", "affiliated-with", UNI) not in relations(text)


def test_a_post_stated_with_shi_or_laizi():
    assert ("郑远航", "affiliated-with", UNI) in relations(f"专家郑远航是{UNI}的教授。")
    assert ("郑远航", "affiliated-with", UNI) in relations(f"专家郑远航,来自{UNI}。")
    assert ("郑远航", "affiliated-with", UNI) not in relations(f"专家郑远航是{UNI}培养的学生。")


def test_a_body_in_brackets_after_a_known_name():
    text = f"院士郑远航出席。郑远航({UNI})作报告。"
    assert ("郑远航", "affiliated-with", UNI) in relations(text)


def test_a_body_that_appoints():
    text = f"{UNI}聘请郑远航为首席科学家。"
    assert ("郑远航", "affiliated-with", UNI) in relations(text)
    assert "郑远航" in people(text)


def test_a_name_right_after_its_body_without_a_title():
    text = f"{UNI}郑远航一行到{FIRM}考察。"
    found = relations(text)
    assert ("郑远航", "affiliated-with", UNI) in found and ("郑远航", "visited", FIRM) in found
    assert ("郑远航", "affiliated-with", FIRM) not in found


def test_a_delegation_named_with_its_body_visits_after_fangwen():
    assert ("郑远航", "visited", UNI) in relations(f"郑远航率甘肃省科技代表团访问{UNI}。")


def test_visits_written_zai_x_then_the_person_or_dui_x_jinxing():
    found = relations(f"随后,在{UNI}、{FIRM},副省长郑远航察看了生产线。")
    assert ("郑远航", "visited", UNI) in found and ("郑远航", "visited", FIRM) in found
    assert ("郑远航", "visited", FIRM) in relations(f"郑远航一行对{FIRM}进行了实地考察。")
    assert not any(r[1] == "visited" for r in relations(f"在{FIRM}的支持下,院士郑远航完成了研究。"))


def test_a_visit_to_the_institute_is_to_the_one_institute_named():
    text = f"{INST}院长柳青禾介绍。郑远航一行来院调研。"
    assert ("郑远航", "visited", INST) in relations(text)


def test_a_visit_with_no_subject_goes_on_the_last_named_visitor():
    text = f"副省长郑远航一行到{FIRM}调研。随后,来到{UNI}。"
    assert ("郑远航", "visited", UNI) in relations(text)


def test_a_visit_with_no_subject_after_a_person_who_did_not_visit():
    text = f"院士郑远航出席了会议。\n随后,来到{UNI}。"
    assert not any(r[1] == "visited" for r in relations(text))


def test_editorial_credits_with_a_colon():
    text = "来源:甘肃日报\n\n正文。\n审核:郑远航 校对:柳青禾"
    assert {"郑远航", "柳青禾"} <= people(text)
    assert ("郑远航", "affiliated-with", "甘肃日报") in relations(text)
    assert people("策划方案已经完成。") == set()


def test_names_closed_by_a_count_of_people():
    assert {"郑远航", "柳青禾"} <= people("郑远航、柳青禾等5人获奖。")
    assert people("兰州、白银等5个城市参加。") == set()
