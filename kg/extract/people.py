"""People named in a text: a name after a title (副部长陈家昌, 记者 李昕, 院士A、B), before one
(夏燕青研究员), on a byline line of its own or closing a paragraph, in a dateline ((苏燕平 李凯)), and in a
photographer's credit (某某 摄). A name must open with a surname (or be a transliterated foreign name).

>>> [p.name for p in people_in("副部长陈家昌出席。", "副部长陈家昌出席。", [])]
['陈家昌']
"""

import re

from kg.extract import lexicon
from kg.extract.names import CJK, NAME_CHAR, Mention

__all__ = ["people_in", "TITLES", "TITLES_AFTER", "SURNAMES"]

#: surnames: the lexicon's, with common ones it lacks (洪, 戈, 贡, 惠 …) and Tibetan and Hui names' first
#: syllables that open a name after a title (旦, 扎); only ones that rarely open a word a title precedes
SURNAMES = set(lexicon.SURNAMES) | set(
    "洪惠荆冀郁胥栗楚鄢谌奚粟冼蔺楼闻厉仝郜阚帅屠朴廉漆卿晋扈晁芮阙戈伏鹿雍辜裘亓邰赫杭茹慕亢嵇湛戎茅尉"
    "檀昝贡旦封谈匡鞠官班皮索宣祖丰支燕鲜阎") | {"司徒", "端木", "夏侯", "宇文", "西门", "澹台", "南宫", "闻人"}

#: titles written before a name: the lexicon's, with the ranks, deputies and professions news adds to them
#: (常务副校长, 高级工程师, 博士生导师, 副县长); longest first, so 副院长 is read before 院长
TITLES = sorted(set(lexicon.TITLES_BEFORE) | {
    "常务副校长", "常务副院长", "常务副主任", "执行院长", "执行校长", "名誉院长", "名誉校长", "副总裁", "副总工程师",
    "总经济师", "总会计师", "总工", "高级工程师", "正高级工程师", "教授级高级工程师", "工程师", "高级农艺师",
    "畜牧师", "兽医师", "副教授", "讲师", "二级教授", "特聘教授", "首席教授", "博士生导师", "硕士生导师",
    "首席专家", "首席研究员", "首席技术官", "创始人", "联合创始人", "副理事长", "副会长", "副秘书长", "副县长",
    "副区长", "副州长", "镇长", "副镇长", "乡长", "厂长", "副厂长", "总监", "技术总监", "主任委员", "副主任委员",
    "组长", "副组长", "团长", "副团长", "队长", "大使", "总领事", "院长助理", "校长助理", "副董事长",
    "党支部书记", "纪委书记", "执行主任", "执行董事", "执行总裁", "执行副主任", "分党组书记", "分党组副书记",
    "分党组成员", "党组成员", "运营总监", "财务总监", "销售总监", "市场总监", "一级调研员", "二级调研员", "副调研员", "学科带头人", "带头人", "主任医师",
    "副主任医师", "主治医师", "博士后", "研究生", "副院长", "副研究员", "助理研究员", "特派员",
    "博士生", "硕士生", "技术员", "讲解员", "科研人员", "技术人员", "科技人员", "项目负责人", "团队负责人",
    "主持人", "发言人", "企业家", "老师", "医生", "志愿者", "领导",
    # a web page's editorial credits, read only with their colon (审核:某某), never as words in a sentence
    "审核:", "校对:", "责编:", "监制:", "策划:", "撰稿:", "摄像:", "剪辑:", "初审:", "二审:", "三审:", "终审:",
    "复审:", "统筹:", "制作:", "供稿:", "作者:", "视频:", "图片:", "美编:", "编审:", "审校:",
}, key=len, reverse=True)
#: titles written after a name (夏燕青研究员, 王某某院长): the lexicon's and the heads news names that way
TITLES_AFTER = tuple(sorted(set(lexicon.TITLES_AFTER) | {
    "高级工程师", "工程师", "讲师", "副主任", "书记", "副书记", "院长", "副院长", "校长", "副校长", "所长", "副所长",
    "董事长", "总经理", "局长", "副局长", "厅长", "副厅长", "部长", "副部长", "主席", "会长", "理事长", "老师",
    "同学",
}, key=len, reverse=True))
# characters of transliterated names beyond the lexicon's (阿卜杜拉·穆罕默德): with a middle dot, a run of
# these is a foreign name
_FOREIGN = lexicon.TRANSLITERATION | set(
    "卜杜罕默尔图姆兹孜茨契丘朱乔琼珊蒂丽莉妮玛蕾露伦仑森逊顿敦登丹坦汉翰瑟赛蒙孟纽欧潘庞培彼蓬齐奇恰钦"
    "琴让热茹儒瑞若施史舒松汤唐腾廷万旺威温翁伍锡夏辛许雅扬耶因英于约赞詹卓丁尼维贾坎拜依努古艾提吐曼"
    "合买克夫斯基洛娃诺耶娜")

