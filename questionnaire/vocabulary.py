"""Fixed display vocabulary in the six UN languages.

Answer labels, table headers and penalty wording that the field types show in HTML and PDF.
Every key exists in every language (a test checks this).
"""

from __future__ import annotations

from questionnaire import DEFAULT_LANGUAGE, LANGUAGES

VOCABULARY: dict[str, dict[str, str]] = {
    "en": {
        "yes": "Yes",
        "partly": "Yes, in part",
        "no": "No",
        "not_applicable": "Not applicable",
        "not_known": "Not known",
        "in_force": "In force",
        "bill": "Bill",
        "title": "Title",
        "articles": "Articles",
        "year": "Year",
        "status": "Status",
        "link": "Link",
        "summary": "Summary",
        "court": "Court",
        "outcome": "Outcome",
        "state": "State",
        "answer": "Answer",
        "count": "Number",
        "minimum": "Minimum",
        "median": "Median",
        "maximum": "Maximum",
        "sum": "Total",
        "crime_type": "Crime type",
        "measure": "Measure",
        "penalty_kind": "Type of penalty",
        "term": "Term of imprisonment",
        "life": "Life imprisonment",
        "more_severe": "A penalty more severe than imprisonment",
        "no_custodial": "No custodial penalty",
        "years": "Years",
        "months": "Months",
        "fine": "Fine",
        "fine_only": "Fine",
        "penalty_up_to": "Up to {duration} imprisonment",
        "penalty_fine": "fine: {fine}",
        "penalty_join": "; ",
        "duration_join": " and ",
        "meets_threshold": "Meets the {years}-year threshold",
        "below_threshold": "Below the threshold",
        "max_years": "Maximum term (years)",
        "gap_in_place": "In place",
        "gap_partly": "Partly in place",
        "gap_gap": "Gap",
        "gap_no_answer": "No answer",
        "gap_not_applicable": "Not applicable",
        "gap_not_adopted": "Measure not (yet) adopted",
        "basis_obligation": "Obligation",
        "basis_optional": "Optional measure",
        "basis_encouraged": "Encouraged measure",
        "basis_good_practice": "Good practice",
        "file": "File",
    },
    "fr": {
        "yes": "Oui",
        "partly": "Oui, en partie",
        "no": "Non",
        "not_applicable": "Sans objet",
        "not_known": "Information non disponible",
        "in_force": "En vigueur",
        "bill": "Projet de loi",
        "title": "Titre",
        "articles": "Articles",
        "year": "Année",
        "status": "Statut",
        "link": "Lien",
        "summary": "Résumé",
        "court": "Juridiction",
        "outcome": "Issue",
        "state": "État",
        "answer": "Réponse",
        "count": "Nombre",
        "minimum": "Minimum",
        "median": "Médiane",
        "maximum": "Maximum",
        "sum": "Total",
        "crime_type": "Type d'infraction",
        "measure": "Indicateur",
        "penalty_kind": "Type de peine",
        "term": "Peine d'emprisonnement à durée déterminée",
        "life": "Réclusion à perpétuité",
        "more_severe": "Une peine plus lourde que l'emprisonnement",
        "no_custodial": "Aucune peine privative de liberté",
        "years": "Années",
        "months": "Mois",
        "fine": "Amende",
        "fine_only": "Amende",
        "penalty_up_to": "Jusqu'à {duration} d'emprisonnement",
        "penalty_fine": "amende\u00a0: {fine}",
        "penalty_join": "\u00a0; ",
        "duration_join": " et ",
        "meets_threshold": "Atteint le seuil de {years} ans",
        "below_threshold": "En deçà du seuil",
        "max_years": "Peine maximale (années)",
        "gap_in_place": "En place",
        "gap_partly": "Partiellement en place",
        "gap_gap": "Lacune",
        "gap_no_answer": "Pas de réponse",
        "gap_not_applicable": "Sans objet",
        "gap_not_adopted": "Mesure non (encore) adoptée",
        "basis_obligation": "Obligation",
        "basis_optional": "Mesure facultative",
        "basis_encouraged": "Mesure encouragée",
        "basis_good_practice": "Bonne pratique",
        "file": "Fichier",
    },
    "es": {
        "yes": "Sí",
        "partly": "Sí, en parte",
        "no": "No",
        "not_applicable": "No procede",
        "not_known": "Se desconoce",
        "in_force": "En vigor",
        "bill": "Proyecto de ley",
        "title": "Título",
        "articles": "Artículos",
        "year": "Año",
        "status": "Situación",
        "link": "Enlace",
        "summary": "Resumen",
        "court": "Tribunal",
        "outcome": "Resultado",
        "state": "Estado",
        "answer": "Respuesta",
        "count": "Número",
        "minimum": "Mínimo",
        "median": "Mediana",
        "maximum": "Máximo",
        "sum": "Total",
        "crime_type": "Tipo de delito",
        "measure": "Indicador",
        "penalty_kind": "Tipo de pena",
        "term": "Pena de prisión por tiempo determinado",
        "life": "Prisión perpetua",
        "more_severe": "Una pena más grave que la privación de libertad",
        "no_custodial": "Ninguna pena privativa de libertad",
        "years": "Años",
        "months": "Meses",
        "fine": "Multa",
        "fine_only": "Multa",
        "penalty_up_to": "Hasta {duration} de prisión",
        "penalty_fine": "multa: {fine}",
        "penalty_join": "; ",
        "duration_join": " y ",
        "meets_threshold": "Alcanza el umbral de {years} años",
        "below_threshold": "Por debajo del umbral",
        "max_years": "Pena máxima (años)",
        "gap_in_place": "Establecido",
        "gap_partly": "Establecido en parte",
        "gap_gap": "Laguna",
        "gap_no_answer": "Sin respuesta",
        "gap_not_applicable": "No procede",
        "gap_not_adopted": "Medida aún no adoptada",
        "basis_obligation": "Obligación",
        "basis_optional": "Medida facultativa",
        "basis_encouraged": "Medida alentada",
        "basis_good_practice": "Buena práctica",
        "file": "Archivo",
    },
    "ru": {
        "yes": "Да",
        "partly": "Да, частично",
        "no": "Нет",
        "not_applicable": "Неприменимо",
        "not_known": "Сведения отсутствуют",
        "in_force": "Действует",
        "bill": "Законопроект",
        "title": "Название",
        "articles": "Статьи",
        "year": "Год",
        "status": "Статус",
        "link": "Ссылка",
        "summary": "Краткое изложение",
        "court": "Суд",
        "outcome": "Результат",
        "state": "Государство",
        "answer": "Ответ",
        "count": "Число",
        "minimum": "Минимум",
        "median": "Медиана",
        "maximum": "Максимум",
        "sum": "Итого",
        "crime_type": "Вид преступления",
        "measure": "Показатель",
        "penalty_kind": "Вид наказания",
        "term": "Лишение свободы на определенный срок",
        "life": "Пожизненное лишение свободы",
        "more_severe": "Более строгое наказание, чем лишение свободы",
        "no_custodial": "Наказание в виде лишения свободы не предусмотрено",
        "years": "Годы",
        "months": "Месяцы",
        "fine": "Штраф",
        "fine_only": "Штраф",
        "penalty_up_to": "Лишение свободы на срок до {duration}",
        "penalty_fine": "штраф: {fine}",
        "penalty_join": "; ",
        "duration_join": " и ",
        "meets_threshold": "Соответствует пороговому сроку (не менее {years} лет)",
        "below_threshold": "Ниже порогового срока",
        "max_years": "Максимальный срок (лет)",
        "gap_in_place": "Меры приняты",
        "gap_partly": "Меры приняты частично",
        "gap_gap": "Пробел",
        "gap_no_answer": "Ответ отсутствует",
        "gap_not_applicable": "Неприменимо",
        "gap_not_adopted": "Мера (пока) не принята",
        "basis_obligation": "Обязательство",
        "basis_optional": "Факультативная мера",
        "basis_encouraged": "Рекомендуемая мера",
        "basis_good_practice": "Надлежащая практика",
        "file": "Файл",
    },
    "zh": {
        "yes": "是",
        "partly": "部分是",
        "no": "否",
        "not_applicable": "不适用",
        "not_known": "不详",
        "in_force": "现行有效",
        "bill": "法律草案",
        "title": "标题",
        "articles": "条款",
        "year": "年份",
        "status": "状态",
        "link": "链接",
        "summary": "摘要",
        "court": "法院",
        "outcome": "结果",
        "state": "国家",
        "answer": "答复",
        "count": "数目",
        "minimum": "最小值",
        "median": "中位数",
        "maximum": "最大值",
        "sum": "合计",
        "crime_type": "犯罪类型",
        "measure": "指标",
        "penalty_kind": "刑罚类型",
        "term": "有期徒刑",
        "life": "无期徒刑",
        "more_severe": "比监禁更重的刑罚",
        "no_custodial": "无监禁刑",
        "years": "年",
        "months": "月",
        "fine": "罚金",
        "fine_only": "罚金",
        "penalty_up_to": "最高可处{duration}监禁",
        "penalty_fine": "罚金：{fine}",
        "penalty_join": "；",
        "duration_join": "",
        "meets_threshold": "达到{years}年门槛",
        "below_threshold": "低于门槛",
        "max_years": "最高刑期（年）",
        "gap_in_place": "已落实",
        "gap_partly": "部分落实",
        "gap_gap": "差距",
        "gap_no_answer": "未答复",
        "gap_not_applicable": "不适用",
        "gap_not_adopted": "（尚）未采取的措施",
        "basis_obligation": "义务",
        "basis_optional": "任择性措施",
        "basis_encouraged": "受鼓励的措施",
        "basis_good_practice": "良好做法",
        "file": "文件",
    },
    "ar": {
        "yes": "نعم",
        "partly": "نعم، جزئيًا",
        "no": "لا",
        "not_applicable": "لا ينطبق",
        "not_known": "غير معروف",
        "in_force": "نافذ",
        "bill": "مشروع قانون",
        "title": "العنوان",
        "articles": "المواد",
        "year": "السنة",
        "status": "الحالة",
        "link": "الرابط",
        "summary": "الملخص",
        "court": "المحكمة",
        "outcome": "النتيجة",
        "state": "الدولة",
        "answer": "الإجابة",
        "count": "العدد",
        "minimum": "الحد الأدنى",
        "median": "الوسيط",
        "maximum": "الحد الأقصى",
        "sum": "المجموع",
        "crime_type": "نوع الجريمة",
        "measure": "المؤشر",
        "penalty_kind": "نوع العقوبة",
        "term": "السجن لمدة محددة",
        "life": "السجن المؤبد",
        "more_severe": "عقوبة أشد من الحرمان من الحرية",
        "no_custodial": "لا عقوبة سالبة للحرية",
        "years": "السنوات",
        "months": "الأشهر",
        "fine": "الغرامة",
        "fine_only": "الغرامة",
        "penalty_up_to": "السجن مدة أقصاها {duration}",
        "penalty_fine": "الغرامة: {fine}",
        "penalty_join": "؛ ",
        "duration_join": " و",
        "meets_threshold": "يبلغ عتبة {years} سنوات",
        "below_threshold": "دون العتبة",
        "max_years": "أقصى مدة (بالسنوات)",
        "gap_in_place": "قائم",
        "gap_partly": "قائم جزئيًا",
        "gap_gap": "ثغرة",
        "gap_no_answer": "لا توجد إجابة",
        "gap_not_applicable": "لا ينطبق",
        "gap_not_adopted": "تدبير لم يُعتمد (بعد)",
        "basis_obligation": "التزام",
        "basis_optional": "تدبير اختياري",
        "basis_encouraged": "تدبير يُشجَّع عليه",
        "basis_good_practice": "ممارسة جيدة",
        "file": "الملف",
    },
}

