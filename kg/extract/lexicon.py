"""The words the extraction rules are made of: organisation suffixes, boundary words, relation cues,
figure units, titles, surnames, place names.

These are words of Chinese news about innovation in general, not of any one article. Each table says
what it is for; extending one is how the rules learn a new kind of name.

>>> suffix_class("甘肃省钢铁新材料研发及产业化应用创新联合体")
'InnovationConsortium'
>>> suffix_class("兰州理工大学"), suffix_class("中核404有限公司")
('University', 'Enterprise')
"""

__all__ = ["ORG_SUFFIXES", "WEAK_SUFFIXES", "suffix_class", "KNOWN_BODIES", "GENERIC_WORDS",
           "STOP_WORDS", "SOFT_JOINERS", "FIGURE_UNITS", "TITLES_BEFORE", "TITLES_AFTER", "SURNAMES",
           "PROVINCES", "REGION_PREFIXES", "MEDIA_SUFFIXES", "CLASS_CODES"]

#: name suffix -> ontology class (local name of an ``ikg:`` class). Longest suffix wins.
ORG_SUFFIXES = {
    # enterprises
    "股份有限公司": "Enterprise", "有限责任公司": "Enterprise", "有限公司": "Enterprise", "集团公司": "Enterprise",
    "集团": "Enterprise", "公司": "Enterprise", "厂": "Enterprise",
    # universities, institutes, labs, platforms
    "大学": "University", "学院": "University", "学校": "University", "职业技术学院": "University",
    "研究院": "ResearchInstitute", "研究所": "ResearchInstitute", "设计院": "ResearchInstitute",
    "科学院": "Academy", "工程院": "Academy", "研究站": "Facility", "观测站": "Facility",
    "重点实验室": "Laboratory", "联合实验室": "Laboratory", "实验室": "Laboratory",
    "研究中心": "NationalPlatform", "技术中心": "NationalPlatform", "工程中心": "NationalPlatform",
    "中心": "NationalPlatform", "创新基地": "NationalPlatform", "基地": "NationalPlatform",
    "孵化器": "NationalPlatform", "众创空间": "NationalPlatform", "平台": "NationalPlatform",
    # consortia, chains, clusters, zones
    "创新联合体": "InnovationConsortium", "联合体": "InnovationConsortium", "产业联盟": "InnovationConsortium",
    "创新联盟": "InnovationConsortium", "联盟": "InnovationConsortium",
    "产业链": "IndustrialChain", "产业集群": "IndustrialCluster",
    "高新技术产业开发区": "HighTechZone", "经济技术开发区": "HighTechZone", "开发区": "HighTechZone",
    "高新区": "HighTechZone", "经开区": "HighTechZone", "新区": "HighTechZone", "自创区": "HighTechZone",
    "示范区": "HighTechZone", "试验区": "HighTechZone", "综合保税区": "HighTechZone", "保税区": "HighTechZone",
    "工业集中区": "Park", "集中区": "Park", "产业园": "Park", "物流园": "Park", "孵化园": "Park", "科技园区": "Park", "产业园区": "Park", "工业园区": "Park", "科技园": "Park", "园区": "Park",
    "示范园": "Park", "工业园": "Park", "博览园": "Park", "物流港": "Park", "物流枢纽": "Park",
    "经济区": "HighTechZone", "集群": "IndustrialCluster",
    "示范站": "Facility", "试验站": "Facility", "加速器": "Facility",

    # government and public bodies
    "人民政府": "GovernmentBody", "政府": "GovernmentBody", "人大常委会": "GovernmentBody", "常委会": "GovernmentBody",
    "政协": "GovernmentBody", "委员会": "GovernmentBody", "管委会": "GovernmentBody", "厅": "GovernmentBody",
    "局": "GovernmentBody", "部": "GovernmentBody", "委": "GovernmentBody", "办公室": "GovernmentBody", "外事办": "GovernmentBody", "新闻办": "GovernmentBody",
    "海关": "GovernmentBody", "理事会": "Organization",
    "科协": "Organization", "协会": "Organization", "学会": "Organization", "商会": "Organization",
    # people's organisations and societies (甘肃省侨联, 某某市妇联, 某某促进会)
    "侨联": "Organization", "妇联": "Organization", "工商联": "Organization", "总工会": "Organization",
    "文联": "Organization", "残联": "Organization", "联合会": "Organization", "促进会": "Organization",
    "研究会": "Organization", "基金会": "Organization", "合作社": "Enterprise",
    "口岸": "Facility", "服务站": "NationalPlatform", "工作站": "NationalPlatform",
    "博物馆": "Organization", "科技馆": "Organization", "图书馆": "Organization", "纪念馆": "Organization",
    "银行": "Bank", "分行": "Bank", "支行": "Bank", "医院": "Hospital", "检验所": "TestingInstitute", "检测中心": "TestingInstitute",
    "所": "ResearchInstitute", "院": "ResearchInstitute",
    # media
    "日报社": "MediaOrganization", "报社": "MediaOrganization", "日报": "MediaOrganization",
    "晚报": "MediaOrganization", "晨报": "MediaOrganization", "新闻网": "MediaOrganization",
    "网": "MediaOrganization", "电视台": "MediaOrganization", "在线": "MediaOrganization",
    "融媒体中心": "MediaOrganization", "融媒": "MediaOrganization", "频道": "MediaOrganization",
}