# a dateline byline: 电(苏燕平 李凯) / 电(记者尚杰、王冰雅 通讯员邸金)
_DATELINE = re.compile(r"(?:电|讯)[((]([^()()]{2,40})[))]")
# words after a title that open with a surname but are not a name (理事长单位, 主任委员, 院长助理)
_NOT_NAMES = {"单位", "助理", "委员", "成员", "人员", "代表", "兼任", "同志", "单位为", "单位是", "应邀", "高校", "高等",
              "学校", "院校", "专家", "学者", "全国", "全省", "全市"}
# words that stand before a name with a title after it (由某某教授主持, 邀请某某研究员, 宣读了某某院士的寄语)
_LEADS = set("由请邀与和及同向为对给让是有被将把经了据")
# words that open a title and start with a surname (常务副校长, 党委书记, 高级工程师): never a name before it
_TITLE_OPENERS = ("常务", "执行", "名誉", "首席", "高级", "特聘", "党委", "党组", "纪委", "常委", "项目", "学科",
                  "技术", "研究", "兼", "及", "与", "副", "总")
# verbs news writes right after a person's name (王某调研, 李某讲话, 张某带队)
_VERBS = {"调研", "讲话", "带队", "带领", "强调", "考察", "座谈", "致辞", "宣读", "发言", "陪同", "参加", "看望", "慰问",
          "主持", "出席", "指出", "表示", "介绍", "一行", "等人", "率队", "率团", "先后", "深入", "认为", "希望", "要求"}
# characters that are rarely the third character of a Chinese given name but often follow a name
_NOT_NAME_TAIL = set("随在于与和及等表出主率将是为对从向的了说指称介认提代致参分也都就还又并而到赴来去会作同兑宣颁、一二三四")


