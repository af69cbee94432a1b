"""The demo coalition, transcribed from the coalition's own documents (../shared/seeds/):
001 "Who are we" (names in four languages, introduction, vision, message, goals), 000 the newsletter
of February 2023 (member organisations, regions, bodies), 002/004 the ASO pages, 003 a member
organisation's profile. Arabic names beside the English ones the seeds give are our transcriptions.
Which region each newsletter organisation belongs to is not in the seeds: it is a demo assumption.
People are fictional."""

COALITION = {
    "short_name": "CSO-NES",
    "name_ar": "تحالف منظمات المجتمع المدني في شمال وشرق سوريا",
    "name_ku": "Hevbendîya Rêxistinên Civaka Sivîl ên Bakur û Rojhilatê Sûriyayê",
    # Seed 001 gives the Syriac name in visual order (as it was laid out left to right, letters reversed). It is
    # stored in logical order, the order it is typed and read: the seed's letters reversed, each letter keeping its
    # marks (the seyame of ܬ̈), and the two spaces the visual copy put inside words (ܡܛܟܣܬ̈ܐ, ܕܣܘܪܝܐ) removed.
    "name_syr": "ܚܘܝܕ ܡܛܟܣܬ̈ܐ ܕܡܟܢܫܐ ܡܕܡܢܬܝܐ ܒܓܪܒܝܐ ܘܡܕܢܚܐ ܕܣܘܪܝܐ",
    "name_en": "Civil Society Organizations Coalition in North and East Syria",
    "original_language": "en",
    "founded_on": "2021-10-01",
    "introduction_en": (
        "In response to the needs of the civil reality in North and East Syria, and as a result of the dialogues "
        "and discussions that took place between representatives of several active organizations in North and East "
        "Syria, which lasted for several months, we found ourselves in front of the responsibility of crystallizing "
        "and coordinating our efforts to reach a better civil reality, bearing its societal responsibilities through "
        "cooperation and creating a common space between us.\n"
        "Believing in us (the organizations affiliated with this alliance) to work collectively, in order to establish "
        "a civil reality capable of adopting the issues of individuals and population groups without any "
        "discrimination, the aim of this alliance was to activate mechanisms for mobilization and advocacy, and to "
        "strengthen the integrated role entrusted to the inclusive civil space, on a voluntary and optional basis.\n"
        "In addition, this alliance seeks to improve and develop the reality of our societies, and to formulate "
        "visions, ideas and positions, to present and express them in a more organized and consistent manner with "
        "the cultural, ethnic and social diversity that enriches our region.\n"
        "Expressing the issues of the population and their local communities according to the diversity of their "
        "backgrounds, we must build multiple forms of coordination and activate the multiple paths of civil action "
        "to reach a democratic environment that reflects the sacrifices made for the desired process of change and "
        "democratic transformation throughout Syria.\n"
        "The independence of the “Civil Society Organizations Coalition in North and East Syria” from any political, "
        "military or governmental authority does not conflict with the coalition’s endeavor to cooperate with all "
        "official bodies and institutions active in the region, in accordance with the goals and objectives of the "
        "coalition."
    ),
    "introduction_ar": (
        "استجابةً لاحتياجات الواقع المدني في شمال وشرق سوريا، ونتيجةً للحوارات والنقاشات التي جرت بين ممثلي عدد من "
        "المنظمات الفاعلة في شمال وشرق سوريا واستمرت عدة أشهر، وجدنا أنفسنا أمام مسؤولية بلورة جهودنا وتنسيقها للوصول "
        "إلى واقع مدني أفضل، يتحمل مسؤولياته المجتمعية عبر التعاون وخلق مساحة مشتركة بيننا.\n"
        "إيماناً منا (المنظمات المنضوية في هذا التحالف) بالعمل الجماعي، ومن أجل تأسيس واقع مدني قادر على تبني قضايا "
        "الأفراد والفئات السكانية دون أي تمييز، كان الهدف من هذا التحالف تفعيل آليات الحشد والمناصرة، وتعزيز الدور "
        "التكاملي المنوط بالفضاء المدني الجامع، على أساس طوعي واختياري.\n"
        "إن استقلالية «تحالف منظمات المجتمع المدني في شمال وشرق سوريا» عن أي سلطة سياسية أو عسكرية أو حكومية لا "
        "تتعارض مع سعي التحالف للتعاون مع جميع الهيئات والمؤسسات الرسمية العاملة في المنطقة، بما يتوافق مع أهداف "
        "التحالف وغاياته."
    ),
    "who_we_are_en": (
        "An independent coalition of non-governmental organizations and networks, non-profit and voluntary, "
        "established in October 2021, committed to the promotion of democracy, and the consolidation of the role of "
        "organizations / civil society in its broad definition, as one of the most important forms of societal "
        "expression in reaching a society in which the values of justice, freedom and equality prevail."
    ),
    "who_we_are_ar": (
        "تحالف مستقل من المنظمات والشبكات غير الحكومية، غير ربحي وطوعي، تأسس في تشرين الأول 2021، ملتزم بتعزيز "
        "الديمقراطية وترسيخ دور المنظمات والمجتمع المدني بتعريفه الواسع، بوصفه أحد أهم أشكال التعبير المجتمعي، للوصول "
        "إلى مجتمع تسوده قيم العدالة والحرية والمساواة."
    ),
    "vision_en": (
        "We seek to activate the role of civil society to reach a democratic society in which the values of justice, "
        "freedom and equality prevail."
    ),
    "vision_ar": "نسعى إلى تفعيل دور المجتمع المدني للوصول إلى مجتمع ديمقراطي تسوده قيم العدالة والحرية والمساواة.",
    "vision_ku": (
        "Em dixwazin rola civaka sivîl çalak bikin da ku bigihîjin civakeke demokratîk ku nirxên dadmendî, azadî û "
        "wekheviyê tê de serdest bin."
    ),
    "message_en": (
        "The coalition seeks to develop an effective coordination mechanism and opportunities for participation "
        "through information exchange and advocacy. It also seeks to increase communication, networking and "
        "coordination with other coalitions and civil networks to be a key pillar in the sustainable development "
        "process to reach a democratic society, consolidate human rights without any discrimination, and develop "
        "transparency and good local governance."
    ),
    "message_ar": (
        "يسعى التحالف إلى تطوير آلية تنسيق فعالة وفرص للمشاركة عبر تبادل المعلومات والمناصرة، كما يسعى إلى زيادة "
        "التواصل والتشبيك والتنسيق مع التحالفات والشبكات المدنية الأخرى، ليكون ركيزة أساسية في عملية التنمية المستدامة "
        "للوصول إلى مجتمع ديمقراطي، وترسيخ حقوق الإنسان دون أي تمييز، وتطوير الشفافية والحوكمة المحلية الرشيدة."
    ),
    "goals_en": "\n".join(
        [
            "Strengthening democracy by enhancing the participation of civil society organizations, building their "
            "capacities and empowering them, in order to exercise their oversight role over governance systems.",
            "Enhancing good local governance to ensure the promotion of transparency, accountability, the rule of "
            "law, and pluralism at the political, economic and social levels.",
            "The exchange of information and knowledge between organizations and the promotion of effective "
            "cooperation between them.",
            "Advocating for issues that concern northeastern Syria at the local, national and international levels.",
            "Contributing to the formulation of policies for donors and international bodies and directing them in "
            "line with specific sectors of general priority for all male and female citizens in northeastern Syria.",
            "Enhancing the role of women in the civic space through combating gender-based discrimination and "
            "combating violence against women.",
            "Consolidating the concept of respect and acceptance of the other and the abolition of all forms of "
            "discrimination based on race, color, sex, language, religion, national or social origin, or others.",
        ]
    ),
    "goals_ar": "\n".join(
        [
            "تعزيز الديمقراطية عبر تعزيز مشاركة منظمات المجتمع المدني وبناء قدراتها وتمكينها لممارسة دورها الرقابي على أنظمة الحوكمة.",
            "تعزيز الحوكمة المحلية الرشيدة بما يضمن تعزيز الشفافية والمساءلة وسيادة القانون والتعددية على المستويات السياسية والاقتصادية والاجتماعية.",
            "تبادل المعلومات والمعارف بين المنظمات وتعزيز التعاون الفعال بينها.",
            "المناصرة لقضايا شمال شرق سوريا على المستويات المحلية والوطنية والدولية.",
            "المساهمة في صياغة سياسات المانحين والهيئات الدولية وتوجيهها بما يتوافق مع قطاعات محددة ذات أولوية عامة لجميع المواطنين والمواطنات في شمال شرق سوريا.",
            "تعزيز دور المرأة في الفضاء المدني عبر مكافحة التمييز القائم على النوع الاجتماعي ومكافحة العنف ضد المرأة.",
            "ترسيخ مفهوم احترام الآخر وقبوله وإلغاء جميع أشكال التمييز على أساس العرق أو اللون أو الجنس أو اللغة أو الدين أو الأصل القومي أو الاجتماعي أو غير ذلك.",
        ]
    ),
}