#: one-character (and very common) suffixes: a name ending in one is only taken when its stem opens
#: with a region, a country, or a known body (省科技厅, 中国科学院近物所), never a bare word (全部, 内部)
WEAK_SUFFIXES = {"厂", "厅", "局", "部", "委", "所", "院", "网", "在线", "中心", "基地", "平台", "公司",
                 "联盟", "园区", "新区", "示范区", "试验区", "办公室", "委员会", "政府", "常委会", "政协", "集中区",
                 "口岸", "服务站", "工作站", "博物馆", "科技馆", "图书馆", "纪念馆", "侨联", "妇联", "文联", "残联", "总工会", "工商联",
                 "融媒", "频道", "海关", "新闻办", "经济区", "博览园", "物流港", "物流枢纽", "示范站", "试验站",
                 "加速器"}

MEDIA_SUFFIXES = ("日报社", "报社", "日报", "晚报", "晨报", "新闻网", "网", "电视台", "在线", "新闻", "融媒体中心", "融媒", "频道")

#: national and provincial bodies that news names without a suffix rule finding them (or by a short form)
KNOWN_BODIES = {
    "国务院": "GovernmentBody", "党中央": "GovernmentBody", "中共中央": "GovernmentBody",
    "全国人大": "GovernmentBody", "全国政协": "GovernmentBody",
    "科技部": "GovernmentBody", "教育部": "GovernmentBody", "工信部": "GovernmentBody",
    "工业和信息化部": "GovernmentBody", "财政部": "GovernmentBody", "商务部": "GovernmentBody",
    "农业农村部": "GovernmentBody", "人社部": "GovernmentBody", "生态环境部": "GovernmentBody",
    "自然资源部": "GovernmentBody", "外交部": "GovernmentBody", "国家发展改革委": "GovernmentBody",
    "国家发改委": "GovernmentBody", "发改委": "GovernmentBody", "国家知识产权局": "GovernmentBody",
    "国资委": "GovernmentBody", "国家自然科学基金委员会": "GovernmentBody",
    "中国科协": "Organization", "中国农技协": "Organization", "中国科学院": "Academy", "中科院": "Academy", "中国工程院": "Academy",
    "中国社会科学院": "Academy", "中国农业科学院": "Academy", "中国农科院": "Academy",
    "新华社": "MediaOrganization", "人民日报": "MediaOrganization", "人民网": "MediaOrganization",
    "新华网": "MediaOrganization", "光明日报": "MediaOrganization", "光明网": "MediaOrganization",
    "中新社": "MediaOrganization", "中新网": "MediaOrganization", "央视": "MediaOrganization",
    "科技日报": "MediaOrganization", "经济日报": "MediaOrganization", "新甘肃": "MediaOrganization",
    "国家电网": "Enterprise", "中国人民银行": "Bank", "央行": "Bank", "国家药监局": "GovernmentBody",
    "国家市场监管总局": "GovernmentBody",
    # the State Council's ministries and agencies news names without a region (their one-character suffix 部/局
    # would otherwise need one)
    "国家安全部": "GovernmentBody", "民政部": "GovernmentBody", "司法部": "GovernmentBody",
    "人力资源和社会保障部": "GovernmentBody", "住房和城乡建设部": "GovernmentBody", "住建部": "GovernmentBody",
    "交通运输部": "GovernmentBody", "水利部": "GovernmentBody", "文化和旅游部": "GovernmentBody",
    "文旅部": "GovernmentBody", "国家卫生健康委": "GovernmentBody", "国家卫健委": "GovernmentBody",
    "退役军人事务部": "GovernmentBody", "应急管理部": "GovernmentBody", "审计署": "GovernmentBody",
    "国家民委": "GovernmentBody", "国务院国资委": "GovernmentBody", "海关总署": "GovernmentBody",
    "国家税务总局": "GovernmentBody", "国家统计局": "GovernmentBody", "国家能源局": "GovernmentBody",
    "国家林草局": "GovernmentBody", "国家林业和草原局": "GovernmentBody", "国家乡村振兴局": "GovernmentBody",
    "国家国防科工局": "GovernmentBody", "国家航天局": "GovernmentBody", "国家原子能机构": "GovernmentBody",
    "国家外专局": "GovernmentBody", "国家数据局": "GovernmentBody", "国家中医药管理局": "GovernmentBody",
    "中国气象局": "GovernmentBody", "中国地震局": "GovernmentBody", "国家标准委": "GovernmentBody",
    "国家认监委": "GovernmentBody", "国家铁路局": "GovernmentBody", "中国民航局": "GovernmentBody",
    "国家邮政局": "GovernmentBody", "国家文物局": "GovernmentBody", "国家粮食和物资储备局": "GovernmentBody",
    "国家移民管理局": "GovernmentBody", "国家医保局": "GovernmentBody", "国家疾控局": "GovernmentBody",
    "国家网信办": "GovernmentBody", "国务院新闻办": "GovernmentBody", "国新办": "GovernmentBody",
    "中国证监会": "GovernmentBody", "证监会": "GovernmentBody", "金融监管总局": "GovernmentBody",
    "国家金融监督管理总局": "GovernmentBody", "国家外汇管理局": "GovernmentBody",
    # international organisations news names by their Chinese short names
    "联合国环境署": "Organization", "联合国开发计划署": "Organization",
    "联合国教科文组织": "Organization", "联合国粮农组织": "Organization", "世界卫生组织": "Organization",
    "世界银行": "Bank", "亚洲开发银行": "Bank", "亚投行": "Bank",
    "上海合作组织": "Organization", "上合组织": "Organization",
}