# Units of a prison term, by plural category (see `plural_category`). Russian uses the genitive
# because the phrase is "до N ...".
_UNITS: dict[str, dict[str, dict[str, str]]] = {
    "en": {"year": {"one": "{n} year", "other": "{n} years"},
           "month": {"one": "{n} month", "other": "{n} months"}},
    "fr": {"year": {"one": "{n} an", "other": "{n} ans"},
           "month": {"one": "{n} mois", "other": "{n} mois"}},
    "es": {"year": {"one": "{n} año", "other": "{n} años"},
           "month": {"one": "{n} mes", "other": "{n} meses"}},
    "ru": {"year": {"one": "{n} года", "other": "{n} лет"},
           "month": {"one": "{n} месяца", "other": "{n} месяцев"}},
    "zh": {"year": {"other": "{n}年"}, "month": {"other": "{n}个月"}},
    "ar": {"year": {"one": "سنة واحدة", "two": "سنتان", "few": "{n} سنوات", "other": "{n} سنة"},
           "month": {"one": "شهر واحد", "two": "شهران", "few": "{n} أشهر",
                     "other": "{n} شهراً"}},
}


def plural_category(lang: str, n: int) -> str:
    """The plural form a unit takes after `n` in `lang` ("one", "two", "few" or "other")."""
    if lang == "zh":
        return "other"
    if lang == "fr":
        return "one" if n in (0, 1) else "other"
    if lang == "ru":
        # After "до" the genitive singular follows 1, 21, 31...; everything else is plural.
        return "one" if n % 10 == 1 and n % 100 != 11 else "other"
    if lang == "ar":
        if n == 1:
            return "one"
        if n == 2:
            return "two"
        if 3 <= n % 100 <= 10:
            return "few"
        return "other"
    return "one" if n == 1 else "other"