def people_in(folded, text, mentions):
    """Every person's mention the titles, bylines and datelines of ``folded`` give (offsets into ``text``)."""
    people = []
    titles = "|".join(re.escape(t) for t in TITLES)
    # TITLE + name: 副部长陈家昌, 记者 李昕, 编辑:王松柱, 厅长阿布力米提·伊力
    for match in re.finditer(rf"({titles})(?:[::] ?| )?", folded):  # 审签: 梁某: a colon, then a space
        pos = match.end()
        title = match.group(1)
        while True:
            found = _name_at(folded, pos)
            if not found:
                break
            end = pos + len(found)
            people.append(Mention(text[pos:end], "Person", pos, end, "person", 0.85,
                                  f"a name after the title {title}", title=title))
            # 记者尚杰、王冰雅, 院士严某、刘某: more names after 、 (or a space in a byline) under the same title
            nxt = re.match(r"[、 ]", folded[end:end + 1])
            if not nxt and title in ("记者", "通讯员") and re.match(r"[\u4e00-\u9fff]{2,3}[))]", folded[end:end + 4]) \
                    and _name_at(folded, end):
                pos = end  # (记者朱某某张某某): two reporters' names written without a separator
                continue
            if not nxt or nxt.group() == " " and title not in ("记者", "通讯员", "编辑", "摄影"):
                break
            pos = end + 1
    # name + TITLE after it: 夏燕青研究员 (right after an organisation's name or punctuation)
    after = "|".join(re.escape(t) for t in TITLES_AFTER)
    ends = {m.end for m in mentions}
    for match in re.finditer(rf"({after})", folded):
        for size in (3, 2):
            start = match.start() - size
            if start < 0:
                continue
            name = folded[start:match.start()]
            if (name[0] in SURNAMES or name[:2] in SURNAMES) and CJK.fullmatch(name[-1]) \
                    and (start in ends or start == 0 or not NAME_CHAR.match(folded[start - 1]) or
                         folded[start - 1] in _LEADS  # 宣读了束某某院士的寄语, 由某某教授主持, 邀请某某研究员
                         or folded[start - 1] == "的" and start - 1 in ends) \
                    and not (size == 3 and name[2] in _NOT_NAME_TAIL) \
                    and all(CJK.match(c) for c in name) and name[-1] not in "省市区县州委府厅局" \
                    and name not in lexicon.CITIES and name not in lexicon.PROVINCES \
                    and not name.startswith(_TITLE_OPENERS) and "副" not in name and name not in _NOT_NAMES:  # 白银市长某某: 白银 is the city
                people.append(Mention(text[start:match.start()], "Person", start, match.start(), "person", 0.8,
                                      f"a name before the title {match.group(1)}", title=match.group(1)))
                break
    # a name with no title, read from what surrounds it: the leader of a group (王某某一行, 王某某率团,
    # 王某某带队), a name with its organisation and title in brackets (王某某(某某大学教授)), and a
    # transliterated name with a middle dot (阿卜杜拉·穆罕默德)
    starts = {m.start for m in mentions if not m.is_person}
    for match in re.finditer(r"(?=(一行|率领|带领|率团|率队|带队|率[^,。;]{1,12}?(?:代表团|考察团|访问团|调研组)|团队|课题组|[((,]))", folded):
        if match.group(1) in "((," and not _bracketed_title(folded, match.start() + 1, starts):
            continue
        name = _name_before(folded, match.start(), ends)
        if name and match.group(1) == "," and folded[match.start() - len(name) - 1:match.start() - len(name)] \
                not in ("", "。", "\n"):
            continue  # 王某某,某某大学教授,…: only a name that opens its sentence
        if name:
            start = match.start() - len(name)
            why = "a name in front of its organisation and title (in brackets, or after a comma)" if match.group(1) in "((," \
                else f"a name leading a group ({match.group(1)[:2]}…)"
            people.append(Mention(text[start:match.start()], "Person", start, match.start(), "person", 0.7, why))
    # someone who speaks to the reporter or is quoted: 王某某告诉记者, 据王某某介绍, “…”王某某说, and a
    # photo caption (王某某(左二))
    for match in re.finditer(r"(?=告诉记者|对记者说|向记者介绍|向记者表示|接受记者采访|接受采访|在接受[^,。]{0,12}采访"
                             r"|(?:介绍|透露|说)(?:,|:)|[((](?:左|右|中)[一二三四五六]?[))])", folded):
        name = _name_before(folded, match.start(), ends)
        if name and (folded.startswith(("介绍", "透露", "说"), match.start()) and
                     folded[match.start() - len(name) - 1:match.start() - len(name)] != "据"):
            name = None  # 据王某某介绍, only: 某某说, alone, is too often no person's name
        if name:
            start = match.start() - len(name)
            people.append(Mention(text[start:match.start()], "Person", start, match.start(), "person", 0.65,
                                  "a name the reporter quotes or pictures"))
    for match in re.finditer(r"[”\"]([\u4e00-\u9fff]{2,3}?)(?:说|表示|介绍|告诉记者)", folded):
        name = _name_before(folded, match.end(1), ends)
        if name == match.group(1):
            people.append(Mention(text[match.start(1):match.end(1)], "Person", match.start(1), match.end(1), "person",
                                  0.65, "a name after a quotation (“…”某某说)"))
    # a list of names closed by 等 and what they are: 王某某、李某某等专家, 王某某、李某某和赵某某等同志
    for match in re.finditer(r"(?:等|[两二三四五六七八九十0-9]+位)(?:[0-9一二三四五六七八九十]+[位名人](?!才)|(?:[0-9一二三四五六七八九十]+[位名])?"
                             r"(?:专家|学者|院士|教授|同志|领导|嘉宾|代表|负责同志|人))", folded):
        names, pos = [], match.start()
        while True:
            name = _name_before(folded, pos, ends)
            if not name:
                break
            names.append((pos - len(name), pos))
            pos -= len(name)
            if folded[pos - 1:pos] not in ("、", "和", "及", "与"):
                break
            pos -= 1
        if len(names) >= 2:
            for s, e in names:
                people.append(Mention(text[s:e], "Person", s, e, "person", 0.65, "names in a list closed by 等"))
    # names right after their organisation, with what they did or a list closed by 等: 某某大学王某某主持完成,
    # 某某研究院王某某、李某某等完成, 授予某某公司王某某。
    for end in sorted({m.end for m in mentions if not m.is_person and not m.is_place}):
        names, pos = [], end
        while True:
            name = _name_at(folded, pos)
            if not name or len(name) > 3 and name[:2] not in SURNAMES:
                break
            names.append((pos, pos + len(name)))
            pos += len(name)
            if folded[pos:pos + 1] != "、":
                break
            pos += 1
        closed = re.match(r"(?:等|主持|牵头|领衔)|[。;]", folded[pos:pos + 2])
        if names and closed and (len(names) == 1 or closed.group() == "等"):
            for s, e in names:
                people.append(Mention(text[s:e], "Person", s, e, "person", 0.65,
                                      "a name right after its organisation (某某大学王某某主持/等)"))
    # 某某大学聘请王某某为首席科学家: the one a body appoints
    for match in re.finditer(r"(?:聘请|聘任|特聘|聘)(?:了)?([\u4e00-\u9fff]{2,3}?)(?:同志|先生|女士)?(?:为|担任)", folded):
        name = _name_before(folded, match.end(1), ends | {match.start(1)})
        if name == match.group(1):
            people.append(Mention(text[match.start(1):match.end(1)], "Person", match.start(1), match.end(1), "person",
                                  0.65, "the one a body appoints (聘请某某为…)"))
    # who signs or speaks for a body: 王某某代表某某公司, 王某某、李某某分别代表双方
    for match in re.finditer(r"(?=分别代表|代表)", folded):
        if not folded.startswith("分别", match.start()) and match.start() + 2 not in starts:
            continue
        pos = match.start()
        while True:
            name = _name_before(folded, pos, ends)
            if not name:
                break
            start = pos - len(name)
            people.append(Mention(text[start:pos], "Person", start, pos, "person", 0.65,
                                  "a name acting for a body (代表)"))
            if folded[start - 1:start] not in ("、", "和", "与", "及") or folded.startswith("代表", match.start()):
                break
            pos = start - 1
    for match in re.finditer(r"[\u4e00-\u9fff]{1,8}(?:·[\u4e00-\u9fff]{1,8})+", folded):
        name = _foreign(match.group())
        if name and (match.start() == 0 or not CJK.match(folded[match.start() - 1]) or match.start() in ends) \
                and len(name.split("·")[0]) >= 2:
            people.append(Mention(text[match.start():match.start() + len(name)], "Person", match.start(),
                                  match.start() + len(name), "person", 0.7, "a transliterated name with a middle dot"))
    # a byline on a line of its own: a bare name (庄俊康), or in brackets ((周某))
    for match in re.finditer(r"(?m)^[ \t]*[((]?([\u4e00-\u9fff]{2,3})[))]?[ \t]*$", folded):
        word = match.group(1)
        if (word[0] in SURNAMES or word[:2] in SURNAMES) and not lexicon.suffix_class(word) \
                and match.start(1) > 0:
            people.append(Mention(text[match.start(1):match.end(1)], "Person", match.start(1), match.end(1),
                                  "person", 0.6, "a name on a line of its own (a byline)"))
    # a byline closing a paragraph after a run of spaces (…提供了坚强的支撑。      马某某), and a
    # photographer's credit (某某 摄)
    for pattern, why in ((r"(?m)[ \t]{2,}([\u4e00-\u9fff]{2,3})[ \t]*$", "a name closing a paragraph (a byline)"),
                         (r"(?<![\u4e00-\u9fff])([\u4e00-\u9fff]{2,3})[ \t]?摄(?![\u4e00-\u9fff])",
                          "a photographer's credit (某某 摄)")):
        for match in re.finditer(pattern, folded):
            word = match.group(1)
            if (word[0] in SURNAMES or word[:2] in SURNAMES) and not lexicon.suffix_class(word) \
                    and word not in _NOT_NAMES:
                people.append(Mention(text[match.start(1):match.end(1)], "Person", match.start(1), match.end(1),
                                      "person", 0.6, why))
    # datelines: 新华社兰州2月14日电(张文静、王北辰)
    for match in _DATELINE.finditer(folded):
        inner_start = match.start(1)
        for token in re.finditer(r"[^、 ,]+", match.group(1)):
            word = token.group()
            if any(word.startswith(t) for t in TITLES):
                continue  # 记者尚杰: the title rule above has it
            if 2 <= len(word) <= 3 and (word[0] in SURNAMES or word[:2] in SURNAMES) \
                    and all(CJK.match(c) for c in word):
                s = inner_start + token.start()
                people.append(Mention(text[s:s + len(word)], "Person", s, s + len(word), "person", 0.8,
                                      "a reporter's name in the dateline"))
    return people