#: suffixes that name a kind of thing (创新联合体, 产业链): the stem before one must say which (3+ characters)
KIND_SUFFIXES = {"示范园", "创新联合体", "联合体", "产业链", "产业集群", "联盟", "产业联盟", "创新联盟", "示范区", "试验区",
                 "基地", "创新基地", "联合实验室", "中心", "平台", "园区", "科技园区", "产业园区", "合作社", "服务站",
                 "工作站", "集群"}

#: government suffixes: a region before one is enough to name the body (省科技厅, 市委)
GOVERNMENT_SUFFIXES = {"厅", "局", "委", "部", "办公室", "委员会", "人民政府", "管委会", "科协", "政府", "常委会",
                       "人大常委会", "政协", "外事办", "新闻办", "海关", "侨联", "妇联", "文联", "残联", "总工会", "工商联"}

#: what a company's short name often ends in (秦淮数据, 博伦矿业, 京东科技): in a list of enterprises
#: (X、Y等N家企业), one such name says the list is of companies, and every short name in it is one
INDUSTRY_ENDINGS = ("科技", "矿业", "煤化", "药业", "能源", "电子", "电气", "实业", "化工", "乳业", "钢铁",
                    "建材", "数据", "股份", "控股", "电力", "新材", "物流", "智能", "制药", "食品", "农业", "生物",
                    "资本", "证券", "铝业", "半导体")

#: verbs a name may hold (公路交通建设集团, 科技合作委员会); any other verb inside a stem ends it
VERBS_IN_NAMES = {"建设", "合作", "联合", "发展", "投资", "服务", "开发", "管理", "研究", "推广", "运行", "利用", "促进"}