# slug: (ar, en, ku, syr, [place pcodes])
REGIONS = {
    "al-jazira": ("الجزيرة", "Al-Jazira (Hasakah)", "Cizîrê", "ܓܙܪܬܐ", ["SY08"]),
    "raqqa": ("الرقة", "Raqqa", "Reqa", "ܪܩܐ", ["SY1101"]),
    "euphrates": ("الفرات (الطبقة)", "Euphrates (Tabqa)", "Firat (Tebqa)", "ܦܪܬ", ["SY1103"]),
    "deir-ez-zor": ("دير الزور", "Deir ez-Zor", "Dêra Zorê", "ܕܝܪܐ ܕܙܘܪ", ["SY09"]),
}

# The coalition's own sector list (003 "Achievements", 000 activities), each with its Whole-of-Syria
# cluster (IATI vocabulary 10) and DAC 5-digit code (vocabulary 1). slug: (en, ar, ku, cluster, DAC)
SECTORS = {
    "education-protection": (
        "Education, protection and psychosocial support",
        "التعليم والحماية والدعم النفسي",
        "Perwerde, parastin û piştgiriya derûnî",
        "EDU",
        "11220",
    ),
    "agriculture": ("Agriculture", "الزراعة", "Çandinî", "FSC", "31120"),
    "infrastructure": (
        "Infrastructure and rubble removal",
        "إعادة تأهيل البنية التحتية وإزالة الأنقاض",
        "Binesazî û rakirina kavilan",
        "ERY",
        "73010",
    ),
    "water": ("Water", "المياه", "Av", "WSH", "14030"),
    "livelihoods": ("Livelihoods and stability", "سبل العيش ودعم الاستقرار", "Debar û aramî", "ERY", "16020"),
    "community-security": (
        "Community security and peace",
        "الأمن المجتمعي والسلام",
        "Ewlehiya civakî û aştî",
        "PRO",
        "15220",
    ),
    "women": ("Women's empowerment", "تمكين المرأة", "Xurtkirina jinan", "PRO", "15170"),
    "youth": ("Youth", "الشباب", "Ciwan", "EDU", "11330"),
    "governance": (
        "Democracy and good governance",
        "الديمقراطية والحوكمة الرشيدة",
        "Demokrasî û rêveberiya baş",
        "ERY",
        "15150",
    ),
    "research": (
        "Research and capacity building",
        "الأبحاث وبناء القدرات",
        "Lêkolîn û avakirina kapasîteyê",
        "ERY",
        "43082",
    ),
    "relief": ("Emergency relief", "الإغاثة الطارئة", "Alîkariya acîl", "SHL", "72010"),
}

