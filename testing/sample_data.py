"""Realistic submission dicts for the PDF renderer, in the six UN languages.

``sample_submission(lang)`` gives the shape the web layer hands to
``exports.submission_pdf.render_submission_pdf``: labels already in the document language,
display nodes already built by the questionnaire engine.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from questionnaire.snapshot import snapshot_document, snapshot_hash

#: The answers of the sample snapshot and their SHA-256 (what the cover prints and the PDF
#: embeds; the rendered sections are sample text, not derived from these).
SNAPSHOT_ANSWERS = {"gen.institution": "Ministry of Environment and Forestry",
                    "op1.leg.serious_crime": "partly"}
SHA256 = snapshot_hash(snapshot_document(state="KEN", questionnaire="res-12-4", version="1",
                                         answers=SNAPSHOT_ANSWERS))

#: Hostile answers: each must come out as literal text, fetch nothing and embed nothing.
HOSTILE_ANSWERS = (
    '<img src="file:///etc/passwd">',
    '<link rel="stylesheet" href="http://attacker.invalid/x.css">',
    "<style>@import url(http://attacker.invalid/i.css); body{display:none}</style>",
    '<div style="background: url(http://attacker.invalid/bg.png)">styled</div>',
    '<object data="file:///etc/hostname"></object>',
    '<a href="file:///etc/shadow">open me</a>',
    '<link rel="attachment" href="file:///etc/passwd">',
    '<iframe src="http://attacker.invalid/frame"></iframe>',
    "<svg><image href='http://attacker.invalid/s.png'/></svg>",
    "{{ 7*7 }} {% raw %}",
)

TEXT: dict[str, dict[str, str]] = {
    "en": {
        "state": "Kenya",
        "cycle": "2026 reporting cycle",
        "title": "Self-assessment questionnaire on resolution 12/4",
        "workflow_submitted": "Submitted",
        "workflow_draft": "In preparation",
        "certified_by": "Jane Wanjiru, Director of Legal Affairs",
        "s1": "Legislative framework",
        "s2": "International cooperation",
        "s3": "Capacity building and technical assistance",
        "s4": "Data collection and analysis",
        "q_leg_art5": "Does domestic law criminalize participation in an organized criminal group "
        "involved in crimes that affect the environment?",
        "h_leg_art5": "Cite the provisions and summarize their scope.",
        "a_leg_art5": "Yes. Section 3 of the Prevention of Organized Crimes Act makes "
        "participation an offence, and the Wildlife Conservation and Management Act treats "
        "trafficking in protected species as a serious crime.\nBoth laws apply to acts "
        "committed abroad by nationals.",
        "q_leg_laws": "List the laws that define environmental offences.",
        "a_leg_law1": "Wildlife Conservation and Management Act, 2013",
        "a_leg_law2": "Forest Conservation and Management Act, 2016",
        "a_leg_law3": "Environmental Management and Co-ordination Act, 1999",
        "q_leg_pen": "Maximum penalties for the main offences",
        "c_offence": "Offence",
        "c_penalty": "Maximum penalty",
        "c_law": "Law",
        "r_pen1": "Trafficking in endangered species",
        "r_pen1b": "Life imprisonment",
        "r_pen2": "Illegal logging",
        "r_pen2b": "Ten years",
        "q_coop_mla": "Describe how mutual legal assistance is provided in environmental cases.",
        "a_coop_mla": "The Office of the Attorney General is the central authority; requests are "
        "answered within ninety days on average.",
        "q_coop_stats": "Requests for mutual legal assistance by year",
        "c_year": "Year",
        "c_sent": "Requests sent",
        "c_received": "Requests received",
        "q_coop_treaty": "Which bilateral treaties cover environmental crime?",
        "q_cap_training": "Training delivered to investigators and prosecutors",
        "a_cap_t1": "Financial investigation course for wildlife officers",
        "a_cap_t2": "Regional workshop on timber trafficking",
        "q_cap_needs": "Technical assistance needs not covered by other sections",
        "q_cap_other": "Other capacity-building measures",
        "q_data_notes": "Explain how data on environmental crime are collected.",
        "a_data_notes": "The national statistics office compiles police and court records every "
        "quarter.",
        "h_data_notes": "Mention the agencies involved.",
    },
    "fr": {
        "state": "Kenya",
        "cycle": "Cycle d'établissement des rapports 2026",
        "title": "Questionnaire d'auto-évaluation sur la résolution 12/4",
        "workflow_submitted": "Soumis",
        "workflow_draft": "En préparation",
        "certified_by": "Jane Wanjiru, directrice des affaires juridiques",
        "s1": "Cadre législatif",
        "s2": "Coopération internationale",
        "s3": "Renforcement des capacités et assistance technique",
        "s4": "Collecte et analyse des données",
        "q_leg_art5": "Le droit interne incrimine-t-il la participation à un groupe criminel "
        "organisé impliqué dans des infractions portant atteinte à l'environnement ?",
        "h_leg_art5": "Citez les dispositions et résumez leur portée.",
        "a_leg_art5": "Oui. L'article 3 de la loi sur la prévention de la criminalité organisée "
        "érige la participation en infraction, et la loi sur la faune sauvage qualifie le "
        "trafic d'espèces protégées d'infraction grave.\nLes deux lois s'appliquent aux actes "
        "commis à l'étranger par des ressortissants.",
        "q_leg_laws": "Énumérez les lois qui définissent les infractions environnementales.",
        "a_leg_law1": "Loi de 2013 sur la conservation et la gestion de la faune",
        "a_leg_law2": "Loi de 2016 sur la conservation et la gestion des forêts",
        "a_leg_law3": "Loi de 1999 sur la gestion et la coordination de l'environnement",
        "q_leg_pen": "Peines maximales encourues pour les principales infractions",
        "c_offence": "Infraction",
        "c_penalty": "Peine maximale",
        "c_law": "Loi",
        "r_pen1": "Trafic d'espèces menacées",
        "r_pen1b": "Réclusion à perpétuité",
        "r_pen2": "Exploitation forestière illégale",
        "r_pen2b": "Dix ans",
        "q_coop_mla": "Décrivez comment l'entraide judiciaire est accordée dans les affaires "
        "environnementales.",
        "a_coop_mla": "Le bureau du procureur général est l'autorité centrale ; les demandes "
        "reçoivent une réponse en quatre-vingt-dix jours en moyenne.",
        "q_coop_stats": "Demandes d'entraide judiciaire par année",
        "c_year": "Année",
        "c_sent": "Demandes envoyées",
        "c_received": "Demandes reçues",
        "q_coop_treaty": "Quels traités bilatéraux couvrent la criminalité environnementale ?",
        "q_cap_training": "Formations dispensées aux enquêteurs et aux procureurs",
        "a_cap_t1": "Cours d'enquête financière pour les agents de la faune",
        "a_cap_t2": "Atelier régional sur le trafic de bois",
        "q_cap_needs": "Besoins d'assistance technique non couverts ailleurs",
        "q_cap_other": "Autres mesures de renforcement des capacités",
        "q_data_notes": "Expliquez comment les données sur la criminalité environnementale "
        "sont collectées.",
        "a_data_notes": "L'office national de la statistique compile chaque trimestre les "
        "registres de la police et des tribunaux.",
        "h_data_notes": "Mentionnez les organismes concernés.",
    },
    "es": {
        "state": "Kenya",
        "cycle": "Ciclo de presentación de informes de 2026",
        "title": "Cuestionario de autoevaluación sobre la resolución 12/4",
        "workflow_submitted": "Presentado",
        "workflow_draft": "En preparación",
        "certified_by": "Jane Wanjiru, Directora de Asuntos Jurídicos",
        "s1": "Marco legislativo",
        "s2": "Cooperación internacional",
        "s3": "Creación de capacidad y asistencia técnica",
        "s4": "Reunión y análisis de datos",
        "q_leg_art5": "¿Tipifica el derecho interno la participación en un grupo delictivo "
        "organizado que comete delitos que afectan al medio ambiente?",
        "h_leg_art5": "Cite las disposiciones y resuma su alcance.",
        "a_leg_art5": "Sí. El artículo 3 de la Ley de Prevención de la Delincuencia Organizada "
        "tipifica la participación, y la Ley de Fauna Silvestre considera delito grave el "
        "tráfico de especies protegidas.\nAmbas leyes se aplican a los actos cometidos en el "
        "extranjero por nacionales.",
        "q_leg_laws": "Enumere las leyes que definen los delitos ambientales.",
        "a_leg_law1": "Ley de Conservación y Gestión de la Fauna Silvestre de 2013",
        "a_leg_law2": "Ley de Conservación y Gestión Forestal de 2016",
        "a_leg_law3": "Ley de Gestión y Coordinación Ambiental de 1999",
        "q_leg_pen": "Penas máximas de los principales delitos",
        "c_offence": "Delito",
        "c_penalty": "Pena máxima",
        "c_law": "Ley",
        "r_pen1": "Tráfico de especies amenazadas",
        "r_pen1b": "Cadena perpetua",
        "r_pen2": "Tala ilegal",
        "r_pen2b": "Diez años",
        "q_coop_mla": "Describa cómo se presta asistencia judicial recíproca en causas "
        "ambientales.",
        "a_coop_mla": "La Fiscalía General es la autoridad central; las solicitudes se "
        "responden en noventa días como promedio.",
        "q_coop_stats": "Solicitudes de asistencia judicial recíproca por año",
        "c_year": "Año",
        "c_sent": "Solicitudes enviadas",
        "c_received": "Solicitudes recibidas",
        "q_coop_treaty": "¿Qué tratados bilaterales abarcan los delitos ambientales?",
        "q_cap_training": "Capacitación impartida a investigadores y fiscales",
        "a_cap_t1": "Curso de investigación financiera para guardas de fauna",
        "a_cap_t2": "Taller regional sobre tráfico de madera",
        "q_cap_needs": "Necesidades de asistencia técnica no tratadas en otras secciones",
        "q_cap_other": "Otras medidas de creación de capacidad",
        "q_data_notes": "Explique cómo se reúnen los datos sobre delitos ambientales.",
        "a_data_notes": "La oficina nacional de estadística recopila cada trimestre los "
        "registros policiales y judiciales.",
        "h_data_notes": "Indique los organismos que intervienen.",
    },
    "ru": {
        "state": "Кения",
        "cycle": "Отчетный цикл 2026 года",
        "title": "Вопросник для самооценки по резолюции 12/4",
        "workflow_submitted": "Представлен",
        "workflow_draft": "В подготовке",
        "certified_by": "Джейн Ванджиру, директор по правовым вопросам",
        "s1": "Законодательная база",
        "s2": "Международное сотрудничество",
        "s3": "Укрепление потенциала и техническая помощь",
        "s4": "Сбор и анализ данных",
        "q_leg_art5": "Предусматривает ли внутреннее право уголовную ответственность за участие "
        "в организованной преступной группе, совершающей экологические преступления?",
        "h_leg_art5": "Укажите положения и кратко опишите сферу их применения.",
        "a_leg_art5": "Да. Статья 3 Закона о предупреждении организованной преступности "
        "устанавливает ответственность за участие, а Закон о диких животных относит "
        "торговлю охраняемыми видами к тяжким преступлениям.\nОба закона применяются к "
        "деяниям граждан за рубежом.",
        "q_leg_laws": "Перечислите законы, определяющие экологические преступления.",
        "a_leg_law1": "Закон о сохранении диких животных и управлении ими 2013 года",
        "a_leg_law2": "Закон о сохранении лесов и управлении ими 2016 года",
        "a_leg_law3": "Закон о рациональном природопользовании 1999 года",
        "q_leg_pen": "Максимальные наказания за основные преступления",
        "c_offence": "Преступление",
        "c_penalty": "Максимальное наказание",
        "c_law": "Закон",
        "r_pen1": "Торговля исчезающими видами",
        "r_pen1b": "Пожизненное лишение свободы",
        "r_pen2": "Незаконная рубка леса",
        "r_pen2b": "Десять лет",
        "q_coop_mla": "Опишите порядок оказания взаимной правовой помощи по экологическим делам.",
        "a_coop_mla": "Центральным органом является Генеральная прокуратура; ответ на запрос "
        "дается в среднем за девяносто дней.",
        "q_coop_stats": "Запросы о взаимной правовой помощи по годам",
        "c_year": "Год",
        "c_sent": "Направлено запросов",
        "c_received": "Получено запросов",
        "q_coop_treaty": "Какие двусторонние договоры охватывают экологические преступления?",
        "q_cap_training": "Обучение следователей и прокуроров",
        "a_cap_t1": "Курс финансовых расследований для сотрудников охраны дикой природы",
        "a_cap_t2": "Региональный семинар по незаконной торговле древесиной",
        "q_cap_needs": "Потребности в технической помощи, не охваченные другими разделами",
        "q_cap_other": "Другие меры по укреплению потенциала",
        "q_data_notes": "Объясните, как собираются данные об экологических преступлениях.",
        "a_data_notes": "Национальное статистическое управление ежеквартально обобщает данные "
        "полиции и судов.",
        "h_data_notes": "Укажите участвующие ведомства.",
    },
    "ar": {
        "state": "كينيا",
        "cycle": "دورة الإبلاغ لعام 2026",
        "title": "استبيان التقييم الذاتي بشأن القرار 12/4",
        "workflow_submitted": "مُقدَّم",
        "workflow_draft": "قيد الإعداد",
        "certified_by": "جين وانجيرو، مديرة الشؤون القانونية",
        "s1": "الإطار التشريعي",
        "s2": "التعاون الدولي",
        "s3": "بناء القدرات والمساعدة التقنية",
        "s4": "جمع البيانات وتحليلها",
        "q_leg_art5": "هل يجرّم القانون الداخلي المشاركة في جماعة إجرامية منظمة ضالعة في "
        "جرائم تمس البيئة؟",
        "h_leg_art5": "اذكر الأحكام ولخّص نطاقها.",
        "a_leg_art5": "نعم. تجرّم المادة 3 من قانون منع الجريمة المنظمة المشاركة، ويعدّ قانون "
        "الحياة البرية الاتجار بالأنواع المحمية جريمة خطيرة.\nويسري القانونان على الأفعال "
        "التي يرتكبها المواطنون في الخارج.",
        "q_leg_laws": "اذكر القوانين التي تحدد الجرائم البيئية.",
        "a_leg_law1": "قانون حفظ الحياة البرية وإدارتها لعام 2013",
        "a_leg_law2": "قانون حفظ الغابات وإدارتها لعام 2016",
        "a_leg_law3": "قانون الإدارة والتنسيق البيئيين لعام 1999",
        "q_leg_pen": "العقوبات القصوى على الجرائم الرئيسية",
        "c_offence": "الجريمة",
        "c_penalty": "العقوبة القصوى",
        "c_law": "القانون",
        "r_pen1": "الاتجار بالأنواع المهددة بالانقراض",
        "r_pen1b": "السجن المؤبد",
        "r_pen2": "قطع الأشجار غير المشروع",
        "r_pen2b": "عشر سنوات",
        "q_coop_mla": "صف كيفية تقديم المساعدة القانونية المتبادلة في القضايا البيئية.",
        "a_coop_mla": "مكتب النائب العام هو السلطة المركزية، ويُرد على الطلبات في غضون تسعين "
        "يوما في المتوسط.",
        "q_coop_stats": "طلبات المساعدة القانونية المتبادلة حسب السنة",
        "c_year": "السنة",
        "c_sent": "الطلبات المرسلة",
        "c_received": "الطلبات الواردة",
        "q_coop_treaty": "ما المعاهدات الثنائية التي تشمل الجرائم البيئية؟",
        "q_cap_training": "التدريب المقدم إلى المحققين وأعضاء النيابة العامة",
        "a_cap_t1": "دورة في التحقيقات المالية لموظفي الحياة البرية",
        "a_cap_t2": "حلقة عمل إقليمية بشأن الاتجار بالأخشاب",
        "q_cap_needs": "احتياجات المساعدة التقنية غير المشمولة في أقسام أخرى",
        "q_cap_other": "تدابير أخرى لبناء القدرات",
        "q_data_notes": "اشرح كيفية جمع البيانات عن الجرائم البيئية.",
        "a_data_notes": "يجمع مكتب الإحصاء الوطني سجلات الشرطة والمحاكم كل ثلاثة أشهر.",
        "h_data_notes": "اذكر الجهات المعنية.",
    },
    "zh": {
        "state": "肯尼亚",
        "cycle": "2026年报告周期",
        "title": "关于第12/4号决议的自评调查表",
        "workflow_submitted": "已提交",
        "workflow_draft": "编写中",
        "certified_by": "简·万吉鲁，法律事务司司长",
        "s1": "立法框架",
        "s2": "国际合作",
        "s3": "能力建设和技术援助",
        "s4": "数据收集和分析",
        "q_leg_art5": "国内法是否将参加从事影响环境的犯罪的有组织犯罪集团的行为定为刑事犯罪？",
        "h_leg_art5": "请引用相关条款并概述其适用范围。",
        "a_leg_art5": "是。《预防有组织犯罪法》第3条将参加行为定为犯罪，《野生动物法》将贩运"
        "受保护物种列为严重犯罪。\n两部法律均适用于本国国民在国外实施的行为。",
        "q_leg_laws": "请列出界定环境犯罪的法律。",
        "a_leg_law1": "2013年《野生动物保护和管理法》",
        "a_leg_law2": "2016年《森林保护和管理法》",
        "a_leg_law3": "1999年《环境管理和协调法》",
        "q_leg_pen": "主要犯罪的最高刑罚",
        "c_offence": "犯罪",
        "c_penalty": "最高刑罚",
        "c_law": "法律",
        "r_pen1": "贩运濒危物种",
        "r_pen1b": "无期徒刑",
        "r_pen2": "非法采伐",
        "r_pen2b": "十年",
        "q_coop_mla": "请说明在环境案件中如何提供司法协助。",
        "a_coop_mla": "总检察长办公室是中央机关；请求平均在九十天内得到答复。",
        "q_coop_stats": "按年份分列的司法协助请求",
        "c_year": "年份",
        "c_sent": "发出的请求",
        "c_received": "收到的请求",
        "q_coop_treaty": "哪些双边条约涵盖环境犯罪？",
        "q_cap_training": "为调查人员和检察官提供的培训",
        "a_cap_t1": "野生动物执法人员金融调查课程",
        "a_cap_t2": "木材贩运问题区域讲习班",
        "q_cap_needs": "其他部分未涉及的技术援助需求",
        "q_cap_other": "其他能力建设措施",
        "q_data_notes": "请说明如何收集环境犯罪数据。",
        "a_data_notes": "国家统计局每季度汇编警方和法院的记录。",
        "h_data_notes": "请提及所涉机构。",
    },
}

LANGS = ("ar", "zh", "en", "es", "fr", "ru")


def _question(
    key: str,
    label: str,
    display: dict[str, Any],
    *,
    status: str = "answered",
    help_text: str = "",
    paragraphs: tuple[int, ...] = (1,),
    articles: tuple[str, ...] = (),
) -> dict[str, Any]:
    return {
        "key": key,
        "label": label,
        "help": help_text,
        "paragraphs": list(paragraphs),
        "articles": list(articles),
        "status": status,
        "display": display,
    }


def _statistics_rows(years: range) -> list[list[str]]:
    return [[str(year), str(4 + year % 7), str(9 + year % 5)] for year in years]


def sample_submission(lang: str, draft: bool = False, hostile: bool = False) -> dict[str, Any]:
    """A complete submission dict for ``lang``.

    ``draft`` gives a working copy (no snapshot, no certification); ``hostile`` puts markup,
    CSS and file/http references into answers, labels and table cells.
    """
    t = TEXT[lang]
    art5_answer = t["a_leg_art5"]
    law_items = [t["a_leg_law1"], t["a_leg_law2"], t["a_leg_law3"]]
    penalty_rows = [
        [t["r_pen1"], t["r_pen1b"], t["a_leg_law1"]],
        [t["r_pen2"], t["r_pen2b"], t["a_leg_law2"]],
    ]
    notes_label = t["q_data_notes"]
    if hostile:
        art5_answer = art5_answer + "\n" + "\n".join(HOSTILE_ANSWERS)
        law_items = law_items + list(HOSTILE_ANSWERS[:3])
        penalty_rows = [*penalty_rows, [HOSTILE_ANSWERS[3], HOSTILE_ANSWERS[4], HOSTILE_ANSWERS[5]]]
        notes_label = notes_label + " " + HOSTILE_ANSWERS[6]

    sections = [
        {
            "key": "op1_legislation",
            "title": t["s1"],
            "paragraphs": [1],
            "articles": ["5", "6"],
            "questions": [
                _question(
                    "op1.leg.art5",
                    t["q_leg_art5"],
                    {"kind": "text", "text": art5_answer},
                    help_text=t["h_leg_art5"],
                    articles=("5",),
                ),
                _question(
                    "op1.leg.laws",
                    t["q_leg_laws"],
                    {"kind": "list", "items": law_items},
                    articles=("5", "6"),
                ),
                _question(
                    "op1.leg.penalties",
                    t["q_leg_pen"],
                    {
                        "kind": "table",
                        "columns": [t["c_offence"], t["c_penalty"], t["c_law"]],
                        "rows": penalty_rows,
                    },
                    articles=("2",),
                ),
            ],
        },
        {
            "key": "op2_cooperation",
            "title": t["s2"],
            "paragraphs": [2, 3],
            "articles": ["16", "18"],
            "questions": [
                _question(
                    "op2.coop.mla",
                    t["q_coop_mla"],
                    {"kind": "text", "text": t["a_coop_mla"]},
                    paragraphs=(2,),
                    articles=("18",),
                ),
                _question(
                    "op2.coop.stats",
                    t["q_coop_stats"],
                    {
                        "kind": "table",
                        "columns": [t["c_year"], t["c_sent"], t["c_received"]],
                        "rows": _statistics_rows(range(2021, 2026)),
                    },
                    paragraphs=(2,),
                ),
                _question(
                    "op2.coop.treaties",
                    t["q_coop_treaty"],
                    {"kind": "empty"},
                    status="unanswered",
                    paragraphs=(3,),
                    articles=("16",),
                ),
            ],
        },
        {
            "key": "op5_capacity",
            "title": t["s3"],
            "paragraphs": [5],
            "articles": ["29", "30"],
            "questions": [
                _question(
                    "op5.cap.training",
                    t["q_cap_training"],
                    {"kind": "list", "items": [t["a_cap_t1"], t["a_cap_t2"]]},
                    paragraphs=(5,),
                    articles=("29",),
                ),
                _question(
                    "op5.cap.needs",
                    t["q_cap_needs"],
                    {"kind": "empty"},
                    status="not_applicable",
                    paragraphs=(5,),
                    articles=("30",),
                ),
                _question(
                    "op5.cap.other",
                    t["q_cap_other"],
                    {"kind": "empty"},
                    paragraphs=(5,),
                ),
            ],
        },
        {
            "key": "op7_data",
            "title": t["s4"],
            "paragraphs": [7],
            "articles": [],
            "questions": [
                _question(
                    "op7.data.notes",
                    notes_label,
                    {"kind": "text", "text": t["a_data_notes"]},
                    help_text=t["h_data_notes"],
                    paragraphs=(7,),
                ),
            ],
        },
    ]

    for section_number, section in enumerate(sections, start=1):
        section["number"] = section_number
        for question_number, question in enumerate(section["questions"], start=1):
            question["number"] = f"{section_number}.{question_number}"
    # The list of laws follows up the first question (questionnaire.numbering).
    first = sections[0]["questions"]
    first[1]["number"], first[2]["number"] = "1.1a", "1.2"

    return {
        "lang": lang,
        "dir": "rtl" if lang == "ar" else "ltr",
        "state": {"iso3": "KEN", "name": t["state"]},
        "cycle": {"name": t["cycle"], "deadline": date(2026, 6, 30)},
        "questionnaire": {"id": "res-12-4", "version": "1", "title": t["title"]},
        "workflow_state": "draft" if draft else "submitted",
        "workflow_state_label": t["workflow_draft"] if draft else t["workflow_submitted"],
        "is_draft": draft,
        "snapshot": None
        if draft
        else {
            "number": 2,
            "created_at": datetime(2026, 5, 14, 9, 30, tzinfo=UTC),
            "sha256": SHA256,
            "answers": dict(SNAPSHOT_ANSWERS),
        },
        "certified_by": None if draft else t["certified_by"],
        "generated_at": datetime(2026, 5, 14, 10, 0, tzinfo=UTC),
        "sections": sections,
    }


def expected_strings(data: dict[str, Any]) -> list[str]:
    """Labels and answers (from the data itself) that must be found in the PDF text."""
    found = [data["state"]["name"], data["cycle"]["name"]]
    for section in data["sections"]:
        found.append(section["title"])
        for question in section["questions"]:
            found.append(question["label"])
            display = question["display"]
            if question["status"] != "answered":
                continue
            if display["kind"] == "text":
                found.extend(line for line in display["text"].split("\n") if line)
            elif display["kind"] == "list":
                found.extend(display["items"])
            elif display["kind"] == "table":
                found.extend(display["columns"])
                found.extend(cell for row in display["rows"] for cell in row)
    return found