#: words that say nothing specific: a name made only of these (and a suffix) is a common noun
#: (创新联合体, 国家自主创新示范区, 细分产业链), not the name of one body
GENERIC_WORDS = sorted({
    "国家", "国家级", "省级", "市级", "全国", "全省", "全市", "规模化", "冷链", "自主", "创新", "科技", "科学", "技术", "产业",
    "企业", "重点", "高新", "现代", "现代化", "国际", "联合", "科研", "重要", "一流", "新型", "研发", "示范",
    "首批", "相关", "有关", "该", "本", "各", "其", "这", "我", "我国", "我省", "我市", "两", "三", "四",
    "一带一路", "工程", "合作", "千亿", "百亿", "千亿级", "百亿级", "细分", "主导", "特色", "优势", "龙头",
    "骨干", "中小", "大型", "新", "老", "协同", "共建", "联合体", "成员", "单位", "机构", "研究", "发展",
    "建设", "管理", "服务", "公共", "综合", "大", "小", "中国", "地方", "基础", "前沿", "领军", "专业",
    "中", "高", "省", "市", "县", "区", "创业", "孵化", "转化", "成果", "应用", "集成", "开放", "试点",
    "标杆", "链主", "头部", "上下游", "区域", "区域性", "西部", "东部", "中部", "西北", "东西部", "跨区域",
    "一", "二", "几", "多", "若干", "部分", "所属", "下属", "省属", "市属", "央企", "国企", "民营",
    "高校", "院所", "科研院所", "高等", "高水平", "农民", "专业", "学校", "合作委员会", "省内外", "省内", "省外", "国内外", "国内", "境内外", "战略", "框架", "协议", "协定", "备忘录",
    # qualities (X性, X化) and ownership that describe a kind of body, never name one
    "专业化", "特色化", "精品", "国有", "行业", "开放性", "示范性", "公益性", "综合性", "基础性", "战略性", "引领性",
    "标志性", "功能性", "全国性", "国际性", "代表性",
}, key=len, reverse=True)

#: words a name never runs across when the rules read leftwards from a suffix: verbs, prepositions,
#: time words. (A name that would be left empty by one is read on past it: 公路交通建设集团.)
STOP_WORDS = sorted({
    "的", "在", "由", "对", "向", "为", "将", "是", "了", "被", "把", "从", "等", "于", "据", 
    "到", "以", "其中", "包括", "近日", "目前", "今年",
    "去年", "日前", "会上", "期间", "记者", "以及", "及其", "同时", "此外", "通过", "借助", "围绕", "依据",
    "牵头", "组建", "共建", "支持", "推荐", "依托", "签订", "签约", "签署", "合作", "成立", "举办", "举行",
    "召开", "印发", "出台", "制定", "参加", "出席", "调研", "考察", "走进", "落户", "获批", "认定", "批复",
    "同意", "主持", "发布", "公布", "表示", "介绍", "指出", "宣布", "获悉", "了解", "建设", "打造", "培育",
    "落实", "推动", "推进", "加快", "支撑", "带动", "启动", "建成", "开展", "发挥", "提升", "实现", "利用",
    "访问", "参访", "率团", "赴", "筛选", "加入", "入选", "授牌", "揭牌", "挂牌", "聘任", "颁发", "兑现",
    "成为", "作为", "属于", "位于", "来自", "联合", "携手", "会同", "发起", "设立", "新组建", "获得",
    "拥有", "形成", "深化", "强化", "完善", "聚焦", "面向", "服务", "助力", "促进", "推出", "发函",
    "致辞", "获", "确定", "命名", "授予", "评为", "列为", "新建", "建立", "引进", "引入", "投产", "入驻", "进驻", "对接", "联手", "牵手", "链主企业", "龙头企业", "骨干企业", "领军企业", "包括", "持续", "壮大", "大力", "着力", "积极", "不断", "加强", "率先", "最", "经过", "运行", "讲话", "发言", "参观", "随同", "陪同", "带领", "率", "邀请", "跟", "和", "与", "及",
    "或", "暨", "分别", "共同", "正式", "已有", "现有", "新增", "首次", "这是", "标志", "据悉",
    "转载", "来源", "期望", "希望", "期待", "愿意", "已经", "正在", "布局", "而",
    "更名", "设置", "借力", "考核", "代表", "莅临", "牵线", "搭桥", "深入", "先后", "一行", "各位", "继续", "构建",
    "结合", "见证", "促成", "地处", "察看", "实地", "齐聚", "应邀", "争创", "创建", "申报", "具备", "支援", "帮扶",
    # role nouns and words of belonging: a name never runs across them (Z的成员单位有X, X所属Y)
    "成员单位", "牵头单位", "合作单位", "参与单位", "依托单位", "共建单位", "承建单位", "支撑单位", "单位有",
    "所属", "旗下", "下属", "隶属于", "隶属", "直属", "下设", "设在", "承建", "参与", "子公司",
    # verbs that join a body to a place, a funder, a post or a host: a name never holds one (X扎根Y, X选址Y,
    # X资助Y, 某人现任Y, 应Y邀请, X落地Y)
    "扎根", "选址", "资助", "现任", "担任", "任职", "就职", "受聘", "应邀", "落地", "落子", "入股", "控股", "收购",
    "并购", "捐赠", "捐建", "援建", "委托", "联姻", "结对", "对口", "走访", "拜访", "来到", "来访", "到访", "前往",
    # verbs, adverbs and time words news writes right before a body's name (入围某部名单, 盛赞某大学, 按照某园区
    # 要求, 当前某院, 某集团一直高度重视): a name never holds one
    "入围", "盛赞", "按照", "依照", "遵照", "当前", "近年来", "抓好", "实施", "对标", "重视", "一直", "始终", "集合",
    "晋升", "补齐", "以上", "以下", "代表性", "特邀", "感谢", "欢迎", "肯定", "着", "就", "给",
    "荣获", "获评", "列入", "纳入", "成功", "顺利", "再次", "进一步", "充分", "依靠", "立足", "搭建", "主办",
    "承办", "协办", "坐落", "涵盖", "涉及", "覆盖", "吸纳", "吸引", "根据", "帮助", "协助", "配合", "鼓励",
    "表彰", "聚集", "汇聚",
}, key=len, reverse=True)