# slug: dict of fields. Names in English as the seeds give them; Arabic as we transcribe them.
ORGANISATIONS = {
    "astefir-al-zour": {
        "name_en": "Astefir Al-Zour Organization",
        "name_ar": "منظمة عصافير الزور",
        "region": "deir-ez-zor",
        "place": "SY090201",
        "founded_on": "2018-06-01",
        "sectors": ["education-protection", "agriculture", "infrastructure", "livelihoods", "community-security"],
        "original_language": "en",
        "description_en": (
            "A non-profit organization that does not belong to any political or religious faction, founded in "
            "Deir ez-Zor in June 2018. It works to enable civil society to play its role in responding to the "
            "emergency in Syria and contributing to building a better future."
        ),
        "description_ar": (
            "منظمة غير ربحية لا تتبع لأي جهة سياسية أو دينية، تأسست في دير الزور في حزيران 2018، تعمل على تمكين "
            "المجتمع المدني من أداء دوره في الاستجابة للطوارئ في سوريا والمساهمة في بناء مستقبل أفضل."
        ),
        "vision_en": (
            "A world that respects every child and gives him/her his/her rights.\n"
            "A balanced society in which the conditions for development and social solidarity are met.\n"
            "A world in which understanding and harmony prevail among peoples."
        ),
        "mission_en": (
            "Child care and protection, striving to create safe environments for children and overcome the obstacles "
            "caused by war, in addition to service projects that help stability and development, and projects that "
            "encourage understanding and cultural exchange between peoples."
        ),
        "publish_email": True,
        "email": "contact@astefir.example",
    },
    "aso-center": {
        "name_en": "ASO Center for Consultancy and Strategic Studies",
        "name_ar": "مركز آسو للاستشارات والدراسات الاستراتيجية",
        "name_ku": "Navenda ASO ji bo Şêwirmendî û Lêkolînên Stratejîk",
        "acronym": "ASO",
        "region": "al-jazira",
        "place": "SY080202",
        "sectors": ["research", "governance", "youth"],
        "original_language": "en",
        "description_en": (
            "Organizes workshops, dialogue sessions and the ASO Youth Forum in Northeastern Syria, and supported "
            "the structuring of the platform of civil society institutions in Al-Hasakah, Raqqa and Deir Ezzor."
        ),
        "publish_phone": True,
        "phone": "+964 751 441 3372",
    },
    "zamen": {
        "name_en": "Zamen Organization for Development and Peacebuilding",
        "name_ar": "منظمة ضامن للتنمية وبناء السلام",
        "region": "al-jazira",
        "place": "SY080000",
        "sectors": ["governance", "community-security"],
        "description_en": "Launched the “Our Rights, Your Responsibility” initiative in Hasakah Governorate with ASO.",
    },
    "for-them": {
        "name_en": "For Them Organization",
        "name_ar": "منظمة لأجلهم",
        "region": "raqqa",
        "sectors": ["youth", "education-protection"],
        "description_en": "Towards effective youth.",
    },
    "tayif": {
        "name_en": "Tayif Humanitarian Organization",
        "name_ar": "منظمة طيف الإنسانية",
        "region": "raqqa",
        "sectors": ["education-protection", "agriculture"],
        "description_en": "For their childhood; rehabilitation of the Marashda Farmers Association.",
    },
    "eternity": {
        "name_en": "Eternity for Empowerment of Women and Building the Civil Society",
        "name_ar": "منظمة الخلود لتمكين المرأة وبناء المجتمع المدني",
        "region": "al-jazira",
        "sectors": ["women", "governance"],
        "description_en": "Training workshops on volunteering; the Fursa (Opportunity) project.",
    },
    "ella": {
        "name_en": "Ella for Development and Peacebuilding",
        "name_ar": "منظمة إيلا للتنمية وبناء السلام",
        "region": "euphrates",
        "place": "SY110300",
        "sectors": ["education-protection", "community-security"],
        "description_en": "Awareness activities on bullying with SHARE Organization; management skills training.",
    },
    "hope-restoration": {
        "name_en": "Hope Restoration Association",
        "name_ar": "جمعية استعادة الأمل",
        "region": "raqqa",
        "sectors": ["livelihoods"],
        "description_en": "The “Towards A New Hope” project.",
    },
    "insaaf": {
        "name_en": "Insaaf for Development",
        "name_ar": "منظمة إنصاف للتنمية",
        "region": "deir-ez-zor",
        "sectors": ["water", "infrastructure"],
        "description_en": "Rehabilitated the water network of the Hawama water station.",
    },
    "deirna": {
        "name_en": "Deirna Organization for Development",
        "name_ar": "منظمة ديرنا للتنمية",
        "region": "deir-ez-zor",
        "place": "SY090100",
        "sectors": ["community-security", "livelihoods"],
        "description_en": "Dialogue sessions of the “Our Security” project; vocational training in the Tamasuk project.",
    },
    "green-women": {
        "name_en": "Green Women Association",
        "name_ar": "جمعية المرأة الخضراء",
        "region": "raqqa",
        "sectors": ["women", "infrastructure"],
        "description_en": "Women Fingerprints project: lighting Ali Muslim Al-Muhammad Street.",
    },
    "ashtar": {
        "name_en": "Ashtar Development Organization",
        "name_ar": "منظمة عشتار للتنمية",
        "region": "euphrates",
        "sectors": ["agriculture"],
        "description_en": "Rehabilitation of the Al-Sour Agricultural Association.",
    },
    "seeds-of-peace": {
        "name_en": "Seeds of Peace Center",
        "name_ar": "مركز بذور السلام",
        "region": "euphrates",
        "sectors": ["education-protection", "women"],
        "description_en": "Psychological support sessions for women.",
    },
    "bedaya": {
        "name_en": "Bedaya Organization",
        "name_ar": "منظمة بداية",
        "region": "deir-ez-zor",
        "sectors": ["water", "infrastructure"],
        "description_en": "The Abu Al-Hassan water network rehabilitation project.",
    },
}