def term(lang: str, key: str) -> str:
    """The vocabulary entry `key` in `lang`, falling back to English."""
    table = VOCABULARY.get(lang) or VOCABULARY[DEFAULT_LANGUAGE]
    return table[key] if key in table else VOCABULARY[DEFAULT_LANGUAGE][key]


def duration(lang: str, years: int, months: int, possessive: bool = True) -> str:
    """A prison term in words, e.g. "5 years and 6 months'" (English possessive)."""
    lang = lang if lang in _UNITS else DEFAULT_LANGUAGE
    units = _UNITS[lang]
    parts = []
    for unit, n in (("year", years), ("month", months)):
        if n:
            forms = units[unit]
            form = forms.get(plural_category(lang, n)) or forms["other"]
            parts.append(form.format(n=n))
    text = term(lang, "duration_join").join(parts)
    if lang == "en" and possessive:
        # English possessive: "1 year's", "5 years'".
        text += "'" if text.endswith("s") else "'s"
    return text


def penalty_text(lang: str, kind: str, years: int = 0, months: int = 0, fine: str = "") -> str:
    """A maximum penalty in words in `lang`."""
    if kind in ("life", "more_severe"):
        main = term(lang, kind)
    elif kind == "term":
        main = term(lang, "penalty_up_to").format(duration=duration(lang, years, months))
    else:
        main = term(lang, "no_custodial")
    if fine:
        return main + term(lang, "penalty_join") + term(lang, "penalty_fine").format(fine=fine)
    return main


__all__ = ["LANGUAGES", "VOCABULARY", "duration", "penalty_text", "plural_category", "term"]