#: joiners that may sit inside a name (研发及产业化应用创新联合体, 开发与利用创新基地); they end a name
#: only where the text on their left ends with an organisation name (兰州大学与…大学: two names)
SOFT_JOINERS = ("与", "和", "及")

#: units a figure may carry, longest first
FIGURE_UNITS = sorted({
    "万亿元", "亿元", "万元", "千元", "元", "亿美元", "万美元", "美元", "家", "项", "个", "名", "人", "位", "%",
    "万人", "人次", "万人次", "所", "座", "台", "套", "件", "篇", "支", "条", "批", "类", "方", "倍", "吨", "万吨",
    "亿吨", "公里", "千米", "米", "平方米", "平方公里", "万平方米", "亩", "万亩", "千瓦", "万千瓦", "兆瓦",
    "吉瓦", "吉瓦时", "千瓦时", "亿千瓦时", "Nm3/h", "年", "个百分点", "百分点", "余家", "多家",
}, key=len, reverse=True)

#: titles written before a person's name (副部长陈家昌, 记者武永明); longest first
TITLES_BEFORE = sorted({
    "记者", "通讯员", "编辑", "责任编辑", "主编", "摄影", "部长", "副部长", "厅长", "副厅长", "局长", "副局长",
    "司长", "副司长", "处长", "主任", "副主任", "书记", "副书记", "省长", "副省长", "市长", "副市长", "州长",
    "县长", "区长", "主席", "副主席", "校长", "副校长", "院长", "副院长", "所长", "副所长", "董事长", "总经理",
    "副总经理", "总裁", "理事长", "秘书长", "会长", "党组书记", "党委书记", "党委副书记", "获得者", "负责人", "首席科学家", "总工程师",
    "院士", "教授", "研究员", "博士", "常委", "委员", "代表", "专家", "主任医师", "科技特派员", "特派员",
    "党组成员", "党委委员", "党委常委", "见习记者", "经理", "副经理", "作者", "调研员", "副处长", "科长", "副科长",
    "站长", "巡视员", "副巡视员", "一级巡视员", "二级巡视员", "审签", "审核/", "文/", "图/", "发布/", "编辑/", "农艺师",
}, key=len, reverse=True)

#: titles written after a name (夏燕青研究员)
TITLES_AFTER = ("研究员", "副研究员", "助理研究员", "教授", "副教授", "院士", "博士", "主任", "同志", "先生", "女士",
                "总书记", "副省长", "省长", "副市长", "市长", "农艺师")