# slug: (kind, region, ar, en, ku, elected)
BODIES = {
    "general-board": ("general_board", None, "الهيئة العامة", "General Board", "Desteya Giştî", False),
    "coordination-committee": (
        "coordination_committee",
        None,
        "لجنة التنسيق",
        "Coordination Committee",
        "Komîteya Hevrêziyê",
        False,
    ),
    "technical-team": ("technical_team", None, "الفريق التقني", "Technical Team", "Tîma Teknîkî", False),
    "local-board-al-jazira": (
        "local_board",
        "al-jazira",
        "الهيئة المحلية - الجزيرة",
        "Local Board — Al-Jazira",
        "Desteya Herêmî — Cizîrê",
        False,
    ),
    "local-board-raqqa": (
        "local_board",
        "raqqa",
        "الهيئة المحلية - الرقة",
        "Local Board — Raqqa",
        "Desteya Herêmî — Reqa",
        False,
    ),
    "local-board-euphrates": (
        "local_board",
        "euphrates",
        "الهيئة المحلية - الفرات",
        "Local Board — Euphrates",
        "Desteya Herêmî — Firat",
        False,
    ),
    "local-board-deir-ez-zor": (
        "local_board",
        "deir-ez-zor",
        "الهيئة المحلية - دير الزور",
        "Local Board — Deir ez-Zor",
        "Desteya Herêmî — Dêra Zorê",
        False,
    ),
    "operational-body-deir-ez-zor": (
        "operational_body",
        "deir-ez-zor",
        "الهيئة التشغيلية - دير الزور",
        "Operational Body — Deir ez-Zor",
        "Desteya Operasyonel — Dêra Zorê",
        True,
    ),
}