def _name_before(folded, pos, ends):
    """The name of two or three characters that ends at ``pos`` and opens a clause (or follows an
    organisation's name), or ``None``."""
    for size in (3, 2):
        start = pos - size
        if start < 0:
            continue
        name = folded[start:pos]
        if not all(CJK.match(c) for c in name) or not (name[0] in SURNAMES or name[:2] in SURNAMES):
            continue
        if not (start == 0 or start in ends or not NAME_CHAR.match(folded[start - 1]) or folded[start - 1] in _LEADS):
            continue
        if size == 3 and name[2] in _NOT_NAME_TAIL or name[-1] in "省市区县州委府厅局校院所司部处" \
                or name in lexicon.CITIES or name in lexicon.PROVINCES or name in _NOT_NAMES \
                or name.startswith(_TITLE_OPENERS) or name in lexicon.KNOWN_BODIES \
                or any(name.startswith(w) for w in lexicon.STOP_WORDS if len(w) >= 2) \
                or any(name.startswith(p) for p in (*lexicon.PROVINCES, *lexicon.CITIES)):
            continue
        return name
    return None


def _bracketed_title(folded, pos, starts):
    """Whether ``folded[pos:]`` is an organisation's name and a title closing a bracket: 某某大学教授)."""
    close = re.match(r"[^()(),。;]{3,30}[)),]", folded[pos:])
    if not close or pos not in starts:
        return False
    inner = close.group()[:-1]
    return inner.endswith((*TITLES, *TITLES_AFTER))


