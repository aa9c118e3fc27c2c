"""People named in a text: a name after a title (副部长陈家昌, 记者 李昕, 院士A、B), before one
(夏燕青研究员), on a byline line of its own or closing a paragraph, in a dateline ((苏燕平 李凯)), and in a
photographer's credit (某某 摄). A name must open with a surname (or be a transliterated foreign name).

>>> [p.name for p in people_in("副部长陈家昌出席。", "副部长陈家昌出席。", [])]
['陈家昌']
"""

import re

from kg.extract import lexicon
from kg.extract.names import CJK, NAME_CHAR, Mention

__all__ = ["people_in"]

# a dateline byline: 电(苏燕平 李凯) / 电(记者尚杰、王冰雅 通讯员邸金)
_DATELINE = re.compile(r"(?:电|讯)[((]([^()()]{2,40})[))]")
# words after a title that open with a surname but are not a name (理事长单位, 主任委员, 院长助理)
_NOT_NAMES = {"单位", "助理", "委员", "成员", "人员", "代表", "兼任", "同志", "单位为", "单位是", "应邀"}
# characters that are rarely the third character of a Chinese given name but often follow a name
_NOT_NAME_TAIL = set("随在于与和及等表出主率将是为对从向的了说指称介认提代致参分也都就还又并而到赴来去会作同兑宣颁、一二三四")


def people_in(folded, text, mentions):
    """Every person's mention the titles, bylines and datelines of ``folded`` give (offsets into ``text``)."""
    people = []
    titles = "|".join(re.escape(t) for t in lexicon.TITLES_BEFORE)
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
    after = "|".join(re.escape(t) for t in lexicon.TITLES_AFTER)
    ends = {m.end for m in mentions}
    for match in re.finditer(rf"({after})", folded):
        for size in (3, 2):
            start = match.start() - size
            if start < 0:
                continue
            name = folded[start:match.start()]
            if (name[0] in lexicon.SURNAMES or name[:2] in lexicon.SURNAMES) and CJK.fullmatch(name[-1]) \
                    and (start in ends or start == 0 or not NAME_CHAR.match(folded[start - 1]) or
                         folded[start - 1] == "了" and size == 3  # 宣读了束某某院士的寄语
                         or folded[start - 1] == "的" and start - 1 in ends) \
                    and all(CJK.match(c) for c in name) and name[-1] not in "省市区县州委府厅局" \
                    and name not in lexicon.CITIES and name not in lexicon.PROVINCES:  # 白银市长某某: 白银 is the city
                people.append(Mention(text[start:match.start()], "Person", start, match.start(), "person", 0.8,
                                      f"a name before the title {match.group(1)}", title=match.group(1)))
                break
    # a byline on a line of its own: a bare name (庄俊康), or in brackets ((周某))
    for match in re.finditer(r"(?m)^[ \t]*[((]?([\u4e00-\u9fff]{2,3})[))]?[ \t]*$", folded):
        word = match.group(1)
        if (word[0] in lexicon.SURNAMES or word[:2] in lexicon.SURNAMES) and not lexicon.suffix_class(word) \
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
            if (word[0] in lexicon.SURNAMES or word[:2] in lexicon.SURNAMES) and not lexicon.suffix_class(word) \
                    and word not in _NOT_NAMES:
                people.append(Mention(text[match.start(1):match.end(1)], "Person", match.start(1), match.end(1),
                                      "person", 0.6, why))
    # datelines: 新华社兰州2月14日电(张文静、王北辰)
    for match in _DATELINE.finditer(folded):
        inner_start = match.start(1)
        for token in re.finditer(r"[^、 ,]+", match.group(1)):
            word = token.group()
            if any(word.startswith(t) for t in lexicon.TITLES_BEFORE):
                continue  # 记者尚杰: the title rule above has it
            if 2 <= len(word) <= 3 and (word[0] in lexicon.SURNAMES or word[:2] in lexicon.SURNAMES) \
                    and all(CJK.match(c) for c in word):
                s = inner_start + token.start()
                people.append(Mention(text[s:s + len(word)], "Person", s, s + len(word), "person", 0.8,
                                      "a reporter's name in the dateline"))
    return people


def _name_at(folded, pos):
    """The person's name that starts at ``pos`` (after a title), or ``None``."""
    chunk = folded[pos:pos + 12]
    foreign = re.match(r"[\u4e00-\u9fff]{1,6}·[\u4e00-\u9fff]{1,6}", chunk)
    if foreign and all(c in lexicon.TRANSLITERATION or c == "·" for c in foreign.group()):
        return foreign.group()
    if not chunk or not CJK.match(chunk[0]):
        return None
    spaced = re.match(r"([\u4e00-\u9fff]) ([\u4e00-\u9fff])(?![\u4e00-\u9fff])", chunk)
    if spaced and spaced.group(1) in lexicon.SURNAMES:
        return spaced.group()  # 柴 琪: a two-character name padded to three in a byline
    if chunk[:2] in lexicon.SURNAMES or chunk[0] in lexicon.SURNAMES:
        run = re.match(r"[\u4e00-\u9fff]{2,3}", chunk)
        if not run:
            return None
        name = run.group()
        if len(name) == 3 and (name[2] in _NOT_NAME_TAIL or chunk[2:4] in ("报道", "通讯")
                               or chunk[2:].startswith((*lexicon.TITLES_BEFORE, *lexicon.TITLES_AFTER))):
            name = name[:2]  # 审核/何浩发布/蒲某: the next byline's title starts right after a two-character name
        if name[1] in "的了在是、" or name in lexicon.KNOWN_BODIES or name in _NOT_NAMES:
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