# Fictional personas, the one place their names are kept (the tests read them from here). Each key says who the
# persona is: the organisation, then the role. key: (email, full name, coalition role, [(organisation, role)]).
PERSONAS = {
    "tech_officer": ("tech@demo.civnet.invalid", "Rima Example (demo)", "technical_team", []),
    "astefir_admin": ("admin@demo.civnet.invalid", "Karim Example (demo)", "", [("astefir-al-zour", "admin")]),
    "astefir_editor": ("editor@demo.civnet.invalid", "Nour Example (demo)", "", [("astefir-al-zour", "editor")]),
    "astefir_delegate": (
        "signatory@demo.civnet.invalid",
        "Hevin Example (demo)",
        "",
        [("astefir-al-zour", "signatory"), ("astefir-al-zour", "delegate")],
    ),
    "deirna_admin": ("other@demo.civnet.invalid", "Samir Example (demo)", "", [("deirna", "admin")]),
}
# What `make run` prints beside each persona.
PERSONA_LABELS = {
    "tech_officer": "technical-team officer",
    "astefir_admin": "admin of Astefir Al-Zour",
    "astefir_editor": "editor of Astefir Al-Zour, assistant trainer of the Hajin workshop",
    "astefir_delegate": "signatory and delegate of Astefir Al-Zour",
    "deirna_admin": "admin of Deirna (another organisation)",
}

# (body, persona key, organisation, role, starts_on, ends_on, public name). The operational body of Deir ez-Zor is
# seated by its election in demo/governance.py (Astefir's delegate among the elected).
MANDATES = [
    ("technical-team", "tech_officer", None, "member", "2022-11-09", None, False),
    ("local-board-deir-ez-zor", "astefir_admin", "astefir-al-zour", "chair", "2022-11-09", None, True),
    ("local-board-deir-ez-zor", "deirna_admin", "deirna", "secretary", "2022-11-09", None, False),
    ("general-board", "deirna_admin", "deirna", "member", "2021-10-01", "2022-11-08", False),
]