def _foreign(word):
    """The transliterated name a dotted run of characters opens (阿卜杜拉·穆罕默德 of
    阿卜杜拉·穆罕默德率团…), or ``None``."""
    parts = word.split("·")
    last = ""
    for c in parts[-1]:
        if c not in _FOREIGN:
            break
        last += c
    if len(last) < 2 or not all(all(c in _FOREIGN for c in part) for part in parts[:-1]):
        return None
    return "·".join(parts[:-1] + [last])


def _name_at(folded, pos):
    """The person's name that starts at ``pos`` (after a title), or ``None``."""
    chunk = folded[pos:pos + 12]
    foreign = re.match(r"[\u4e00-\u9fff]{1,8}(?:·[\u4e00-\u9fff]{1,8})+", folded[pos:pos + 30])
    if foreign and _foreign(foreign.group()):
        return _foreign(foreign.group())
    if not chunk or not CJK.match(chunk[0]) or chunk.startswith(tuple(TITLES)):
        return None  # 党委书记某某、董事长某某: the next title, not a name
    spaced = re.match(r"([\u4e00-\u9fff]) ([\u4e00-\u9fff])(?![\u4e00-\u9fff])", chunk)
    if spaced and spaced.group(1) in SURNAMES:
        return spaced.group()  # 柴 琪: a two-character name padded to three in a byline
    if chunk[:2] in SURNAMES or chunk[0] in SURNAMES:
        run = re.match(r"[\u4e00-\u9fff]{2,4}" if chunk[:2] in SURNAMES else r"[\u4e00-\u9fff]{2,3}", chunk)
        if not run:
            return None
        name = run.group()
        if len(name) == 4 and (name[3] in _NOT_NAME_TAIL or chunk[3:5] in _VERBS):
            name = name[:3]  # 欧阳某某: a compound surname and a given name of two
        if len(name) == 3 and chunk[2:4] in _VERBS and chunk[3:5] not in _VERBS:
            name = name[:2]  # 王某调研, 祁某讲话: a two-character name, then the verb (王某强调研: three)
        if len(name) == 3 and (name[2] in _NOT_NAME_TAIL or chunk[2:4] in ("报道", "通讯")
                               or chunk[2:].startswith((*TITLES, *TITLES_AFTER))):
            name = name[:2]  # 审核/何浩发布/蒲某: the next byline's title starts right after a two-character name
        if name[1] in "的了在是、副" or name in lexicon.KNOWN_BODIES or name in _NOT_NAMES \
                or folded[pos + len(name):].startswith(("副", *TITLES)) and name[0] in "和与及":
            return None  # 研究员和副省长某某: 和 joins two people here
            return None
        if any(name.startswith(w) for w in lexicon.STOP_WORDS if len(w) >= 2) or \
                any(name.startswith(p) for p in (*lexicon.PROVINCES, *lexicon.CITIES)):
            return None
        return name
    run = re.match(r"[\u4e00-\u9fff]{2,6}", chunk)
    if run:
        letters = ""
        for c in run.group():
            if c not in lexicon.TRANSLITERATION:
                break
            letters += c
        if len(letters) >= 3:
            return letters
    return None