#: common Chinese surnames (single and double): a person's name is taken only when it opens with one
SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任"
    "沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔"
    "向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌"
    "毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦"
    "麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩"
    "明佘池查麻苑迟邝银邸储狄颉问逯郗禹拓豆傅束"
) | {"欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "令狐", "慕容", "尉迟", "长孙", "公孙"}

#: characters of transliterated foreign names (奥穆罗夫, 阿布力米提): a name made only of these is taken
#: after a title even without a Chinese surname
TRANSLITERATION = set("阿奥巴贝比波布达德迪多厄法菲弗格古哈赫霍吉加卡凯科克库拉莱兰劳勒雷里利列林卢鲁罗洛马迈"
                      "梅米莫穆纳内尼诺帕佩皮珀普萨塞桑沙舍什斯苏索塔泰特提托瓦维沃乌西希谢休亚叶伊尤扎泽"
                      "佐夫娃娜耶基力木汗买江别克")

#: provinces and regions, full and short, for region-prefixed names (省科技厅 = 甘肃省科技厅)
PROVINCES = {
    "北京": "北京市", "天津": "天津市", "上海": "上海市", "重庆": "重庆市", "河北": "河北省", "山西": "山西省",
    "辽宁": "辽宁省", "吉林": "吉林省", "黑龙江": "黑龙江省", "江苏": "江苏省", "浙江": "浙江省", "安徽": "安徽省",
    "福建": "福建省", "江西": "江西省", "山东": "山东省", "河南": "河南省", "湖北": "湖北省", "湖南": "湖南省",
    "广东": "广东省", "海南": "海南省", "四川": "四川省", "贵州": "贵州省", "云南": "云南省", "陕西": "陕西省",
    "甘肃": "甘肃省", "青海": "青海省", "台湾": "台湾省", "内蒙古": "内蒙古自治区", "广西": "广西壮族自治区",
    "西藏": "西藏自治区", "宁夏": "宁夏回族自治区", "新疆": "新疆维吾尔自治区", "香港": "香港特别行政区",
    "澳门": "澳门特别行政区",
}

#: countries that open the names of foreign bodies (德国某某公司) and of bilateral ones
COUNTRIES = ("德国", "美国", "日本", "法国", "英国", "韩国", "意大利", "西班牙", "荷兰", "瑞士", "瑞典", "芬兰", "丹麦",
             "挪威", "奥地利", "比利时", "加拿大", "澳大利亚", "新西兰", "新加坡", "马来西亚", "泰国", "越南", "印度",
             "巴基斯坦", "蒙古", "以色列", "埃及", "南非", "巴西", "阿根廷", "墨西哥", "土耳其", "伊朗", "沙特")

#: prefecture-level cities of Gansu and the provincial capitals: names opening with one are regional
CITIES = ("兰州", "嘉峪关", "金昌", "白银", "天水", "武威", "张掖", "平凉", "酒泉", "庆阳", "定西", "陇南", "临夏",
          "甘南", "北京", "上海", "天津", "重庆", "西安", "成都", "银川", "西宁", "乌鲁木齐", "呼和浩特", "拉萨",
          "昆明", "贵阳", "南宁", "广州", "深圳", "长沙", "武汉", "郑州", "济南", "南京", "杭州", "合肥", "福州",
          "南昌", "太原", "石家庄", "沈阳", "长春", "哈尔滨", "海口", "敦煌", "玉门")

#: county-level cities whose name is also a common word (合作 is a city of 甘南): a place only with 市 after it
WORD_CITIES = ("合作市",)

#: what opens a region-prefixed short form: 省科技厅 (the source's province), 市科技局 (its city)
REGION_PREFIXES = ("省", "市", "州", "县", "区", "自治区")

#: the gold lists' class codes (eval/README.md) for each ontology class, for scoring and review files
CLASS_CODES = {
    "GovernmentBody": "government", "University": "university", "ResearchInstitute": "institute",
    "Academy": "institute", "Enterprise": "enterprise", "InnovationConsortium": "consortium",
    "IndustrialChain": "chain", "IndustrialCluster": "cluster", "HighTechZone": "zone", "Park": "zone",
    "Laboratory": "lab", "NationalPlatform": "platform", "Facility": "platform", "Hospital": "hospital",
    "Bank": "bank", "MediaOrganization": "media", "Organization": "association", "Person": "person",
    "TestingInstitute": "institute",
}

_SUFFIXES_LONGEST_FIRST = sorted(ORG_SUFFIXES, key=len, reverse=True)


def suffix_class(name):
    """The ontology class a name's suffix says it has (``None`` when no suffix fits).

    >>> suffix_class("兰州日报社"), suffix_class("兰州新区"), suffix_class("小麦")
    ('MediaOrganization', 'HighTechZone', None)
    """
    for suffix in _SUFFIXES_LONGEST_FIRST:
        if name.endswith(suffix):
            return ORG_SUFFIXES[suffix]
    return KNOWN_BODIES.get(name)


def suffixes_longest_first():
    """Every organisation suffix, the longest first (so 股份有限公司 is tried before 公司)."""
    return list(_SUFFIXES_LONGEST_FIRST)