# An application waiting for the technical team, so the review path can be walked.
PENDING_APPLICATION = {
    "organisation": {
        "name_en": "Furat Youth Initiative",
        "name_ar": "مبادرة شباب الفرات",
        "region": "euphrates",
        "sectors": ["youth"],
        "description_en": "Young volunteers organising cultural and awareness activities in Tabqa.",
    },
    "contact_name": "Dilan Example (demo)",
    "contact_email": "applicant@demo.civnet.invalid",
}

# Projects of other members, as the newsletter of February 2023 (000) reports their activities. The
# newsletter gives no dates beyond its month, nor counts: these projects carry that month as their start.
NEWSLETTER_PROJECTS = {
    "insaaf": ("To rehabilitate the water network of the Hawama water station", "water", "SY09", "en"),
    "bedaya": ("Abu Al-Hassan Water Network Rehabilitation Project", "water", "SY090100", "en"),
    "green-women": ("Women Fingerprints Project: lighting Ali Muslim Al-Muhammad Street", "women", "SY110100", "en"),
    "deirna": ("Our Security project 5: dialogue sessions", "community-security", "SY090100", "en"),
    "seeds-of-peace": ("Psychological support sessions for women", "education-protection", "SY110300", "en"),
}

# The newsletter's advocacy (000): each region's case, its hashtag, the statement and the visits.
# slug: (region, title_en, title_ar, hashtags, issue_en, status, start)
CAMPAIGNS = {
    "deir-ez-zor-electricity": (
        "deir-ez-zor",
        "Electricity for Deir ez-Zor",
        "الكهرباء في دير الزور",
        "#DeirEzzor_DrownsInDarkness #دير_الزور_تغرق_في_الظلام",
        "The crisis of electricity that the residents of the region suffer from: the basics of the problem, its "
        "implications, and the solutions that can be resorted to.",
        "active",
        "2023-01-15",
    ),
    "euphrates-expatriate-card": (
        "euphrates",
        "No to the expatriate card",
        "لا لبطاقة الوافد",
        "#WeAreAllSyrians_NoToTheExpatriateCard #كلنا_سوريون_لا_لبطاقة_الوافد",
        "The expatriate card is sometimes an obstacle to the arrival of merchants, industrialists and investors to "
        "the region, and sometimes prevents families from seeing their relatives.",
        "active",
        "2023-01-15",
    ),
    "raqqa-grants": (
        "raqqa",
        "How grants are distributed and partners selected",
        "آلية توزيع المنح واختيار الشركاء",
        "",
        "The mechanism for distributing grants to organisations and selecting partners.",
        "active",
        "2023-01-20",
    ),
}
STATEMENT = {
    "slug": "deir-ez-zor-electricity-statement",
    "campaign": "deir-ez-zor-electricity",
    "title_en": "Joint statement on the electricity crisis in Deir ez-Zor",
    "title_ar": "بيان مشترك حول أزمة الكهرباء في دير الزور",
    "text_ar": (
        "نحن منظمات المجتمع المدني الموقعة أدناه، الأعضاء في تحالف منظمات المجتمع المدني في شمال وشرق سوريا، "
        "نعبّر عن قلقنا من أزمة الكهرباء التي يعاني منها سكان منطقة دير الزور وما يترتب عليها من آثار على الصحة "
        "والتعليم وسبل العيش.\n"
        "ونطالب الجهات المعنية بوضع خطة واضحة لإعادة تأهيل الشبكة وتوزيع عادل لساعات التغذية، وبإشراك المجتمع "
        "المحلي في متابعة تنفيذها."
    ),
    "text_en": (
        "We, the undersigned civil society organisations, members of the Civil Society Organizations Coalition in "
        "North and East Syria, express our concern at the electricity crisis that the residents of Deir ez-Zor "
        "suffer from, and its consequences for health, education and livelihoods.\n"
        "We call on the authorities concerned to set a clear plan to rehabilitate the network and distribute supply "
        "hours fairly, and to involve the local community in following up its implementation."
    ),
}
# (campaign, date, authority, office, asked, answered, promised, promise to follow up, owner)
MEETINGS = [
    (
        "deir-ez-zor-electricity",
        "2023-02-01",
        "Energy Committee",
        "Deir ez-Zor Civil Council",
        "A plan and a timetable for the electricity network.",
        "The committee listened to the campaign's proposals.",
        "To study the proposals and answer in writing.",
        "A written answer to the campaign's proposals",
        "Energy Committee",
    ),
    (
        "euphrates-expatriate-card",
        "2023-02-05",
        "Interior Committee",
        "Civil Administration of the Tabqa Region",
        "Alternatives that would end the expatriate card.",
        "The card's purpose and its current rules.",
        "To register all the proposals of the campaign.",
        "Proposals registered and answered",
        "Executive Council",
    ),
    (
        "euphrates-expatriate-card",
        "2023-02-06",
        "Executive Office",
        "Civil Administration of the Tabqa Region",
        "A solution in coordination with the Legislative Council.",
        "Full assistance in finding a solution.",
        "To coordinate with the Legislative Council and stakeholders.",
        "Coordination with the Legislative Council",
        "Executive Office",
    ),
    (
        "raqqa-grants",
        "2023-02-08",
        "Office of Humanitarian Affairs and Labor",
        "Raqqa Civil Council",
        "How organisations' work is evaluated and partners selected.",
        "A tendency to evaluate organisations in partnership with the coalition's office.",
        "To evaluate organisations' work with the coalition.",
        "A joint evaluation of organisations' work",
        "Office of Humanitarian Affairs and Labor",
    ),
]

# The newsletter of February 2023, issue 7 (000): its news and every member activity it lists.
# The seed's "for reading more" / "for watching the video" links carry no address: the demo points them
# at example.org, a name reserved for examples.
NEWSLETTER_NEWS = [
    (
        "advocacy-campaigns-2023",
        "2023-02-10",
        "The mobilization and advocacy campaign in each region",
        "حملة الحشد والمناصرة في كل منطقة",
        "Meetings were held for organisations affiliated with the Coalition in the regions of Euphrates, Raqqa, "
        "Al-Jazeera and Deir ez-Zor. A case was identified for each region: electricity in Deir ez-Zor, the "
        "expatriate card in the Euphrates, and the mechanism for distributing grants and selecting partners in Raqqa.",
    ),
    (
        "here-is-syria",
        "2023-02-12",
        "The “Here Is Syria” campaign",
        "حملة «هنا سوريا»",
        "The Coalition launched the “Here Is Syria” campaign, collecting in-kind and material donations through "
        "distribution points in the four regions, and brought 66 trucks of in-kind materials through the Aoun "
        "Al-Dadat crossing on the thirteenth and fourteenth of February for the people affected by the earthquake.",
    ),
]
# (organisation, title, kind)
NEWSLETTER_ACTIVITIES = [
    ("for-them", "Towards effective youth", "article"),
    ("tayif", "For their Childhood", "video"),
    ("tayif", "Rehabilitation of the Marashda Farmers Association", "video"),
    ("eternity", "Training Workshop (Volunteering)", "article"),
    ("ella", "An awareness activity in cooperation with SHARE Organization under the title “Bullying”", "article"),
    ("ella", "Management skills Training", "article"),
    ("hope-restoration", "“Towards A New Hope Project”", "article"),
    ("insaaf", "To rehabilitate the water network of the Hawama water station", "video"),
    ("insaaf", "“The Hawama Water Network Project”", "video"),
    ("deirna", "Its sixth dialogue session within “Our Security project 5”", "article"),
    (
        "deirna",
        "Vocational training in the Tamasuk Project (beneficiaries have learned to make dairy and cheese)",
        "video",
    ),
    (
        "green-women",
        "As part of the Women Fingerprints Project, the initiative of lighting Ali Muslim Al-Muhammad Street has been implemented",
        "article",
    ),
    ("ashtar", "The rehabilitation of Al_Sour Agricultural Association", "video"),
    ("seeds-of-peace", "Psychological support Sessions for women", "video"),
    ("eternity", "Fursa Project. the (Opportunity Project)", "article"),
    (
        "bedaya",
        "Continuing to implement technical works in the “Abu Al-Hassan Water Network Rehabilitation Project”",
        "article",
    ),
]
